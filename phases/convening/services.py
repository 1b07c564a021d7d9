"""Phase 2's services: meetings, agenda, attendance, the record, evaluations.

They take model objects and plain values, add and flush, write the audit log (codes, numbers
and counts only); the request commits once.
"""
from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from dialogue import audit
from dialogue.extensions import db
from dialogue.models import Dialogue, User, hash_token, utcnow
from dialogue.services import ServiceError, StaleEdit, flush_or_stale
from phases.mapping import services as mapping
from phases.mapping.models import Stakeholder

from . import agendas
from .models import (
    ANSWERS, CHECK_STATES, CHECKLIST, ITEM_MINUTES_MAX, MEETING_KINDS, METHODS, OUTCOME_KINDS, STAGES, AgendaItem,
    Attendance, Evaluation, Meeting, Outcome,
)

MEETING_FIELDS = ("title", "kind", "starts_at", "ends_at", "timezone", "venue", "address", "online_link", "languages",
                  "interpretation", "facilitator_ids", "ground_rules")
ITEM_FIELDS = ("day", "title", "minutes", "method", "stage", "lead", "purpose", "expected_output", "materials")




# -- reading -------------------------------------------------------------------------------
def meetings_of(dialogue: Dialogue) -> list[Meeting]:
    return list(db.session.scalars(
        db.select(Meeting).where(Meeting.dialogue_id == dialogue.id).order_by(Meeting.starts_at)
        .options(selectinload(Meeting.items))
    ))


def meeting_of(dialogue: Dialogue, meeting_uuid) -> Meeting:
    """A meeting of this dialogue, or 404."""
    return db.one_or_404(db.select(Meeting).where(Meeting.dialogue_id == dialogue.id,
                                                  Meeting.uuid == str(meeting_uuid)))


def default_meeting(dialogue: Dialogue, now: datetime | None = None) -> Meeting | None:
    """The next meeting to come, or else the last one held (what a document prints by default)."""
    meetings = meetings_of(dialogue)
    now = now or utcnow()
    upcoming = [m for m in meetings if m.ends_at >= now]
    return upcoming[0] if upcoming else (meetings[-1] if meetings else None)


def main_meeting(dialogue: Dialogue) -> Meeting | None:
    """The main dialogue meeting (the first one planned), for the invitation letters."""
    meetings = [m for m in meetings_of(dialogue) if m.kind == "main"]
    return meetings[0] if meetings else None


# -- meetings ------------------------------------------------------------------------------
def _check_meeting(dialogue: Dialogue, values: dict) -> None:
    if values.get("kind") not in MEETING_KINDS:
        raise ServiceError("kind", "kind")
    # compared in UTC: two times in one zone compare by their wall clock, which a change to or
    # from daylight-saving time makes wrong
    if values["ends_at"].astimezone(timezone.utc) <= values["starts_at"].astimezone(timezone.utc):
        raise ServiceError("end_before_start", "ends_at")
    members = {m.user_id for m in dialogue.memberships}
    if any(uid not in members for uid in values.get("facilitator_ids", [])):
        raise ServiceError("facilitators", "facilitator_ids")


def create_meeting(dialogue: Dialogue, actor: User, **values) -> Meeting:
    _check_meeting(dialogue, values)
    meeting = Meeting(dialogue=dialogue, dialogue_id=dialogue.id, content_language=dialogue.content_language,
                      **{k: v for k, v in values.items() if k in MEETING_FIELDS})
    db.session.add(meeting)
    db.session.flush()
    audit.record("convening.meeting_created", actor=actor, dialogue=dialogue, meeting=meeting.uuid, kind=meeting.kind)
    return meeting


def update_meeting(meeting: Meeting, actor: User, *, version: int, **values) -> list[str]:
    if version != meeting.version:
        raise StaleEdit("stale")
    _check_meeting(meeting.dialogue, values)
    changed = [k for k in MEETING_FIELDS if k in values and getattr(meeting, k) != values[k]]
    for key in changed:
        setattr(meeting, key, values[key])
    if changed:
        flush_or_stale()
        audit.record("convening.meeting_updated", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid,
                     fields=sorted(changed))
    return changed


def delete_meeting(meeting: Meeting, actor: User) -> None:
    dialogue, key = meeting.dialogue, meeting.uuid
    db.session.delete(meeting)
    db.session.flush()
    audit.record("convening.meeting_deleted", actor=actor, dialogue=dialogue, meeting=key)


def save_checklist(meeting: Meeting, actor: User, *, version: int, states: dict[str, str]) -> None:
    if version != meeting.version:
        raise StaleEdit("stale")
    clean = {}
    for code, state in states.items():
        if code not in CHECKLIST or state not in ("", *CHECK_STATES):
            raise ServiceError("checklist")
        if state:
            clean[code] = state
    if clean != (meeting.checklist or {}):
        meeting.checklist = clean
        flush_or_stale()
        audit.record("convening.checklist_saved", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid,
                     done=len(clean))


# -- the agenda ------------------------------------------------------------------------------
def _check_item(values: dict) -> dict:
    values = {k: values[k] for k in ITEM_FIELDS if k in values}
    if "minutes" in values and not 1 <= int(values["minutes"]) <= ITEM_MINUTES_MAX:
        raise ServiceError("minutes", "minutes")
    if values.get("method", "plenary") not in METHODS:
        raise ServiceError("method", "method")
    if values.get("stage", "") not in ("", *STAGES):
        raise ServiceError("stage", "stage")
    if "day" in values and not 1 <= int(values["day"]) <= 14:
        raise ServiceError("day", "day")
    return values


def _check_day(meeting: Meeting, values: dict) -> None:
    if int(values.get("day", 1)) > meeting.days:
        raise ServiceError("day", "day")


def add_item(meeting: Meeting, actor: User | None, **values) -> AgendaItem:
    values = _check_item(values)
    _check_day(meeting, values)
    position = max((i.position for i in meeting.items), default=0) + 1
    item = AgendaItem(meeting=meeting, position=position, **values)
    db.session.add(item)
    db.session.flush()
    if actor is not None:
        audit.record("convening.agenda_changed", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid)
    return item


def update_item(item: AgendaItem, actor: User, *, version: int, **values) -> None:
    if version != item.version:
        raise StaleEdit("stale")
    values = _check_item(values)
    _check_day(item.meeting, values)
    changed = [k for k, v in values.items() if getattr(item, k) != v]
    for key in changed:
        setattr(item, key, values[key])
    if changed:
        flush_or_stale()
        audit.record("convening.agenda_changed", actor=actor, dialogue=item.meeting.dialogue,
                     meeting=item.meeting.uuid)


def delete_item(item: AgendaItem, actor: User) -> None:
    meeting = item.meeting
    meeting.items.remove(item)
    db.session.flush()
    audit.record("convening.agenda_changed", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid)


def move_item(item: AgendaItem, actor: User, direction: int) -> None:
    """One place up (-1) or down (+1), within its day; at either end nothing happens."""
    meeting = item.meeting
    items = list(meeting.items)
    index = items.index(item)
    other = index + direction
    if 0 <= other < len(items) and items[other].day == item.day:
        items[index].position, items[other].position = items[other].position, items[index].position
        db.session.flush()
        meeting.items.sort(key=lambda i: i.position)
        audit.record("convening.agenda_changed", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid)


def apply_template(meeting: Meeting, actor: User, template: str) -> int:
    """Replace the agenda with a ready-made one (in the language of what the dialogue writes)."""
    if template not in agendas.TEMPLATES:
        raise ServiceError("template", "template")
    if any(item.notes.strip() for item in meeting.items):
        raise ServiceError("notes", "template")  # would throw away what was recorded
    from dialogue.i18n import force_locale

    with force_locale(meeting.content_language):
        rows = agendas.items(template)
    meeting.items.clear()
    db.session.flush()
    for position, values in enumerate(rows, start=1):
        db.session.add(AgendaItem(meeting=meeting, position=position, **values))
    db.session.flush()
    audit.record("convening.agenda_changed", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid,
                 template=template)
    return len(rows)


@dataclass
class AgendaCheck:
    """Warnings about an agenda, as codes with values (the view words them)."""

    overruns: list[tuple[int, int]] = field(default_factory=list)  # (day, minutes over)
    #: items on a day after the meeting's last (the meeting was shortened)
    outside: int = 0
    missing_stages: list[str] = field(default_factory=list)
    out_of_order: list[tuple[str, str]] = field(default_factory=list)  # (stage, stage it comes after)


def check_agenda(meeting: Meeting) -> AgendaCheck:
    result = AgendaCheck()
    schedule = meeting.schedule()
    last_end: dict[int, datetime] = {}
    for item, _start, end in schedule:
        last_end[item.day] = end
    result.outside = sum(1 for item in meeting.items if item.day > meeting.days)
    for day, end in sorted(last_end.items()):
        if day > meeting.days:
            continue
        over = int((end - meeting.day_end(day)).total_seconds() // 60)
        if over > 0:
            result.overruns.append((day, over))
    stages = [item.stage for item in meeting.items if item.stage]
    if meeting.items:
        result.missing_stages = [s for s in STAGES if s not in stages]
    highest = -1
    day = None
    for item in meeting.items:
        first_of_day = item.day != day
        day = item.day
        if not item.stage:
            continue
        index = STAGES.index(item.stage)
        # a new day may start by reconnecting; otherwise the stages go forward
        if index < highest and not (first_of_day and item.stage == "connection"):
            pair = (item.stage, STAGES[highest])
            if pair not in result.out_of_order:
                result.out_of_order.append(pair)
        highest = max(highest, index)
    return result


# -- attendance -------------------------------------------------------------------------------
def is_invitee(stakeholder: Stakeholder) -> bool:
    """Invited and not declined (and not forgotten since)."""
    return bool(stakeholder.invitation) and stakeholder.invitation != "declined" and stakeholder.erased_at is None


def attendance_of(meeting: Meeting) -> dict[int, Attendance]:
    """stakeholder id -> attendance, in one query."""
    rows = db.session.scalars(db.select(Attendance).where(Attendance.meeting_id == meeting.id))
    return {row.stakeholder_id: row for row in rows}


def check_in(meeting: Meeting, actor: User, stakeholder: Stakeholder, *, walk_in: bool = False) -> Attendance:
    if (stakeholder.dialogue_id != meeting.dialogue_id or stakeholder.deleted_at is not None
            or stakeholder.erased_at is not None):
        raise ServiceError("other_dialogue", "stakeholder")
    existing = db.session.scalar(db.select(Attendance).where(Attendance.meeting_id == meeting.id,
                                                             Attendance.stakeholder_id == stakeholder.id))
    if existing is not None:
        return existing
    row = Attendance(meeting=meeting, stakeholder=stakeholder, stakeholder_id=stakeholder.id, walk_in=walk_in)
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:  # checked in at the same moment on another phone
        db.session.rollback()
        raise StaleEdit("stale") from None
    audit.record("convening.checked_in", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid,
                 number=stakeholder.number, walk_in=walk_in)
    return row


def undo_check_in(meeting: Meeting, actor: User, stakeholder: Stakeholder) -> None:
    row = db.session.scalar(db.select(Attendance).where(Attendance.meeting_id == meeting.id,
                                                        Attendance.stakeholder_id == stakeholder.id))
    if row is not None:
        db.session.delete(row)
        db.session.flush()
        audit.record("convening.check_in_undone", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid,
                     number=stakeholder.number)


def add_walk_in(meeting: Meeting, actor: User, **values) -> Stakeholder:
    """Someone who came without an invitation: a new stakeholder, checked in."""
    values = dict(values, invitation="accepted")
    stakeholder = mapping.add_stakeholder(meeting.dialogue, actor, **values)
    check_in(meeting, actor, stakeholder, walk_in=True)
    return stakeholder


@dataclass
class Turnout:
    invited: int
    came: int
    walk_ins: int
    by_sector: list[tuple[str, int, int]]  # (sector, invited, came)
    by_gender: list[tuple[str, int, int]]
    by_group: list[tuple[str, int, int]]


def turnout(dialogue: Dialogue, meeting: Meeting, *, stakeholders: list[Stakeholder] | None = None,
            present: dict[int, Attendance] | None = None) -> Turnout:
    """Who came against who was invited; a page that has loaded the register or the attendance
    already passes them in."""
    from phases.mapping.models import GENDERS, GROUPS, SECTORS

    if stakeholders is None:
        stakeholders = mapping.stakeholders_of(dialogue)
    if present is None:
        present = attendance_of(meeting)
    invitees = [s for s in stakeholders if is_invitee(s)]
    everyone = {s.id: s for s in stakeholders}
    came = [everyone[i] for i in present if i in everyone]

    def tally(key, codes):
        return [(c, sum(1 for s in invitees if key(s, c)), sum(1 for s in came if key(s, c))) for c in codes]

    return Turnout(
        invited=len(invitees), came=len(came), walk_ins=sum(1 for a in present.values() if a.walk_in),
        by_sector=[row for row in tally(lambda s, c: s.sector == c, SECTORS) if row[1] or row[2]],
        by_gender=tally(lambda s, c: s.gender == c, GENDERS),
        by_group=[row for row in tally(lambda s, c: c in (s.groups or []), GROUPS) if row[1] or row[2]],
    )


# -- the record ---------------------------------------------------------------------------------
def save_notes(meeting: Meeting, actor: User, *, notes: dict[str, tuple[int, str]], reflection: str | None,
               version: int) -> int:
    """``notes``: agenda item uuid -> (its version when the form was opened, text)."""
    if version != meeting.version:
        raise StaleEdit("stale")
    by_uuid = {i.uuid: i for i in meeting.items}
    changed = 0
    for key, (item_version, text) in notes.items():
        item = by_uuid.get(key)
        if item is None:
            raise ServiceError("item")
        if item.notes != text:
            if item.version != item_version:
                raise StaleEdit("stale")
            item.notes = text
            changed += 1
    if reflection is not None and meeting.reflection != reflection:
        meeting.reflection = reflection
        changed += 1
    if changed:
        flush_or_stale()
        audit.record("convening.record_saved", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid)
    return changed


def add_outcome(meeting: Meeting, actor: User | None, *, kind: str, text: str) -> Outcome:
    if kind not in OUTCOME_KINDS:
        raise ServiceError("kind", "kind")
    if not text.strip():
        raise ServiceError("text", "text")
    position = max((o.position for o in meeting.outcomes), default=0) + 1
    outcome = Outcome(meeting=meeting, kind=kind, text=text.strip(), position=position,
                      content_language=meeting.content_language)
    db.session.add(outcome)
    db.session.flush()
    if actor is not None:
        audit.record("convening.outcome_added", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid,
                     kind=kind)
    return outcome


def update_outcome(outcome: Outcome, actor: User, *, version: int, kind: str, text: str) -> None:
    if version != outcome.version:
        raise StaleEdit("stale")
    if kind not in OUTCOME_KINDS or not text.strip():
        raise ServiceError("text", "text")
    if (outcome.kind, outcome.text) != (kind, text.strip()):
        outcome.kind, outcome.text = kind, text.strip()
        flush_or_stale()
        audit.record("convening.outcome_changed", actor=actor, dialogue=outcome.meeting.dialogue,
                     meeting=outcome.meeting.uuid, kind=kind)


def delete_outcome(outcome: Outcome, actor: User) -> None:
    meeting = outcome.meeting
    meeting.outcomes.remove(outcome)
    db.session.flush()
    audit.record("convening.outcome_deleted", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid)


def outcomes_of(dialogue: Dialogue) -> list[Outcome]:
    return list(db.session.scalars(
        db.select(Outcome).join(Meeting).where(Meeting.dialogue_id == dialogue.id)
        .order_by(Meeting.starts_at, Outcome.position)
    ))


# -- evaluations ---------------------------------------------------------------------------------
def add_evaluation(meeting: Meeting, *, useful: int | None, heard: int | None, come_back: str, change: str,
                   source: str) -> Evaluation:
    for score in (useful, heard):
        if score is not None and not 1 <= score <= 5:
            raise ServiceError("score")
    if come_back not in ("", *ANSWERS) or source not in ("paper", "online"):
        raise ServiceError("answer")
    if useful is None and heard is None and not come_back and not change.strip():
        raise ServiceError("empty")
    row = Evaluation(meeting=meeting, useful=useful, heard=heard, come_back=come_back, change=change.strip(),
                     source=source)
    db.session.add(row)
    db.session.flush()
    return row


def open_evaluation_link(meeting: Meeting, actor: User) -> str:
    """A new link for participants to evaluate online (an earlier link stops working)."""
    token = secrets.token_urlsafe(16)
    meeting.evaluation_token_hash = hash_token(token)
    db.session.flush()
    audit.record("convening.evaluation_link_opened", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid)
    return token


def close_evaluation_link(meeting: Meeting, actor: User) -> None:
    meeting.evaluation_token_hash = ""
    db.session.flush()
    audit.record("convening.evaluation_link_closed", actor=actor, dialogue=meeting.dialogue, meeting=meeting.uuid)


def meeting_for_token(token: str) -> Meeting | None:
    if not token:
        return None
    return db.session.scalar(db.select(Meeting).where(Meeting.evaluation_token_hash == hash_token(token)))


@dataclass
class EvaluationSummary:
    count: int
    useful: float | None
    heard: float | None
    come_back: Counter
    changes: list[str]
    by_source: Counter


def summarise(meeting: Meeting) -> EvaluationSummary:
    rows = list(meeting.evaluations)

    def mean(values):
        values = [v for v in values if v is not None]
        return round(sum(values) / len(values), 1) if values else None

    return EvaluationSummary(
        count=len(rows), useful=mean(r.useful for r in rows), heard=mean(r.heard for r in rows),
        come_back=Counter(r.come_back for r in rows if r.come_back),
        changes=[r.change for r in rows if r.change], by_source=Counter(r.source for r in rows),
    )


def count_meetings(dialogue: Dialogue) -> int:
    return db.session.scalar(db.select(func.count(Meeting.id)).where(Meeting.dialogue_id == dialogue.id)) or 0


# -- completing the phase -----------------------------------------------------------------------
@dataclass
class Checklist:
    held: bool
    recorded: bool

    @property
    def ok(self) -> bool:
        return self.held and self.recorded


def checklist(dialogue: Dialogue) -> Checklist:
    meetings = meetings_of(dialogue)
    now = utcnow()
    return Checklist(held=any(m.starts_at <= now for m in meetings), recorded=any(m.outcomes for m in meetings))


def complete_phase(dialogue: Dialogue, actor: User) -> None:
    """Phase 2 is done: move the dialogue on to commitments and follow-up."""
    from dialogue.models import InvalidTransition

    if dialogue.phase != "convening":
        raise InvalidTransition("not in convening")
    if not checklist(dialogue).ok:
        raise ServiceError("checklist")
    dialogue.move_to_phase("followup")
    db.session.flush()
    audit.record("convening.completed", actor=actor, dialogue=dialogue)


def reopen_phase(dialogue: Dialogue, actor: User) -> None:
    from dialogue.models import InvalidTransition

    if dialogue.phase != "followup":
        raise InvalidTransition("not just after convening")
    dialogue.move_to_phase("convening")
    db.session.flush()
    audit.record("convening.reopened", actor=actor, dialogue=dialogue)
