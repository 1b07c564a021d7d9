"""Phase 1's services: the challenge, the register, invitations, completion.

They take model objects and plain values, add and flush, write the audit log (codes and
counts only, never a stakeholder's personal data); the request commits once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func

from dialogue import audit
from dialogue.extensions import db
from dialogue.models import Dialogue, InvalidTransition, User, utcnow
from dialogue.services import ServiceError, StaleEdit, flush_or_stale

from .models import (
    BALANCED_SECTORS, GROUPS, INVITATION_STATES, LEVELS, SECTORS, STANCES, Challenge, Stakeholder,
)

#: the register's editable fields, in the order of the form and the CSV
STAKEHOLDER_FIELDS = (
    "organisation", "person", "role", "sector", "level", "stake", "influence", "interest", "stance",
    "gender", "age_group", "groups", "preferred_language", "contact", "consent_contact", "consent_named",
    "at_risk", "notes", "invitation",
)

CHALLENGE_FIELDS = ("scope", "objectives", "reasons", "context_note", "risk_note", "do_no_harm")


# -- reading ----------------------------------------------------------------------------
def challenge_of(dialogue: Dialogue) -> Challenge | None:
    return db.session.scalar(db.select(Challenge).where(Challenge.dialogue_id == dialogue.id))


def _live(dialogue: Dialogue):
    """The register's entries, deleted ones (tombstones) left out."""
    return (Stakeholder.dialogue_id == dialogue.id, Stakeholder.deleted_at.is_(None))


def stakeholders_of(dialogue: Dialogue, *, with_deleted: bool = False) -> list[Stakeholder]:
    """The whole register in one query, in the order entries were made."""
    where = (Stakeholder.dialogue_id == dialogue.id,) if with_deleted else _live(dialogue)
    return list(db.session.scalars(db.select(Stakeholder).where(*where).order_by(Stakeholder.number)))


def stakeholder_of(dialogue: Dialogue, stakeholder_uuid: str) -> Stakeholder:
    """A stakeholder of this dialogue, or 404 (an entry of another dialogue is not found)."""
    return db.one_or_404(
        db.select(Stakeholder).where(*_live(dialogue), Stakeholder.uuid == str(stakeholder_uuid))
    )


def count_at_risk(dialogue: Dialogue) -> int:
    return db.session.scalar(
        db.select(func.count(Stakeholder.id)).where(
            *_live(dialogue), Stakeholder.at_risk.is_(True), Stakeholder.erased_at.is_(None))
    ) or 0


def count_stakeholders(dialogue: Dialogue) -> int:
    return db.session.scalar(db.select(func.count(Stakeholder.id)).where(*_live(dialogue))) or 0


def sectors_present(dialogue: Dialogue) -> set[str]:
    return set(db.session.scalars(db.select(Stakeholder.sector).where(*_live(dialogue)).distinct()))




# -- the challenge ---------------------------------------------------------------------
def save_challenge(dialogue: Dialogue, actor: User, *, version: int | None, statement: str,
                   dialogue_version: int, **values) -> list[str]:
    """Save the statement (on the dialogue) and the details, refusing a stale form."""
    challenge = challenge_of(dialogue)
    if challenge is None:
        if version not in (None, 0):
            raise StaleEdit("stale")
        challenge = Challenge(dialogue=dialogue, content_language=dialogue.content_language)
        db.session.add(challenge)
    elif version != challenge.version:
        raise StaleEdit("stale")
    if dialogue_version != dialogue.version:
        raise StaleEdit("stale")
    changed = []
    if (dialogue.challenge or "") != statement:
        dialogue.challenge = statement
        changed.append("statement")
    for key in CHALLENGE_FIELDS:
        value = values.get(key)
        if value is None:
            continue
        if getattr(challenge, key) != value:
            setattr(challenge, key, value)
            changed.append(key)
    flush_or_stale()
    if changed:
        audit.record("mapping.challenge_saved", actor=actor, dialogue=dialogue, fields=sorted(changed))
    return changed


# -- the register ----------------------------------------------------------------------
def _next_number(dialogue: Dialogue) -> int:
    highest = db.session.scalar(
        db.select(func.max(Stakeholder.number)).where(Stakeholder.dialogue_id == dialogue.id))
    return (highest or 0) + 1


def clean_values(values: dict) -> dict:
    """Check codes and ranges (forms and the CSV import check first; this is the last guard)."""
    out = {k: values[k] for k in STAKEHOLDER_FIELDS if k in values}
    if "sector" in out and out["sector"] not in SECTORS:
        raise ServiceError("sector", "sector")
    if "level" in out and out["level"] not in LEVELS:
        raise ServiceError("level", "level")
    if "stance" in out and out["stance"] not in STANCES:
        raise ServiceError("stance", "stance")
    if "invitation" in out and out["invitation"] not in ("", *INVITATION_STATES):
        raise ServiceError("invitation", "invitation")
    for score in ("influence", "interest"):
        if score in out and not 1 <= int(out[score]) <= 5:
            raise ServiceError(score, score)
    if "groups" in out:
        out["groups"] = [g for g in GROUPS if g in (out["groups"] or [])]
    return out


def add_stakeholder(dialogue: Dialogue, actor: User | None, *, audit_it: bool = True, **values) -> Stakeholder:
    values = clean_values(values)
    stakeholder = Stakeholder(dialogue=dialogue, dialogue_id=dialogue.id, number=_next_number(dialogue), **values)
    db.session.add(stakeholder)
    flush_or_stale()  # two adds at the same moment: the second is asked to save again
    if audit_it:
        audit.record("mapping.stakeholder_added", actor=actor, dialogue=dialogue, number=stakeholder.number,
                     sector=stakeholder.sector)
    return stakeholder


def update_stakeholder(stakeholder: Stakeholder, actor: User, *, version: int, **values) -> list[str]:
    if version != stakeholder.version:
        raise StaleEdit("stale")
    if stakeholder.erased_at is not None:
        raise ServiceError("erased")
    values = clean_values(values)
    changed = [k for k, v in values.items() if getattr(stakeholder, k) != v]
    for key in changed:
        setattr(stakeholder, key, values[key])
    if changed:
        flush_or_stale()
        audit.record("mapping.stakeholder_updated", actor=actor, dialogue=stakeholder.dialogue,
                     number=stakeholder.number, fields=sorted(changed))
    return changed


def import_stakeholders(dialogue: Dialogue, actor: User, rows: list[dict]) -> list[Stakeholder]:
    """Add every row (already checked whole by ``csv_io``); one audit entry for the import."""
    number = _next_number(dialogue)
    added = []
    for values in rows:
        stakeholder = Stakeholder(dialogue=dialogue, dialogue_id=dialogue.id, number=number, **clean_values(values))
        number += 1
        db.session.add(stakeholder)
        added.append(stakeholder)
    flush_or_stale()
    audit.record("mapping.register_imported", actor=actor, dialogue=dialogue, count=len(added))
    return added


def empty_personal_fields(stakeholder: Stakeholder, when=None) -> None:
    """What forgetting does to one row (also applied by a package that forgot someone):
    the personal fields and their translations go, and cached documents that may name them."""
    for key in Stakeholder.PERSONAL_FIELDS:
        setattr(stakeholder, key, "")
    stakeholder.consent_contact = False
    stakeholder.consent_named = False
    stakeholder.erased_at = when or utcnow()
    from dialogue.content import ContentTranslation

    for row in db.session.scalars(db.select(ContentTranslation).where(
            ContentTranslation.object_uuid == stakeholder.uuid)):
        db.session.delete(row)
    from dialogue.render_pool import clear_cache

    clear_cache()


def erase_stakeholder(stakeholder: Stakeholder, actor: User) -> None:
    """Forget the person: empty every personal field; keep sector, scores and invitation for the counts."""
    empty_personal_fields(stakeholder)
    db.session.flush()
    audit.record("mapping.stakeholder_erased", actor=actor, dialogue=stakeholder.dialogue, number=stakeholder.number)


def delete_stakeholder(stakeholder: Stakeholder, actor: User) -> None:
    """Remove an entry made by mistake (a duplicate): emptied and hidden, kept as a tombstone
    so its number is never given again and an older package cannot bring it back."""
    empty_personal_fields(stakeholder)
    stakeholder.deleted_at = utcnow()
    stakeholder.invitation = ""
    db.session.flush()
    audit.record("mapping.stakeholder_deleted", actor=actor, dialogue=stakeholder.dialogue, number=stakeholder.number)


def set_invitations(dialogue: Dialogue, actor: User, changes: dict[str, tuple[str, str]]) -> int:
    """``changes``: stakeholder uuid -> (state when the form was opened, state chosen), "" for
    not invited. Only rows the user changed are saved; if someone else changed one of them
    since the form was opened, nothing is saved (StaleEdit). Returns how many changed."""
    by_uuid = {s.uuid: s for s in stakeholders_of(dialogue)}
    wanted = {}
    for key, (before, state) in changes.items():
        stakeholder = by_uuid.get(key)
        if stakeholder is None:
            raise ServiceError("unknown")
        if state not in ("", *INVITATION_STATES):
            raise ServiceError("invitation")
        if state == before:
            continue
        if stakeholder.invitation != before:
            raise StaleEdit("stale")
        wanted[key] = state
    changed = 0
    for key, state in wanted.items():
        stakeholder = by_uuid[key]
        if stakeholder.invitation != state:
            stakeholder.invitation = state
            changed += 1
    if changed:
        db.session.flush()
        audit.record("mapping.invitations_updated", actor=actor, dialogue=dialogue, count=changed)
    return changed


# -- completing the phase ---------------------------------------------------------------
@dataclass
class Checklist:
    challenge_defined: bool
    missing_sectors: list[str] = field(default_factory=list)
    stakeholders: int = 0

    @property
    def sectors_ok(self) -> bool:
        return not self.missing_sectors


def checklist(dialogue: Dialogue) -> Checklist:
    challenge = challenge_of(dialogue)
    present = sectors_present(dialogue)
    return Checklist(
        challenge_defined=bool((dialogue.challenge or "").strip()) and challenge is not None and challenge.is_defined,
        missing_sectors=[s for s in BALANCED_SECTORS if s not in present],
        stakeholders=count_stakeholders(dialogue),
    )


def complete_phase(dialogue: Dialogue, actor: User, *, reason: str = "") -> None:
    """Phase 1 is done: move the dialogue on to the dialogue itself."""
    if dialogue.phase != "mapping":
        raise InvalidTransition("not in mapping")
    state = checklist(dialogue)
    if not state.challenge_defined:
        raise ServiceError("challenge")
    if state.stakeholders == 0:
        raise ServiceError("stakeholders")
    reason = (reason or "").strip()
    if not state.sectors_ok and not reason:
        raise ServiceError("reason", "reason")
    challenge = challenge_of(dialogue)
    challenge.sector_gap_reason = reason if not state.sectors_ok else ""
    challenge.completed_at = utcnow()
    challenge.completed_by_id = actor.id
    dialogue.move_to_phase("convening")
    db.session.flush()
    audit.record("mapping.completed", actor=actor, dialogue=dialogue,
                 missing=state.missing_sectors)


def reopen_phase(dialogue: Dialogue, actor: User) -> None:
    if dialogue.phase != "convening":
        raise InvalidTransition("not just after mapping")
    dialogue.move_to_phase("mapping")
    challenge = challenge_of(dialogue)
    if challenge is not None:
        challenge.completed_at = None
        challenge.completed_by_id = None
    db.session.flush()
    audit.record("mapping.reopened", actor=actor, dialogue=dialogue)
