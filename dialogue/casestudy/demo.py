"""The demo's case studies: each demo dialogue's narrative (``demo_data.NARRATIVES``) and its
review, played through the review's services so the demo shows every state: Cape Verde
approved after one round of changes, Kenya approved at once, Ecuador sent back with comments,
Nigeria submitted and being read, Uganda still a draft being written. The Portuguese and
Spanish narratives get their English translations first (coordinators read case studies in the
review language; ``demo_data.REVIEW_TRANSLATIONS``)."""
from __future__ import annotations

from datetime import timedelta

from ..extensions import db
from ..models import User, utcnow
from .demo_data import NARRATIVES, REVIEW_COMMENTS, REVIEW_TRANSLATIONS
from .services import save_narrative


def load(dialogues: dict, people: dict) -> None:
    from .. import content
    from ..review import services as review

    coordinator = db.session.scalar(db.select(User).where(User.role == "coordinator").order_by(User.id))
    for country, dialogue in dialogues.items():
        narrative = NARRATIVES.get(country)
        if narrative is None:
            continue
        lead, facilitator = people[country]
        texts = {k: v for k, v in narrative.items() if k != "content_language"}
        record = save_narrative(dialogue, lead, version=0, content_language=narrative["content_language"], **texts)
        for name, text in REVIEW_TRANSLATIONS.get(country, {}).items():
            row = content.save_translation(record, name, "en", text, actor=lead)
            if row is not None:
                content.mark_reviewed(row, record, actor=facilitator)
        rounds = REVIEW_COMMENTS.get(country, [])
        for number, round_ in enumerate(rounds, start=1):
            version = review.submit(dialogue, lead)
            version.submitted_at = utcnow() - timedelta(days=3 * (len(rounds) - number) + 2)
            for section, text in round_["comments"]:
                review.comment(dialogue, coordinator, section=section, text=text)
            if round_["outcome"] == "changes_requested":
                review.request_changes(dialogue, coordinator, note=round_["note"])
            elif round_["outcome"] == "approved":
                review.approve(dialogue, coordinator, note=round_["note"])
