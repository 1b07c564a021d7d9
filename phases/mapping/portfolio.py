"""Phase 1's figures for the coordinators' portfolio and comparison (``extra["portfolio"]``).

``collect(dialogues)`` answers, for every dialogue given, counts only (never a person)::

    {"mapped": int,                     # live entries of the register
     "mapped_by_sector": {code: int},
     "invited": int,                    # of those, with an invitation (any state, declined included)
     "invited_by_sector": {code: int}}

Entries deleted as mistakes (tombstones) are left out, as the register leaves them out; a
forgotten person still counts (forgetting keeps the counts true). One query, whatever the
number of dialogues.
"""
from __future__ import annotations

from sqlalchemy import case, func

from dialogue.extensions import db

from .models import SECTORS, Stakeholder


def _ordered(counts: dict[str, int]) -> dict[str, int]:
    """Sector counts in the register's order of sectors (unknown codes last), zeros left out."""
    known = [s for s in SECTORS if counts.get(s)]
    others = sorted(s for s in counts if s not in SECTORS and counts[s])
    return {s: counts[s] for s in known + others}


def collect(dialogues) -> dict[int, dict]:
    ids = [d.id for d in dialogues]
    if not ids:
        return {}
    figures = {i: {"mapped": 0, "mapped_by_sector": {}, "invited": 0, "invited_by_sector": {}} for i in ids}
    invited = func.sum(case((Stakeholder.invitation != "", 1), else_=0))
    rows = db.session.execute(
        db.select(Stakeholder.dialogue_id, Stakeholder.sector, func.count(Stakeholder.id), invited)
        .where(Stakeholder.dialogue_id.in_(ids), Stakeholder.deleted_at.is_(None))
        .group_by(Stakeholder.dialogue_id, Stakeholder.sector)
    )
    for dialogue_id, sector, mapped, invitees in rows:
        entry = figures[dialogue_id]
        entry["mapped"] += int(mapped)
        entry["invited"] += int(invitees or 0)
        entry["mapped_by_sector"][sector] = int(mapped)
        entry["invited_by_sector"][sector] = int(invitees or 0)
    for entry in figures.values():
        entry["mapped_by_sector"] = _ordered(entry["mapped_by_sector"])
        entry["invited_by_sector"] = _ordered(entry["invited_by_sector"])
    return figures
