"""Languages of the interface: which exist, which one a request uses, and helpers.

The languages offered are the catalogs found on disk under ``translations/`` plus English,
the source language, so adding a language is a catalog, not a code change.
"""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, g, has_request_context, request, session
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

__all__ = [
    "_", "_l", "ngettext", "force_locale", "get_locale", "available_languages", "is_rtl",
    "language_name", "language_in_sentence", "select_locale", "current_language", "compile_catalogs", "find_catalogs",
]

SOURCE_LANGUAGE = "en"


def find_catalogs(translations_dir: Path) -> list[str]:
    """Language codes that have a ``messages.po`` on disk, English first, then by code."""
    codes = {SOURCE_LANGUAGE}
    if translations_dir.is_dir():
        for po in translations_dir.glob("*/LC_MESSAGES/messages.po"):
            code = po.parent.parent.name
            try:
                Locale.parse(code)
            except (ValueError, UnknownLocaleError):
                continue
            codes.add(code)
    return [SOURCE_LANGUAGE] + sorted(codes - {SOURCE_LANGUAGE})


def compile_catalogs(source_dir: Path, target_dir: Path) -> list[str]:
    """Compile every ``.po`` under ``source_dir`` into ``target_dir`` where the ``.mo`` is stale.

    Writes each file atomically, so several processes starting at once do not trip over
    each other. Returns the codes that were compiled.
    """
    compiled = []
    for po_path in sorted(source_dir.glob("*/LC_MESSAGES/messages.po")):
        code = po_path.parent.parent.name
        mo_path = target_dir / code / "LC_MESSAGES" / "messages.mo"
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=code)
        fd, tmp = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        os.replace(tmp, mo_path)
        compiled.append(code)
    return compiled


def available_languages() -> list[str]:
    """The interface languages of the running app."""
    return list(current_app.config["LANGUAGES"])


@lru_cache(maxsize=64)
def is_rtl(code: str) -> bool:
    try:
        return Locale.parse(code).character_order == "right-to-left"
    except (ValueError, UnknownLocaleError):
        return False


@lru_cache(maxsize=512)
def _display_name(code: str, in_locale: str) -> str:
    """CLDR's name of a language; where a locale has none (Aymara in Arabic), the English name."""
    name = None
    for where in (in_locale, SOURCE_LANGUAGE):
        try:
            name = Locale.parse(where).languages.get(code)
        except (ValueError, UnknownLocaleError):
            name = None
        if name:
            break
    if not name:
        import pycountry

        found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
        name = found.name if found else code
    return name


def language_name(code: str, in_locale: str | None = None) -> str:
    """The name of a language, in ``in_locale`` (default: the language itself), capitalised
    for menus and lists standing alone."""
    name = _display_name(code, in_locale or code)
    return name[:1].upper() + name[1:]


def language_in_sentence(code: str, in_locale: str | None = None) -> str:
    """The name of a language as it is written inside a sentence ("anglais", "inglés", "English")."""
    return _display_name(code, in_locale or current_language())


def select_locale() -> str:
    """Flask-Babel's locale selector: the user's choice, else the session's, else the browser's."""
    languages = available_languages()
    if has_request_context():
        forced = g.get("force_lang")
        if forced in languages:
            return forced
        if current_user and current_user.is_authenticated and current_user.locale in languages:
            return current_user.locale
        chosen = session.get("lang")
        if chosen in languages:
            return chosen
        best = request.accept_languages.best_match(languages)
        if best:
            return best
    return current_app.config.get("BABEL_DEFAULT_LOCALE", SOURCE_LANGUAGE)


def current_language() -> str:
    locale = get_locale()
    return str(locale.language if locale else SOURCE_LANGUAGE)


# -- countries and working languages ------------------------------------------------
@lru_cache(maxsize=1)
def _country_codes() -> tuple[str, ...]:
    import pycountry

    return tuple(sorted(c.alpha_2 for c in pycountry.countries))


def is_country(code: str) -> bool:
    return (code or "").upper() in _country_codes()


@lru_cache(maxsize=2048)
def _country_name(code: str, locale: str) -> str:
    try:
        name = Locale.parse(locale).territories.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    if not name:
        import pycountry

        country = pycountry.countries.get(alpha_2=code)
        name = country.name if country else code
    return name


def country_name(code: str, locale: str | None = None) -> str:
    """A country's name from its ISO 3166 alpha-2 code, in the given or current language."""
    return _country_name((code or "").upper(), locale or current_language())


@lru_cache(maxsize=16)
def _country_choices(locale: str) -> tuple[tuple[str, str], ...]:
    from babel.core import Locale as _Locale

    collator_key = str.casefold
    try:
        _Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        locale = SOURCE_LANGUAGE
    items = [(code, _country_name(code, locale)) for code in _country_codes()]
    return tuple(sorted(items, key=lambda item: _strip_accents(collator_key(item[1]))))


def _strip_accents(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def country_choices(locale: str | None = None) -> list[tuple[str, str]]:
    """(code, localised name) for every country, sorted by name in that language."""
    return list(_country_choices(locale or current_language()))


#: languages a dialogue may work in: the interface languages and the main languages of
#: the countries the programme works in (ISO 639-1 where one exists, else 639-3)
WORKING_LANGUAGES = (
    "en", "fr", "es", "pt", "ar", "sw", "am", "ha", "ig", "yo", "lg", "rw", "so", "om", "ti",
    "wo", "ff", "ln", "kea", "qu", "gn", "ay", "ht", "zu", "xh", "af", "mg", "ny", "sn", "tn",
)


def working_language_choices(locale: str | None = None) -> list[tuple[str, str]]:
    locale = locale or current_language()
    codes = list(dict.fromkeys(list(WORKING_LANGUAGES) + available_languages()))
    return sorted(((c, language_name(c, locale)) for c in codes), key=lambda item: _strip_accents(item[1].casefold()))


def list_text(items) -> str:
    """"A, B and C" in the current language (Babel's list patterns)."""
    from babel.lists import format_list

    items = [str(i) for i in items]
    return format_list(items, locale=current_language()) if items else ""


def _date_and_time(value, tzinfo, date_skeleton: str = "yMMMd") -> str:
    """A date and time in ``tzinfo``, in the current language's pattern, with a date that is
    not ambiguous anywhere (no 11/12/26)."""
    from babel.dates import format_skeleton

    locale = Locale.parse(current_language())
    date = format_skeleton(date_skeleton, value, tzinfo=tzinfo, locale=locale)
    time = format_skeleton("Hm", value, tzinfo=tzinfo, locale=locale)
    return str(locale.datetime_formats["medium"]).replace("{1}", date).replace("{0}", time)


def when(value) -> str:
    """A date and time, localised, in the user's time zone."""
    from flask_babel import get_timezone

    if value is None:
        return ""
    return _date_and_time(value, get_timezone())


def when_local(value) -> str:
    """A date and time in its own time zone (a meeting's), worded for the current language."""
    if value is None:
        return ""
    return _date_and_time(value, value.tzinfo, "yMMMEd")  # with the weekday: people plan by it


def time_local(value) -> str:
    """The time of day in its own time zone, e.g. 09:30."""
    from babel.dates import format_skeleton

    if value is None:
        return ""
    return format_skeleton("Hm", value, tzinfo=value.tzinfo, locale=current_language())
