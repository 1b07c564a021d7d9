"""Phase 3's services: commitments, owners and their links, updates, the board, the balance of
commitments between sectors, the platform, lessons. They add and flush and write the audit
log (numbers and codes only); the request commits once."""
from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import selectinload

from dialogue import audit
from dialogue.extensions import db
from dialogue.models import Dialogue, InvalidTransition, User, hash_token, utcnow
from dialogue.services import ServiceError, StaleEdit, flush_or_stale
from phases.mapping.models import SECTORS, Stakeholder

from .models import EVIDENCE_MAX, FREQUENCIES, LESSON_PHASES, STATUSES, Commitment, Lesson, Owner, Platform, Update

COMMITMENT_FIELDS = ("title", "outcome_id", "due_date", "indicator", "resources", "support", "public")




# -- reading --------------------------------------------------------------------------------
def commitments_of(dialogue: Dialogue) -> list[Commitment]:
    """Every commitment with its owners (and their stakeholders) and updates: four queries."""
    return list(db.session.scalars(
        db.select(Commitment).where(Commitment.dialogue_id == dialogue.id).order_by(Commitment.number)
        .options(selectinload(Commitment.owners).selectinload(Owner.stakeholder),
                 selectinload(Commitment.updates), selectinload(Commitment.outcome))
    ))


def commitment_of(dialogue: Dialogue, commitment_uuid) -> Commitment:
    return db.one_or_404(db.select(Commitment).where(Commitment.dialogue_id == dialogue.id,
                                                     Commitment.uuid == str(commitment_uuid)))


def _owners(dialogue: Dialogue, stakeholder_uuids) -> list[Stakeholder]:
    wanted = [str(u) for u in stakeholder_uuids]
    found = list(db.session.scalars(db.select(Stakeholder).where(
        Stakeholder.dialogue_id == dialogue.id, Stakeholder.uuid.in_(wanted), Stakeholder.deleted_at.is_(None))))
    if len(found) != len(set(wanted)) or not found:
        raise ServiceError("owners", "owners")
    # in the order given (the database's order follows the uuids' index: random from run to run)
    position = {uuid: i for i, uuid in reversed(list(enumerate(wanted)))}
    return sorted(found, key=lambda s: position[str(s.uuid)])


def _check_outcome(dialogue: Dialogue, outcome_id) -> None:
    if outcome_id is None:
        return
    from phases.convening.models import Meeting, Outcome

    ok = db.session.scalar(db.select(Outcome.id).join(Meeting).where(Outcome.id == outcome_id,
                                                                     Meeting.dialogue_id == dialogue.id))
    if ok is None:
        raise ServiceError("outcome", "outcome_id")


def due_before_its_meeting(dialogue: Dialogue, outcome_id, due_date) -> bool:
    """Whether the due date falls before the meeting that produced the commitment."""
    if outcome_id is None or due_date is None:
        return False
    from phases.convening.models import Outcome

    outcome = db.session.get(Outcome, outcome_id)
    return outcome is not None and due_date < outcome.meeting.local_start.date()


# -- commitments ------------------------------------------------------------------------------
def create_commitment(dialogue: Dialogue, actor: User | None, *, owners, confirm_early: bool = False,
                      **values) -> Commitment:
    values = {k: v for k, v in values.items() if k in COMMITMENT_FIELDS}
    _check_outcome(dialogue, values.get("outcome_id"))
    if due_before_its_meeting(dialogue, values.get("outcome_id"), values.get("due_date")) and not confirm_early:
        raise ServiceError("early", "due_date")
    people = _owners(dialogue, owners)
    number = (db.session.scalar(db.select(db.func.max(Commitment.number)).where(
        Commitment.dialogue_id == dialogue.id)) or 0) + 1
    commitment = Commitment(dialogue=dialogue, dialogue_id=dialogue.id, number=number,
                            content_language=dialogue.content_language, **values)
    commitment.owners = [Owner(stakeholder=s, stakeholder_id=s.id) for s in people]
    db.session.add(commitment)
    flush_or_stale()
    if actor is not None:
        audit.record("followup.commitment_created", actor=actor, dialogue=dialogue, number=number,
                     owners=len(people))
    return commitment


def update_commitment(commitment: Commitment, actor: User, *, version: int, owners, confirm_early: bool = False,
                      **values) -> list[str]:
    if version != commitment.version:
        raise StaleEdit("stale")
    dialogue = commitment.dialogue
    values = {k: v for k, v in values.items() if k in COMMITMENT_FIELDS}
    _check_outcome(dialogue, values.get("outcome_id"))
    if due_before_its_meeting(dialogue, values.get("outcome_id"), values.get("due_date")) and not confirm_early:
        raise ServiceError("early", "due_date")
    people = _owners(dialogue, owners)
    changed = [k for k, v in values.items() if getattr(commitment, k) != v]
    for key in changed:
        setattr(commitment, key, values[key])
    current = {o.stakeholder_id: o for o in commitment.owners}
    wanted = {s.id: s for s in people}
    if set(current) != set(wanted):
        changed.append("owners")
        commitment.owners = [current.get(i) or Owner(stakeholder=s, stakeholder_id=i) for i, s in wanted.items()]
    if changed:
        flush_or_stale()
        audit.record("followup.commitment_updated", actor=actor, dialogue=dialogue, number=commitment.number,
                     fields=sorted(changed))
    return changed


def add_update(commitment: Commitment, *, status: str, progress: int, note: str = "", evidence: str = "",
               actor: User | None = None, owner: Owner | None = None, when=None) -> Update:
    """Record progress; through an owner's link when ``owner`` is given."""
    try:
        commitment.apply_update(status, progress)
    except InvalidTransition as exc:
        raise ServiceError(str(exc), "status") from None
    update = Update(commitment=commitment, status=status, progress=commitment.progress, note=(note or "").strip(),
                    evidence=(evidence or "").strip()[:EVIDENCE_MAX],
                    source="owner_link" if owner is not None else "member",
                    author_id=actor.id if actor is not None else None,
                    owner_stakeholder_id=owner.stakeholder_id if owner is not None else None,
                    created_at=when or utcnow())
    db.session.add(update)
    flush_or_stale()
    audit.record("followup.progress_reported", actor=actor, dialogue=commitment.dialogue, number=commitment.number,
                 status=status, via_link=owner is not None)
    return update


# -- owners' private links ----------------------------------------------------------------------
def issue_link(owner: Owner, actor: User) -> str:
    """A new private link for this owner and commitment (an earlier one stops working)."""
    token = secrets.token_urlsafe(24)
    owner.link_hash = hash_token(token)
    owner.link_issued_at = utcnow()
    db.session.flush()
    audit.record("followup.link_issued", actor=actor, dialogue=owner.commitment.dialogue,
                 number=owner.commitment.number)
    return token


def revoke_link(owner: Owner, actor: User) -> None:
    owner.link_hash = ""
    owner.link_issued_at = None
    db.session.flush()
    audit.record("followup.link_revoked", actor=actor, dialogue=owner.commitment.dialogue,
                 number=owner.commitment.number)


def owner_for_link(token: str) -> Owner | None:
    """The owner a link belongs to; None for an unknown or revoked link, or when the person was
    forgotten or their entry deleted since (their link dies with them)."""
    if not token or len(token) > 100:
        return None
    owner = db.session.scalar(db.select(Owner).where(Owner.link_hash == hash_token(token)))
    if owner is None or owner.stakeholder.erased_at is not None or owner.stakeholder.deleted_at is not None:
        return None
    return owner


# -- the board and the balance ---------------------------------------------------------------------
@dataclass
class Board:
    overdue: list[Commitment] = field(default_factory=list)
    at_risk: list[Commitment] = field(default_factory=list)
    due_soon: list[Commitment] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)


def board(commitments: list[Commitment], today: date) -> Board:
    result = Board()
    soon = today + timedelta(days=30)
    for c in commitments:
        result.counts[c.status] += 1
        if c.is_overdue(today):
            result.overdue.append(c)
        elif c.status == "at_risk":
            result.at_risk.append(c)
        elif c.is_open and c.due_date is not None and today <= c.due_date <= soon:
            result.due_soon.append(c)
    result.due_soon.sort(key=lambda c: c.due_date)
    return result


def sector_balance(commitments: list[Commitment]) -> list[tuple[str, int, int]]:
    """(sector, commitments held, kept) for every sector holding any; a joint commitment
    counts once for each sector among its owners."""
    held, kept = Counter(), Counter()
    for c in commitments:
        if c.status == "dropped":
            continue
        for sector in {o.stakeholder.sector for o in c.owners}:
            held[sector] += 1
            kept[sector] += c.status == "done"
    return [(s, held[s], kept[s]) for s in SECTORS if held[s]]


def progress_series(commitments: list[Commitment]) -> list[tuple[date, int, float]]:
    """For each day with an update: (day, commitments done by then, average progress by then)."""
    events = sorted((u.created_at.date(), c.id, u.progress, u.status) for c in commitments for u in c.updates)
    latest: dict[int, tuple[int, str]] = {}
    series = []
    total = len([c for c in commitments if c.status != "dropped"]) or 1
    for day in sorted({e[0] for e in events}):
        for event_day, cid, progress, status in events:
            if event_day == day:
                latest[cid] = (progress, status)
        done = sum(1 for p, s in latest.values() if s == "done")
        average = sum(p for p, s in latest.values() if s != "dropped") / total
        series.append((day, done, round(average, 1)))
    return series


# -- the platform and lessons ---------------------------------------------------------------------
def platform_of(dialogue: Dialogue) -> Platform | None:
    return db.session.scalar(db.select(Platform).where(Platform.dialogue_id == dialogue.id))


def save_platform(dialogue: Dialogue, actor: User, *, version: int | None, **values) -> Platform:
    record = platform_of(dialogue)
    if record is None:
        if version not in (None, 0):
            raise StaleEdit("stale")
        record = Platform(dialogue_id=dialogue.id)
        db.session.add(record)
    elif version != record.version:
        raise StaleEdit("stale")
    if values.get("frequency", "") not in ("", *FREQUENCIES):
        raise ServiceError("frequency", "frequency")
    members = set(db.session.scalars(db.select(Stakeholder.id).where(Stakeholder.dialogue_id == dialogue.id)))
    if any(i not in members for i in values.get("member_ids", [])):
        raise ServiceError("members", "member_ids")
    for key in ("established", "name", "member_ids", "frequency", "next_meeting", "notes"):
        if key in values:
            setattr(record, key, values[key])
    flush_or_stale()
    audit.record("followup.platform_saved", actor=actor, dialogue=dialogue, established=bool(record.established))
    return record


def lessons_of(dialogue: Dialogue) -> dict[str, Lesson]:
    return {row.phase: row for row in db.session.scalars(db.select(Lesson).where(Lesson.dialogue_id == dialogue.id))}


def save_lesson(dialogue: Dialogue, actor: User | None, *, phase: str, version: int | None, **texts) -> Lesson:
    if phase not in LESSON_PHASES:
        raise ServiceError("phase", "phase")
    row = lessons_of(dialogue).get(phase)
    if row is None:
        if version not in (None, 0):
            raise StaleEdit("stale")
        row = Lesson(dialogue_id=dialogue.id, phase=phase, content_language=dialogue.content_language)
        db.session.add(row)
    elif version != row.version:
        raise StaleEdit("stale")
    for key in Lesson.translatable_fields:
        if key in texts:
            setattr(row, key, (texts[key] or "").strip())
    flush_or_stale()
    if actor is not None:
        audit.record("followup.lessons_saved", actor=actor, dialogue=dialogue, phase=phase)
    return row


__all__ = ["STATUSES"]
