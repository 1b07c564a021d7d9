"""Phase 2's sections of the case-study report: participation (invited against attended),
the process (meetings and their agendas in brief) and what was agreed.

Counts only: no person is named here. Texts people wrote (meeting titles, agenda items,
outcomes) are shown in the report's language where a translation exists.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from dialogue.casestudy.report import content_index, shared
from dialogue.content import ContentIndex, LocalText
from dialogue.extensions import db
from dialogue.i18n import _
from dialogue.pdf import render_part
from dialogue.registry import Part, report_sections, section
from phases.mapping.report import stakeholders as mapped

from . import services
from .models import OUTCOME_KINDS, Attendance, Meeting


@dataclass
class MeetingBrief:
    meeting: Meeting
    title: LocalText
    when: str
    turnout: services.Turnout
    #: (day number, [(stage code, [item titles])]) — breaks left out
    days: list[tuple[int, list[tuple[str, list[LocalText]]]]]
    evaluation: services.EvaluationSummary
    outcomes: int = 0


@dataclass
class Agreed:
    kind: str
    texts: list[tuple[LocalText, LocalText]] = field(default_factory=list)  # (text, meeting title)


def meetings(dialogue) -> list[Meeting]:
    """The meetings with their agendas, loaded once while the case study is built (the
    sections and the period on the cover read them)."""
    return shared("convening.meetings", dialogue, lambda: services.meetings_of(dialogue))


def _briefs(dialogue, index: ContentIndex, lang: str, outcomes: list) -> list[MeetingBrief]:
    from dialogue.i18n import when_local

    stakeholders = mapped(dialogue)
    held = meetings(dialogue)
    # every meeting's attendance in one query, and each meeting's outcomes counted from the
    # dialogue's (loaded once for "What was agreed"): no query per meeting
    present: dict[int, dict] = {m.id: {} for m in held}
    if held:
        for row in db.session.scalars(db.select(Attendance).where(Attendance.meeting_id.in_(present))):
            present[row.meeting_id][row.stakeholder_id] = row
    outcome_counts = Counter(outcome.meeting_id for outcome in outcomes)
    briefs = []
    for meeting in held:
        days = []
        items = [i for i in meeting.items if i.method != "break"]
        for day, day_items in groupby(sorted(items, key=lambda i: (i.day, i.position)), key=lambda i: i.day):
            stages = [(stage or "", [index.localized(i, "title", lang) for i in group])
                      for stage, group in groupby(day_items, key=lambda i: i.stage)]
            days.append((day, stages))
        briefs.append(MeetingBrief(
            meeting=meeting, title=index.localized(meeting, "title", lang), when=when_local(meeting.local_start),
            turnout=services.turnout(dialogue, meeting, stakeholders=stakeholders, present=present[meeting.id]),
            days=days,
            evaluation=services.summarise(meeting), outcomes=outcome_counts[meeting.id],
        ))
    return briefs


@report_sections(participation=45, process=50, agreed=60)
def report(dialogue, lang: str, *, screen: bool = False) -> list[Part]:
    index = content_index(dialogue)
    outcomes = services.outcomes_of(dialogue)
    briefs = _briefs(dialogue, index, lang, outcomes)
    held = [b for b in briefs if b.turnout.came]
    main = next((b for b in held if b.meeting.kind == "main"), held[0] if held else None)
    agreed = {kind: Agreed(kind) for kind in OUTCOME_KINDS}
    titles = {b.meeting.id: b.title for b in briefs}
    for outcome in outcomes:
        agreed[outcome.kind].texts.append((index.localized(outcome, "text", lang), titles.get(outcome.meeting_id)))
    context = {"briefs": briefs, "held": held, "main": main, "agreed": [a for a in agreed.values() if a.texts],
               "several_meetings": len(briefs) > 1, "screen": screen}
    return [
        section(report, "participation", _("Participation: invited and attended"),
                render_part("pdf/convening/_report_participation.html", lang=lang, context=context)),
        section(report, "process", _("The process"),
                render_part("pdf/convening/_report_process.html", lang=lang, context=context)),
        section(report, "agreed", _("What was agreed"),
                render_part("pdf/convening/_report_agreed.html", lang=lang, context=context)),
    ]


def dates(dialogue) -> list[date]:
    """The days of the dialogue's meetings, for the period on the case study's cover."""
    return [m.local_start.date() for m in meetings(dialogue)]
