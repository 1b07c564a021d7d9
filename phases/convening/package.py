"""Phase 2's part of the dialogue package: ``meetings`` (each with its agenda and notes,
attendance and evaluations) and ``outcomes``.

Records travel with their UUIDs; attendance names stakeholders by their UUID in the register
(phase 1's section, imported before this one). Who facilitates is not exported: accounts never
leave in a package. Records missing from a package stay.
"""
from __future__ import annotations

from dialogue.extensions import db
from dialogue.package import _parse_timestamp, _timestamp, text_schema, timestamp_errors
from dialogue.registry import PackageSection
from phases.mapping.models import Stakeholder

from .models import (
    ADDRESS_MAX, ANSWERS, CHECK_STATES, CHECKLIST, ITEM_MINUTES_MAX, ITEM_TITLE_MAX, LINK_MAX, MEETING_KINDS, METHODS,
    OUTCOME_KINDS, STAGES, TEXT_MAX, TITLE_MAX, VENUE_MAX, AgendaItem, Attendance, Evaluation, Meeting, Outcome,
)
from .services import meetings_of, outcomes_of




ITEM_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["uuid", "position", "day", "title", "minutes", "method", "stage", "lead", "purpose",
                 "expected_output", "materials", "notes"],
    "properties": {
        "uuid": {"$ref": "#/$defs/uuid"},
        "position": {"type": "integer", "minimum": 0, "maximum": 100000},
        "day": {"type": "integer", "minimum": 1, "maximum": 14},
        "title": {"allOf": [{"$ref": "#/$defs/text"}, {"$ref": "#/$defs/not_blank"}], "maxLength": ITEM_TITLE_MAX},
        "minutes": {"type": "integer", "minimum": 1, "maximum": ITEM_MINUTES_MAX},
        "method": {"enum": list(METHODS)},
        "stage": {"enum": ["", *STAGES]},
        "lead": text_schema(120),
        "purpose": text_schema(TEXT_MAX), "expected_output": text_schema(TEXT_MAX), "materials": text_schema(TEXT_MAX),
        "notes": text_schema(TEXT_MAX),
    },
}

ATTENDANCE_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["uuid", "stakeholder_uuid", "checked_in_at", "walk_in"],
    "properties": {
        "uuid": {"$ref": "#/$defs/uuid"}, "stakeholder_uuid": {"$ref": "#/$defs/uuid"},
        "checked_in_at": {"$ref": "#/$defs/timestamp"}, "walk_in": {"type": "boolean"},
    },
}

EVALUATION_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["uuid", "useful", "heard", "come_back", "change", "source", "created_at"],
    "properties": {
        "uuid": {"$ref": "#/$defs/uuid"},
        "useful": {"oneOf": [{"type": "null"}, {"type": "integer", "minimum": 1, "maximum": 5}]},
        "heard": {"oneOf": [{"type": "null"}, {"type": "integer", "minimum": 1, "maximum": 5}]},
        "come_back": {"enum": ["", *ANSWERS]},
        "change": text_schema(TEXT_MAX),
        "source": {"enum": ["paper", "online"]},
        "created_at": {"$ref": "#/$defs/timestamp"},
    },
}

MEETINGS_SCHEMA = {
    "description": "Phase 2: the meetings, each with its agenda (and the notes taken per item), attendance "
                   "(stakeholders by their uuid in the register) and evaluations.",
    "type": "array",
    "items": {
        "type": "object", "additionalProperties": False,
        "required": ["uuid", "title", "kind", "starts_at", "ends_at", "timezone", "venue", "address", "online_link",
                     "languages", "interpretation", "ground_rules", "checklist", "reflection", "content_language",
                     "agenda", "attendance", "evaluations"],
        "properties": {
            "uuid": {"$ref": "#/$defs/uuid"},
            "title": {"allOf": [{"$ref": "#/$defs/text"}, {"$ref": "#/$defs/not_blank"}], "maxLength": TITLE_MAX},
            "kind": {"enum": list(MEETING_KINDS)},
            "starts_at": {"$ref": "#/$defs/timestamp"}, "ends_at": {"$ref": "#/$defs/timestamp"},
            "timezone": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_+\\-/]{0,63}$"},
            "venue": text_schema(VENUE_MAX), "address": text_schema(ADDRESS_MAX), "online_link": text_schema(LINK_MAX),
            "languages": {"type": "array", "items": {"$ref": "#/$defs/language"}, "uniqueItems": True},
            "interpretation": text_schema(TEXT_MAX), "ground_rules": text_schema(TEXT_MAX), "reflection": text_schema(TEXT_MAX),
            "checklist": {"type": "object", "additionalProperties": False,
                          "properties": {code: {"enum": list(CHECK_STATES)} for code in CHECKLIST}},
            "content_language": {"$ref": "#/$defs/language"},
            "agenda": {"type": "array", "items": ITEM_SCHEMA},
            "attendance": {"type": "array", "items": ATTENDANCE_SCHEMA},
            "evaluations": {"type": "array", "items": EVALUATION_SCHEMA},
        },
    },
}

OUTCOMES_SCHEMA = {
    "description": "Phase 2: what the meetings produced (shared vision, agreements, points still in "
                   "disagreement, proposals for action), each by its meeting's uuid.",
    "type": "array",
    "items": {
        "type": "object", "additionalProperties": False,
        "required": ["uuid", "meeting_uuid", "kind", "text", "position", "content_language", "created_at"],
        "properties": {
            "uuid": {"$ref": "#/$defs/uuid"}, "meeting_uuid": {"$ref": "#/$defs/uuid"},
            "kind": {"enum": list(OUTCOME_KINDS)},
            "text": {"allOf": [{"$ref": "#/$defs/text"}, {"$ref": "#/$defs/not_blank"}], "maxLength": TEXT_MAX},
            "position": {"type": "integer", "minimum": 0, "maximum": 100000},
            "content_language": {"$ref": "#/$defs/language"},
            "created_at": {"$ref": "#/$defs/timestamp"},
        },
    },
}

MEETING_FIELDS = ("title", "kind", "timezone", "venue", "address", "online_link", "interpretation", "ground_rules",
                  "reflection", "content_language")
ITEM_FIELDS = ("position", "day", "title", "minutes", "method", "stage", "lead", "purpose", "expected_output",
               "materials", "notes")


def export_meetings(dialogue) -> list[dict]:
    stakeholders = {s.id: s.uuid for s in db.session.scalars(
        db.select(Stakeholder).where(Stakeholder.dialogue_id == dialogue.id))}
    out = []
    for m in meetings_of(dialogue):
        item = {key: getattr(m, key) for key in MEETING_FIELDS}
        item.update(
            uuid=m.uuid, starts_at=_timestamp(m.starts_at), ends_at=_timestamp(m.ends_at),
            languages=list(m.languages or []), checklist=dict(m.checklist or {}),
            agenda=[dict({key: getattr(i, key) for key in ITEM_FIELDS}, uuid=i.uuid) for i in m.items],
            attendance=[{"uuid": a.uuid, "stakeholder_uuid": stakeholders[a.stakeholder_id],
                         "checked_in_at": _timestamp(a.checked_in_at), "walk_in": a.walk_in}
                        for a in sorted(m.attendance, key=lambda a: a.id) if a.stakeholder_id in stakeholders],
            evaluations=[{"uuid": e.uuid, "useful": e.useful, "heard": e.heard, "come_back": e.come_back,
                          "change": e.change, "source": e.source, "created_at": _timestamp(e.created_at)}
                         for e in m.evaluations],
        )
        out.append(item)
    return out


def import_meetings(dialogue, value, actor) -> list[str]:
    existing = {m.uuid: m for m in meetings_of(dialogue)}
    stakeholders = {s.uuid: s for s in db.session.scalars(
        db.select(Stakeholder).where(Stakeholder.dialogue_id == dialogue.id))}
    added = updated = 0
    for data in value:
        meeting = existing.get(data["uuid"])
        values = {key: data[key] for key in MEETING_FIELDS}
        values.update(starts_at=_parse_timestamp(data["starts_at"]), ends_at=_parse_timestamp(data["ends_at"]),
                      languages=list(data["languages"]), checklist=dict(data["checklist"]))
        if meeting is None:
            meeting = Meeting(uuid=data["uuid"], dialogue=dialogue, dialogue_id=dialogue.id, **values)
            db.session.add(meeting)
            added += 1
        else:
            changes = {k: v for k, v in values.items() if getattr(meeting, k) != v}
            for key, new in changes.items():
                setattr(meeting, key, new)
            updated += bool(changes)
        items = {i.uuid: i for i in meeting.items}
        for row in data["agenda"]:
            item = items.get(row["uuid"])
            fields = {key: row[key] for key in ITEM_FIELDS}
            if item is None:
                meeting.items.append(AgendaItem(uuid=row["uuid"], **fields))
            else:
                for key, new in fields.items():
                    if getattr(item, key) != new:
                        setattr(item, key, new)
        present = {a.uuid for a in meeting.attendance}
        came = {a.stakeholder_id for a in meeting.attendance}
        for row in data["attendance"]:
            stakeholder = stakeholders.get(row["stakeholder_uuid"])
            if row["uuid"] in present or stakeholder is None or stakeholder.id in came:
                continue
            meeting.attendance.append(Attendance(uuid=row["uuid"], stakeholder=stakeholder,
                                                 checked_in_at=_parse_timestamp(row["checked_in_at"]),
                                                 walk_in=row["walk_in"]))
            came.add(stakeholder.id)
        known = {e.uuid for e in meeting.evaluations}
        for row in data["evaluations"]:
            if row["uuid"] not in known:
                meeting.evaluations.append(Evaluation(
                    uuid=row["uuid"], useful=row["useful"], heard=row["heard"], come_back=row["come_back"],
                    change=row["change"], source=row["source"], created_at=_parse_timestamp(row["created_at"])))
    db.session.flush()
    return [text for text, n in ((f"{added} added", added), (f"{updated} updated", updated)) if n]


def _clashes(model, uuids: dict[str, str], dialogue_id, owner) -> list[tuple[str, str]]:
    """Nested records whose uuid belongs to another dialogue on this server (``uuids``: uuid ->
    path; ``owner`` selects the dialogue id of a row of ``model``)."""
    if not uuids:
        return []
    rows = db.session.execute(owner.where(model.uuid.in_(list(uuids)))).all()
    return [(uuids[row_uuid], "belongs to another dialogue on this server.")
            for row_uuid, owner_id in rows if owner_id != dialogue_id]




def check_meetings(value, package) -> list[tuple[str, str]]:
    errors = []
    for index, meeting in enumerate(value):
        for key in ("starts_at", "ends_at"):
            errors += timestamp_errors(f"$.meetings[{index}].{key}", meeting[key])
        for name in ("attendance", "evaluations"):
            key = "checked_in_at" if name == "attendance" else "created_at"
            for position, row in enumerate(meeting[name]):
                errors += timestamp_errors(f"$.meetings[{index}].{name}[{position}].{key}", row[key])
    if errors:
        return errors
    from zoneinfo import available_timezones

    zones = available_timezones()
    register = {item["uuid"] for item in package.get("stakeholders", [])}
    own = package["dialogue"]["uuid"]
    from dialogue.models import Dialogue

    dialogue_id = db.session.scalar(db.select(Dialogue.id).where(Dialogue.uuid == own))
    if dialogue_id is not None:
        register |= set(db.session.scalars(db.select(Stakeholder.uuid).where(Stakeholder.dialogue_id == dialogue_id)))
    seen = set()
    for index, meeting in enumerate(value):
        path = f"$.meetings[{index}]"
        if meeting["uuid"] in seen:
            errors.append((f"{path}.uuid", "appears twice."))
        seen.add(meeting["uuid"])
        other = db.session.scalar(db.select(Meeting.dialogue_id).where(Meeting.uuid == meeting["uuid"]))
        if other is not None and other != dialogue_id:
            errors.append((f"{path}.uuid", "belongs to a meeting of another dialogue on this server."))
        if meeting["timezone"] not in zones:
            errors.append((f"{path}.timezone", f"is not a time zone this server knows: {meeting['timezone'][:40]}."))
        if _parse_timestamp(meeting["ends_at"]) <= _parse_timestamp(meeting["starts_at"]):
            errors.append((f"{path}.ends_at", "must be after starts_at."))
        nested = {}
        for name in ("agenda", "attendance", "evaluations"):
            for position, row in enumerate(meeting[name]):
                row_path = f"{path}.{name}[{position}].uuid"
                if row["uuid"] in seen:
                    errors.append((row_path, "appears twice."))
                seen.add(row["uuid"])
                nested.setdefault(name, {})[row["uuid"]] = row_path
        for position, row in enumerate(meeting["attendance"]):
            if row["stakeholder_uuid"] not in register:
                errors.append((f"{path}.attendance[{position}].stakeholder_uuid",
                               "names no stakeholder of this dialogue's register."))
        for name, model in (("agenda", AgendaItem), ("attendance", Attendance), ("evaluations", Evaluation)):
            owner = db.select(model.uuid, Meeting.dialogue_id).join(Meeting, model.meeting_id == Meeting.id)
            errors += _clashes(model, nested.get(name, {}), dialogue_id, owner)
    return errors


def export_outcomes(dialogue) -> list[dict]:
    return [{"uuid": o.uuid, "meeting_uuid": o.meeting.uuid, "kind": o.kind, "text": o.text, "position": o.position,
             "content_language": o.content_language, "created_at": _timestamp(o.created_at)}
            for o in outcomes_of(dialogue)]


def import_outcomes(dialogue, value, actor) -> list[str]:
    meetings = {m.uuid: m for m in meetings_of(dialogue)}
    existing = {o.uuid: o for o in outcomes_of(dialogue)}
    added = updated = 0
    for row in value:
        meeting = meetings.get(row["meeting_uuid"])
        if meeting is None:
            continue
        outcome = existing.get(row["uuid"])
        fields = {"kind": row["kind"], "text": row["text"], "position": row["position"],
                  "content_language": row["content_language"]}
        if outcome is None:
            db.session.add(Outcome(uuid=row["uuid"], meeting=meeting, created_at=_parse_timestamp(row["created_at"]),
                                   **fields))
            added += 1
        elif any(getattr(outcome, k) != v for k, v in fields.items()):
            for key, new in fields.items():
                setattr(outcome, key, new)
            updated += 1
    db.session.flush()
    return [text for text, n in ((f"{added} added", added), (f"{updated} updated", updated)) if n]


def check_outcomes(value, package) -> list[tuple[str, str]]:
    meetings = {m["uuid"] for m in package.get("meetings", [])}
    from dialogue.models import Dialogue

    dialogue_id = db.session.scalar(db.select(Dialogue.id).where(Dialogue.uuid == package["dialogue"]["uuid"]))
    if dialogue_id is not None:
        meetings |= set(db.session.scalars(db.select(Meeting.uuid).where(Meeting.dialogue_id == dialogue_id)))
    errors = []
    seen = set()
    uuids = {}
    for index, row in enumerate(value):
        errors += timestamp_errors(f"$.outcomes[{index}].created_at", row["created_at"])
        if row["meeting_uuid"] not in meetings:
            errors.append((f"$.outcomes[{index}].meeting_uuid", "names no meeting of this dialogue."))
        if row["uuid"] in seen:
            errors.append((f"$.outcomes[{index}].uuid", "appears twice."))
        seen.add(row["uuid"])
        uuids[row["uuid"]] = f"$.outcomes[{index}].uuid"
    owner = db.select(Outcome.uuid, Meeting.dialogue_id).join(Meeting, Outcome.meeting_id == Meeting.id)
    errors += _clashes(Outcome, uuids, dialogue_id, owner)
    return errors


MEETINGS_SECTION = PackageSection(name="meetings", schema=MEETINGS_SCHEMA, export=export_meetings,
                                  import_=import_meetings, check=check_meetings)
OUTCOMES_SECTION = PackageSection(name="outcomes", schema=OUTCOMES_SCHEMA, export=export_outcomes,
                                  import_=import_outcomes, check=check_outcomes)
