"""Phase 2's figures for the coordinators' portfolio and comparison (``extra["portfolio"]``).

``collect(dialogues)`` answers, for every dialogue given, counts and dates only::

    {"meetings": int,                   # meetings planned or held, of any kind
     "first_meeting": date | None,      # the first meeting's start, in its own time zone
     "last_meeting": date | None,       # the last meeting's end, in its own time zone
     "attended": int,                   # people who came to at least one meeting
     "attended_by_sector": {code: int}}

A person is counted once per dialogue however many meetings they came to; entries deleted
from the register as mistakes are left out, forgotten people still count. Two queries,
whatever the number of dialogues.
"""
from __future__ import annotations

from sqlalchemy import func

from dialogue.extensions import db
from phases.mapping.models import SECTORS, Stakeholder

from .models import Attendance, Meeting


def collect(dialogues) -> dict[int, dict]:
    ids = [d.id for d in dialogues]
    if not ids:
        return {}
    figures = {i: {"meetings": 0, "first_meeting": None, "last_meeting": None, "attended": 0,
                   "attended_by_sector": {}} for i in ids}
    # the meetings: a handful per dialogue, read as rows so each date is taken in its own zone
    meetings = db.session.execute(
        db.select(Meeting.dialogue_id, Meeting.starts_at, Meeting.ends_at, Meeting.timezone)
        .where(Meeting.dialogue_id.in_(ids))
    )
    for dialogue_id, starts_at, ends_at, zone in meetings:
        probe = Meeting(starts_at=starts_at, ends_at=ends_at, timezone=zone)
        first, last = probe.local_start.date(), probe.local_end.date()
        entry = figures[dialogue_id]
        entry["meetings"] += 1
        entry["first_meeting"] = min(filter(None, (entry["first_meeting"], first)))
        entry["last_meeting"] = max(filter(None, (entry["last_meeting"], last)))
    came = db.session.execute(
        db.select(Meeting.dialogue_id, Stakeholder.sector, func.count(func.distinct(Attendance.stakeholder_id)))
        .select_from(Attendance)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Stakeholder, Stakeholder.id == Attendance.stakeholder_id)
        .where(Meeting.dialogue_id.in_(ids), Stakeholder.deleted_at.is_(None))
        .group_by(Meeting.dialogue_id, Stakeholder.sector)
    )
    by_sector: dict[int, dict[str, int]] = {i: {} for i in ids}
    for dialogue_id, sector, people in came:
        by_sector[dialogue_id][sector] = int(people)
    for dialogue_id, counts in by_sector.items():
        order = [s for s in SECTORS if counts.get(s)] + sorted(s for s in counts if s not in SECTORS)
        figures[dialogue_id]["attended_by_sector"] = {s: counts[s] for s in order}
        figures[dialogue_id]["attended"] = sum(counts.values())
    return figures
