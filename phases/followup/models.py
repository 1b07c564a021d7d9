"""Phase 3's tables: commitments with their owners and updates, the lasting platform, lessons.

A commitment is held by one or more stakeholders of the register (joint commitments across
sectors are the point). Its status changes only through :meth:`Commitment.apply_update`,
which refuses what the current state does not allow. Each owner may get a private link to
report progress without an account: only a hash of it is stored, and it is never exported.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialogue.extensions import db
from dialogue.models import Dialogue, InvalidTransition, User, UTCDateTime, new_uuid, utcnow
from phases.convening.models import Outcome
from phases.mapping.models import Stakeholder

STATUSES = ("not_started", "on_track", "at_risk", "done", "dropped")
OPEN_STATUSES = ("not_started", "on_track", "at_risk")
LESSON_PHASES = ("mapping", "convening", "followup")
FREQUENCIES = ("monthly", "quarterly", "twice_a_year", "yearly", "as_needed")

TEXT_MAX = 4000
TITLE_MAX = 500
EVIDENCE_MAX = 1000


class Commitment(db.Model):
    __tablename__ = "followup_commitments"
    __table_args__ = (UniqueConstraint("dialogue_id", "number", name="uq_followup_commitments_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    #: what will be done
    title: Mapped[str] = mapped_column(Text)
    #: the agreement or proposal it came from
    outcome_id: Mapped[int | None] = mapped_column(ForeignKey("convening_outcomes.id", ondelete="SET NULL"))
    due_date: Mapped[date | None] = mapped_column(Date)
    #: how success will be seen
    indicator: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    #: support asked of others
    support: Mapped[str] = mapped_column(Text, default="")
    #: may be shown in the case study
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    content_language: Mapped[str] = mapped_column(String(12), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    dialogue: Mapped[Dialogue] = relationship()
    outcome: Mapped[Outcome | None] = relationship()
    owners: Mapped[list[Owner]] = relationship(back_populates="commitment", cascade="all, delete-orphan",
                                               order_by="Owner.id")
    updates: Mapped[list[Update]] = relationship(back_populates="commitment", cascade="all, delete-orphan",
                                                 order_by="Update.created_at")

    __mapper_args__ = {"version_id_col": version}

    content_type = "followup_commitment"
    translatable_fields = ("title", "indicator")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today

    def apply_update(self, status: str, progress: int) -> None:
        """Take a new status and progress; a dropped commitment takes no more updates."""
        if status not in STATUSES:
            raise InvalidTransition(f"unknown status {status!r}")
        if self.status == "dropped":
            raise InvalidTransition("dropped")
        if not 0 <= int(progress) <= 100:
            raise InvalidTransition("progress")
        self.status = status
        self.progress = 100 if status == "done" else int(progress)


class Owner(db.Model):
    """A stakeholder who holds a commitment, with their private reporting link."""

    __tablename__ = "followup_owners"
    __table_args__ = (UniqueConstraint("commitment_id", "stakeholder_id", name="uq_followup_owners"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("followup_commitments.id", ondelete="CASCADE"), index=True)
    stakeholder_id: Mapped[int] = mapped_column(ForeignKey("mapping_stakeholders.id", ondelete="CASCADE"),
                                                index=True)
    #: SHA-256 of the private link's token; empty when no link is valid
    link_hash: Mapped[str] = mapped_column(String(64), default="", index=True)
    link_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    commitment: Mapped[Commitment] = relationship(back_populates="owners")
    stakeholder: Mapped[Stakeholder] = relationship()


class Update(db.Model):
    """Progress reported on a commitment: by a member, or by an owner through their link."""

    __tablename__ = "followup_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("followup_commitments.id", ondelete="CASCADE"),
                                               index=True)
    status: Mapped[str] = mapped_column(String(20))
    progress: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    #: a reference to the evidence (a document's name, a web address, a photo's description)
    evidence: Mapped[str] = mapped_column(Text, default="")
    #: ``member`` or ``owner_link``
    source: Mapped[str] = mapped_column(String(12), default="member")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: the stakeholder whose link was used (source ``owner_link``)
    owner_stakeholder_id: Mapped[int | None] = mapped_column(ForeignKey("mapping_stakeholders.id",
                                                                        ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    commitment: Mapped[Commitment] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()
    owner_stakeholder: Mapped[Stakeholder | None] = relationship()


class Platform(db.Model):
    """Whether a lasting local multi-stakeholder platform has been set up: one row per dialogue."""

    __tablename__ = "followup_platforms"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), unique=True)
    established: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(200), default="")
    #: members: stakeholder ids of the register
    member_ids: Mapped[list[int]] = mapped_column(db.JSON, default=list)
    frequency: Mapped[str] = mapped_column(String(20), default="")
    next_meeting: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Lesson(db.Model):
    """Lessons learned in one phase: what worked, what did not, what we would change, what surprised us."""

    __tablename__ = "followup_lessons"
    __table_args__ = (UniqueConstraint("dialogue_id", "phase", name="uq_followup_lessons_phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    phase: Mapped[str] = mapped_column(String(20))
    worked: Mapped[str] = mapped_column(Text, default="")
    did_not_work: Mapped[str] = mapped_column(Text, default="")
    would_change: Mapped[str] = mapped_column(Text, default="")
    surprised: Mapped[str] = mapped_column(Text, default="")
    content_language: Mapped[str] = mapped_column(String(12), default="en")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    content_type = "followup_lesson"
    translatable_fields = ("worked", "did_not_work", "would_change", "surprised")
