"""The stakeholder register as CSV: import with a preview and a column mapping, export.

Import reads the file as spreadsheets write it (``dialogue.csvfiles``), recognises column
headers and coded values (sector, stance…) in any shipped language or as the stored English
codes, and checks every row before anything is saved: the result is either a list of rows
ready to save or a list of (line, message) problems, never half of each.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from flask_babel import force_locale, pgettext

from dialogue import csvfiles
from dialogue.i18n import _, _l, available_languages
from dialogue.text import clean, clean_line

from . import labels
from .models import (
    AGE_GROUPS, CONTACT_MAX, GENDERS, GROUPS, INVITATION_STATES, LEVELS, NOTES_MAX, ORGANISATION_MAX, PERSON_MAX,
    ROLE_MAX, SECTORS, STAKE_MAX, STANCES,
)
from .services import STAKEHOLDER_FIELDS

#: the column headers, in the order of the export
COLUMN_LABELS = {
    "organisation": _l("Organisation"),
    "person": _l("Person"),
    "role": _l("Role or title"),
    "sector": _l("Sector"),
    "level": _l("Level"),
    "stake": _l("Stake in the challenge"),
    "influence": _l("Influence (1 to 5)"),
    "interest": _l("Interest (1 to 5)"),
    "stance": _l("Stance"),
    "gender": _l("Gender"),
    "age_group": _l("Age group"),
    "groups": _l("Groups represented"),
    "preferred_language": _l("Preferred language"),
    "contact": _l("Contact"),
    "consent_contact": _l("Consent to be contacted"),
    "consent_named": _l("Consent to be named in reports"),
    "at_risk": _l("At risk"),
    "notes": _l("Notes"),
    "invitation": _l("Invitation"),
}
assert tuple(COLUMN_LABELS) == STAKEHOLDER_FIELDS

#: fields whose cell holds a code, with the codes and their labels
CODED = {
    "sector": (SECTORS, labels.SECTOR_LABELS),
    "level": (LEVELS, labels.LEVEL_LABELS),
    "stance": (STANCES, labels.STANCE_LABELS),
    "gender": (GENDERS, labels.GENDER_LABELS),
    "age_group": (AGE_GROUPS, labels.AGE_GROUP_LABELS),
    "invitation": (INVITATION_STATES, labels.INVITATION_LABELS),
}
BOOLEANS = ("consent_contact", "consent_named", "at_risk")
MAX_LENGTHS = {
    "organisation": ORGANISATION_MAX, "person": PERSON_MAX, "role": ROLE_MAX, "contact": CONTACT_MAX,
    "stake": STAKE_MAX, "notes": NOTES_MAX,
}
#: the fields whose text may span lines (text areas in the register's form)
MULTILINE = frozenset({"stake", "notes"})
#: the most rows one import takes
MAX_ROWS = 5000

_TRUE = {"1", "x", "y", "true", "vrai", "verdadero", "verdadeiro", "kweli"}
_FALSE = {"0", "n", "false", "faux", "falso", "uongo"}


def normalise(text: str) -> str:
    """A header or value as compared: no case, accents, brackets, punctuation or spaces."""
    text = re.sub(r"\(.*?\)", "", text or "")
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


def _in_every_language(lazy) -> set[str]:
    names = set()
    for lang in available_languages():
        with force_locale(lang):
            names.add(normalise(str(lazy)))
    return names


@lru_cache(maxsize=8)
def _vocabulary(languages: tuple[str, ...]) -> dict:
    """Headers and values as every shipped language writes them (built once per app's languages)."""
    headers = {}
    for key, lazy in COLUMN_LABELS.items():
        for name in _in_every_language(lazy) | {normalise(key)}:
            headers.setdefault(name, key)
    values = {}
    for key, (codes, table) in CODED.items():
        mapping = {}
        for code in codes:
            mapping[normalise(code)] = code
            for name in _in_every_language(table[code]):
                mapping.setdefault(name, code)
        if key == "invitation":
            mapping[normalise("")] = ""
            for name in _in_every_language(labels.INVITATION_LABELS[""]):
                mapping.setdefault(name, "")
        values[key] = mapping
    groups = {}
    for code in GROUPS:
        groups[normalise(code)] = code
        for name in _in_every_language(labels.GROUP_LABELS[code]):
            groups.setdefault(name, code)
    yes, no = set(_TRUE), set(_FALSE)
    for lang in languages:
        with force_locale(lang):
            yes.add(normalise(pgettext("answer", "yes")))
            no.add(normalise(pgettext("answer", "no")))
    yes |= {"yes", "oui", "si", "sim", "ndiyo", "نعم"}
    no |= {"no", "non", "nao", "hapana", "لا"}
    return {"headers": headers, "values": values, "groups": groups, "yes": yes, "no": no}


def vocabulary() -> dict:
    return _vocabulary(tuple(available_languages()))


def guess_mapping(header: list[str]) -> list[str]:
    """For each column, the field its header names, or "" (ignored)."""
    known = vocabulary()["headers"]
    seen = set()
    mapping = []
    for cell in header:
        key = known.get(normalise(cell), "")
        if key in seen:
            key = ""
        seen.add(key)
        mapping.append(key)
    return mapping


@dataclass
class Parsed:
    """A file read and checked against a column mapping."""

    header: list[str]
    mapping: list[str]
    rows: list[dict] = field(default_factory=list)
    #: (line number or None for the whole file, message)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    #: the first rows as read, for the preview
    sample: list[tuple[int, list[str]]] = field(default_factory=list)
    total: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


class UnreadableFile(ValueError):
    pass


def read(raw: bytes) -> str:
    """The file's text, or UnreadableFile."""
    try:
        text = csvfiles.decode(raw)
    except csvfiles.NotText as exc:
        if str(exc) == "utf-8":
            raise UnreadableFile(csvfiles.broken_utf8_message()) from None
        raise UnreadableFile(_("This file is not a CSV file: it is not readable text.")) from None
    # people's text follows one rule (dialogue.text): the preview, and the hidden copy of the
    # file it sends back, never carry a control or bidi-override character
    text = clean(text)
    if not text.strip():
        raise UnreadableFile(_("The file is empty."))
    return text


def _language_code(value: str) -> str | None:
    value = value.strip()
    if not value:
        return ""
    code = value.replace("_", "-")
    if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?", code):
        try:
            Locale.parse(code, sep="-")
            return code.split("-")[0].lower() if "-" not in code else code
        except (UnknownLocaleError, ValueError):
            pass
    wanted = normalise(value)
    from dialogue.i18n import working_language_choices

    for lang in available_languages():
        for candidate, name in working_language_choices(lang):
            if normalise(name) == wanted:
                return candidate
    return None


def parse(text: str, mapping: list[str] | None = None) -> Parsed:
    """Read every row with ``mapping`` (default: guessed from the header) and check it."""
    try:
        records = csvfiles.read_rows(text)
    except csvfiles.csv.Error:
        return Parsed([], [], problems=[(None, _("This file cannot be read as CSV: a cell is far too long, or a "
                                                  "quote is never closed."))])
    # every cell as people's text is stored (dialogue.text); single-line fields tighten it below
    records = [(line, [clean(cell) for cell in row]) for line, row in records]
    records = [(line, row) for line, row in records if any(cell.strip() for cell in row)]
    if not records:
        return Parsed([], [], problems=[(None, _("The file is empty."))])
    header = [cell.strip() for cell in records[0][1]]
    mapping = list(mapping) if mapping is not None else guess_mapping(header)
    mapping = (mapping + [""] * len(header))[:len(header)]
    result = Parsed(header=header, mapping=mapping, sample=records[1:6], total=len(records) - 1)

    chosen = [key for key in mapping if key]
    for key in sorted({k for k in chosen if chosen.count(k) > 1}):
        result.problems.append((None, _("Two columns are matched to “%(field)s”. Choose it for one column only.",
                                        field=COLUMN_LABELS[key])))
    if "sector" not in chosen:
        result.problems.append((None, _("No column is matched to “%(field)s”. Choose the column that holds it.",
                                        field=COLUMN_LABELS["sector"])))
    if "organisation" not in chosen and "person" not in chosen:
        result.problems.append((None, _("No column is matched to the organisation or the person. "
                                        "Choose the column that holds at least one of them.")))
    if len(records) - 1 > MAX_ROWS:
        result.problems.append((None, _("The file has %(count)d rows; one import takes at most %(max)d.",
                                        count=len(records) - 1, max=MAX_ROWS)))
    if result.problems:
        return result
    if len(records) == 1:
        result.problems.append((None, _("The file has a header line but no stakeholders.")))
        return result

    for line, row in records[1:]:
        values, problems = _row_values(row, mapping)
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            problems.append(_("This line has more cells than the header has columns: check the separators "
                              "and the quotes."))
        if problems:
            result.problems.extend((line, message) for message in problems)
        else:
            result.rows.append(values)
    return result


def _row_values(row: list[str], mapping: list[str]) -> tuple[dict, list[str]]:
    vocab = vocabulary()
    cells = {}
    for index, key in enumerate(mapping):
        if key and index < len(row):
            cell = row[index] if key in MULTILINE else clean_line(row[index])
            cells[key] = csvfiles.unsafe(cell.strip())
    problems = []
    values: dict = {"organisation": "", "person": "", "role": "", "stake": "", "contact": "", "notes": "",
                    "level": "local", "stance": "unknown", "gender": "", "age_group": "", "groups": [],
                    "preferred_language": "", "influence": 3, "interest": 3, "invitation": "",
                    "consent_contact": False, "consent_named": False, "at_risk": False}
    for key, limit in MAX_LENGTHS.items():
        value = cells.get(key, "")
        if len(value) > limit:
            problems.append(_("“%(field)s” is longer than %(max)d characters.", field=COLUMN_LABELS[key], max=limit))
        values[key] = value
    if not values["organisation"] and not values["person"]:
        problems.append(_("Give the organisation or the person."))
    for key, (codes, table) in CODED.items():
        raw = cells.get(key, "")
        if not raw:
            if key == "sector":
                problems.append(_("The sector is missing."))
            continue
        code = vocab["values"][key].get(normalise(raw))
        if code is None:
            choices = ", ".join(str(table[c]) for c in codes)
            problems.append(_("“%(value)s” is not a known %(field)s. Use one of: %(choices)s.",
                              value=raw, field=str(COLUMN_LABELS[key]).lower(), choices=choices))
        else:
            values[key] = code
    for key in ("influence", "interest"):
        raw = cells.get(key, "")
        if not raw:
            continue
        match = re.fullmatch(r"([1-5])(?:[.,]0+)?", raw)
        number = int(match.group(1)) if match else None
        if number is None:
            problems.append(_("“%(field)s” must be a whole number from 1 to 5, not “%(value)s”.",
                              field=COLUMN_LABELS[key], value=raw))
        else:
            values[key] = int(number)
    for key in BOOLEANS:
        raw = normalise(cells.get(key, ""))
        if not raw:
            continue
        if raw in vocab["yes"]:
            values[key] = True
        elif raw in vocab["no"]:
            values[key] = False
        else:
            problems.append(_("“%(field)s” must be yes or no, not “%(value)s”.",
                              field=COLUMN_LABELS[key], value=cells[key]))
    raw_groups = cells.get("groups", "")
    if raw_groups:
        found = []
        for part in re.split(r"[,;/|+]", raw_groups):
            if not part.strip():
                continue
            code = vocab["groups"].get(normalise(part))
            if code is None:
                problems.append(_("“%(value)s” is not a group this toolkit knows. Use one of: %(choices)s.",
                                  value=part.strip(),
                                  choices=", ".join(str(labels.GROUP_LABELS[g]) for g in GROUPS)))
            elif code not in found:
                found.append(code)
        values["groups"] = found
    language = _language_code(cells.get("preferred_language", ""))
    if language is None:
        problems.append(_("“%(value)s” is not a language this toolkit knows. Write its code, such as “fr”.",
                          value=cells["preferred_language"]))
    else:
        values["preferred_language"] = language
    return values, problems


def export(stakeholders, *, lang: str, inside: bool) -> bytes:
    """The register as a spreadsheet opens it. ``inside`` as in ``Stakeholder.shown_as``:
    for anyone but the dialogue's members, people are shown as the privacy rules say."""
    header = [str(COLUMN_LABELS[key]) for key in STAKEHOLDER_FIELDS]
    rows = [header]
    for s in stakeholders:
        rows.append(_export_row(s, inside))
    return csvfiles.write(rows, lang=lang)


def _export_row(s, inside: bool) -> list[str]:
    def coded(key):
        value = getattr(s, key)
        table = CODED[key][1]
        return str(table[value]) if value in table else value

    details = s.shows_details(inside)
    named = s.shown_as(inside)
    if inside and s.erased_at is None:
        organisation, person = s.organisation, s.person
    else:
        # outside the dialogue the name column holds only what the privacy rules allow
        organisation, person = named, ""
    if not inside:
        # who is at risk, who consented, and (for a pseudonym) what could single them out stay inside
        pseudonymous = named == s.pseudonym()
        return [
            organisation, "", s.role if details else "", coded("sector"), coded("level"), s.stake if details else "",
            s.influence, s.interest, coded("stance"),
            "" if pseudonymous or not s.gender else coded("gender"),
            "" if pseudonymous or not s.age_group else coded("age_group"),
            "" if pseudonymous else ", ".join(str(labels.GROUP_LABELS[g]) for g in (s.groups or [])
                                              if g in labels.GROUP_LABELS),
            "" if pseudonymous else s.preferred_language,
            "", "", "", "", "", coded("invitation") if s.invitation else "",
        ]
    return [
        organisation,
        person,
        s.role if details else "",
        coded("sector"),
        coded("level"),
        s.stake if details else "",
        s.influence,
        s.interest,
        coded("stance"),
        coded("gender") if s.gender else "",
        coded("age_group") if s.age_group else "",
        ", ".join(str(labels.GROUP_LABELS[g]) for g in (s.groups or []) if g in labels.GROUP_LABELS),
        s.preferred_language,
        s.contact if inside else "",
        labels.yes_no(s.consent_contact),
        labels.yes_no(s.consent_named),
        labels.yes_no(s.at_risk),
        s.notes if inside else "",
        coded("invitation") if s.invitation else "",
    ]
