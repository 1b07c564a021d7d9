"""What the phases tell the core about themselves.

The core never imports a phase. The app factory registers each phase's ``PHASE`` here;
the dialogue home, the documents list, the case-study report and the dialogue package ask
this registry, so a phase is added or changed in its own folder.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, current_app


@dataclass(frozen=True)
class Step:
    """One step of a phase; ``is_done(dialogue)`` answers from the data."""

    key: str
    title: Any  # a lazy string
    is_done: Callable[[Any], bool]
    #: where to do it: an endpoint taking ``dialogue_uuid``
    endpoint: str | None = None


@dataclass(frozen=True)
class Document:
    """A printable document of a phase, rendered by ``render(dialogue, lang, **options) -> (bytes, filename)``."""

    kind: str
    title: Any
    render: Callable[..., tuple[bytes, str]]
    needs_dialogue: bool = True
    #: anyone may download it without an account (it must then not need a dialogue)
    public: bool = False
    #: it shows people as they are (names, contacts): only the dialogue's members may have it
    members_only: bool = False
    #: query parameters the download passes on to ``render`` as keyword arguments (e.g.
    #: ``meeting``); ``render`` raises KeyError for a value it does not know (404)
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackageSection:
    """A phase's part of the dialogue package (``dialogue/package.py`` explains the contract).

    ``name`` is the section's top-level key in the package; ``schema`` the JSON Schema of its
    value (it may ``$ref`` the core's ``#/$defs/uuid``, ``timestamp``, ``language``, ``text``);
    ``export(dialogue)`` returns that value; ``import_(dialogue, value, actor)`` applies it and
    returns what changed (short, non-personal labels; empty when nothing did); ``check(value,
    package)`` returns semantic problems as ``[(json_path, message)]`` before anything is written.
    """

    name: str
    schema: dict[str, Any]
    export: Callable[[Any], Any]
    import_: Callable[[Any, Any, Any], list[str]]
    check: Callable[[Any, dict[str, Any]], list[tuple[str, str]]] | None = None
    #: a package without this section is refused (leave False so older packages still import)
    required: bool = False
    #: the value for someone outside the dialogue (a coordinator): people as the privacy rules
    #: allow. Needed by every section that holds people; others export the same to everyone.
    export_outside: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Part:
    """A finished piece of a composed document (the case study, the toolkit): ``html`` is
    Markup rendered by the phase from its own partial template, ``title`` the heading the core
    prints above it and lists in the contents. ``position`` orders the case study's sections
    (the core's own: summary 10, context 20, partner 30, reflections 90, next steps 100)."""

    key: str
    title: Any
    html: Any
    position: int = 50


def report_sections(**positions: int) -> Callable[[Callable[..., list[Part]]], Callable[..., list[Part]]]:
    """Declare the sections a phase's ``report`` function returns: ``key=position`` in the
    order they come. The report's parts take their key and position from here (``section``),
    and the core knows the keys without building the report (a reviewer's comment names one)."""
    def declare(report: Callable[..., list[Part]]) -> Callable[..., list[Part]]:
        report.sections = dict(positions)  # type: ignore[attr-defined]
        return report
    return declare


def section(report: Callable[..., list[Part]], key: str, title: Any, html: Any) -> Part:
    """One of the parts ``report`` declared with ``@report_sections`` (a key it did not
    declare is a KeyError)."""
    return Part(key=key, title=title, html=html, position=report.sections[key])  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Phase:
    key: str  # the stable code stored in ``Dialogue.phase``
    number: int
    title: Any
    purpose: Any
    produces: tuple[Any, ...] = ()
    steps: tuple[Step, ...] = ()
    documents: tuple[Document, ...] = ()
    blueprint: Blueprint | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: this phase's section of the dialogue package, if it has data of its own
    package: PackageSection | None = None
    #: further sections, in order, when the phase keeps several kinds of records
    more_packages: tuple[PackageSection, ...] = ()
    #: the case-study report's sections from this phase: ``report(dialogue, lang, *, screen=False) -> [Part]``
    #: (``screen``: laid out for the preview page, no inline styles; the same content),
    #: people shown as the privacy rules allow outside the dialogue (the report leaves it);
    #: the function declares its sections' keys and positions with ``@report_sections``
    report: Callable[..., list[Part]] | None = None
    #: the toolkit's chapter on this phase: a partial template under ``templates/pdf/``,
    #: rendered with ``dialogue`` (None in the general edition) and ``phase``
    toolkit_chapter: str | None = None
    #: the toolkit's annexes from this phase: ``toolkit_annexes(dialogue_or_None, lang) -> [Part]``;
    #: blank forms in the general edition, the dialogue's own in its edition
    toolkit_annexes: Callable[[Any, str], list[Part]] | None = None

    @property
    def package_sections(self) -> tuple[PackageSection, ...]:
        return ((self.package,) if self.package is not None else ()) + tuple(self.more_packages)

    @property
    def report_keys(self) -> dict[str, int]:
        """The keys of this phase's report sections with their positions, as ``report``
        declares them (``@report_sections``): known without building the report."""
        return dict(getattr(self.report, "sections", {})) if self.report is not None else {}


class Registry:
    def __init__(self):
        self.phases: list[Phase] = []
        self.documents: dict[str, Document] = {}
        #: models whose texts can be translated (dialogue.content.TextSource)
        self.text_sources: list[Any] = []
        #: package sections of the core that come after every phase's (translations)
        self.closing_sections: list[PackageSection] = []

    def add_phase(self, phase: Phase) -> None:
        if any(p.key == phase.key for p in self.phases):
            raise ValueError(f"phase {phase.key} registered twice")
        self.phases.append(phase)
        self.phases.sort(key=lambda p: p.number)
        for document in phase.documents:
            self.add_document(document)
        for source in phase.extra.get("text_sources", ()):
            self.add_text_source(source)

    def add_text_source(self, source) -> None:
        if any(s.content_type == source.content_type for s in self.text_sources):
            raise ValueError(f"text source {source.content_type} registered twice")
        self.text_sources.append(source)

    def add_document(self, document: Document) -> None:
        if document.kind in self.documents:
            raise ValueError(f"document {document.kind} registered twice")
        self.documents[document.kind] = document

    def phase(self, key: str) -> Phase | None:
        return next((p for p in self.phases if p.key == key), None)


def get_registry() -> Registry:
    return current_app.extensions["dialogue.registry"]


@dataclass
class StepState:
    step: Step
    done: bool


@dataclass
class PhaseState:
    phase: Phase
    status: str  # "done", "current" or "later"
    steps: list[StepState]


def per_request(key: str, dialogue, load: Callable[[], Any]) -> Any:
    """``load()`` once per request and dialogue (for step checks, which read the same records
    several times while a page shows the phases); outside a request, every time."""
    from flask import g, has_request_context

    if not has_request_context():
        return load()
    cache = g.setdefault("dialogue_step_cache", {})
    slot = (key, dialogue.id)
    if slot not in cache:
        cache[slot] = load()
    return cache[slot]


def progress(dialogue) -> tuple[list[PhaseState], StepState | None]:
    """Each phase with its steps done or not, and the one next step to take."""
    registry = get_registry()
    order = [p.key for p in registry.phases]
    current_index = order.index(dialogue.phase) if dialogue.phase in order else len(order)
    states = []
    next_step = None
    for index, phase in enumerate(registry.phases):
        status = "done" if index < current_index else "current" if index == current_index else "later"
        steps = [StepState(step, bool(step.is_done(dialogue))) for step in phase.steps]
        if status == "current" and next_step is None:
            next_step = next((s for s in steps if not s.done), None)
        states.append(PhaseState(phase, status, steps))
    return states, next_step


def people_at_risk(dialogue) -> int:
    """How many people marked at risk a dialogue records, summed over the phases that keep
    people (each may register ``extra["people_at_risk"](dialogue) -> int``)."""
    registry = get_registry()
    return sum(int(phase.extra["people_at_risk"](dialogue)) for phase in registry.phases
               if "people_at_risk" in phase.extra)


def meeting(dialogue) -> dict | None:
    """The meeting's date and venue once a later phase has them (an invitation letter asks):
    the first phase whose ``extra["meeting"](dialogue)`` answers a dict with ``starts_at``
    (an aware datetime or None), ``venue`` and ``timezone``."""
    for phase in get_registry().phases:
        hook = phase.extra.get("meeting")
        if hook is not None:
            details = hook(dialogue)
            if details:
                return details
    return None
