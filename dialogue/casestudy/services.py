"""Writing the case study's narrative. Status changes (submit, request changes, approve) belong
to the review (``dialogue/review/``)."""
from __future__ import annotations

from .. import audit
from ..extensions import db
from ..models import Dialogue, User
from ..services import ServiceError, StaleEdit, flush_or_stale
from .models import NARRATIVE, CaseStudy


def case_study_of(dialogue: Dialogue) -> CaseStudy | None:
    return db.session.scalar(db.select(CaseStudy).where(CaseStudy.dialogue_id == dialogue.id))


def save_narrative(dialogue: Dialogue, actor: User | None, *, version: int | None, content_language: str,
                   **texts: str) -> CaseStudy:
    """Create or change the narrative; ``version`` is the one the form was based on (0: none yet).

    A case study sent for review or approved is not written in: the review owns it then.
    """
    record = case_study_of(dialogue)
    if record is None:
        if version not in (None, 0):
            raise StaleEdit("stale")
        record = CaseStudy(dialogue_id=dialogue.id, content_language=content_language)
        db.session.add(record)
    elif version is not None and version != record.version:
        raise StaleEdit("stale")
    elif not can_write(record):
        raise ServiceError("locked")
    texts = {name: (value or "").replace("\r\n", "\n") for name, value in texts.items()}
    unknown = set(texts) - set(NARRATIVE)
    if unknown:
        raise ValueError(f"not a part of the narrative: {sorted(unknown)}")
    changed = [name for name, value in texts.items() if (getattr(record, name) or "") != value]
    for name in changed:
        setattr(record, name, texts[name])
    if record.content_language != content_language:
        record.content_language = content_language
        changed.append("content_language")
    flush_or_stale()
    if changed:
        audit.record("casestudy.saved", actor=actor, dialogue=dialogue, parts=sorted(changed))
    return record


def can_write(record: CaseStudy | None) -> bool:
    """The narrative can be changed while it is a draft or sent back with comments."""
    return record is None or record.status in ("draft", "changes_requested")
