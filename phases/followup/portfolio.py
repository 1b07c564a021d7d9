"""Phase 3's figures for the coordinators' portfolio and comparison (``extra["portfolio"]``).

``collect(dialogues)`` answers, for every dialogue given, counts and dates only::

    {"made": int,                       # commitments recorded and not dropped
     "kept": int,                       # of those, done
     "dropped": int,                    # dropped (counted apart: neither made nor kept)
     "committing_by_sector": {code: int},
     "completion": [(date, float)]}     # each day with an update: share of ``made`` done by then

The definitions are the follow-up board's and the case study's (``services.sector_balance``,
``services.progress_series``), so a coordinator reads the same numbers everywhere:

* *made* leaves dropped commitments out: a commitment its owners gave up on is counted as
  ``dropped`` instead, so "kept out of made" is the share of the live promises that were kept;
* *committing by sector* counts distinct commitments per sector among their owners: a joint
  commitment of the state and civil society counts once for each (never twice for one sector);
  owners whose register entry was deleted as a mistake are left out, forgotten people count;
* *completion* follows each commitment's latest reported status day by day (dates in UTC, as
  the board's chart); the share is of the commitments made now, so it ends at kept / made.

Three queries, whatever the number of dialogues.
"""
from __future__ import annotations

from sqlalchemy import func

from dialogue.extensions import db
from phases.mapping.models import SECTORS, Stakeholder

from .models import Commitment, Owner, Update


def collect(dialogues) -> dict[int, dict]:
    ids = [d.id for d in dialogues]
    if not ids:
        return {}
    figures = {i: {"made": 0, "kept": 0, "dropped": 0, "committing_by_sector": {}, "completion": []} for i in ids}
    statuses = db.session.execute(
        db.select(Commitment.dialogue_id, Commitment.status, func.count(Commitment.id))
        .where(Commitment.dialogue_id.in_(ids))
        .group_by(Commitment.dialogue_id, Commitment.status)
    )
    for dialogue_id, status, count in statuses:
        entry = figures[dialogue_id]
        if status == "dropped":
            entry["dropped"] += int(count)
            continue
        entry["made"] += int(count)
        if status == "done":
            entry["kept"] += int(count)

    held = db.session.execute(
        db.select(Commitment.dialogue_id, Stakeholder.sector, func.count(func.distinct(Commitment.id)))
        .select_from(Owner)
        .join(Commitment, Commitment.id == Owner.commitment_id)
        .join(Stakeholder, Stakeholder.id == Owner.stakeholder_id)
        .where(Commitment.dialogue_id.in_(ids), Commitment.status != "dropped", Stakeholder.deleted_at.is_(None))
        .group_by(Commitment.dialogue_id, Stakeholder.sector)
    )
    by_sector: dict[int, dict[str, int]] = {i: {} for i in ids}
    for dialogue_id, sector, count in held:
        by_sector[dialogue_id][sector] = int(count)
    for dialogue_id, counts in by_sector.items():
        order = [s for s in SECTORS if counts.get(s)] + sorted(s for s in counts if s not in SECTORS)
        figures[dialogue_id]["committing_by_sector"] = {s: counts[s] for s in order}

    updates = db.session.execute(
        db.select(Commitment.dialogue_id, Update.commitment_id, Update.created_at, Update.status)
        .join(Commitment, Commitment.id == Update.commitment_id)
        .where(Commitment.dialogue_id.in_(ids))
        .order_by(Commitment.dialogue_id, Update.created_at, Update.id)
    )
    events: dict[int, list[tuple]] = {}
    for dialogue_id, commitment_id, created_at, status in updates:
        events.setdefault(dialogue_id, []).append((created_at.date(), commitment_id, status))
    for dialogue_id, rows in events.items():
        figures[dialogue_id]["completion"] = _completion(rows, figures[dialogue_id]["made"])
    return figures


def _completion(events: list[tuple], made: int) -> list[tuple]:
    """(day, share done) for each day with an update; ``events`` (day, commitment, status) in order."""
    latest: dict[int, str] = {}
    series = []
    for index, (day, commitment_id, status) in enumerate(events):
        latest[commitment_id] = status
        if index + 1 < len(events) and events[index + 1][0] == day:
            continue  # the day's last update decides
        done = sum(1 for s in latest.values() if s == "done")
        series.append((day, min(1.0, done / made) if made else 0.0))
    return series
