"""Phase 3's demo data: each demo dialogue's commitments with a history of updates, its
lasting platform and lessons learned (``demo_data.py``), entered through the services."""
from __future__ import annotations

from datetime import timedelta

from dialogue.models import utcnow
from phases.convening import services as convening
from phases.mapping import services as mapping

from . import services


def load(dialogue, lead, facilitator) -> None:
    from .demo_data import COMMITMENTS, LESSONS, PLATFORMS

    people = {s.number: s for s in mapping.stakeholders_of(dialogue)}
    meeting = convening.main_meeting(dialogue)
    outcomes = list(meeting.outcomes) if meeting is not None else []
    now = utcnow()
    for spec in COMMITMENTS.get(dialogue.country, []):
        owners = [people[n].uuid for n in spec["owners"] if n in people]
        if not owners:
            continue
        index = spec.get("outcome_index")
        outcome = outcomes[index] if index is not None and index < len(outcomes) else None
        due = spec.get("due_in_days")
        commitment = services.create_commitment(
            dialogue, lead, owners=owners, confirm_early=True, title=spec["title"],
            outcome_id=outcome.id if outcome is not None else None,
            due_date=(now + timedelta(days=due)).date() if due is not None else None,
            indicator=spec.get("indicator", ""), resources=spec.get("resources", ""),
            support=spec.get("support", ""), public=spec.get("public", True))
        commitment.created_at = now - timedelta(days=max([u["days_ago"] for u in spec.get("updates", [])] + [0]) + 1)
        for update in spec.get("updates", []):
            owner = commitment.owners[0] if update.get("via_link") else None
            services.add_update(commitment, status=update["status"], progress=update["progress"],
                                note=update.get("note", ""), evidence=update.get("evidence", ""),
                                actor=None if owner is not None else facilitator, owner=owner,
                                when=now - timedelta(days=update["days_ago"]))
    platform = PLATFORMS.get(dialogue.country)
    if platform:
        days = platform.get("next_meeting_in_days")
        services.save_platform(dialogue, lead, version=None, established=platform["established"],
                               name=platform.get("name", ""),
                               member_ids=[people[n].id for n in platform.get("members", []) if n in people],
                               frequency=platform.get("frequency", ""),
                               next_meeting=(now + timedelta(days=days)).date() if days is not None else None,
                               notes=platform.get("notes", ""))
    for phase, texts in LESSONS.get(dialogue.country, {}).items():
        services.save_lesson(dialogue, lead, phase=phase, version=None, **texts)
