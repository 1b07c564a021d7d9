"""The core tables: accounts, dialogues, memberships, one-time account links, the audit log.

Phase tables live in ``phases/<name>/models.py``. Models answer questions (``can_*``) and
refuse invalid transitions; they never read the request.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import uuid as uuid_module
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, TypeDecorator, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use dialogue.models.utcnow()")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def hash_token(token: str) -> str:
    """Tokens in links are stored only as this hash."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# Lengths shared by the forms and the columns, so a form never accepts what the database refuses.
EMAIL_MAX = 254
NAME_MAX = 120
TITLE_MAX = 200
LOCALITY_MAX = 120
ORGANISATION_MAX = 200
CHALLENGE_MAX = 4000

ROLES = ("coordinator", "partner", "reviewer")
MEMBER_ROLES = ("lead", "facilitator")
PHASES = ("mapping", "convening", "followup", "completed")


def zone_named(name: str):
    """The IANA time zone ``name`` (a meeting's, a call's); UTC for a zone the machine does
    not know."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except Exception:  # noqa: BLE001 - an unknown or malformed name: UTC
        return ZoneInfo("UTC")


class InvalidTransition(ValueError):
    """A status or phase change that the current state does not allow."""


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stable identifier for exports
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    #: login name, stored lower-case
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    #: ``coordinator``, ``partner`` (partners are leads or facilitators per dialogue) or
    #: ``reviewer`` (scores the applications of the calls they are assigned to)
    role: Mapped[str] = mapped_column(String(20), default="partner")
    #: argon2 hash; empty until the user sets a password through their one-time link
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: interface language chosen by the user; empty means the browser's
    locale: Mapped[str | None] = mapped_column(String(12))
    active: Mapped[bool] = mapped_column(default=True)
    #: what the session cookie names; changed at logout and password change, so every
    #: session of the account ends at once on every device
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=lambda: secrets.token_urlsafe(32))
    #: base32 secret of the authenticator app; empty while the second step is off
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: the last time step accepted, so a code cannot be used twice
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    #: when a coordinator last reset the second step (the user is told at next login)
    two_factor_reset_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", cascade="all, delete-orphan")
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(back_populates="user", cascade="all, delete-orphan")

    @property
    def has_two_factor(self) -> bool:
        return bool(self.totp_secret and self.totp_enabled_at)

    @property
    def leads_a_dialogue(self) -> bool:
        return any(m.role == "lead" for m in self.memberships)

    # Flask-Login
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active and self.password_hash is not None

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return self.session_token

    def end_all_sessions(self) -> None:
        self.session_token = secrets.token_urlsafe(32)

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"

    @property
    def display_name(self) -> str:
        return self.name or self.email

    def can_manage_users(self) -> bool:
        return self.is_coordinator

    @property
    def is_reviewer(self) -> bool:
        return self.role == "reviewer"

    def can_create_dialogue(self) -> bool:
        return self.role in ("coordinator", "partner")

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class Dialogue(db.Model):
    __tablename__ = "dialogues"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    #: ISO 3166-1 alpha-2, upper case
    country: Mapped[str] = mapped_column(String(2))
    locality: Mapped[str] = mapped_column(String(LOCALITY_MAX), default="")
    #: working languages, as language codes (ISO 639)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: the convening organisation
    organisation: Mapped[str] = mapped_column(String(ORGANISATION_MAX))
    #: the common challenge, in a few sentences
    challenge: Mapped[str] = mapped_column(Text, default="")
    #: language the title and challenge were written in
    content_language: Mapped[str] = mapped_column(String(12), default="en")
    #: ``mapping``, ``convening``, ``followup`` or ``completed``
    phase: Mapped[str] = mapped_column(String(20), default="mapping")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    #: optimistic lock: a save based on an older version is refused
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: deleted by a coordinator: hidden everywhere, recoverable until ``dialogue purge`` removes
    #: it (``DELETED_KEEP_DAYS`` later)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: how long personal data is kept after the dialogue's last meeting, in months
    retention_months: Mapped[int] = mapped_column(Integer, default=24)
    #: a lead's extension of the retention: until this date, with a reason
    retention_extended_until: Mapped[date | None] = mapped_column(Date)
    retention_reason: Mapped[str] = mapped_column(Text, default="")
    #: when ``dialogue purge`` erased the personal data for the retention period
    personal_data_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="dialogue", cascade="all, delete-orphan", order_by="Membership.id"
    )

    __mapper_args__ = {"version_id_col": version}

    #: for translations of what people write (dialogue.content)
    content_type = "dialogue"
    translatable_fields = ("title", "challenge")

    # -- who may do what -------------------------------------------------------------
    def membership_of(self, user) -> Membership | None:
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        for membership in self.memberships:
            if membership.user_id == user.id:
                return membership
        return None

    def is_member(self, user) -> bool:
        return self.membership_of(user) is not None

    def is_lead(self, user) -> bool:
        membership = self.membership_of(user)
        return membership is not None and membership.role == "lead"

    def can_view(self, user) -> bool:
        """Members see their dialogues; coordinators see every dialogue."""
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        return user.is_coordinator or self.is_member(user)

    def can_edit(self, user) -> bool:
        """Record content: leads and facilitators."""
        return self.is_member(user)

    def can_manage(self, user) -> bool:
        """Change the settings and the phase: leads only."""
        return self.is_lead(user)

    def can_manage_members(self, user) -> bool:
        return self.is_lead(user)

    def can_download(self, user) -> bool:
        return self.can_view(user)

    def can_submit(self, user) -> bool:
        """Send the case study for review: leads only."""
        return self.is_lead(user)

    def can_delete(self, user) -> bool:
        """Delete the dialogue (recoverable for 30 days): coordinators only."""
        return user is not None and getattr(user, "is_coordinator", False)

    def can_review(self, user) -> bool:
        """Comment on a case study, ask for changes, approve: coordinators only."""
        return user is not None and getattr(user, "is_coordinator", False)

    def can_see_people(self, user) -> bool:
        """See stakeholders as they are (names, contacts, people at risk): members only.
        Everyone else, coordinators included, sees them as the privacy rules allow."""
        return self.is_member(user)

    def can_export(self, user) -> bool:
        return self.is_lead(user) or (user is not None and getattr(user, "is_coordinator", False))

    # -- the method's phases ---------------------------------------------------------
    @property
    def phase_index(self) -> int:
        return PHASES.index(self.phase)

    def move_to_phase(self, phase: str) -> None:
        """Go one phase forward or back; anything else is refused."""
        if phase not in PHASES:
            raise InvalidTransition(f"unknown phase {phase!r}")
        if abs(PHASES.index(phase) - self.phase_index) != 1:
            raise InvalidTransition(f"cannot move from {self.phase} to {phase}")
        self.phase = phase

    @property
    def leads(self) -> list[User]:
        return [m.user for m in self.memberships if m.role == "lead"]

    def __repr__(self) -> str:
        return f"<Dialogue {self.uuid}>"


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("dialogue_id", "user_id", name="uq_memberships_dialogue_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: ``lead`` or ``facilitator``
    role: Mapped[str] = mapped_column(String(20), default="facilitator")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    dialogue: Mapped[Dialogue] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship(back_populates="memberships")


class AccountToken(db.Model):
    """A one-time link that lets a person set their password (first time or reset)."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: ``set_password``
    purpose: Mapped[str] = mapped_column(String(20), default="set_password")
    #: SHA-256 of the token; the token itself is shown once and never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @classmethod
    def issue(cls, user: User, *, hours: int, created_by: User | None = None) -> tuple[AccountToken, str]:
        token = secrets.token_urlsafe(32)  # 256 bits
        row = cls(
            user=user,
            token_hash=hash_token(token),
            expires_at=utcnow() + timedelta(hours=hours),
            created_by_id=created_by.id if created_by else None,
        )
        return row, token

    def is_usable(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.used_at is None and self.expires_at > now


class RecoveryCode(db.Model):
    """A one-time code for when the authenticator app is lost; stored only as a hash."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="recovery_codes")


class AuditEntry(db.Model):
    """Who changed what and when. Append-only; each entry carries the hash of the one before."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: the acting user (no foreign key: the chain must survive the deletion of a row it names)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    #: the dialogue concerned, by uuid for the same reason
    dialogue_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    #: a stable code such as ``dialogue.created``; shown translated
    action: Mapped[str] = mapped_column(String(60))
    #: what changed: field names and non-personal values
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    entry_hash: Mapped[str] = mapped_column(String(64))

    actor: Mapped[User | None] = relationship(
        primaryjoin="foreign(AuditEntry.actor_id) == User.id", viewonly=True, lazy="joined"
    )

    def compute_hash(self) -> str:
        payload = {
            "prev": self.prev_hash,
            "at": self.created_at.astimezone(timezone.utc).isoformat(timespec="microseconds"),
            "actor": self.actor_id,
            "dialogue": self.dialogue_uuid,
            "action": self.action,
            "details": self.details,
        }
        data = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


def render_migration_item(type_, obj, autogen_context):
    """Alembic autogenerate: write our column types as plain SQLAlchemy types in migrations."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
