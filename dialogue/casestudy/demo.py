"""The demo's case studies: each demo dialogue's narrative (``demo_data.NARRATIVES``) and where
its review stands, so the toolkit's "Lessons from the field" and the coordinators' views have
something to show: Cape Verde and Kenya approved, Ecuador sent back with changes requested,
Nigeria submitted, Uganda still a draft being written."""
from __future__ import annotations

from .demo_data import NARRATIVES
from .services import save_narrative

STATUS = {"CV": "approved", "KE": "approved", "EC": "changes_requested", "NG": "submitted", "UG": "draft"}


def load(dialogues: dict, people: dict) -> None:
    for country, dialogue in dialogues.items():
        narrative = NARRATIVES.get(country)
        if narrative is None:
            continue
        lead = people[country][0]
        texts = {k: v for k, v in narrative.items() if k != "content_language"}
        record = save_narrative(dialogue, lead, version=0, content_language=narrative["content_language"], **texts)
        record.status = STATUS.get(country, "draft")
