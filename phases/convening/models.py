"""Phase 2's tables: meetings, their agenda, attendance, what they produced, evaluations.

Times are stored in UTC with the meeting's IANA time zone beside them, and shown in that
zone. Codes are stored in English and shown translated (``phases.convening.labels``).
Attendance points at the stakeholder register of phase 1, so the privacy rule of
``Stakeholder.shown_as`` applies to everyone who came.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialogue.extensions import db
from dialogue.models import Dialogue, UTCDateTime, new_uuid, utcnow, zone_named
from phases.mapping.models import Stakeholder

MEETING_KINDS = ("main", "followup", "other")
METHODS = ("plenary", "small_groups", "world_cafe", "fishbowl", "open_space", "panel", "bilateral", "break", "other")
#: the stages of a meeting, in the order the MSP Guide's tool guide recommends
STAGES = ("connection", "shared_language", "divergence", "co_creation", "convergence", "commitment")
CHECKLIST = ("venue_access", "interpretation", "materials", "travel_support", "dietary_needs", "participant_safety",
             "venue_safety", "consent_forms")
CHECK_STATES = ("done", "not_needed")
OUTCOME_KINDS = ("vision", "agreement", "disagreement", "proposal")
ANSWERS = ("yes", "maybe", "no")

TITLE_MAX = 200
VENUE_MAX = 200
ADDRESS_MAX = 400
LINK_MAX = 500
TEXT_MAX = 8000
ITEM_TITLE_MAX = 200
#: the longest an agenda item may last (a two-day meeting's longest block)
ITEM_MINUTES_MAX = 600


class Meeting(db.Model):
    __tablename__ = "convening_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    #: ``main``, ``followup`` or ``other``
    kind: Mapped[str] = mapped_column(String(20), default="main")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: IANA time zone the meeting takes place in, e.g. ``Africa/Nairobi``
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    venue: Mapped[str] = mapped_column(String(VENUE_MAX), default="")
    address: Mapped[str] = mapped_column(String(ADDRESS_MAX), default="")
    online_link: Mapped[str] = mapped_column(String(LINK_MAX), default="")
    #: languages spoken at the meeting (codes)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    interpretation: Mapped[str] = mapped_column(Text, default="")
    #: user ids of the dialogue's members who facilitate
    facilitator_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    ground_rules: Mapped[str] = mapped_column(Text, default="")
    #: planning checklist: code -> ``done`` or ``not_needed`` (absent: still to do)
    checklist: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: the facilitator's reflection after the meeting
    reflection: Mapped[str] = mapped_column(Text, default="")
    #: hash of the token of the online evaluation link (empty: no link)
    evaluation_token_hash: Mapped[str] = mapped_column(String(64), default="")
    content_language: Mapped[str] = mapped_column(String(12), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    dialogue: Mapped[Dialogue] = relationship()
    items: Mapped[list[AgendaItem]] = relationship(back_populates="meeting", cascade="all, delete-orphan",
                                                   order_by="AgendaItem.position")
    attendance: Mapped[list[Attendance]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    outcomes: Mapped[list[Outcome]] = relationship(back_populates="meeting", cascade="all, delete-orphan",
                                                   order_by="Outcome.position")
    evaluations: Mapped[list[Evaluation]] = relationship(back_populates="meeting", cascade="all, delete-orphan",
                                                         order_by="Evaluation.id")

    __mapper_args__ = {"version_id_col": version}

    content_type = "convening_meeting"
    translatable_fields = ("title", "ground_rules", "reflection")

    @property
    def zone(self) -> ZoneInfo:
        return zone_named(self.timezone)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def is_held(self, now: datetime | None = None) -> bool:
        return self.starts_at <= (now or utcnow())

    @property
    def days(self) -> int:
        """How many days the meeting spans (by its local dates; a night past midnight is not a day)."""
        span = (self.local_end.date() - self.local_start.date()).days + 1
        if span == 2 and self.local_end.time() <= self.local_start.time():
            return 1
        return span

    def day_start(self, day: int) -> datetime:
        return self.local_start + timedelta(days=day - 1)

    def day_end(self, day: int) -> datetime:
        """When day ``day`` ends: the meeting's end time of day, on that day (for a meeting
        that runs past midnight, the next morning)."""
        start = self.day_start(day)
        end = start.replace(hour=self.local_end.hour, minute=self.local_end.minute)
        return end if end > start else end + timedelta(days=1)

    def schedule(self) -> list[tuple[AgendaItem, datetime, datetime]]:
        """Each agenda item with its local start and end: in order, each day from the meeting's
        start time."""
        out = []
        day, at = None, None
        for item in self.items:
            if item.day != day:
                day, at = item.day, self.day_start(item.day)
            end = at + timedelta(minutes=item.minutes)
            out.append((item, at, end))
            at = end
        return out

    @property
    def agenda_minutes(self) -> int:
        return sum(item.minutes for item in self.items)


class AgendaItem(db.Model):
    __tablename__ = "convening_agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("convening_meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: the day of a meeting of several days (1, 2…); each day starts at the meeting's start time
    day: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(ITEM_TITLE_MAX))
    minutes: Mapped[int] = mapped_column(Integer, default=30)
    method: Mapped[str] = mapped_column(String(20), default="plenary")
    #: the stage of the meeting the item serves ("" for a break)
    stage: Mapped[str] = mapped_column(String(20), default="")
    #: who leads it (free text: a member, a guest, a stakeholder)
    lead: Mapped[str] = mapped_column(String(120), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    expected_output: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[str] = mapped_column(Text, default="")
    #: what was said, recorded during or after the meeting
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="items")

    __mapper_args__ = {"version_id_col": version}

    content_type = "convening_item"
    translatable_fields = ("title", "purpose", "expected_output", "notes")

    @property
    def content_language(self) -> str:
        return self.meeting.content_language

    @property
    def dialogue(self):
        return self.meeting.dialogue


class Attendance(db.Model):
    """Someone of the register came to a meeting."""

    __tablename__ = "convening_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "stakeholder_id", name="uq_convening_attendance"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("convening_meetings.id", ondelete="CASCADE"), index=True)
    stakeholder_id: Mapped[int] = mapped_column(ForeignKey("mapping_stakeholders.id", ondelete="CASCADE"),
                                                index=True)
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: came without an invitation (added at the door)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    stakeholder: Mapped[Stakeholder] = relationship()


class Outcome(db.Model):
    """What a meeting produced: the shared vision, an agreement, a point still in disagreement,
    a proposal for action (which phase 3 can turn into a draft commitment)."""

    __tablename__ = "convening_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("convening_meetings.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    content_language: Mapped[str] = mapped_column(String(12), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="outcomes")

    __mapper_args__ = {"version_id_col": version}

    content_type = "convening_outcome"
    translatable_fields = ("text",)

    @property
    def dialogue(self):
        return self.meeting.dialogue


class Evaluation(db.Model):
    """One participant's evaluation of a meeting: typed in from paper, or sent through the link."""

    __tablename__ = "convening_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("convening_meetings.id", ondelete="CASCADE"), index=True)
    #: 1 (not at all) to 5 (very)
    useful: Mapped[int | None] = mapped_column(Integer)
    heard: Mapped[int | None] = mapped_column(Integer)
    #: ``yes``, ``maybe``, ``no`` or "" (not answered)
    come_back: Mapped[str] = mapped_column(String(10), default="")
    change: Mapped[str] = mapped_column(Text, default="")
    #: ``paper`` or ``online``
    source: Mapped[str] = mapped_column(String(10), default="paper")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="evaluations")
