"""The case-study report: one builder for the PDF and its on-screen preview.

``build(dialogue, lang)`` gathers the cover facts, the partner's narrative (as the document's
language shows it: a reviewed or draft translation, else the original marked with its
language) and each phase's sections (``Phase.report``), ordered by position. The PDF
(``templates/pdf/case_study.html``) and the preview page (``templates/casestudy/preview.html``)
print the same ``Part`` HTML, so they cannot say different things.

The report leaves the dialogue: people appear only as the privacy rules allow outside it
(names with consent to be named, pseudonyms for people at risk, never contact details); each
phase's report function applies ``Stakeholder.shown_as(False)``.
"""
from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from flask_babel import format_date

from ..content import ContentIndex, LocalText
from ..i18n import _, _l, country_name, force_locale, is_rtl
from ..models import Dialogue, utcnow
from ..pdf import render_part
from ..registry import Part, get_registry
from .models import CaseStudy
from .services import case_study_of

#: the narrative parts: (field, heading, position)
NARRATIVE_PARTS = (
    ("summary", _l("Summary"), 10),
    ("context", _l("Context and challenge"), 20),
    ("partner", _l("The convening partner"), 30),
    ("reflections", _l("Reflections"), 90),
    ("next_steps", _l("Next steps"), 100),
)


T = TypeVar("T")

#: records loaded during one ``build`` (see ``shared``); None outside a build
_loaded: ContextVar[dict | None] = ContextVar("case_study_loaded", default=None)


def shared(key: str, dialogue: Dialogue, load: Callable[[], T]) -> T:
    """``load()`` once per ``build`` and dialogue: the phases' sections and the cover's dates
    read the same records (the register, the meetings, the commitments, the translations), so
    each phase's report asks through here; outside a build, ``load()`` every time. The value is
    shared: read it, never change it."""
    cache = _loaded.get()
    if cache is None:
        return load()
    slot = (key, dialogue.id)
    if slot not in cache:
        cache[slot] = load()
    return cache[slot]


def content_index(dialogue: Dialogue) -> ContentIndex:
    """The dialogue's translations, loaded once per build."""
    return shared("content", dialogue, lambda: ContentIndex.for_dialogue(dialogue))


@dataclass
class Report:
    dialogue: Dialogue
    lang: str
    title: LocalText
    country: str
    period: str
    prepared: str
    status: str
    parts: list[Part] = field(default_factory=list)
    #: languages of the partner's texts printed in their original (not in ``lang``)
    untranslated: set[str] = field(default_factory=set)

    @property
    def dir(self) -> str:
        return "rtl" if is_rtl(self.lang) else "ltr"


def dialogue_dates(dialogue: Dialogue) -> list[date]:
    """Every day the phases know of (meetings, updates), for the period on the cover."""
    days: list[date] = []
    for phase in get_registry().phases:
        dates = phase.extra.get("dates")
        if dates is not None:
            days.extend(dates(dialogue))
    return days


def period_of(dialogue: Dialogue, lang: str) -> str:
    days = dialogue_dates(dialogue)
    first = min(days) if days else dialogue.created_at.date()
    last = max(days) if days else first
    if first == last:
        return format_date(first, "long")
    return _("%(start)s to %(end)s", start=format_date(first, "long"), end=format_date(last, "long"))


def _narrative_part(key: str, title, position: int, text: LocalText | None, lang: str, extra: dict) -> Part:
    html = render_part("pdf/case_study/_narrative.html", lang=lang,
                       context={"key": key, "text": text, **extra})
    return Part(key=key, title=str(title), html=html, position=position)


def build(dialogue: Dialogue, lang: str, *, screen: bool = False, case_study: CaseStudy | None = None) -> Report:
    """The report in ``lang``; ``screen`` lays out the same content for a page (no inline
    styles, which the pages' Content-Security-Policy forbids) instead of paper."""
    token = _loaded.set({})
    try:
        return _build(dialogue, lang, screen=screen, case_study=case_study)
    finally:
        _loaded.reset(token)


def _build(dialogue: Dialogue, lang: str, *, screen: bool, case_study: CaseStudy | None) -> Report:
    with force_locale(lang):
        index = content_index(dialogue)
        record = case_study if case_study is not None else case_study_of(dialogue)
        report = Report(
            dialogue=dialogue, lang=lang, title=index.localized(dialogue, "title", lang),
            country=country_name(dialogue.country, lang), period=period_of(dialogue, lang),
            prepared=format_date(utcnow().date(), "long"), status=record.status if record else "draft",
        )
        for key, title, position in NARRATIVE_PARTS:
            text = index.localized(record, key, lang) if record is not None else None
            extra = {}
            if key == "context":
                extra["challenge"] = index.localized(dialogue, "challenge", lang)
            elif key == "partner":
                extra.update(dialogue=dialogue, country_name=report.country,
                             members=len(dialogue.memberships))
            report.parts.append(_narrative_part(key, title, position, text, lang, extra))
            if text is not None and text.text.strip() and text.foreign:
                report.untranslated.add(text.lang)
        for phase in get_registry().phases:
            if phase.report is not None:
                report.parts.extend(phase.report(dialogue, lang, screen=screen))
        report.parts.sort(key=lambda part: part.position)
    return report


def section_keys(dialogue: Dialogue | None = None) -> list[str]:
    """The keys of the report's sections (what a reviewer's comment may be about), in the
    report's order: the narrative's and those each phase declares beside its ``report``
    (``registry.report_sections``). Nothing is built or loaded; every dialogue's report has
    the same sections (an empty one says so), so ``dialogue`` is not needed."""
    positions: dict[str, Any] = {key: position for key, _title, position in NARRATIVE_PARTS}
    for phase in get_registry().phases:
        positions.update(phase.report_keys)
    return sorted(positions, key=positions.__getitem__)
