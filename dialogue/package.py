"""The dialogue package: one dialogue as a JSON file, exported and imported by UUID.

A package carries a dialogue from one instance to another (the central server to a laptop at
the venue and back), so importing it *updates* the dialogue with the same UUID, never makes a
copy. Version 1 looks like this (keys sorted, UTF-8, indented by two; see :func:`dumps`)::

    {
      "dialogue": {"uuid", "title", "country", "locality", "languages", "organisation",
                   "challenge", "content_language", "phase", "created_at"},
      "exported_at": "2024-05-01T09:30:00Z",
      "format": "dialogue-package",
      "version": 1,
      "<section>": ...            # one per phase that registers a section
    }

Sections
    ``dialogue`` is the core section, written here. A phase adds its own data by giving its
    ``Phase`` a :class:`dialogue.registry.PackageSection` (``package=PackageSection(...)``, and
    ``more_packages=(...)`` for further sections):
    a ``name`` (the top-level key), a JSON-Schema fragment for its value, ``export(dialogue)``,
    ``import_(dialogue, value, actor) -> list of what changed`` and optionally
    ``check(value, package) -> [(json_path, message)]`` for what a schema cannot say
    (references to UUIDs, for instance); paths are absolute (``$.mapping.stakeholders[3].sector``).
    Sections are exported and imported in phase order, after the core, so a later phase may
    refer to an earlier phase's records; the core's closing sections (``translations``, from
    :mod:`dialogue.content`) come last, as they refer to records of every phase. A section missing from a package is left alone on
    import (unless it is ``required``): an older package never erases newer data.

The schema
    ``schemas/dialogue-package.schema.json`` holds the envelope and the core section; it ships
    with the package and documents the format for people. :func:`schema` returns it with each
    registered section's fragment merged in as a property of the top-level object (which has
    ``additionalProperties: false``, so an unknown section is refused), so a phase adds its
    section without editing the file. Fragments may ``$ref`` the core's ``#/$defs/uuid``,
    ``timestamp``, ``language``, ``text`` and ``not_blank``. The file's lengths and phase codes
    must match :mod:`dialogue.models` (a test checks).

Validation
    :func:`validate` returns every problem as ``(json_path, message)``: first the envelope (a
    file of another format or an unknown version is refused with only that message), then the
    JSON Schema (Draft 2020-12), then semantic checks (real ISO 3166 countries, language codes
    Babel or ISO 639 knows, real dates, each section's ``check``).

Import
    :func:`import_package` validates first and raises :class:`PackageError` before writing
    anything. It then creates the dialogue (keeping its UUID and ``created_at``) or updates it,
    field by field, only where something differs; when nothing differs it writes nothing at all
    (no audit entry, no version bump). Otherwise it records one ``dialogue.imported`` audit entry
    naming the fields and sections that changed (never their values). It flushes and never
    commits: the caller commits, or rolls back on any exception. Every text of a valid package is
    cleaned by the rule typed text follows (:func:`dialogue.text.clean`, multi-line) before it
    is compared or written.

    ``actor`` is ``None`` from the command line (a dialogue created so has no members; the
    coordinators see it). With an actor (an upload page), creating needs an account that may
    create dialogues and makes the actor its lead; updating needs a lead of that dialogue.

Nothing that opens an account leaves in a package: no passwords, tokens, members or e-mails.
"""
from __future__ import annotations

import copy
import json
import re
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

from flask import current_app, has_app_context
from jsonschema import Draft202012Validator, ValidationError, validators
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from . import audit
from .extensions import db
from .models import PHASES, Dialogue, Membership, UTCDateTime, utcnow
from .text import clean_tree

FORMAT = "dialogue-package"
VERSION = 1
SUPPORTED_VERSIONS = (1,)
SCHEMA_FILE = "dialogue-package.schema.json"

#: the core section's fields, in the order of the format's description
DIALOGUE_FIELDS = (
    "uuid", "title", "country", "locality", "languages", "organisation", "challenge", "content_language",
    "phase", "created_at",
)
#: the fields an import may change on an existing dialogue (``uuid`` is how it is found)
UPDATABLE_FIELDS = tuple(f for f in DIALOGUE_FIELDS if f != "uuid")

#: top-level keys a section may not take
RESERVED_NAMES = frozenset({"format", "version", "exported_at", "dialogue"})
_SECTION_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class PackageError(Exception):
    """A package that cannot be read or imported; ``errors`` holds ``(json_path, message)`` pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = list(errors)
        super().__init__("; ".join(f"{path}: {message}" for path, message in self.errors))


# -- sections ------------------------------------------------------------------------
def sections() -> list:
    """The registered sections (``PackageSection``), in phase order."""
    from .registry import get_registry

    registry = get_registry()
    found = [section for phase in registry.phases for section in phase.package_sections]
    found += registry.closing_sections
    names: set[str] = set()
    for section in found:
        if section.name in RESERVED_NAMES or not _SECTION_NAME.match(section.name):
            raise ValueError(f"package section name {section.name!r} is reserved or not a lower-case identifier")
        if section.name in names:
            raise ValueError(f"package section {section.name!r} registered twice")
        names.add(section.name)
    return found


# -- the schema ----------------------------------------------------------------------
@lru_cache(maxsize=1)
def core_schema() -> dict[str, Any]:
    """The schema file as shipped: the envelope and the ``dialogue`` section."""
    text = resources.files("dialogue").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def schema() -> dict[str, Any]:
    """The full schema of this application's packages: the core plus every registered section."""
    return _validator().schema


@lru_cache(maxsize=256)
def _ecma_pattern(pattern: str) -> re.Pattern:
    """JSON Schema's patterns are ECMA-262, where ``$`` ends the text; in Python's ``re`` it also
    matches before a final newline (``"KE\\n"`` would pass ``^[A-Z]{2}$``). End with ``\\Z``."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern_keyword(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


#: Draft 2020-12 with ``pattern`` anchored as ECMA-262 anchors it
PackageValidator = validators.extend(Draft202012Validator, {"pattern": _pattern_keyword})


def _validator() -> Draft202012Validator:
    cache = current_app.extensions.setdefault("dialogue.package", {})
    validator = cache.get("validator")
    if validator is None:
        full = copy.deepcopy(core_schema())
        for section in sections():
            full["properties"][section.name] = copy.deepcopy(section.schema)
            if section.required:
                full["required"].append(section.name)
        Draft202012Validator.check_schema(full)
        validator = cache["validator"] = PackageValidator(full)
    return validator


# -- export --------------------------------------------------------------------------
def _timestamp(value: datetime) -> str:
    """ISO 8601 in UTC with ``Z``; microseconds only when there are some."""
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def text_schema(limit: int) -> dict[str, Any]:
    """A section's schema for a text field of at most ``limit`` characters."""
    return {"allOf": [{"$ref": "#/$defs/text"}], "maxLength": limit}


def timestamp_errors(path: str, value) -> list[tuple[str, str]]:
    """A section's check for a timestamp the schema's pattern lets through but the calendar
    does not know (2026-02-30); nothing for an empty value."""
    if not value:
        return []
    try:
        _parse_timestamp(value)
    except ValueError:
        return [(path, "is not a date and time that exists.")]
    return []


def _parse_timestamp(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("no offset")
    return parsed.astimezone(timezone.utc)


def export_dialogue(dialogue: Dialogue, *, inside: bool = True) -> dict[str, Any]:
    """The package of one dialogue, as a dict ready for :func:`dumps`. Writes nothing.

    ``inside`` is False for someone outside the dialogue (``Dialogue.can_see_people``): each
    section that holds people then exports them as the privacy rules allow."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _timestamp(utcnow().replace(microsecond=0)),
        "dialogue": {
            "uuid": dialogue.uuid,
            "title": dialogue.title,
            "country": dialogue.country,
            "locality": dialogue.locality or "",
            "languages": list(dialogue.languages or []),
            "organisation": dialogue.organisation,
            "challenge": dialogue.challenge or "",
            "content_language": dialogue.content_language,
            "phase": dialogue.phase,
            "created_at": _timestamp(dialogue.created_at),
        },
    }
    for section in sections():
        export = section.export if inside or section.export_outside is None else section.export_outside
        data[section.name] = export(dialogue)
    return data


def dumps(data: dict[str, Any]) -> str:
    """The package as text: JSON with sorted keys, indented by two, non-ASCII kept as is
    (encode it as UTF-8). No final newline: ``click.echo`` adds one."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)


# -- reading -------------------------------------------------------------------------
def _refuse_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in the same object")
        result[key] = value
    return result


def _refuse_constant(name):
    raise ValueError(f"{name} is not a JSON number")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def loads(raw: bytes, *, limit: int | None = None) -> dict[str, Any]:
    """Read a package file's bytes. Raises :class:`PackageError` (path ``$``) when the file is
    larger than ``limit`` (default ``MAX_CONTENT_LENGTH``), not UTF-8, not JSON or not an object.
    The result still needs :func:`validate` (which :func:`import_package` calls)."""
    if limit is None and has_app_context():
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit is not None and len(raw) > limit:
        raise PackageError([("$", f"The file is too large: {_megabytes(len(raw))}, "
                                  f"the limit is {_megabytes(limit)} (DIALOGUE_MAX_UPLOAD_MB).")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackageError([("$", f"The file is not valid UTF-8 text (byte {exc.start}).")]) from None
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise PackageError([("$", f"The file is not valid JSON: {exc.msg} (line {exc.lineno}, "
                                  f"column {exc.colno}).")]) from None
    except ValueError as exc:
        raise PackageError([("$", f"The file is not valid JSON: {exc}.")]) from None
    except RecursionError:
        raise PackageError([("$", "The file is not valid JSON: it is nested too deeply.")]) from None
    if not isinstance(data, dict):
        raise PackageError([("$", "The file is not a dialogue package: it must hold a JSON object.")])
    return data


# -- validation ----------------------------------------------------------------------
def json_path(parts) -> str:
    """``["dialogue", "languages", 0]`` -> ``$.dialogue.languages[0]``."""
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _IDENTIFIER.match(part):
            path += f".{part}"
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            path += f"['{escaped}']"
    return path


_TYPE_NAMES = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "an object", "null": "null",
}


def _short(value: Any, size: int = 40) -> str:
    """A value as it reads in the file, shortened; safe to print (lone surrogates escaped)."""
    text = json.dumps(value, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= size else text[: size - 1] + "…"


def _schema_errors(error) -> list[tuple[str, str]]:
    """One jsonschema error as plain ``(path, message)`` pairs."""
    parts = list(error.absolute_path)
    kind, expected, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [name for name in expected if isinstance(instance, dict) and name not in instance]
        named = [name for name in missing if error.message.startswith(repr(name))] or missing[:1]
        return [(json_path(parts + [name]), "is required.") for name in named]
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = set(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        extra = sorted(k for k in instance if k not in known and not any(p.search(k) for p in patterns))
        return [(json_path(parts + [name]), "is not part of the package format.") for name in extra]
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        message = f"must be {' or '.join(_TYPE_NAMES.get(n, n) for n in names)}."
    elif kind == "maxLength":
        message = f"is too long: {len(instance)} characters, at most {expected} are allowed."
    elif kind == "minLength":
        message = "must not be empty." if expected == 1 else f"must have at least {expected} characters."
    elif kind == "pattern":
        described = error.schema.get("description")
        message = f"must be {described}, not {_short(instance)}." if described else (
            f"{_short(instance)} does not have the expected form ({expected}).")
    elif kind == "enum":
        message = f"{_short(instance)} is not one of: {', '.join(str(v) for v in expected)}."
    elif kind == "const":
        message = f"must be {_short(expected)}, not {_short(instance)}."
    elif kind == "minItems":
        message = "must not be empty." if expected == 1 else f"must have at least {expected} entries."
    elif kind == "maxItems":
        message = f"has too many entries: at most {expected}."
    elif kind == "uniqueItems":
        message = "has the same entry more than once."
    else:
        message = error.message
    return [(json_path(parts), message)]


def _envelope_errors(data: Any) -> list[tuple[str, str]]:
    """A file of another format or version is refused with one clear message, nothing else."""
    if not isinstance(data, dict):
        return [("$", "The file is not a dialogue package: it must hold a JSON object.")]
    if "format" not in data:
        return [("$.format", f'is required: this file is not a dialogue package (format "{FORMAT}").')]
    if data["format"] != FORMAT:
        return [("$.format", f"this file is not a dialogue package: its format is {_short(data['format'])}, "
                             f'this toolkit reads "{FORMAT}".')]
    if "version" not in data:
        return [("$.version", f"is required: the version of the package format ({VERSION}).")]
    version = data["version"]
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        newer = isinstance(version, int) and not isinstance(version, bool) and version > max(SUPPORTED_VERSIONS)
        hint = " It was written by a newer version of the toolkit: upgrade this one to import it." if newer else ""
        return [("$.version", f"version {_short(version)} of the dialogue package is not supported; "
                              f"this toolkit reads version {supported}.{hint}")]
    return []


def is_language(code: str) -> bool:
    """A language code that Babel knows (``fr``, ``pt_BR``, ``kea``) or ISO 639 lists (``ay``)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
        return True
    except (ValueError, UnknownLocaleError):
        pass
    if "_" in code:
        return False
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return found is not None


_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})")


def _semantic_errors(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What the schema cannot say. Looks only at values of the right shape (the schema reports
    the others), so one mistake gives one message."""
    from .i18n import is_country

    errors: list[tuple[str, str]] = []

    def check_timestamp(path: str, value: Any) -> None:
        if isinstance(value, str) and _TIMESTAMP.fullmatch(value):
            try:
                _parse_timestamp(value)
            except ValueError:
                errors.append((path, f"{_short(value)} is not a real date and time."))

    check_timestamp("$.exported_at", data.get("exported_at"))
    core = data.get("dialogue")
    if isinstance(core, dict):
        country = core.get("country")
        if isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country) and not is_country(country):
            errors.append(("$.dialogue.country", f"{_short(country)} is not an ISO 3166 country code."))
        languages = core.get("languages")
        for index, code in enumerate(languages if isinstance(languages, list) else []):
            if isinstance(code, str) and re.fullmatch(r"[a-z]{2,3}(_[A-Za-z0-9]{2,8})*", code) and not is_language(code):
                errors.append((f"$.dialogue.languages[{index}]", f"{_short(code)} is not a known language code."))
        code = core.get("content_language")
        if isinstance(code, str) and re.fullmatch(r"[a-z]{2,3}(_[A-Za-z0-9]{2,8})*", code) and not is_language(code):
            errors.append(("$.dialogue.content_language", f"{_short(code)} is not a known language code."))
        phase = core.get("phase")
        if isinstance(phase, str) and phase not in PHASES:  # the schema's enum says so too; kept in step by a test
            errors.append(("$.dialogue.phase", f"{_short(phase)} is not one of: {', '.join(PHASES)}."))
        check_timestamp("$.dialogue.created_at", core.get("created_at"))
    return errors


def _dedupe(errors: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(errors))


def validate(data: Any) -> list[tuple[str, str]]:
    """Every problem of a package as ``(json_path, message)``; an empty list means importable."""
    errors = _envelope_errors(data)
    if errors:
        return errors
    for error in _validator().iter_errors(data):
        errors.extend(_schema_errors(error))
    semantic = _semantic_errors(data)
    reported = {path for path, _message in errors}
    errors.extend(e for e in semantic if e[0] not in reported)
    if not errors:  # a section's own checks may assume its value has the shape of its schema
        for section in sections():
            if section.check is not None and section.name in data:
                errors.extend(section.check(data[section.name], data))
    return sorted(_dedupe(errors), key=lambda e: e[0])


# -- import --------------------------------------------------------------------------
def _core_values(core: dict[str, Any]) -> dict[str, Any]:
    values = {name: core[name] for name in UPDATABLE_FIELDS if name in core}
    values["created_at"] = _parse_timestamp(core["created_at"])
    values["languages"] = list(core["languages"])
    return values


def import_package(data: dict[str, Any], *, actor=None) -> Dialogue:
    """Create the package's dialogue, or update the one with its UUID; returns it.

    Raises :class:`PackageError` with every problem, having written nothing. Flushes; the caller
    commits (and rolls back on any exception)."""
    errors = validate(data)
    if errors:
        raise PackageError(errors)
    # imported text follows the rule typed text follows (dialogue.text); NUL and unpaired
    # surrogates were refused by the schema above, with their path
    data = clean_tree(data)
    core = data["dialogue"]
    values = _core_values(core)
    dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == core["uuid"]))
    created = dialogue is None
    if actor is not None:
        if created and not actor.can_create_dialogue():
            raise PackageError([("$.dialogue", "Your account may not create dialogues.")])
        if not created and not dialogue.is_lead(actor):
            # coordinators read every dialogue but edit none (DESIGN.md's roles)
            raise PackageError([("$.dialogue.uuid", "Only a lead of this dialogue may update it from a package.")])

    changed_fields: list[str] = []
    if created:
        dialogue = Dialogue(uuid=core["uuid"], **values)
        if actor is not None:
            dialogue.memberships.append(Membership(user=actor, role="lead"))
        db.session.add(dialogue)
    else:
        for name, value in values.items():
            if getattr(dialogue, name) != value:
                setattr(dialogue, name, value)
                changed_fields.append(name)
    db.session.flush()

    changed_sections: dict[str, list[str]] = {}
    for section in sections():
        if section.name in data:
            changes = list(section.import_(dialogue, data[section.name], actor) or [])
            if changes:
                changed_sections[section.name] = changes
    if created or changed_fields or changed_sections:
        details: dict[str, Any] = {"created": created, "format_version": data["version"]}
        if changed_fields:
            details["fields"] = sorted(changed_fields)
        if changed_sections:
            details["sections"] = changed_sections
        audit.record("dialogue.imported", actor=actor, dialogue=dialogue, **details)
    db.session.flush()
    return dialogue


class PackageBaseline(db.Model):
    """The package as this instance last exchanged it (exported, or after an import), per
    dialogue: the common ancestor of a three-way merge when a package comes back."""

    __tablename__ = "package_baselines"

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    package_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
