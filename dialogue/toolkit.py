"""The toolkit: the method as a printed guide, composed from the phases.

Cover and contents; "Your dialogue" (its edition only: title, partner, country, the common
challenge); about the toolkit; the call and the selection; each phase's chapter
(``Phase.toolkit_chapter``); "Lessons from the field" from approved case studies, grouped by
phase, naming countries and never people or organisations; and the annexes
(``Phase.toolkit_annexes``): blank worksheets and handouts in the general edition, the
dialogue's own map, agendas and sign-in sheets in its edition.

The general edition is public (the welcome page links it); a dialogue's edition is
downloaded from the dialogue like its other documents. Everything passes through
``render_pdf``, so the finished PDF is cached by the hash of its HTML: a new approved case
study or a change in the dialogue gives a new document, anything else comes from the cache.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .content import ContentIndex, LocalText
from .documents import _slug
from .extensions import db
from .i18n import _, _l, country_name
from .models import Dialogue
from .pdf import render_part, render_pdf
from .registry import Document, get_registry


@dataclass
class Chapter:
    key: str
    title: str
    html: object


@dataclass
class FieldLesson:
    country: str
    #: what the lesson answers, e.g. "What worked" (translated)
    question: str
    text: LocalText


@dataclass
class FieldLessons:
    phase: str
    title: str
    lessons: list[FieldLesson] = field(default_factory=list)


def approved_dialogues() -> list[Dialogue]:
    from .casestudy.models import CaseStudy

    return list(db.session.scalars(
        db.select(Dialogue).join(CaseStudy, CaseStudy.dialogue_id == Dialogue.id)
        .where(CaseStudy.status == "approved", Dialogue.deleted_at.is_(None)).order_by(Dialogue.country, Dialogue.id)
    ))


def field_lessons(lang: str) -> list[FieldLessons]:
    """The lessons learned of every approved case study, grouped by phase (a phase's
    ``extra["field_lessons"](dialogues, lang)`` gives ``[(phase_key, phase_title, dialogue,
    question, LocalText)]``)."""
    dialogues = approved_dialogues()
    if not dialogues:
        return []
    groups: dict[str, FieldLessons] = {}
    for phase in get_registry().phases:
        collect = phase.extra.get("field_lessons")
        if collect is None:
            continue
        for key, title, dialogue, question, text in collect(dialogues, lang):
            group = groups.setdefault(key, FieldLessons(key, str(title)))
            group.lessons.append(FieldLesson(country_name(dialogue.country, lang), str(question), text))
    return list(groups.values())


def chapters(dialogue: Dialogue | None, lang: str) -> list[Chapter]:
    registry = get_registry()
    context = {"dialogue": dialogue, "phase": None}
    result = []
    if dialogue is not None:
        index = ContentIndex.for_dialogue(dialogue)
        result.append(Chapter("your-dialogue", _("Your dialogue"), render_part(
            "pdf/toolkit/_your_dialogue.html", lang=lang, context={
                "dialogue": dialogue, "country_name": country_name(dialogue.country, lang),
                "dialogue_title": index.localized(dialogue, "title", lang),
                "challenge": index.localized(dialogue, "challenge", lang)})))
    result.append(Chapter("about", _("About this toolkit"),
                          render_part("pdf/toolkit/_intro.html", lang=lang, context=context)))
    result.append(Chapter("call", _("Before you start: the call and the selection"),
                          render_part("pdf/toolkit/_call.html", lang=lang, context=context)))
    for phase in registry.phases:
        if phase.toolkit_chapter:
            title = _("Phase %(number)d: %(title)s", number=phase.number, title=phase.title)
            result.append(Chapter(phase.key, title, render_part(
                phase.toolkit_chapter, lang=lang, context={"dialogue": dialogue, "phase": phase})))
    lessons = field_lessons(lang)
    if lessons:
        result.append(Chapter("lessons", _("Lessons from the field"),
                              render_part("pdf/toolkit/_lessons.html", lang=lang, context={"groups": lessons})))
    return result


def annexes(dialogue: Dialogue | None, lang: str) -> list:
    parts = []
    for phase in get_registry().phases:
        if phase.toolkit_annexes is not None:
            parts.extend(phase.toolkit_annexes(dialogue, lang))
    return parts


def context_for(dialogue: Dialogue | None, lang: str) -> dict:
    """What ``templates/pdf/toolkit.html`` prints."""
    context = {"dialogue": dialogue, "chapters": chapters(dialogue, lang), "annexes": annexes(dialogue, lang)}
    if dialogue is not None:
        context["dialogue_title"] = ContentIndex.for_dialogue(dialogue).localized(dialogue, "title", lang)
        context["country_name"] = country_name(dialogue.country, lang)
    return context


def render_toolkit(dialogue: Dialogue | None, lang: str, archive: str | None = None) -> tuple[bytes, str]:
    from .casestudy.documents import archive_variant

    variant = archive_variant(archive)
    context = context_for(dialogue, lang)
    title = _("Multi-stakeholder dialogue: the toolkit")
    data = render_pdf("pdf/toolkit.html", lang=lang, title=title, context=context,
                      author=dialogue.organisation if dialogue is not None else None, variant=variant)
    suffix = "-pdfa" if variant else ""
    name = f"toolkit-{lang}{suffix}.pdf" if dialogue is None else f"toolkit-{_slug(dialogue.title)}-{lang}{suffix}.pdf"
    return data, name


TOOLKIT = Document(kind="toolkit", title=_l("The toolkit"), render=render_toolkit, needs_dialogue=False,
                   public=True, options=("archive",))
