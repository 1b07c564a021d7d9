"""Phase 3's documents: a blank commitment form for the meeting, the commitments for
signature, and the follow-up tracker. They may leave the room (signed copies, reports to the
programme), so owners appear as the privacy rules allow outside the dialogue.

The toolkit's annexes from this phase (``toolkit_annexes``) reuse the same partials: the blank
commitment form and a blank tracker in the general edition, the form with the dialogue's title
and the tracker filled with its commitments in a dialogue's own edition."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.dates import format_date

from dialogue.content import ContentIndex, LocalText
from dialogue.documents import _slug
from dialogue.i18n import _, _l, country_name
from dialogue.models import utcnow
from dialogue.pdf import render_part, render_pdf
from dialogue.registry import Document, Part
from phases.mapping.labels import sector_label

from . import labels, services


@dataclass
class Row:
    number: int
    title: LocalText
    owners: list[str]
    sectors: list[Any]
    due: str
    overdue: bool
    indicator: LocalText
    status: Any
    status_code: str
    progress: int
    last_update: str
    support: str


def _context(dialogue, lang: str) -> dict:
    index = ContentIndex.for_dialogue(dialogue)
    today = utcnow().date()
    rows = []
    for c in services.commitments_of(dialogue):
        last = c.updates[-1].created_at.date() if c.updates else None
        rows.append(Row(
            number=c.number, title=index.localized(c, "title", lang),
            owners=[o.stakeholder.shown_as(False) for o in c.owners],
            sectors=sorted({str(sector_label(o.stakeholder.sector)) for o in c.owners}),
            due=format_date(c.due_date, "medium", locale=lang) if c.due_date else "",
            overdue=c.is_overdue(today), indicator=index.localized(c, "indicator", lang),
            status=labels.status_label(c.status), status_code=c.status, progress=c.progress,
            last_update=format_date(last, "medium", locale=lang) if last else "", support=c.support,
        ))
    from phases.convening.services import main_meeting

    meeting = main_meeting(dialogue)
    return {
        "dialogue": dialogue, "dialogue_title": index.localized(dialogue, "title", lang),
        "country_name": country_name(dialogue.country, lang),
        "meeting_title": index.localized(meeting, "title", lang) if meeting else None,
        "today": format_date(today, "long", locale=lang), "rows": rows, "blank_rows": 6,
    }


def _blank_tracker() -> dict:
    """Empty rows for a tracker to fill by hand, and the statuses to write in."""
    return {"blank_tracker_rows": 10,
            "statuses": [(code, str(label)) for code, label in labels.STATUS_LABELS.items()]}


def blank_context(lang: str) -> dict:
    """The context of the general edition's blank forms (no dialogue): lines to fill where the
    dialogue, the meeting and the date would be, three commitment boxes (one page), and a
    tracker with empty rows and the statuses to write in."""
    blank = LocalText(text="", lang=lang, is_original=True, status="original", wanted=lang)
    return {
        "blank": True, "dialogue": None, "dialogue_title": blank, "country_name": "",
        "meeting_title": None, "today": "", "rows": [], "blank_rows": 3, **_blank_tracker(),
    }


def toolkit_annexes(dialogue, lang: str) -> list[Part]:
    """The toolkit's annexes from phase 3: the commitment form (three boxes, one page) and the
    follow-up tracker; blank in the general edition (``dialogue`` None), with the dialogue's
    title and the tracker filled with its commitments (as the ``followup-tracker`` document
    shows them) in the dialogue's own edition; with no commitment yet, its tracker has empty rows
    to fill by hand."""
    if dialogue is None:
        context = blank_context(lang)
    else:
        context = _context(dialogue, lang)
        context["blank_rows"] = 3
        if not context["rows"]:
            context.update(_blank_tracker())
    return [
        Part(key="commitment-form", title=_("Commitment form"),
             html=render_part("pdf/followup/_commitment_form.html", lang=lang, context=context)),
        Part(key="followup-tracker", title=_("Follow-up tracker"),
             html=render_part("pdf/followup/_tracker.html", lang=lang, context=context)),
    ]


def _document(kind: str, template: str, title):
    def render(dialogue, lang: str) -> tuple[bytes, str]:
        data = render_pdf(template, lang=lang, title=str(title), context=_context(dialogue, lang),
                          author=dialogue.organisation)
        return data, f"{kind}-{_slug(dialogue.title)}-{lang}.pdf"

    return Document(kind=kind, title=title, render=render)


DOCUMENTS = (
    _document("commitment-form", "pdf/followup/commitment_form.html", _l("Blank commitment form")),
    _document("commitments-list", "pdf/followup/commitments.html", _l("Commitments for signature")),
    _document("followup-tracker", "pdf/followup/tracker.html", _l("Follow-up tracker")),
)
