"""Phase 3's sections of the case-study report: commitments with their status and progress,
the lasting platform, lessons learned.

Only commitments marked "may be shown in the case study" are listed (the others are counted);
owners appear as the privacy rules allow outside the dialogue. Owners' links, evidence notes
and the support asked are not printed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dialogue.casestudy.report import content_index, shared
from dialogue.content import ContentIndex, LocalText
from dialogue.i18n import _
from dialogue.models import utcnow
from dialogue.pdf import render_part
from dialogue.registry import Part, report_sections, section

from . import services
from .models import LESSON_PHASES, STATUSES


@dataclass
class Line:
    number: int
    title: LocalText
    owners: list[str]
    sectors: list[str]
    due: date | None
    overdue: bool
    status: str
    progress: int


def commitments_of(dialogue) -> list:
    """The commitments with their owners and updates, loaded once while the case study is
    built (the sections and the period on the cover read them)."""
    return shared("followup.commitments", dialogue, lambda: services.commitments_of(dialogue))


@report_sections(commitments=70, platform=75, lessons=80)
def report(dialogue, lang: str, *, screen: bool = False) -> list[Part]:
    index = content_index(dialogue)
    today = utcnow().date()
    commitments = commitments_of(dialogue)
    shown = [c for c in commitments if c.public]
    lines = [Line(c.number, index.localized(c, "title", lang), [o.stakeholder.shown_as(False) for o in c.owners],
                  sorted({o.stakeholder.sector for o in c.owners}), c.due_date, c.is_overdue(today), c.status,
                  c.progress) for c in shown]
    counts = services.board(commitments, today).counts
    platform = services.platform_of(dialogue)
    lessons = services.lessons_of(dialogue)
    lesson_rows = []
    for phase in LESSON_PHASES:
        row = lessons.get(phase)
        if row is None:
            continue
        texts = [(name, index.localized(row, name, lang)) for name in row.translatable_fields]
        texts = [(name, text) for name, text in texts if text.text.strip()]
        if texts:
            lesson_rows.append((phase, texts))
    context = {
        "lines": lines, "hidden": len(commitments) - len(shown), "total": len(commitments),
        "counts": [(status, counts[status]) for status in STATUSES if counts[status]],
        "balance": services.sector_balance(commitments), "series": services.progress_series(commitments),
        "platform": platform, "platform_sectors": _member_sectors(dialogue, platform),
        "lessons": lesson_rows, "screen": screen,
    }
    return [
        section(report, "commitments", _("Commitments and their status"),
                render_part("pdf/followup/_report_commitments.html", lang=lang, context=context)),
        section(report, "platform", _("The lasting platform"),
                render_part("pdf/followup/_report_platform.html", lang=lang, context=context)),
        section(report, "lessons", _("Lessons learned"),
                render_part("pdf/followup/_report_lessons.html", lang=lang, context=context)),
    ]


def _member_sectors(dialogue, platform) -> list[tuple[str, int]]:
    """The platform's members counted by sector (no names: the report leaves the dialogue)."""
    from collections import Counter

    from phases.mapping.models import SECTORS
    from phases.mapping.report import stakeholders

    if platform is None or not platform.member_ids:
        return []
    members = set(platform.member_ids)
    counts = Counter(s.sector for s in stakeholders(dialogue) if s.id in members)
    return [(sector, counts[sector]) for sector in SECTORS if counts[sector]]


def dates(dialogue) -> list[date]:
    """The days progress was reported, for the period on the case study's cover."""
    return [u.created_at.date() for c in commitments_of(dialogue) for u in c.updates]


def field_lessons(dialogues, lang: str) -> list[tuple]:
    """Lessons of several dialogues for the toolkit's "Lessons from the field" (and the
    coordinators' comparison): ``(phase, phase title, dialogue, question, LocalText)`` in phase
    order, two queries whatever the number of dialogues."""
    from dialogue.extensions import db

    from .labels import LESSON_FIELDS, lesson_phase_label
    from .models import Lesson

    by_id = {d.id: d for d in dialogues}
    if not by_id:
        return []
    rows = list(db.session.scalars(db.select(Lesson).where(Lesson.dialogue_id.in_(by_id))))
    index = ContentIndex.for_dialogues(by_id, Lesson.content_type)
    out = []
    for phase in LESSON_PHASES:
        for row in sorted((r for r in rows if r.phase == phase), key=lambda r: (by_id[r.dialogue_id].country, r.id)):
            for name in row.translatable_fields:
                text = index.localized(row, name, lang)
                if text.text.strip():
                    out.append((phase, lesson_phase_label(phase), by_id[row.dialogue_id], LESSON_FIELDS[name], text))
    return out


def overdue() -> list[tuple]:
    """Open commitments past their due date, in every dialogue, for ``dialogue notify``:
    ``(dialogue, ref, values)``; the ref holds the due date, so a commitment given a new date
    that falls overdue again is announced again."""
    from dialogue.extensions import db
    from dialogue.models import Dialogue
    from sqlalchemy.orm import selectinload

    from .models import OPEN_STATUSES, Commitment

    today = utcnow().date()
    rows = db.session.scalars(
        db.select(Commitment).where(Commitment.status.in_(OPEN_STATUSES), Commitment.due_date < today)
        .options(selectinload(Commitment.dialogue).selectinload(Dialogue.memberships)))
    return [(c.dialogue, f"overdue:{c.uuid}:{c.due_date.isoformat()}",
             {"number": c.number, "due": c.due_date.isoformat()}) for c in rows]
