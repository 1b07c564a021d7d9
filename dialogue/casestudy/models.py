"""The case study's narrative: what the partner writes about their dialogue.

Everything else in the case-study report comes from the phases (``Phase.report``). The
narrative is one row per dialogue, written in one language (``content_language``) and
translated like every other text people write (``dialogue.content``). ``status`` is where the
case study stands in its review (``dialogue/review/`` moves it); the toolkit's "Lessons from
the field" reads only approved case studies.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import Dialogue, InvalidTransition, UTCDateTime, new_uuid, utcnow

#: the parts the partner writes, in the order the report prints them
NARRATIVE = ("summary", "context", "partner", "reflections", "next_steps")
STATUSES = ("draft", "submitted", "changes_requested", "approved")
TEXT_MAX = 20000


class CaseStudy(db.Model):
    __tablename__ = "case_studies"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), unique=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    context: Mapped[str] = mapped_column(Text, default="")
    partner: Mapped[str] = mapped_column(Text, default="")
    reflections: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    content_language: Mapped[str] = mapped_column(String(12), default="en")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    dialogue: Mapped[Dialogue] = relationship()

    __mapper_args__ = {"version_id_col": version}

    content_type = "case_study"
    translatable_fields = NARRATIVE

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"

    # -- the review's status changes (dialogue/review/services.py calls them) ------------------
    def submit(self) -> None:
        """A lead sends the case study for review: from a draft, or after changes were asked."""
        if self.status not in ("draft", "changes_requested"):
            raise InvalidTransition(f"cannot submit a case study that is {self.status}")
        self.status = "submitted"

    def request_changes(self) -> None:
        if self.status != "submitted":
            raise InvalidTransition(f"cannot send back a case study that is {self.status}")
        self.status = "changes_requested"

    def approve(self) -> None:
        if self.status != "submitted":
            raise InvalidTransition(f"cannot approve a case study that is {self.status}")
        self.status = "approved"

    def narrative(self) -> dict:
        """The narrative as a version keeps it."""
        return {"content_language": self.content_language, **{name: getattr(self, name) or "" for name in NARRATIVE}}

    def written(self) -> list[str]:
        """The narrative parts that hold text."""
        return [name for name in NARRATIVE if (getattr(self, name) or "").strip()]
