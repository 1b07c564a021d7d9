"""Phase 1's tables: the challenge's details and the stakeholder register.

Codes are stored in English (``government``, ``supportive``, ``accepted``) and shown
translated (``phases.mapping.labels``). Both tables carry a version column: two facilitators
saving the same row never overwrite each other silently.

Who sees a person is decided in one place, :meth:`Stakeholder.shown_as`: the dialogue's
members see everyone; everyone else (coordinators included, and every document or export meant
for others) sees a person's name only with their consent to be named, and a person at risk (or
forgotten) only as a pseudonym such as "Participant 7 (civil society)".
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialogue.extensions import db
from dialogue.models import Dialogue, UTCDateTime, new_uuid, utcnow

SECTORS = ("government", "private_sector", "civil_society", "academia", "media", "community", "international")
LEVELS = ("local", "regional", "national", "international")
STANCES = ("supportive", "neutral", "opposed", "unknown")
GENDERS = ("woman", "man", "other")
AGE_GROUPS = ("youth", "adult", "older")
GROUPS = ("women", "youth", "disability", "minorities", "displaced", "other")
#: "" is "not invited"; the rest is the invitation's state
INVITATION_STATES = ("invited", "accepted", "declined", "no_answer")
SCOPES = ("local", "regional", "national")
REASONS = ("shared_vision", "no_shared_solution", "formal_process")
DO_NO_HARM = ("risk_assessed", "consent", "safe_venue", "power_balance", "data_minimal", "conflict_sensitive")
#: the three sectors the method wants balanced, and the one it wants present
BALANCED_SECTORS = ("government", "private_sector", "civil_society")

ORGANISATION_MAX = 200
PERSON_MAX = 120
ROLE_MAX = 120
CONTACT_MAX = 200
STAKE_MAX = 2000
NOTES_MAX = 2000
TEXT_MAX = 4000


class Challenge(db.Model):
    """The common challenge beyond its statement (which is ``Dialogue.challenge``), and the
    phase's completion: one row per dialogue, created when first saved."""

    __tablename__ = "mapping_challenges"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), unique=True)
    #: ``local``, ``regional`` or ``national``
    scope: Mapped[str] = mapped_column(String(20), default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    #: why several sectors are needed at one table (codes of REASONS)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    context_note: Mapped[str] = mapped_column(Text, default="")
    risk_note: Mapped[str] = mapped_column(Text, default="")
    #: the do-no-harm checklist: codes of DO_NO_HARM that are ticked
    do_no_harm: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: why a sector of BALANCED_SECTORS is missing, when the phase is completed without it
    sector_gap_reason: Mapped[str] = mapped_column(Text, default="")
    #: language the texts were written in
    content_language: Mapped[str] = mapped_column(String(12), default="en")
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    dialogue: Mapped[Dialogue] = relationship()

    __mapper_args__ = {"version_id_col": version}

    content_type = "mapping_challenge"
    translatable_fields = ("objectives", "context_note", "risk_note", "sector_gap_reason")

    @property
    def is_defined(self) -> bool:
        return bool(self.scope and self.objectives.strip())


class Stakeholder(db.Model):
    """One entry of the register: an organisation, and the person there if there is one."""

    __tablename__ = "mapping_stakeholders"
    __table_args__ = (UniqueConstraint("dialogue_id", "number", name="uq_mapping_stakeholders_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    #: 1, 2, 3… within the dialogue; names the pseudonym ("Participant 7") and never changes
    number: Mapped[int] = mapped_column(Integer)
    organisation: Mapped[str] = mapped_column(String(ORGANISATION_MAX), default="")
    person: Mapped[str] = mapped_column(String(PERSON_MAX), default="")
    role: Mapped[str] = mapped_column(String(ROLE_MAX), default="")
    sector: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20), default="local")
    stake: Mapped[str] = mapped_column(Text, default="")
    influence: Mapped[int] = mapped_column(Integer, default=3)
    interest: Mapped[int] = mapped_column(Integer, default=3)
    stance: Mapped[str] = mapped_column(String(20), default="unknown")
    gender: Mapped[str] = mapped_column(String(20), default="")
    age_group: Mapped[str] = mapped_column(String(20), default="")
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    preferred_language: Mapped[str] = mapped_column(String(12), default="")
    contact: Mapped[str] = mapped_column(String(CONTACT_MAX), default="")
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_named: Mapped[bool] = mapped_column(Boolean, default=False)
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: "" (not invited), ``invited``, ``accepted``, ``declined`` or ``no_answer``
    invitation: Mapped[str] = mapped_column(String(20), default="")
    #: set when the person was forgotten: personal fields are gone, the counts stay
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: set when the entry was deleted as a mistake: it is emptied and hidden, and stays as a
    #: tombstone so its number is never given again and an older package cannot bring it back
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    dialogue: Mapped[Dialogue] = relationship()

    __mapper_args__ = {"version_id_col": version}

    #: the fields a person's erasure empties (sector, level, scores, stance, gender, age
    #: group, groups and invitation stay, so the balance and the counts stay true)
    PERSONAL_FIELDS = ("organisation", "person", "role", "stake", "contact", "notes", "preferred_language")

    @property
    def is_invitee(self) -> bool:
        return bool(self.invitation)

    @property
    def quadrant(self) -> str:
        """The engagement approach of the influence/interest grid (threshold: 3 and above is high)."""
        high_influence = self.influence >= 3
        high_interest = self.interest >= 3
        if high_influence and high_interest:
            return "manage_closely"
        if high_influence:
            return "keep_satisfied"
        if high_interest:
            return "keep_informed"
        return "monitor"

    def pseudonym(self) -> str:
        from .labels import pseudonym

        return pseudonym(self.number, self.sector)

    def shown_as(self, inside: bool) -> str:
        """The one rule for how this stakeholder is named.

        ``inside`` is True for the dialogue's members (``Dialogue.can_see_people``); for
        everyone else, and every document meant for others: a person at risk, or forgotten,
        only as a pseudonym; a person without consent to be named as their organisation (or
        the pseudonym when there is none); a person with consent by name and organisation.
        """
        from dialogue.i18n import _

        if self.erased_at is not None or (self.at_risk and not inside):
            return self.pseudonym()
        person = self.person.strip()
        organisation = self.organisation.strip()
        if not inside and not self.consent_named:
            person = ""
        if person and organisation:
            return _("%(person)s, %(organisation)s", person=person, organisation=organisation)
        return person or organisation or self.pseudonym()

    def shows_details(self, inside: bool) -> bool:
        """Whether the role and the stake may be shown to this audience (contact and notes are
        for members only, whatever the consent)."""
        if self.erased_at is not None:
            return False
        if inside:
            return True
        return not self.at_risk and (self.consent_named or not self.person.strip())
