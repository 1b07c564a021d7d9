"""Phase 1's part of the dialogue package: ``challenge`` and ``stakeholders``.

Records travel with their UUIDs and codes (never translated labels), so a register edited on
a laptop at the venue imports back as an update. Stakeholders missing from a package stay;
a person forgotten here is never brought back by an older package, and a person forgotten in
the package is forgotten here too.
"""
from __future__ import annotations

from dialogue.extensions import db
from dialogue.package import _parse_timestamp, _timestamp, text_schema, timestamp_errors
from dialogue.registry import PackageSection

from .models import (
    AGE_GROUPS, CONTACT_MAX, DO_NO_HARM, GENDERS, GROUPS, INVITATION_STATES, LEVELS, NOTES_MAX, ORGANISATION_MAX,
    PERSON_MAX, REASONS, ROLE_MAX, SCOPES, SECTORS, STAKE_MAX, STANCES, TEXT_MAX, Challenge, Stakeholder,
)
from .services import challenge_of, stakeholders_of




CHALLENGE_SCHEMA = {
    "description": "Phase 1: the common challenge beyond its statement (which is dialogue.challenge), "
                   "and when the phase was completed. null while nothing is recorded.",
    "oneOf": [
        {"type": "null"},
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["uuid", "scope", "objectives", "reasons", "context_note", "risk_note", "do_no_harm",
                         "sector_gap_reason", "content_language", "completed_at"],
            "properties": {
                "uuid": {"$ref": "#/$defs/uuid"},
                "scope": {"enum": ["", *SCOPES]},
                "objectives": text_schema(TEXT_MAX),
                "reasons": {"type": "array", "items": {"enum": list(REASONS)}, "uniqueItems": True},
                "context_note": text_schema(TEXT_MAX),
                "risk_note": text_schema(TEXT_MAX),
                "do_no_harm": {"type": "array", "items": {"enum": list(DO_NO_HARM)}, "uniqueItems": True},
                "sector_gap_reason": text_schema(TEXT_MAX),
                "content_language": {"$ref": "#/$defs/language"},
                "completed_at": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/timestamp"}]},
            },
        },
    ],
}

STAKEHOLDER_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["uuid", "number", "organisation", "person", "role", "sector", "level", "stake", "influence",
                 "interest", "stance", "gender", "age_group", "groups", "preferred_language", "contact",
                 "consent_contact", "consent_named", "at_risk", "notes", "invitation", "erased_at"],
    "properties": {
        "uuid": {"$ref": "#/$defs/uuid"},
        "number": {"type": "integer", "minimum": 1, "maximum": 1000000},
        "organisation": text_schema(ORGANISATION_MAX),
        "person": text_schema(PERSON_MAX),
        "role": text_schema(ROLE_MAX),
        "sector": {"enum": list(SECTORS)},
        "level": {"enum": list(LEVELS)},
        "stake": text_schema(STAKE_MAX),
        "influence": {"type": "integer", "minimum": 1, "maximum": 5},
        "interest": {"type": "integer", "minimum": 1, "maximum": 5},
        "stance": {"enum": list(STANCES)},
        "gender": {"enum": ["", *GENDERS]},
        "age_group": {"enum": ["", *AGE_GROUPS]},
        "groups": {"type": "array", "items": {"enum": list(GROUPS)}, "uniqueItems": True},
        "preferred_language": {"oneOf": [{"const": ""}, {"$ref": "#/$defs/language"}]},
        "contact": text_schema(CONTACT_MAX),
        "consent_contact": {"type": "boolean"},
        "consent_named": {"type": "boolean"},
        "at_risk": {"type": "boolean"},
        "notes": text_schema(NOTES_MAX),
        "invitation": {"enum": ["", *INVITATION_STATES]},
        "erased_at": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/timestamp"}]},
        "deleted_at": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/timestamp"}],
                       "description": "an entry deleted as a mistake: a tombstone that keeps its number"},
        "redacted": {"const": True,
                     "description": "exported for someone outside the dialogue: people as the privacy rules "
                                    "allow; such a package cannot update a dialogue"},
    },
}

STAKEHOLDERS_SCHEMA = {
    "description": "Phase 1: the stakeholder register. Codes are stored in English; people at risk make the "
                   "package leave the server only encrypted.",
    "type": "array",
    "items": STAKEHOLDER_SCHEMA,
}

CHALLENGE_FIELDS = ("scope", "objectives", "reasons", "context_note", "risk_note", "do_no_harm",
                    "sector_gap_reason", "content_language")
STAKEHOLDER_FIELDS = tuple(k for k in STAKEHOLDER_SCHEMA["required"] if k not in ("uuid", "number", "erased_at"))
#: what an export for someone outside the dialogue leaves empty (for every entry)
PRIVATE_FIELDS = ("person", "contact", "notes")


def _ts(value):
    return _timestamp(value) if value is not None else None


def export_challenge(dialogue) -> dict | None:
    record = challenge_of(dialogue)
    if record is None:
        return None
    data = {key: getattr(record, key) for key in CHALLENGE_FIELDS}
    data["reasons"] = list(record.reasons or [])
    data["do_no_harm"] = list(record.do_no_harm or [])
    data.update(uuid=record.uuid, completed_at=_ts(record.completed_at))
    return data


def import_challenge(dialogue, value, actor) -> list[str]:
    if value is None:
        return []
    record = challenge_of(dialogue)
    created = record is None
    if created:
        record = Challenge(uuid=value["uuid"], dialogue=dialogue, dialogue_id=dialogue.id)
        db.session.add(record)
    changed = []
    for key in CHALLENGE_FIELDS:
        new = list(value[key]) if isinstance(value[key], list) else value[key]
        if getattr(record, key) != new:
            setattr(record, key, new)
            changed.append(key)
    completed = _parse_timestamp(value["completed_at"]) if value["completed_at"] else None
    if record.completed_at != completed:
        record.completed_at = completed
        changed.append("completed_at")
    db.session.flush()
    return ["created"] if created else sorted(changed)




def check_challenge(value, package) -> list[tuple[str, str]]:
    if value is None:
        return []
    errors = timestamp_errors("$.challenge.completed_at", value["completed_at"])
    if errors:
        return errors
    other = db.session.scalar(db.select(Challenge).where(Challenge.uuid == value["uuid"]))
    if other is not None and other.dialogue.uuid != package["dialogue"]["uuid"]:
        return [("$.challenge.uuid", "belongs to another dialogue on this server.")]
    return []


def export_stakeholders(dialogue) -> list[dict]:
    out = []
    for s in stakeholders_of(dialogue, with_deleted=True):
        item = {key: getattr(s, key) for key in STAKEHOLDER_FIELDS}
        item["groups"] = list(s.groups or [])
        item.update(uuid=s.uuid, number=s.number, erased_at=_ts(s.erased_at))
        if s.deleted_at is not None:
            item["deleted_at"] = _ts(s.deleted_at)
        out.append(item)
    return out


def export_stakeholders_outside(dialogue) -> list[dict]:
    """The register for someone outside the dialogue: names as ``Stakeholder.shown_as`` allows,
    no contacts or notes, no consents or risk flags; marked ``redacted``."""
    out = []
    for s in stakeholders_of(dialogue):
        named = s.shown_as(False)
        pseudonymous = named == s.pseudonym()
        details = s.shows_details(False)
        item = {key: getattr(s, key) for key in STAKEHOLDER_FIELDS}
        item.update(
            uuid=s.uuid, number=s.number, erased_at=None, redacted=True,
            organisation=named, person="", contact="", notes="",
            role=s.role if details else "", stake=s.stake if details else "",
            consent_contact=False, consent_named=False, at_risk=False,
            groups=[] if pseudonymous else list(s.groups or []),
            gender="" if pseudonymous else s.gender, age_group="" if pseudonymous else s.age_group,
            preferred_language="" if pseudonymous else s.preferred_language,
        )
        out.append(item)
    return out


def import_stakeholders(dialogue, value, actor) -> list[str]:
    from .services import empty_personal_fields

    existing = {s.uuid: s for s in stakeholders_of(dialogue, with_deleted=True)}
    numbers = {s.number for s in existing.values()}
    next_number = max(numbers, default=0) + 1
    added = updated = erased = 0
    for item in value:
        values = {key: (list(item[key]) if isinstance(item[key], list) else item[key]) for key in STAKEHOLDER_FIELDS}
        row = existing.get(item["uuid"])
        if row is None:
            number = item["number"] if item["number"] not in numbers else None
            if number is None:
                number, next_number = next_number, next_number + 1
            numbers.add(number)
            next_number = max(next_number, number + 1)
            row = Stakeholder(uuid=item["uuid"], dialogue=dialogue, dialogue_id=dialogue.id, number=number, **values)
            db.session.add(row)
            added += 1
        elif row.erased_at is None and row.deleted_at is None:
            changes = {k: v for k, v in values.items() if getattr(row, k) != v}
            for key, new in changes.items():
                setattr(row, key, new)
            updated += bool(changes)
        if item["erased_at"] and row.erased_at is None:
            empty_personal_fields(row, _parse_timestamp(item["erased_at"]))
            erased += 1
        if item.get("deleted_at") and row.deleted_at is None:
            if row.erased_at is None:
                empty_personal_fields(row, _parse_timestamp(item["deleted_at"]))
            row.deleted_at = _parse_timestamp(item["deleted_at"])
            row.invitation = ""
            erased += 1
    db.session.flush()
    changes = []
    if added:
        changes.append(f"{added} added")
    if updated:
        changes.append(f"{updated} updated")
    if erased:
        changes.append(f"{erased} forgotten")
    return changes


def check_stakeholders(value, package) -> list[tuple[str, str]]:
    errors = [error for index, item in enumerate(value) for key in ("erased_at", "deleted_at")
              for error in timestamp_errors(f"$.stakeholders[{index}].{key}", item.get(key))]
    if errors:
        return errors
    from dialogue.models import Dialogue

    if any(item.get("redacted") for item in value) and db.session.scalar(
            db.select(Dialogue.id).where(Dialogue.uuid == package["dialogue"]["uuid"])) is not None:
        return [("$.stakeholders", "was exported for someone outside the dialogue (names and contacts left out); "
                                   "it cannot update the dialogue it came from.")]
    seen: dict[str, int] = {}
    numbers: dict[int, int] = {}
    for index, item in enumerate(value):
        if item["uuid"] in seen:
            errors.append((f"$.stakeholders[{index}].uuid", f"is the same as stakeholders[{seen[item['uuid']]}]'s."))
        seen.setdefault(item["uuid"], index)
        if item["number"] in numbers:
            errors.append((f"$.stakeholders[{index}].number",
                           f"is the same as stakeholders[{numbers[item['number']]}]'s."))
        numbers.setdefault(item["number"], index)
        if (not item["organisation"].strip() and not item["person"].strip() and not item["erased_at"]
                and not item.get("deleted_at")):
            errors.append((f"$.stakeholders[{index}]", "needs an organisation or a person."))
    if seen:
        clash = db.session.execute(
            db.select(Stakeholder.uuid, Stakeholder.dialogue_id).where(Stakeholder.uuid.in_(list(seen)))
        ).all()
        own_uuid = package["dialogue"]["uuid"]
        from dialogue.models import Dialogue

        own = db.session.scalar(db.select(Dialogue.id).where(Dialogue.uuid == own_uuid))
        for stakeholder_uuid, dialogue_id in clash:
            if dialogue_id != own:
                errors.append((f"$.stakeholders[{seen[stakeholder_uuid]}].uuid",
                               "belongs to a stakeholder of another dialogue on this server."))
    return errors


CHALLENGE_SECTION = PackageSection(name="challenge", schema=CHALLENGE_SCHEMA, export=export_challenge,
                                   import_=import_challenge, check=check_challenge)
STAKEHOLDERS_SECTION = PackageSection(name="stakeholders", schema=STAKEHOLDERS_SCHEMA, export=export_stakeholders,
                                      import_=import_stakeholders, check=check_stakeholders,
                                      export_outside=export_stakeholders_outside)

