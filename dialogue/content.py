"""What people write, in every language of the dialogue.

The catalogs translate what the toolkit says; this module keeps what *people* write. Each
text lives in its own model's column, in the language it was written in (the object's
``content_language``). Its translations live in one table, ``content_translations``, keyed by
(object type, object uuid, field, language), each with:

- ``source_hash`` and ``source_text``: the original as it was when the translation was made.
  When the original changes, the hash no longer matches and the translation is *outdated*: it
  keeps its text, and the translation page shows the old and new original side by side.
- ``status``: ``draft`` until a member other than its translator marks it ``reviewed`` (in a
  dialogue with a single member, its translator may review it; the row says so).

A model takes part by declaring ``content_type`` (a stable code), ``translatable_fields`` and
having ``uuid`` and ``content_language``; the phases register a :class:`TextSource` per model
in the registry, so this module never imports a phase.

A document asks :func:`localized` (or a :class:`ContentIndex` built once per document, which
loads every translation of the dialogue in one query) for a text in its language: the
translation when there is one that is not outdated (reviewed preferred, else draft), otherwise
the original, marked with its language.
"""
from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import current_app
from lxml import etree
from markupsafe import Markup, escape
from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from . import audit, csvfiles
from .extensions import db
from .i18n import _, is_rtl, language_in_sentence
from .models import Dialogue, User, UTCDateTime, new_uuid, utcnow
from .text import clean

DRAFT = "draft"
REVIEWED = "reviewed"
STATUSES = (DRAFT, REVIEWED)

#: the largest translated text we accept; the largest original column is Text too
TRANSLATION_MAX = 20000


def text_hash(text: str | None) -> str:
    """The hash that tells whether an original changed (surrounding whitespace ignored)."""
    return hashlib.sha256((text or "").strip().encode("utf-8")).hexdigest()


class ContentTranslation(db.Model):
    """One text of one object, translated into one language."""

    __tablename__ = "content_translations"
    __table_args__ = (
        UniqueConstraint("object_type", "object_uuid", "field", "language", name="uq_content_translations_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    #: the model's ``content_type``, e.g. ``dialogue``
    object_type: Mapped[str] = mapped_column(String(40))
    object_uuid: Mapped[str] = mapped_column(String(36), index=True)
    #: the column translated, e.g. ``challenge``
    field: Mapped[str] = mapped_column(String(40))
    #: language of this translation
    language: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    #: hash of the original when this translation was last written
    source_hash: Mapped[str] = mapped_column(String(64))
    #: the original's wording when this translation was last written (to show what changed)
    source_text: Mapped[str] = mapped_column(Text, default="")
    #: language of that original
    source_language: Mapped[str] = mapped_column(String(12))
    #: ``draft`` or ``reviewed``
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: where the text came from: ``form``, ``xliff``, ``csv`` or ``package``
    origin: Mapped[str] = mapped_column(String(12), default="form")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    translator: Mapped[User | None] = relationship(foreign_keys=[translator_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    __mapper_args__ = {"version_id_col": version}

    def is_outdated(self, original: str) -> bool:
        return self.source_hash != text_hash(original)

    @property
    def self_reviewed(self) -> bool:
        return self.status == REVIEWED and self.reviewer_id is not None and self.reviewer_id == self.translator_id


# -- what can be translated ---------------------------------------------------------
@dataclass(frozen=True)
class TextSource:
    """A model whose texts can be translated, as a phase registers it."""

    content_type: str
    #: what one object is called on the translation page, e.g. "Dialogue"
    label: Any
    #: field name -> what the field is called
    fields: dict[str, Any]
    #: every object of this kind in a dialogue, in reading order
    objects: Callable[[Dialogue], Iterable[Any]]
    #: the documents these texts appear in (document kinds), for progress per document
    documents: tuple[str, ...] = ()


def dialogue_text_source() -> TextSource:
    from .i18n import _l

    return TextSource(
        content_type=Dialogue.content_type,
        label=_l("Dialogue"),
        fields={"title": _l("Title"), "challenge": _l("The common challenge")},
        objects=lambda dialogue: [dialogue],
        documents=("method-overview", "case-study", "toolkit"),
    )


@dataclass
class TextRef:
    """One translatable text of a dialogue."""

    source: TextSource
    obj: Any
    field: str

    @property
    def original(self) -> str:
        return getattr(self.obj, self.field) or ""

    @property
    def language(self) -> str:
        return self.obj.content_language

    @property
    def unit_id(self) -> str:
        return f"{self.source.content_type}/{self.obj.uuid}/{self.field}"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source.content_type, self.obj.uuid, self.field)


def text_sources() -> list[TextSource]:
    return current_app.extensions["dialogue.registry"].text_sources


def texts_of(dialogue: Dialogue) -> list[TextRef]:
    """Every non-empty translatable text of a dialogue, in reading order."""
    refs = []
    for source in text_sources():
        for obj in source.objects(dialogue):
            for name in source.fields:
                if (getattr(obj, name) or "").strip():
                    refs.append(TextRef(source, obj, name))
    return refs


def target_languages(dialogue: Dialogue) -> list[str]:
    """The languages a dialogue's texts may be translated into: its working languages and
    the programme's review language."""
    languages = list(dict.fromkeys([*dialogue.languages, current_app.config["REVIEW_LANGUAGE"]]))
    return languages


# -- reading -------------------------------------------------------------------------
@dataclass(frozen=True)
class LocalText:
    """A text as a document in ``wanted`` language shows it."""

    text: str
    lang: str
    is_original: bool
    #: ``original``, ``draft`` or ``reviewed``
    status: str
    wanted: str

    @property
    def dir(self) -> str:
        return "rtl" if is_rtl(self.lang) else "ltr"

    @property
    def foreign(self) -> bool:
        """Shown in another language than the one asked for."""
        return self.lang.split("-")[0] != self.wanted.split("-")[0]

    def note(self) -> str:
        """The small printed note for a text shown in another language, in the wanted one."""
        if not self.foreign:
            return ""
        return _("original in %(language)s", language=language_in_sentence(self.lang, self.wanted))

    def html(self, tag: str = "span", note: bool = True) -> Markup:
        """The text in an element with its language and direction, and the note if foreign."""
        body = Markup(f'<{tag} lang="{escape(self.lang)}" dir="{self.dir}" class="content">{escape(self.text)}</{tag}>')
        if note and self.foreign and self.text:
            body += Markup(f' <small class="original-language">({escape(self.note())})</small>')
        return body

    def __str__(self) -> str:
        return self.text


class ContentIndex:
    """Every translation of one dialogue, loaded in one query; for pages and documents."""

    def __init__(self, rows: Iterable[ContentTranslation]):
        self.rows: dict[tuple[str, str, str, str], ContentTranslation] = {
            (r.object_type, r.object_uuid, r.field, r.language): r for r in rows
        }

    @classmethod
    def for_dialogue(cls, dialogue: Dialogue) -> ContentIndex:
        if dialogue.id is None:
            return cls([])
        return cls(db.session.scalars(
            db.select(ContentTranslation).where(ContentTranslation.dialogue_id == dialogue.id)
        ))

    @classmethod
    def for_dialogues(cls, dialogue_ids: Iterable[int], object_type: str | None = None) -> ContentIndex:
        """Translations of several dialogues in one query (of one kind of object if given),
        for the views across dialogues."""
        ids = list(dialogue_ids)
        if not ids:
            return cls([])
        query = db.select(ContentTranslation).where(ContentTranslation.dialogue_id.in_(ids))
        if object_type is not None:
            query = query.where(ContentTranslation.object_type == object_type)
        return cls(db.session.scalars(query))

    def get(self, obj, field_name: str, lang: str) -> ContentTranslation | None:
        return self.rows.get((obj.content_type, obj.uuid, field_name, lang))

    def localized(self, obj, field_name: str, lang: str) -> LocalText:
        original = getattr(obj, field_name) or ""
        source_lang = obj.content_language
        if lang != source_lang:
            row = self.get(obj, field_name, lang)
            if row is not None and row.text.strip() and not row.is_outdated(original):
                return LocalText(row.text, lang, False, row.status, lang)
        return LocalText(original, source_lang, True, "original", lang)


def localized(obj, field_name: str, lang: str, index: ContentIndex | None = None) -> LocalText:
    if index is None:
        dialogue = obj if isinstance(obj, Dialogue) else obj.dialogue
        index = ContentIndex.for_dialogue(dialogue)
    return index.localized(obj, field_name, lang)


# -- writing -------------------------------------------------------------------------
class ContentError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _dialogue_of(obj) -> Dialogue:
    return obj if isinstance(obj, Dialogue) else obj.dialogue


def save_translation(
    obj, field_name: str, lang: str, text: str, *, actor: User | None, origin: str = "form",
    expected_version: int | None = None,
) -> ContentTranslation | None:
    """Write (or, with an empty text, remove) the translation of one text into ``lang``.

    A changed translation goes back to draft; an unchanged one keeps its status.
    """
    dialogue = _dialogue_of(obj)
    if field_name not in getattr(obj, "translatable_fields", ()):
        raise ContentError("field", _("This text cannot be translated."))
    if lang == obj.content_language:
        raise ContentError("language", _("This text is written in that language already."))
    if lang not in target_languages(dialogue):
        raise ContentError("language", _("Translations go into the dialogue's working languages or into "
                                         "%(review)s, the language in which the programme reviews case studies.",
                                         review=language_in_sentence(current_app.config["REVIEW_LANGUAGE"])))
    text = clean(text or "").strip()
    if len(text) > TRANSLATION_MAX:
        raise ContentError("length", _("A translation can have at most %(max)d characters.", max=TRANSLATION_MAX))
    original = getattr(obj, field_name) or ""
    row = db.session.scalar(db.select(ContentTranslation).filter_by(
        object_type=obj.content_type, object_uuid=obj.uuid, field=field_name, language=lang))
    if expected_version is not None and row is not None and row.version != expected_version:
        raise ContentError("stale", _("Someone else saved this translation while you were editing it. "
                                      "Your text is not saved: look at theirs and try again."))
    if not text:
        if row is not None:
            db.session.delete(row)
            db.session.flush()
            audit.record("content.translation_removed", actor=actor, dialogue=dialogue,
                         object=obj.content_type, field=field_name, language=lang)
        return None
    source = text_hash(original)
    if row is not None and row.text == text and row.source_hash == source:
        return row
    if row is None:
        row = ContentTranslation(
            dialogue_id=dialogue.id, object_type=obj.content_type, object_uuid=obj.uuid,
            field=field_name, language=lang,
        )
        db.session.add(row)
    row.text = text
    row.source_hash = source
    row.source_text = original
    row.source_language = obj.content_language
    row.status = DRAFT
    row.reviewer_id = None
    row.reviewed_at = None
    row.translator_id = actor.id if actor is not None else None
    row.origin = origin
    db.session.flush()
    audit.record("content.translated", actor=actor, dialogue=dialogue,
                 object=obj.content_type, field=field_name, language=lang, origin=origin)
    return row


def can_review(translation: ContentTranslation, dialogue: Dialogue, user: User) -> bool:
    """A member other than the translator; the translator only in a one-member dialogue."""
    if not dialogue.can_edit(user):
        return False
    if translation.translator_id != user.id:
        return True
    return len(dialogue.memberships) == 1


def mark_reviewed(translation: ContentTranslation, obj, *, actor: User) -> None:
    dialogue = _dialogue_of(obj)
    if translation.is_outdated(getattr(obj, translation.field) or ""):
        raise ContentError("outdated", _("The original has changed since this translation was made. "
                                         "Update the translation before marking it reviewed."))
    if not can_review(translation, dialogue, actor):
        raise ContentError("reviewer", _("A translation is reviewed by a member other than its translator."))
    translation.status = REVIEWED
    translation.reviewer_id = actor.id
    translation.reviewed_at = utcnow()
    db.session.flush()
    audit.record("content.reviewed", actor=actor, dialogue=dialogue, object=translation.object_type,
                 field=translation.field, language=translation.language)


# -- the translation page's view of a dialogue ----------------------------------------
@dataclass
class TextState:
    ref: TextRef
    translation: ContentTranslation | None
    #: ``original`` (already in that language), ``missing``, ``draft``, ``reviewed`` or ``outdated``
    state: str


def states(dialogue: Dialogue, lang: str, index: ContentIndex | None = None) -> list[TextState]:
    index = index or ContentIndex.for_dialogue(dialogue)
    result = []
    for ref in texts_of(dialogue):
        if ref.language == lang:
            result.append(TextState(ref, None, "original"))
            continue
        row = index.get(ref.obj, ref.field, lang)
        if row is None:
            state = "missing"
        elif row.is_outdated(ref.original):
            state = "outdated"
        else:
            state = row.status
        result.append(TextState(ref, row, state))
    return result


@dataclass
class Progress:
    total: int = 0
    done: int = 0  # in that language: originals, drafts and reviewed translations
    reviewed: int = 0
    draft: int = 0
    outdated: int = 0
    missing: int = 0
    by_document: dict[str, Progress] = field(default_factory=dict)


def progress(dialogue: Dialogue, lang: str, text_states: list[TextState] | None = None) -> Progress:
    text_states = text_states if text_states is not None else states(dialogue, lang)
    overall = Progress()

    def count(p: Progress, s: TextState) -> None:
        p.total += 1
        if s.state in ("original", "draft", "reviewed"):
            p.done += 1
        if s.state in ("original", "reviewed"):
            p.reviewed += 1
        if s.state == "draft":
            p.draft += 1
        elif s.state == "outdated":
            p.outdated += 1
        elif s.state == "missing":
            p.missing += 1

    for s in text_states:
        count(overall, s)
        for kind in s.ref.source.documents:
            count(overall.by_document.setdefault(kind, Progress()), s)
    return overall


# -- files for translators: XLIFF and CSV ----------------------------------------------
@dataclass
class ImportReport:
    applied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: units whose original changed since the file was made: listed, not applied
    stale: list[str] = field(default_factory=list)
    #: units without a translation in the file
    empty: list[str] = field(default_factory=list)


class TranslationFileError(ValueError):
    """The file cannot be applied; ``errors`` lists (where, what). Nothing was written."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__("; ".join(f"{w}: {m}" for w, m in errors))
        self.errors = errors


def export_xliff(dialogue: Dialogue, lang: str) -> bytes:
    """The dialogue's texts not written in ``lang``, as XLIFF 1.1 with the current translations
    as targets. One ``<file>`` per original language (XLIFF has one source language per file)."""
    from translate.storage import xliff

    index = ContentIndex.for_dialogue(dialogue)
    store = xliff.xlifffile(sourcelanguage=dialogue.content_language, targetlanguage=lang)
    made = set()
    for state in states(dialogue, lang, index):
        if state.state == "original":
            continue
        ref = state.ref
        name = f"dialogue-{dialogue.uuid}-{ref.language}"
        if name not in made:
            store.document.getroot().append(store.createfilenode(name, sourcelanguage=ref.language, targetlanguage=lang))
            made.add(name)
        store.switchfile(name)
        unit = store.addsourceunit(ref.original, filename=name)
        unit.setid(ref.unit_id)
        unit.addnote(f"{ref.source.label}: {ref.source.fields[ref.field]}", origin="developer")
        if state.translation is not None:
            unit.settarget(state.translation.text, lang=lang)
            if state.state == "reviewed":
                unit.markapproved(True)
            elif state.state == "outdated":
                unit.markfuzzy(True)
    return bytes(store)


def _refs_by_unit(dialogue: Dialogue) -> dict[str, TextRef]:
    return {ref.unit_id: ref for ref in texts_of(dialogue)}


def _apply(dialogue: Dialogue, lang: str, pairs: list[tuple[str, str, str, str]], actor: User | None,
           origin: str) -> ImportReport:
    """``pairs``: (where, unit id, source as in the file, target). Checks everything, then writes."""
    if lang not in target_languages(dialogue):
        raise TranslationFileError([(_("the file"), _("The file is translated into %(language)s, which is not "
                                                   "a language of this dialogue.",
                                                   language=language_in_sentence(lang)))])
    refs = _refs_by_unit(dialogue)
    # the same rule as typed text (dialogue.text), before the length is counted
    pairs = [(where, unit_id, source, clean(target or "")) for where, unit_id, source, target in pairs]
    errors = []
    for where, unit_id, _source, target in pairs:
        if unit_id not in refs:
            errors.append((where, _("Unknown text %(id)s: the file belongs to another dialogue or the text was deleted.",
                                    id=unit_id)))
        elif len(target or "") > TRANSLATION_MAX:
            errors.append((where, _("A translation can have at most %(max)d characters.", max=TRANSLATION_MAX)))
        elif refs[unit_id].language == lang:
            errors.append((where, _("This text is written in that language already.")))
    if errors:
        raise TranslationFileError(errors)
    report = ImportReport()
    for where, unit_id, source, target in pairs:
        ref = refs[unit_id]
        target = (target or "").strip()
        if not target:
            report.empty.append(unit_id)
            continue
        if text_hash(source) != text_hash(ref.original):
            report.stale.append(unit_id)
            continue
        before = db.session.scalar(db.select(ContentTranslation).filter_by(
            object_type=ref.source.content_type, object_uuid=ref.obj.uuid, field=ref.field, language=lang))
        unchanged = before is not None and before.text == target and before.source_hash == text_hash(ref.original)
        save_translation(ref.obj, ref.field, lang, target, actor=actor, origin=origin)
        (report.unchanged if unchanged else report.applied).append(unit_id)
    return report


def _normalise_space(text: str) -> str:
    """CAT tools may re-flow whitespace; compare sources the way a reader would."""
    return " ".join((text or "").split())


def import_xliff(dialogue: Dialogue, raw: bytes, *, actor: User | None) -> tuple[str, ImportReport]:
    """Apply an XLIFF file's targets. Returns (language, report). Raises TranslationFileError."""
    from translate.storage import xliff

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        if b"<!DOCTYPE" in raw[:4096].upper() or b"<!ENTITY" in raw.upper():
            raise ValueError("a translation file has no business declaring a DOCTYPE or entities")
        etree.fromstring(raw, parser)  # refuse entity tricks before translate-toolkit parses it
        store = xliff.xlifffile.parsestring(raw)
    except Exception:  # noqa: BLE001 - any parse failure is the same answer to the user
        raise TranslationFileError([(_("the file"), _("This is not a valid XLIFF file."))])
    lang = (store.gettargetlanguage() or "").strip()
    files = store.document.getroot().findall(".//{*}file")
    langs = {f.get("target-language") for f in files if f.get("target-language")}
    if len(langs) > 1:
        raise TranslationFileError([(_("the file"), _("The file mixes several target languages."))])
    if langs:
        lang = langs.pop()
    if not lang:
        raise TranslationFileError([(_("the file"), _("The file does not say which language it is translated into."))])
    pairs = []
    for position, unit in enumerate(store.unit_iter(), start=1):
        unit_id = unit.xmlelement.get("id") or ""
        source = _normalise_space(str(unit.source or ""))
        target = unit.target
        pairs.append((_("unit %(number)d", number=position), unit_id,
                      source, str(target) if target is not None else ""))
    refs = _refs_by_unit(dialogue)
    # compare sources with re-flowed whitespace forgiven
    pairs = [(w, u, refs[u].original if u in refs and _normalise_space(refs[u].original) == s else s, t)
             for (w, u, s, t) in pairs]
    return lang, _apply(dialogue, lang, pairs, actor, "xliff")


CSV_HEADER = ("id", "original", "translation")


def export_csv(dialogue: Dialogue, lang: str) -> bytes:
    """Three columns (id, original, translation), UTF-8 with a BOM so spreadsheets read it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for state in states(dialogue, lang):
        if state.state == "original":
            continue
        translation = state.translation.text if state.translation is not None else ""
        writer.writerow([state.ref.unit_id, csvfiles.safe(state.ref.original), csvfiles.safe(translation)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def import_csv(dialogue: Dialogue, raw: bytes, lang: str, *, actor: User | None) -> ImportReport:
    """Apply a CSV made by :func:`export_csv`, as spreadsheets save it (BOM, ; or ,)."""
    try:
        text = csvfiles.decode(raw)
    except csvfiles.NotText as exc:
        message = csvfiles.broken_utf8_message() if str(exc) == "utf-8" else _("The file is not readable text.")
        raise TranslationFileError([(_("the file"), message)]) from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error:
        raise TranslationFileError([(_("the file"), _("This file cannot be read as CSV: a cell is far too long, or a "
                                                      "quote is never closed."))]) from None
    if not rows or [c.strip().lower() for c in rows[0][:3]] != list(CSV_HEADER):
        raise TranslationFileError([(_("line %(number)d", number=1),
                                     # Translators: id, original and translation are column names; keep them in English.
                                     _("The first line must be the columns id, original, translation."))])
    pairs = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 3:
            raise TranslationFileError([(_("line %(number)d", number=number), _("This line has fewer than three columns."))])
        pairs.append((_("line %(number)d", number=number), row[0].strip(), csvfiles.unsafe(row[1]), csvfiles.unsafe(row[2])))
    return _apply(dialogue, lang, pairs, actor, "csv")


# -- the dialogue package --------------------------------------------------------------
def export_translations(dialogue: Dialogue) -> list[dict]:
    rows = db.session.scalars(
        db.select(ContentTranslation).where(ContentTranslation.dialogue_id == dialogue.id)
        .order_by(ContentTranslation.object_type, ContentTranslation.object_uuid,
                  ContentTranslation.field, ContentTranslation.language)
    )
    return [
        {
            "uuid": r.uuid, "object_type": r.object_type, "object_uuid": r.object_uuid, "field": r.field,
            "language": r.language, "text": r.text, "status": r.status, "source_hash": r.source_hash,
            "source_text": r.source_text, "source_language": r.source_language,
        }
        for r in rows
    ]


TRANSLATIONS_SCHEMA = {
    "type": "array",
    "description": "Translations of what people wrote, keyed by the record (object_type, object_uuid), "
                   "its field and the language. Who translated or reviewed is not exported.",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["uuid", "object_type", "object_uuid", "field", "language", "text", "status",
                     "source_hash", "source_text", "source_language"],
        "properties": {
            "uuid": {"$ref": "#/$defs/uuid"},
            "object_type": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"},
            "object_uuid": {"$ref": "#/$defs/uuid"},
            "field": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"},
            "language": {"$ref": "#/$defs/language"},
            "text": {"allOf": [{"$ref": "#/$defs/text"}, {"$ref": "#/$defs/not_blank"}], "maxLength": TRANSLATION_MAX},
            "status": {"enum": list(STATUSES)},
            "source_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "source_text": {"$ref": "#/$defs/text"},
            "source_language": {"$ref": "#/$defs/language"},
        },
    },
}


def _uuids_in(value, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        if isinstance(value.get("uuid"), str):
            found.add(value["uuid"])
        for item in value.values():
            _uuids_in(item, found)
    elif isinstance(value, list):
        for item in value:
            _uuids_in(item, found)
    return found


def check_translations(value: list[dict], package: dict) -> list[tuple[str, str]]:
    """Each translation names a record of this package, a field that can be translated, and
    is unique for its record, field and language."""
    known = _uuids_in({k: v for k, v in package.items() if k != "translations"}, set())
    fields = {source.content_type: set(source.fields) for source in text_sources()}
    seen = set()
    errors = []
    for index, row in enumerate(value):
        where = f"$.translations[{index}]"
        if row["object_type"] not in fields:
            errors.append((f"{where}.object_type", f"{row['object_type']!r} is not a kind of record with texts."))
        elif row["field"] not in fields[row["object_type"]]:
            errors.append((f"{where}.field", f"{row['field']!r} cannot be translated in a {row['object_type']}."))
        if row["object_uuid"] not in known:
            errors.append((f"{where}.object_uuid", f"{row['object_uuid']} is not a record of this package."))
        key = (row["object_type"], row["object_uuid"], row["field"], row["language"])
        if key in seen:
            errors.append((where, "This text has two translations into the same language."))
        seen.add(key)
    return errors


def import_translations(dialogue: Dialogue, value: list[dict], actor) -> list[str]:
    """Create or update each translation; translations the package does not carry stay."""
    existing = {(r.object_type, r.object_uuid, r.field, r.language): r
                for r in ContentIndex.for_dialogue(dialogue).rows.values()}
    added = updated = 0
    for item in value:
        key = (item["object_type"], item["object_uuid"], item["field"], item["language"])
        row = existing.get(key)
        values = {name: item[name] for name in ("text", "status", "source_hash", "source_text", "source_language")}
        if row is None:
            row = ContentTranslation(uuid=item["uuid"], dialogue_id=dialogue.id, object_type=key[0],
                                     object_uuid=key[1], field=key[2], language=key[3], origin="package", **values)
            db.session.add(row)
            added += 1
        elif any(getattr(row, name) != new for name, new in values.items()):
            for name, new in values.items():
                setattr(row, name, new)
            row.origin = "package"
            if row.status == DRAFT:
                row.reviewer_id = None
                row.reviewed_at = None
            updated += 1
    db.session.flush()
    changes = []
    if added:
        changes.append(f"{added} added")
    if updated:
        changes.append(f"{updated} updated")
    return changes


def translations_package_section():
    from .registry import PackageSection

    return PackageSection(
        name="translations",
        schema=TRANSLATIONS_SCHEMA,
        export=export_translations,
        import_=import_translations,
        check=check_translations,
    )
