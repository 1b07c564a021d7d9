"""Phase 0's tables: calls for expressions of interest, their criteria and reviewers, the
applications, and the reviewers' reviews and scores.

A call is written in one or more languages (its title and description per language, as
``{lang: text}``), is open between ``opens_at`` and ``closes_at`` (stored in UTC, shown in the
call's IANA time zone, as a meeting of phase 2 is) and has a status: ``draft`` (not
published), ``open`` or ``closed``. Anyone with its public link (``public_token``, random, not
guessable) may apply while it is open and its dates say so.

An application is ``submitted``, then ``shortlisted``, ``selected`` or ``declined`` by a
coordinator (each with a reason); selecting one starts the partner's dialogue
(``dialogue_id``). Status changes are methods that raise :class:`InvalidTransition`.

Codes are stored in English (statuses, the three default criteria, the DESIGN's sector codes)
and shown translated (``dialogue/calls/labels.py``). Models answer who may do what
(``can_*``); they never read the request.
"""
from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import (
    CHALLENGE_MAX, EMAIL_MAX, NAME_MAX, ORGANISATION_MAX, Dialogue, InvalidTransition, User, UTCDateTime, new_uuid,
    utcnow, zone_named,
)

CALL_STATUSES = ("draft", "open", "closed")
APPLICATION_STATUSES = ("submitted", "shortlisted", "selected", "declined")
#: what a coordinator may decide, and the status each leads to
DECISIONS = {"shortlist": "shortlisted", "select": "selected", "decline": "declined"}
#: the method's criteria, created with every call (relevance of the proposed challenge;
#: willingness to address it; motivation for a lasting local multi-stakeholder platform)
DEFAULT_CRITERIA = ("relevance", "willingness", "motivation")
#: the DESIGN's stable sector codes (the core cannot import phase 1's list; the same codes)
SECTORS = ("government", "private_sector", "civil_society", "academia", "media", "community", "international")

TITLE_MAX = 200
DESCRIPTION_MAX = 8000
CRITERION_LABEL_MAX = 200
WEIGHT_MIN, WEIGHT_MAX = 1, 10
SCORE_MIN, SCORE_MAX = 1, 5
ANSWER_MAX = CHALLENGE_MAX  # the challenge becomes the dialogue's: the same limit
SECTOR_ANSWER_MAX = 1000
PHONE_MAX = 40
REASON_MAX = 2000
COMMENT_MAX = 2000
REFERENCE_PREFIX = "EOI"

#: the answers an applicant gives, in the order of the form (the contact details apart)
ANSWER_FIELDS = ("challenge", "why_now", "how_reached", "willingness", "capacity", "motivation", "experience")
#: answers that may stay empty
OPTIONAL_ANSWERS = ("experience",)


def new_public_token() -> str:
    return secrets.token_urlsafe(16)  # 128 bits: the link cannot be guessed


call_reviewers = Table(
    "call_reviewers",
    db.Model.metadata,
    Column("call_id", ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Call(db.Model):
    """A call for expressions of interest."""

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    #: the public link's key: ``/calls/<public_token>/``
    public_token: Mapped[str] = mapped_column(String(43), unique=True, default=new_public_token)
    #: {language code: title}; every language of the call has one
    titles: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: {language code: description}
    descriptions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: the languages applicants may apply in (interface languages), in the coordinator's order
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: IANA time zone the dates are given in, e.g. ``Africa/Nairobi``
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    #: ``draft``, ``open`` or ``closed``
    status: Mapped[str] = mapped_column(String(20), default="draft")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    criteria: Mapped[list[Criterion]] = relationship(back_populates="call", cascade="all, delete-orphan",
                                                     order_by="Criterion.position")
    reviewers: Mapped[list[User]] = relationship(secondary=call_reviewers, order_by="User.email")

    __mapper_args__ = {"version_id_col": version}

    # -- texts ------------------------------------------------------------------------------
    def shown_language(self, lang: str) -> str:
        """``lang`` when the call is written in it, else its first language."""
        if lang in (self.languages or []):
            return lang
        return (self.languages or ["en"])[0]

    def title_in(self, lang: str) -> str:
        titles = self.titles or {}
        return titles.get(lang) or titles.get(self.shown_language(lang)) or next(iter(titles.values()), "")

    def description_in(self, lang: str) -> str:
        descriptions = self.descriptions or {}
        return descriptions.get(lang) or descriptions.get(self.shown_language(lang)) or ""

    # -- dates ------------------------------------------------------------------------------
    @property
    def zone(self) -> ZoneInfo:
        return zone_named(self.timezone)

    @property
    def local_opens(self) -> datetime:
        return self.opens_at.astimezone(self.zone)

    @property
    def local_closes(self) -> datetime:
        return self.closes_at.astimezone(self.zone)

    def state(self, now: datetime | None = None) -> str:
        """What a visitor finds: ``draft`` (not published), ``upcoming``, ``accepting`` or ``closed``."""
        now = now or utcnow()
        if self.status == "draft":
            return "draft"
        if self.status == "closed" or now >= self.closes_at:
            return "closed"
        if now < self.opens_at:
            return "upcoming"
        return "accepting"

    def accepts_applications(self, now: datetime | None = None) -> bool:
        return self.state(now) == "accepting"

    # -- status -----------------------------------------------------------------------------
    def open(self) -> None:
        """Publish the call (from a draft), or open a closed call again."""
        if self.status not in ("draft", "closed"):
            raise InvalidTransition(f"cannot open a call that is {self.status}")
        self.status = "open"

    def close(self) -> None:
        if self.status != "open":
            raise InvalidTransition(f"cannot close a call that is {self.status}")
        self.status = "closed"

    # -- who may do what --------------------------------------------------------------------
    def is_reviewer(self, user) -> bool:
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        return any(reviewer.id == user.id for reviewer in self.reviewers)

    def can_view(self, user) -> bool:
        """Coordinators see every call; a reviewer only the calls they are assigned to."""
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        return user.is_coordinator or self.is_reviewer(user)

    def can_manage(self, user) -> bool:
        """Edit the call, its criteria and reviewers, open and close it, rank and decide."""
        return user is not None and getattr(user, "is_coordinator", False)

    def can_review(self, user) -> bool:
        """See the list of applications to review and score them."""
        return self.is_reviewer(user)

    def can_download_pack(self, user) -> bool:
        """The review pack: coordinators (with the scores) and the call's reviewers (without)."""
        return self.can_manage(user) or self.is_reviewer(user)

    def can_edit_criteria(self, user) -> bool:
        """While no application of the call has been scored."""
        return self.can_manage(user) and not self.has_scores()

    def has_scores(self) -> bool:
        if self.id is None:
            return False
        found = db.session.scalar(
            db.select(Score.id).join(Review, Score.review_id == Review.id)
            .join(Application, Review.application_id == Application.id)
            .where(Application.call_id == self.id).limit(1))
        return found is not None

    def __repr__(self) -> str:
        return f"<Call {self.uuid} {self.status}>"


class Criterion(db.Model):
    """What reviewers score, 1 to 5, with a weight in the ranking."""

    __tablename__ = "call_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    #: one of DEFAULT_CRITERIA (its wording comes from the catalogs), or "" for one of the call's own
    code: Mapped[str] = mapped_column(String(20), default="")
    #: {language code: wording}: the coordinator's own wording, in each language it was written in
    labels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    weight: Mapped[int] = mapped_column(Integer, default=1)

    call: Mapped[Call] = relationship(back_populates="criteria")

    def label(self, lang: str) -> str:
        """The wording in ``lang``: the coordinator's there, else the method's (translated), else
        the coordinator's in another language."""
        labels = self.labels or {}
        if labels.get(lang):
            return labels[lang]
        if self.code in DEFAULT_CRITERIA:
            from .labels import criterion_default_label
            from ..i18n import force_locale

            with force_locale(lang):
                return str(criterion_default_label(self.code))
        return next((text for text in labels.values() if text), self.code)


class Application(db.Model):
    """An expression of interest, sent through a call's public link without an account."""

    __tablename__ = "call_applications"
    __table_args__ = (UniqueConstraint("year", "number", name="uq_call_applications_year_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    #: empty for a copy brought in by a dialogue package from another instance
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    #: what the applicant is told, e.g. ``EOI-2026-0042`` (numbered per year on this instance)
    reference: Mapped[str] = mapped_column(String(24), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    #: the language the applicant wrote in (one of the call's)
    language: Mapped[str] = mapped_column(String(12), default="en")
    organisation: Mapped[str] = mapped_column(String(ORGANISATION_MAX))
    #: ISO 3166-1 alpha-2, upper case
    country: Mapped[str] = mapped_column(String(2))
    contact_person: Mapped[str] = mapped_column(String(NAME_MAX))
    contact_email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    contact_phone: Mapped[str] = mapped_column(String(PHONE_MAX), default="")
    #: the proposed challenge
    challenge: Mapped[str] = mapped_column(Text, default="")
    #: why it matters locally, and now
    why_now: Mapped[str] = mapped_column(Text, default="")
    #: {sector code: who from that sector would need to be at the table}
    stakeholders_by_sector: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: how they would be reached
    how_reached: Mapped[str] = mapped_column(Text, default="")
    #: willingness to convene them
    willingness: Mapped[str] = mapped_column(Text, default="")
    #: capacity to convene them
    capacity: Mapped[str] = mapped_column(Text, default="")
    #: motivation for a lasting local platform
    motivation: Mapped[str] = mapped_column(Text, default="")
    #: earlier experience (optional)
    experience: Mapped[str] = mapped_column(Text, default="")
    #: ``submitted``, ``shortlisted``, ``selected`` or ``declined``
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: the dialogue started from this application once selected
    dialogue_id: Mapped[int | None] = mapped_column(ForeignKey("dialogues.id", ondelete="SET NULL"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    call: Mapped[Call | None] = relationship()
    dialogue: Mapped[Dialogue | None] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    reviews: Mapped[list[Review]] = relationship(back_populates="application", cascade="all, delete-orphan",
                                                 order_by="Review.id")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_decided(self) -> bool:
        return self.status in ("selected", "declined")

    # -- status -----------------------------------------------------------------------------
    def shortlist(self) -> None:
        if self.status != "submitted":
            raise InvalidTransition(f"cannot shortlist an application that is {self.status}")
        self.status = "shortlisted"

    def select(self) -> None:
        if self.status not in ("submitted", "shortlisted"):
            raise InvalidTransition(f"cannot select an application that is {self.status}")
        self.status = "selected"

    def decline(self) -> None:
        if self.status not in ("submitted", "shortlisted"):
            raise InvalidTransition(f"cannot decline an application that is {self.status}")
        self.status = "declined"

    def apply_decision(self, decision: str) -> None:
        """``shortlist``, ``select`` or ``decline``; anything else is refused."""
        if decision not in DECISIONS:
            raise InvalidTransition(f"unknown decision {decision!r}")
        getattr(self, decision)()

    def can_take(self, decision: str) -> bool:
        allowed = {"shortlist": ("submitted",), "select": ("submitted", "shortlisted"),
                   "decline": ("submitted", "shortlisted")}
        return self.status in allowed.get(decision, ())

    # -- who may do what --------------------------------------------------------------------
    def can_view(self, user) -> bool:
        """Coordinators, and the reviewers of its call."""
        if self.call is None:
            return user is not None and getattr(user, "is_coordinator", False)
        return self.call.can_view(user)

    def can_review(self, user) -> bool:
        """Score it or declare a conflict: the call's reviewers, until it is decided."""
        return self.call is not None and self.call.is_reviewer(user) and not self.is_decided

    def can_decide(self, user) -> bool:
        return self.call is not None and self.call.can_manage(user)

    def can_see_scores(self, user, own_review: Review | None) -> bool:
        """Coordinators see every review; a reviewer sees the others' once their own is in
        (their scores, or a declared conflict of interest)."""
        if self.can_decide(user):
            return True
        return own_review is not None and own_review.submitted_at is not None

    def __repr__(self) -> str:
        return f"<Application {self.reference or self.uuid} {self.status}>"


class Review(db.Model):
    """One reviewer's review of one application: a conflict of interest, or a score per criterion."""

    __tablename__ = "call_reviews"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id", name="uq_call_reviews_application_reviewer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    application_id: Mapped[int] = mapped_column(ForeignKey("call_applications.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    conflict_of_interest: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    application: Mapped[Application] = relationship(back_populates="reviews")
    reviewer: Mapped[User] = relationship()
    scores: Mapped[list[Score]] = relationship(back_populates="review", cascade="all, delete-orphan",
                                               order_by="Score.id")

    __mapper_args__ = {"version_id_col": version}


class Score(db.Model):
    __tablename__ = "call_scores"
    __table_args__ = (UniqueConstraint("review_id", "criterion_id", name="uq_call_scores_review_criterion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("call_reviews.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("call_criteria.id", ondelete="CASCADE"), index=True)
    #: 1 (weak) to 5 (strong)
    value: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")

    review: Mapped[Review] = relationship(back_populates="scores")
    criterion: Mapped[Criterion] = relationship()
