"""The case study's part of the dialogue package (``case_study``: the narrative and where its
review stands) and its texts for the translation page.

A package never moves the review: importing keeps the status this instance has (a new case
study starts as a draft whatever the package says), so a package cannot make a case study
approved, and the narrative of a case study under review or approved is not overwritten
(the import is refused with the reason).
"""
from __future__ import annotations

from ..content import TextSource
from ..extensions import db
from ..i18n import _l
from ..models import Dialogue
from ..package import text_schema
from ..registry import PackageSection
from .models import NARRATIVE, STATUSES, TEXT_MAX, CaseStudy
from .services import can_write, case_study_of

SCHEMA = {
    "description": "The case study's narrative, written by the convening partner; `status` is informative "
                   "(an import never changes the review's state).",
    "oneOf": [
        {"type": "null"},
        {
            "type": "object", "additionalProperties": False,
            "required": ["uuid", *NARRATIVE, "content_language", "status"],
            "properties": {
                "uuid": {"$ref": "#/$defs/uuid"},
                **{name: text_schema(TEXT_MAX) for name in NARRATIVE},
                "content_language": {"$ref": "#/$defs/language"},
                "status": {"enum": list(STATUSES)},
                "versions": {
                    "description": "The review's history, informative: never imported.",
                    "type": "array",
                    "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["number", "submitted_at", "outcome", "decided_at"],
                        "properties": {
                            "number": {"type": "integer", "minimum": 1},
                            "submitted_at": {"$ref": "#/$defs/timestamp"},
                            "outcome": {"enum": ["", "changes_requested", "approved"]},
                            "decided_at": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/timestamp"}]},
                            "report_sha256": {"type": "string", "pattern": "^([0-9a-f]{64})?$"},
                            "package_sha256": {"type": "string", "pattern": "^([0-9a-f]{64})?$"},
                        },
                    },
                },
            },
        },
    ],
}


def export_case_study(dialogue) -> dict | None:
    record = case_study_of(dialogue)
    if record is None:
        return None
    from ..review.services import versions_metadata

    return {"uuid": record.uuid, **{name: getattr(record, name) or "" for name in NARRATIVE},
            "content_language": record.content_language, "status": record.status,
            "versions": versions_metadata(record)}


def import_case_study(dialogue, value, actor) -> list[str]:
    if value is None:
        return []
    record = case_study_of(dialogue)
    if record is None:
        record = CaseStudy(uuid=value["uuid"], dialogue_id=dialogue.id, status="draft")
        db.session.add(record)
    changed = [name for name in (*NARRATIVE, "content_language") if (getattr(record, name) or "") != value[name]]
    for name in changed:
        setattr(record, name, value[name])
    db.session.flush()
    return ["updated"] if changed else []


def check_case_study(value, package) -> list[tuple[str, str]]:
    if value is None:
        return []
    dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == package["dialogue"]["uuid"]))
    other = db.session.scalar(db.select(CaseStudy).where(CaseStudy.uuid == value["uuid"]))
    if other is not None and (dialogue is None or other.dialogue_id != dialogue.id):
        return [("$.case_study.uuid", "belongs to another dialogue on this server.")]
    record = case_study_of(dialogue) if dialogue is not None else None
    if record is not None and not can_write(record):
        if any((getattr(record, name) or "") != value[name] for name in (*NARRATIVE, "content_language")):
            return [("$.case_study", "the case study here is under review or approved: its narrative cannot be "
                                     "changed by an import.")]
    return []


CASE_STUDY_SECTION = PackageSection(name="case_study", schema=SCHEMA, export=export_case_study,
                                    import_=import_case_study, check=check_case_study)


def _objects(dialogue):
    record = case_study_of(dialogue)
    return [record] if record is not None else []


def case_study_text_source() -> TextSource:
    return TextSource(
        content_type=CaseStudy.content_type, label=_l("Case study"),
        fields={"summary": _l("Summary"), "context": _l("Context and challenge"),
                "partner": _l("The convening partner"), "reflections": _l("Reflections"),
                "next_steps": _l("Next steps")},
        objects=_objects, documents=("case-study",),
    )
