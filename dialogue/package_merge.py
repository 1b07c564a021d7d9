"""When a package comes back: a three-way merge, so nothing changed on both sides is silently lost.

Each instance keeps, per dialogue, the package as it last exchanged it (``PackageBaseline``:
stored when it exports a dialogue and after it imports one). When a package comes in, every
field is compared three ways: the baseline (the common ancestor), the package ("theirs") and
the dialogue here ("ours"):

- the same on both sides, or changed only in the package: the package's value;
- changed only here: our value is kept (the package would otherwise undo it);
- changed on both sides to different values (or no baseline to tell): a **conflict**, with the
  record, the field and both values. Nothing is applied until every conflict is settled,
  per conflict or all at once, for "theirs" or "ours".

Lists of records with a ``uuid`` (stakeholders, meetings and their agenda items, commitments and
their updates, translations…) are merged record by record: a record added on either side is
kept. Records are never deleted by a package (the phases keep tombstones where deletion
matters, such as forgotten people), so a record removed on one side comes back from the other;
the README says so.

The merged package is then imported as any package is (``package.import_package``), which is
why importing the same package twice changes nothing the second time: the baseline after the
first import equals the dialogue, and the package equals both.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .extensions import db

#: keys that are not the dialogue's data and never conflict
IGNORED = {"format", "version", "exported_at"}
#: fields a package carries for information only (never imported): no conflicts on them
INFORMATIVE = {("case_study", "status"), ("case_study", "versions")}

_MISSING = object()


@dataclass
class Conflict:
    #: a stable name of the place, e.g. ``stakeholders/6f1c…/organisation``
    key: str
    section: str
    #: what the record is, for a person reading the list (its number, title or uuid)
    record: str
    field: str
    ours: Any
    theirs: Any


class _Merge:
    def __init__(self):
        self.conflicts: list[Conflict] = []
        #: key -> (container, index or key), to apply "ours" later
        self.places: dict[str, tuple[Any, Any]] = {}

    def value(self, key: str, section: str, record: str, field: str, base, theirs, ours, container, slot):
        if theirs == ours:
            return
        if _is_record_list(theirs) and _is_record_list(ours):
            container[slot] = self.records(key, section, base if _is_record_list(base) else [], theirs, ours)
            return
        if isinstance(theirs, dict) and isinstance(ours, dict) and not _is_leaf_dict(theirs, ours):
            merged = dict(theirs)
            base = base if isinstance(base, dict) else {}
            label = record or _label(theirs) or _label(ours)
            for name in sorted(set(theirs) | set(ours)):
                if (section, name) in INFORMATIVE and not record:
                    continue
                if name not in theirs:
                    merged[name] = ours[name]
                    continue
                if name not in ours:
                    continue
                self.value(f"{key}/{name}", section, label, name, base.get(name, _MISSING), theirs[name], ours[name],
                           merged, name)
            container[slot] = merged
            return
        if base is not _MISSING and theirs == base:
            container[slot] = ours  # changed here only: keep it
            return
        if base is not _MISSING and ours == base:
            return  # changed in the package only: take it
        self.conflicts.append(Conflict(key, section, record, field, ours, theirs))
        self.places[key] = (container, slot)

    def records(self, key: str, section: str, base: list, theirs: list, ours: list) -> list:
        base_by = {r["uuid"]: r for r in base}
        ours_by = {r["uuid"]: r for r in ours}
        merged = []
        for record in theirs:
            uid = record["uuid"]
            merged.append(record)
            if uid in ours_by:
                holder = [record]
                self.value(f"{key}/{uid}", section, _label(record) or uid, "", base_by.get(uid, _MISSING), record,
                           ours_by[uid], holder, 0)
                merged[-1] = holder[0]
        seen = {r["uuid"] for r in theirs}
        merged.extend(r for r in ours if r["uuid"] not in seen)
        return merged


def _is_record_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and "uuid" in v for v in value) \
        or value == []


def _is_leaf_dict(a: dict, b: dict) -> bool:
    """A dict that is a value rather than a record (e.g. texts per language): no uuid on either."""
    return "uuid" not in a and "uuid" not in b and not any(isinstance(v, (dict, list)) for v in (*a.values(),
                                                                                                  *b.values()))


def _label(record) -> str:
    if not isinstance(record, dict):
        return ""
    for name in ("number", "title", "organisation", "phase", "name", "field"):
        value = record.get(name)
        if value not in (None, ""):
            return f"#{value}" if name == "number" else str(value)[:60]
    return str(record.get("uuid", ""))[:8]


def merge(base: dict | None, theirs: dict, ours: dict) -> tuple[dict, list[Conflict], dict]:
    """The package to import and the conflicts still to settle; the third value maps each
    conflict's key to where "ours" is applied (``settle``)."""
    merged = json.loads(json.dumps(theirs))
    work = _Merge()
    base = base or {}
    for name in sorted(set(theirs) | set(ours)):
        if name in IGNORED or name not in theirs:
            continue
        if name not in ours:
            continue
        work.value(name, name, "", name, base.get(name, _MISSING), theirs[name], ours[name], merged, name)
    return merged, work.conflicts, work.places


def settle(merged: dict, conflicts: list[Conflict], places: dict, choices: dict[str, str]) -> dict:
    """Apply a side to each conflict: ``choices`` maps a conflict's key (or ``"*"`` for all) to
    ``"theirs"`` or ``"ours"``. Raises KeyError for a conflict without a choice."""
    for conflict in conflicts:
        choice = choices.get(conflict.key, choices.get("*"))
        if choice not in ("theirs", "ours"):
            raise KeyError(conflict.key)
        if choice == "ours":
            container, slot = places[conflict.key]
            container[slot] = conflict.ours
    return merged


# -- the baseline ------------------------------------------------------------------------------
def baseline_of(dialogue_uuid: str) -> dict | None:
    from .package import PackageBaseline

    row = db.session.scalar(db.select(PackageBaseline).where(PackageBaseline.dialogue_uuid == dialogue_uuid))
    return json.loads(row.package_json) if row is not None else None


def remember(dialogue) -> None:
    """Keep the dialogue's package as it is now as the baseline of the next exchange."""
    from .package import PackageBaseline, dumps, export_dialogue

    text = dumps(export_dialogue(dialogue))
    row = db.session.scalar(db.select(PackageBaseline).where(PackageBaseline.dialogue_uuid == dialogue.uuid))
    if row is None:
        db.session.add(PackageBaseline(dialogue_uuid=dialogue.uuid, package_json=text))
    else:
        row.package_json = text
    db.session.flush()


def prepare(data: dict) -> tuple[dict, list[Conflict], dict]:
    """For an incoming (validated) package: the merge against the dialogue here, or the package
    as it is for a dialogue this instance does not have."""
    from .models import Dialogue
    from .package import export_dialogue

    dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == data["dialogue"]["uuid"]))
    if dialogue is None:
        return data, [], {}
    return merge(baseline_of(dialogue.uuid), data, export_dialogue(dialogue))


class Conflicts(Exception):
    """The package changes fields that were changed here too: nothing was applied."""

    def __init__(self, conflicts: list[Conflict]):
        super().__init__(f"{len(conflicts)} conflict(s)")
        self.conflicts = conflicts


def import_merged(data: dict, *, actor=None, choices: dict[str, str] | None = None):
    """Validate, merge with what changed here since the last exchange, and import; raises
    ``package.PackageError`` for an invalid package and :class:`Conflicts` while a conflict has
    no choice (both having written nothing). Returns the dialogue."""
    from .package import PackageError, import_package, validate

    errors = validate(data)
    if errors:
        raise PackageError(errors)
    merged, conflicts, places = prepare(data)
    if conflicts:
        choices = choices or {}
        if any(choices.get(c.key, choices.get("*")) not in ("theirs", "ours") for c in conflicts):
            raise Conflicts(conflicts)
        settle(merged, conflicts, places, choices)
    dialogue = import_package(merged, actor=actor)
    remember(dialogue)
    return dialogue
