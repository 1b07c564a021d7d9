"""Phase 3's part of the dialogue package: ``commitments`` (with their owners by stakeholder
uuid and their ``updates``), ``platform`` and ``lessons``. Owners' private links are never
exported; an update made through one says so (``source``) and names the owner by uuid."""
from __future__ import annotations

from dialogue.extensions import db
from dialogue.package import _parse_timestamp, _timestamp, text_schema, timestamp_errors
from dialogue.registry import PackageSection
from phases.convening.models import Meeting, Outcome
from phases.mapping.models import Stakeholder

from .models import (
    EVIDENCE_MAX, FREQUENCIES, LESSON_PHASES, STATUSES, TEXT_MAX, TITLE_MAX, Commitment, Lesson, Owner, Platform,
    Update,
)
from .services import commitments_of, lessons_of, platform_of




DATE = {"oneOf": [{"type": "null"}, {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}]}

COMMITMENTS_SCHEMA = {
    "description": "Phase 3: commitments, their owners (stakeholders by uuid) and their progress updates. "
                   "Owners' private links are never exported.",
    "type": "array",
    "items": {
        "type": "object", "additionalProperties": False,
        "required": ["uuid", "number", "title", "outcome_uuid", "due_date", "indicator", "resources", "support",
                     "public", "status", "progress", "content_language", "created_at", "owners", "updates"],
        "properties": {
            "uuid": {"$ref": "#/$defs/uuid"},
            "number": {"type": "integer", "minimum": 1, "maximum": 1000000},
            "title": {"allOf": [{"$ref": "#/$defs/text"}, {"$ref": "#/$defs/not_blank"}], "maxLength": TITLE_MAX},
            "outcome_uuid": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/uuid"}]},
            "due_date": DATE,
            "indicator": text_schema(TEXT_MAX), "resources": text_schema(TEXT_MAX), "support": text_schema(TEXT_MAX),
            "public": {"type": "boolean"},
            "status": {"enum": list(STATUSES)},
            "progress": {"type": "integer", "minimum": 0, "maximum": 100},
            "content_language": {"$ref": "#/$defs/language"},
            "created_at": {"$ref": "#/$defs/timestamp"},
            "owners": {"type": "array", "items": {"$ref": "#/$defs/uuid"}, "minItems": 1, "uniqueItems": True},
            "updates": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["uuid", "status", "progress", "note", "evidence", "source", "owner_uuid", "created_at"],
                "properties": {
                    "uuid": {"$ref": "#/$defs/uuid"}, "status": {"enum": list(STATUSES)},
                    "progress": {"type": "integer", "minimum": 0, "maximum": 100},
                    "note": text_schema(TEXT_MAX), "evidence": text_schema(EVIDENCE_MAX),
                    "source": {"enum": ["member", "owner_link"]},
                    "owner_uuid": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/uuid"}]},
                    "created_at": {"$ref": "#/$defs/timestamp"},
                },
            }},
        },
    },
}

PLATFORM_SCHEMA = {
    "description": "Phase 3: the lasting local platform (members by stakeholder uuid); null while not recorded.",
    "oneOf": [{"type": "null"}, {
        "type": "object", "additionalProperties": False,
        "required": ["uuid", "established", "name", "members", "frequency", "next_meeting", "notes"],
        "properties": {
            "uuid": {"$ref": "#/$defs/uuid"}, "established": {"type": "boolean"}, "name": text_schema(200),
            "members": {"type": "array", "items": {"$ref": "#/$defs/uuid"}, "uniqueItems": True},
            "frequency": {"enum": ["", *FREQUENCIES]}, "next_meeting": DATE, "notes": text_schema(TEXT_MAX),
        },
    }],
}

LESSONS_SCHEMA = {
    "description": "Phase 3: lessons learned, one entry per phase.",
    "type": "array",
    "items": {
        "type": "object", "additionalProperties": False,
        "required": ["uuid", "phase", "worked", "did_not_work", "would_change", "surprised", "content_language"],
        "properties": {
            "uuid": {"$ref": "#/$defs/uuid"}, "phase": {"enum": list(LESSON_PHASES)},
            "worked": text_schema(TEXT_MAX), "did_not_work": text_schema(TEXT_MAX), "would_change": text_schema(TEXT_MAX),
            "surprised": text_schema(TEXT_MAX), "content_language": {"$ref": "#/$defs/language"},
        },
    },
}

FIELDS = ("title", "indicator", "resources", "support", "public", "status", "progress", "content_language")


def _date(value):
    from datetime import date

    return date.fromisoformat(value) if value else None


def export_commitments(dialogue) -> list[dict]:
    out = []
    for c in commitments_of(dialogue):
        item = {k: getattr(c, k) for k in FIELDS}
        item.update(
            uuid=c.uuid, number=c.number, outcome_uuid=c.outcome.uuid if c.outcome else None,
            due_date=c.due_date.isoformat() if c.due_date else None, created_at=_timestamp(c.created_at),
            owners=[o.stakeholder.uuid for o in c.owners],
            updates=[{"uuid": u.uuid, "status": u.status, "progress": u.progress, "note": u.note,
                      "evidence": u.evidence, "source": u.source,
                      "owner_uuid": u.owner_stakeholder.uuid if u.owner_stakeholder else None,
                      "created_at": _timestamp(u.created_at)} for u in c.updates],
        )
        out.append(item)
    return out


def import_commitments(dialogue, value, actor) -> list[str]:
    existing = {c.uuid: c for c in commitments_of(dialogue)}
    people = {s.uuid: s for s in db.session.scalars(db.select(Stakeholder).where(Stakeholder.dialogue_id == dialogue.id))}
    outcomes = {o.uuid: o.id for o in db.session.scalars(
        db.select(Outcome).join(Meeting).where(Meeting.dialogue_id == dialogue.id))}
    numbers = {c.number for c in existing.values()}
    added = updated = 0
    for item in value:
        c = existing.get(item["uuid"])
        fields = {k: item[k] for k in FIELDS}
        fields.update(outcome_id=outcomes.get(item["outcome_uuid"]), due_date=_date(item["due_date"]))
        if c is None:
            number = item["number"] if item["number"] not in numbers else max(numbers | {0}) + 1
            numbers.add(number)
            c = Commitment(uuid=item["uuid"], dialogue=dialogue, dialogue_id=dialogue.id, number=number,
                           created_at=_parse_timestamp(item["created_at"]), **fields)
            db.session.add(c)
            added += 1
        else:
            changes = {k: v for k, v in fields.items() if getattr(c, k) != v}
            for key, new in changes.items():
                setattr(c, key, new)
            updated += bool(changes)
        have = {o.stakeholder_id for o in c.owners}
        for owner_uuid in item["owners"]:
            s = people.get(owner_uuid)
            if s is not None and s.id not in have:
                c.owners.append(Owner(stakeholder=s, stakeholder_id=s.id))
                have.add(s.id)
        known = {u.uuid for u in c.updates}
        for u in item["updates"]:
            if u["uuid"] in known:
                continue
            owner = people.get(u["owner_uuid"]) if u["owner_uuid"] else None
            c.updates.append(Update(uuid=u["uuid"], status=u["status"], progress=u["progress"], note=u["note"],
                                    evidence=u["evidence"], source=u["source"],
                                    owner_stakeholder_id=owner.id if owner else None,
                                    created_at=_parse_timestamp(u["created_at"])))
    db.session.flush()
    return [t for t, n in ((f"{added} added", added), (f"{updated} updated", updated)) if n]


def _clash(model, uuid_value, dialogue_id, owner_column) -> bool:
    row = db.session.execute(db.select(owner_column).where(model.uuid == uuid_value)).first()
    return row is not None and row[0] != dialogue_id


def check_commitments(value, package) -> list[tuple[str, str]]:
    from dialogue.models import Dialogue

    dialogue_id = db.session.scalar(db.select(Dialogue.id).where(Dialogue.uuid == package["dialogue"]["uuid"]))
    register = {item["uuid"] for item in package.get("stakeholders", [])}
    outcomes = {o["uuid"] for o in package.get("outcomes", [])}
    if dialogue_id is not None:
        register |= set(db.session.scalars(db.select(Stakeholder.uuid).where(Stakeholder.dialogue_id == dialogue_id)))
        outcomes |= set(db.session.scalars(db.select(Outcome.uuid).join(Meeting).where(Meeting.dialogue_id == dialogue_id)))
    errors, seen = [], set()
    for index, item in enumerate(value):
        path = f"$.commitments[{index}]"
        for key, uuid_value in [("uuid", item["uuid"])] + [(f"updates[{i}].uuid", u["uuid"])
                                                         for i, u in enumerate(item["updates"])]:
            if uuid_value in seen:
                errors.append((f"{path}.{key}", "appears twice."))
            seen.add(uuid_value)
        if _clash(Commitment, item["uuid"], dialogue_id, Commitment.dialogue_id):
            errors.append((f"{path}.uuid", "belongs to another dialogue on this server."))
        for i, u in enumerate(item["updates"]):
            if db.session.execute(db.select(Commitment.dialogue_id).join(Update).where(Update.uuid == u["uuid"])
                                  ).first() not in (None, (dialogue_id,)):
                errors.append((f"{path}.updates[{i}].uuid", "belongs to another dialogue on this server."))
            errors += timestamp_errors(f"{path}.updates[{i}].created_at", u["created_at"])
            if u["owner_uuid"] and u["owner_uuid"] not in register:
                errors.append((f"{path}.updates[{i}].owner_uuid", "names no stakeholder of this dialogue's register."))
        for i, owner in enumerate(item["owners"]):
            if owner not in register:
                errors.append((f"{path}.owners[{i}]", "names no stakeholder of this dialogue's register."))
        if item["outcome_uuid"] and item["outcome_uuid"] not in outcomes:
            errors.append((f"{path}.outcome_uuid", "names no agreement or proposal of this dialogue."))
        for key in ("due_date",):
            try:
                _date(item[key])
            except ValueError:
                errors.append((f"{path}.{key}", "is not a date that exists."))
        errors += timestamp_errors(f"{path}.created_at", item["created_at"])
    return errors


def export_platform(dialogue):
    record = platform_of(dialogue)
    if record is None:
        return None
    uuids = {s.id: s.uuid for s in db.session.scalars(db.select(Stakeholder).where(Stakeholder.dialogue_id == dialogue.id))}
    return {"uuid": record.uuid, "established": record.established, "name": record.name,
            "members": [uuids[i] for i in record.member_ids or [] if i in uuids], "frequency": record.frequency,
            "next_meeting": record.next_meeting.isoformat() if record.next_meeting else None, "notes": record.notes}


def import_platform(dialogue, value, actor) -> list[str]:
    if value is None:
        return []
    record = platform_of(dialogue)
    if record is None:
        record = Platform(uuid=value["uuid"], dialogue_id=dialogue.id)
        db.session.add(record)
    ids = {s.uuid: s.id for s in db.session.scalars(db.select(Stakeholder).where(Stakeholder.dialogue_id == dialogue.id))}
    values = {"established": value["established"], "name": value["name"], "frequency": value["frequency"],
              "member_ids": [ids[u] for u in value["members"] if u in ids], "next_meeting": _date(value["next_meeting"]),
              "notes": value["notes"]}
    changed = [k for k, v in values.items() if getattr(record, k) != v]
    for key in changed:
        setattr(record, key, values[key])
    db.session.flush()
    return ["updated"] if changed else []


def check_platform(value, package) -> list[tuple[str, str]]:
    if value is None:
        return []
    from dialogue.models import Dialogue

    dialogue_id = db.session.scalar(db.select(Dialogue.id).where(Dialogue.uuid == package["dialogue"]["uuid"]))
    errors = []
    if _clash(Platform, value["uuid"], dialogue_id, Platform.dialogue_id):
        errors.append(("$.platform.uuid", "belongs to another dialogue on this server."))
    try:
        _date(value["next_meeting"])
    except ValueError:
        errors.append(("$.platform.next_meeting", "is not a date that exists."))
    return errors


def export_lessons(dialogue) -> list[dict]:
    return [{"uuid": row.uuid, "phase": row.phase, "worked": row.worked, "did_not_work": row.did_not_work,
             "would_change": row.would_change, "surprised": row.surprised, "content_language": row.content_language}
            for phase, row in sorted(lessons_of(dialogue).items(), key=lambda item: LESSON_PHASES.index(item[0]))]


def import_lessons(dialogue, value, actor) -> list[str]:
    existing = lessons_of(dialogue)
    changed = 0
    for item in value:
        row = existing.get(item["phase"])
        if row is None:
            row = Lesson(uuid=item["uuid"], dialogue_id=dialogue.id, phase=item["phase"])
            db.session.add(row)
            existing[item["phase"]] = row
        for key in ("worked", "did_not_work", "would_change", "surprised", "content_language"):
            if getattr(row, key) != item[key]:
                setattr(row, key, item[key])
                changed += 1
    db.session.flush()
    return ["updated"] if changed else []


def check_lessons(value, package) -> list[tuple[str, str]]:
    from dialogue.models import Dialogue

    dialogue_id = db.session.scalar(db.select(Dialogue.id).where(Dialogue.uuid == package["dialogue"]["uuid"]))
    errors, phases = [], set()
    for index, item in enumerate(value):
        if item["phase"] in phases:
            errors.append((f"$.lessons[{index}].phase", "appears twice."))
        phases.add(item["phase"])
        if _clash(Lesson, item["uuid"], dialogue_id, Lesson.dialogue_id):
            errors.append((f"$.lessons[{index}].uuid", "belongs to another dialogue on this server."))
    return errors


COMMITMENTS_SECTION = PackageSection(name="commitments", schema=COMMITMENTS_SCHEMA, export=export_commitments,
                                     import_=import_commitments, check=check_commitments)
PLATFORM_SECTION = PackageSection(name="platform", schema=PLATFORM_SCHEMA, export=export_platform,
                                  import_=import_platform, check=check_platform)
LESSONS_SECTION = PackageSection(name="lessons", schema=LESSONS_SCHEMA, export=export_lessons,
                                 import_=import_lessons, check=check_lessons)
