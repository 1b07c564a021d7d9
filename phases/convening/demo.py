"""Phase 2's demo data: every demo dialogue has a held main meeting with agenda, attendance
and outcomes; one has an upcoming follow-up meeting (``demo_data.py``)."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dialogue.models import utcnow

from . import services


def load(dialogue, lead, facilitator) -> None:
    from .demo_data import MEETINGS

    plan = MEETINGS.get(dialogue.country)
    if not plan:
        return
    zone = ZoneInfo(plan["timezone"])
    today = utcnow().astimezone(zone).date()
    stakeholders = {s.number: s for s in __import__("phases.mapping.services", fromlist=["x"]).stakeholders_of(dialogue)}
    for spec in plan["meetings"]:
        day = today + timedelta(days=spec["days_from_today"])
        start = datetime.combine(day, datetime.strptime(spec["start"], "%H:%M").time(), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=spec.get("days", 1) - 1),
                               datetime.strptime(spec["end"], "%H:%M").time(), tzinfo=zone)
        meeting = services.create_meeting(
            dialogue, lead, title=spec["title"], kind=spec["kind"], starts_at=start, ends_at=end,
            timezone=plan["timezone"], venue=spec.get("venue", ""), address=spec.get("address", ""),
            online_link="", languages=list(dialogue.languages), interpretation=spec.get("interpretation", ""),
            facilitator_ids=[lead.id, facilitator.id], ground_rules=spec.get("ground_rules", ""),
        )
        if spec.get("template"):
            services.apply_template(meeting, facilitator, spec["template"])
        meeting.checklist = dict(spec.get("checklist", {}))
        for number in spec.get("attended", []):
            if number in stakeholders:
                services.check_in(meeting, facilitator, stakeholders[number])
        for kind, text in spec.get("outcomes", []):
            services.add_outcome(meeting, facilitator, kind=kind, text=text)
        for notes_index, text in spec.get("notes", {}).items():
            if int(notes_index) < len(meeting.items):
                meeting.items[int(notes_index)].notes = text
        meeting.reflection = spec.get("reflection", "")
        for evaluation in spec.get("evaluations", []):
            services.add_evaluation(meeting, source="paper", **evaluation)
