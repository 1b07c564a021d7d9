"""Phase 0's part of the dialogue package: ``application``, the answers of the application a
dialogue was born from (``null`` for a dialogue started by hand).

What travels: the application's uuid, its reference, language, organisation, country, contact
person, the answers (the challenge, why now, the stakeholders by sector, how they would be
reached, willingness, capacity, motivation, experience) and when it was sent. What never
travels: the reviewers' scores and comments, the coordinators' decision and reason, the
contact e-mail and phone (no e-mail leaves in a package), the call's settings.

Import: the application is the record of what was applied with, so a package never rewrites
it. When an application with the package's uuid exists on this instance, it is left as it is
(only linked to the dialogue when it has lost its dialogue); when it does not, a detached copy
is kept: the same uuid, reference and answers, linked to the dialogue, with no call (it is then
seen by coordinators on the dialogue's side only, never in a call's ranking). A uuid that
belongs to the application of another dialogue on this instance is refused.
"""
from __future__ import annotations

from ..extensions import db
from ..package import _parse_timestamp, _timestamp, text_schema, timestamp_errors
from ..registry import PackageSection
from .models import ANSWER_FIELDS, ANSWER_MAX, SECTOR_ANSWER_MAX, SECTORS, Application

SCHEMA = {
    "description": "Phase 0: the answers of the application this dialogue was born from (a call for expressions "
                   "of interest); null for a dialogue started by hand. Never the reviews or the decision.",
    "oneOf": [
        {"type": "null"},
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["uuid", "reference", "language", "organisation", "country", "contact_person",
                         *ANSWER_FIELDS, "stakeholders_by_sector", "submitted_at"],
            "properties": {
                "uuid": {"$ref": "#/$defs/uuid"},
                "reference": text_schema(24),
                "language": {"$ref": "#/$defs/language"},
                "organisation": {"allOf": [{"$ref": "#/$defs/text"}, {"$ref": "#/$defs/not_blank"}], "maxLength": 200},
                "country": {"type": "string", "pattern": "^[A-Z]{2}$",
                            "description": "an ISO 3166-1 alpha-2 code in capitals"},
                "contact_person": text_schema(120),
                **{name: text_schema(ANSWER_MAX) for name in ANSWER_FIELDS},
                "stakeholders_by_sector": {
                    "type": "object", "additionalProperties": False,
                    "properties": {code: text_schema(SECTOR_ANSWER_MAX) for code in SECTORS},
                },
                "submitted_at": {"$ref": "#/$defs/timestamp"},
            },
        },
    ],
}

FIELDS = ("reference", "language", "organisation", "country", "contact_person", *ANSWER_FIELDS)


def _application(dialogue) -> Application | None:
    if dialogue.id is None:
        return None
    return db.session.scalar(db.select(Application).where(Application.dialogue_id == dialogue.id)
                             .order_by(Application.id).limit(1))


def export_application(dialogue) -> dict | None:
    application = _application(dialogue)
    if application is None:
        return None
    data = {name: getattr(application, name) or "" for name in FIELDS}
    data.update(uuid=application.uuid, stakeholders_by_sector=dict(application.stakeholders_by_sector or {}),
                submitted_at=_timestamp(application.submitted_at))
    return data


def import_application(dialogue, value, actor) -> list[str]:
    if value is None:
        return []
    application = db.session.scalar(db.select(Application).where(Application.uuid == value["uuid"]))
    if application is not None:
        if application.dialogue_id is None:
            application.dialogue_id = dialogue.id
            db.session.flush()
            return ["linked"]
        return []  # the record of what was applied with: never rewritten by a package
    copy = Application(uuid=value["uuid"], call_id=None, dialogue_id=dialogue.id, status="selected",
                       contact_email="", contact_phone="",
                       stakeholders_by_sector=dict(value["stakeholders_by_sector"]),
                       submitted_at=_parse_timestamp(value["submitted_at"]),
                       **{name: value[name] for name in FIELDS})
    db.session.add(copy)
    db.session.flush()
    return ["created"]


def check_application(value, package) -> list[tuple[str, str]]:
    if value is None:
        return []
    errors = timestamp_errors("$.application.submitted_at", value["submitted_at"])
    from ..i18n import is_country

    if not is_country(value["country"]):
        errors.append(("$.application.country", f"{value['country']!r} is not an ISO 3166 country code."))
    if errors:
        return errors
    existing = db.session.scalar(db.select(Application).where(Application.uuid == value["uuid"]))
    if existing is not None and existing.dialogue_id is not None:
        from ..models import Dialogue

        own = db.session.scalar(db.select(Dialogue.id).where(Dialogue.uuid == package["dialogue"]["uuid"]))
        if existing.dialogue_id != own:
            return [("$.application.uuid", "belongs to the application of another dialogue on this server.")]
    return []


APPLICATION_SECTION = PackageSection(name="application", schema=SCHEMA, export=export_application,
                                     import_=import_application, check=check_application)
