"""Phase 2's sections of the case-study report: participation (invited against attended),
the process (meetings and their agendas in brief) and what was agreed.

Counts only: no person is named here. Texts people wrote (meeting titles, agenda items,
outcomes) are shown in the report's language where a translation exists.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from dialogue.content import ContentIndex, LocalText
from dialogue.i18n import _
from dialogue.pdf import render_part
from dialogue.registry import Part
from phases.mapping import services as mapping

from . import services
from .models import OUTCOME_KINDS, Meeting


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


def _briefs(dialogue, index: ContentIndex, lang: str) -> list[MeetingBrief]:
    from dialogue.i18n import when_local

    stakeholders = mapping.stakeholders_of(dialogue)
    briefs = []
    for meeting in services.meetings_of(dialogue):
        days = []
        items = [i for i in meeting.items if i.method != "break"]
        for day, day_items in groupby(sorted(items, key=lambda i: (i.day, i.position)), key=lambda i: i.day):
            stages = [(stage or "", [index.localized(i, "title", lang) for i in group])
                      for stage, group in groupby(day_items, key=lambda i: i.stage)]
            days.append((day, stages))
        briefs.append(MeetingBrief(
            meeting=meeting, title=index.localized(meeting, "title", lang), when=when_local(meeting.local_start),
            turnout=services.turnout(dialogue, meeting, stakeholders=stakeholders), days=days,
            evaluation=services.summarise(meeting), outcomes=len(meeting.outcomes),
        ))
    return briefs


def report(dialogue, lang: str, *, screen: bool = False) -> list[Part]:
    index = ContentIndex.for_dialogue(dialogue)
    briefs = _briefs(dialogue, index, lang)
    held = [b for b in briefs if b.turnout.came]
    main = next((b for b in held if b.meeting.kind == "main"), held[0] if held else None)
    agreed = {kind: Agreed(kind) for kind in OUTCOME_KINDS}
    titles = {b.meeting.id: b.title for b in briefs}
    for outcome in services.outcomes_of(dialogue):
        agreed[outcome.kind].texts.append((index.localized(outcome, "text", lang), titles.get(outcome.meeting_id)))
    context = {"briefs": briefs, "held": held, "main": main, "agreed": [a for a in agreed.values() if a.texts],
               "several_meetings": len(briefs) > 1, "screen": screen}
    return [
        Part(key="participation", title=_("Participation: invited and attended"), position=45,
             html=render_part("pdf/convening/_report_participation.html", lang=lang, context=context)),
        Part(key="process", title=_("The process"), position=50,
             html=render_part("pdf/convening/_report_process.html", lang=lang, context=context)),
        Part(key="agreed", title=_("What was agreed"), position=60,
             html=render_part("pdf/convening/_report_agreed.html", lang=lang, context=context)),
    ]


def dates(dialogue) -> list[date]:
    """The days of the dialogue's meetings, for the period on the case study's cover."""
    return [m.local_start.date() for m in services.meetings_of(dialogue)]
