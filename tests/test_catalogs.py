"""The interface catalogs are complete, and no template text escapes translation.

* Every catalog (``translations/<lang>/LC_MESSAGES/messages.po``, English aside) holds every
  message of a POT extracted fresh from the code and templates (as ``dialogue translate
  extract`` does), so a catalog that lags behind the code fails; no entry is fuzzy or empty;
  each translation keeps the placeholders and HTML tags of its original.
* Every template's text is inside ``{% trans %}`` or ``_()``: a test strips Jinja and HTML
  and fails on any word left, and on literal ``aria-label``/``placeholder``/``title``/``alt``.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
TEMPLATES = ROOT / "templates"
REQUIRED_LANGUAGES = ("fr", "es", "pt", "ar")

pytestmark = pytest.mark.xdist_group("catalogs")


def catalog_languages() -> list[str]:
    found = {po.parent.parent.name for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")}
    return sorted((found | set(REQUIRED_LANGUAGES)) - {"en"})


@pytest.fixture(scope="module")
def fresh_pot(tmp_path_factory):
    """The messages of the code and templates as they are now (same call as `dialogue translate extract`)."""
    output = tmp_path_factory.mktemp("pot") / "messages.pot"
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(TRANSLATIONS / "babel.cfg"),
         "-k", "_l", "--no-location", "--sort-output", "--project", "Dialogue Toolkit", "-o", str(output),
         str(ROOT / "dialogue"), str(ROOT / "phases"), str(ROOT / "templates")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    with output.open("rb") as fh:
        catalog = read_po(fh)
    assert len(catalog) > 50, "the extraction found almost nothing: is babel.cfg right?"
    return catalog


def load_catalog(lang: str):
    path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        pytest.fail(f"no catalog for {lang}: run `dialogue translate init {lang}` and translate it")
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def _key(message):
    msgid = message.id
    return (message.context, msgid[0] if isinstance(msgid, tuple) else msgid)


PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{(\w*)\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0).replace(" ", "") for match in PLACEHOLDER.finditer(text.replace("%%", "")))


def tags(text: str) -> list[str]:
    return sorted(match.group(0).split()[0].rstrip(">").lower() for match in TAG.finditer(text))


def test_required_catalogs_exist():
    missing = [lang for lang in REQUIRED_LANGUAGES
               if not (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").exists()]
    assert not missing, f"catalogs missing: {missing}"


def test_committed_pot_is_current(fresh_pot):
    """translations/messages.pot is what `dialogue translate extract` writes now."""
    with (TRANSLATIONS / "messages.pot").open("rb") as fh:
        committed = read_po(fh)
    fresh_ids = {_key(m) for m in fresh_pot if m.id}
    committed_ids = {_key(m) for m in committed if m.id}
    assert fresh_ids - committed_ids == set(), "messages.pot lags: run `dialogue translate update`"


@pytest.mark.parametrize("lang", catalog_languages())
def test_catalog_has_every_message(fresh_pot, lang):
    catalog = load_catalog(lang)
    present = {_key(m) for m in catalog if m.id}
    missing = [m.id for m in fresh_pot if m.id and _key(m) not in present]
    assert not missing, f"{lang}: {len(missing)} messages missing (run `dialogue translate update`):\n" + \
        "\n".join(map(str, missing[:40]))


@pytest.mark.parametrize("lang", catalog_languages())
def test_catalog_has_no_fuzzy_or_empty_entries(lang):
    catalog = load_catalog(lang)
    problems = []
    if catalog.fuzzy:
        problems.append("the catalog header is marked fuzzy")
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if message.pluralizable and len(strings) < catalog.num_plurals:
            problems.append(f"{len(strings)} of {catalog.num_plurals} plural forms: {message.id!r}")
        if not strings or any(not (s or "").strip() for s in strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, f"{lang}:\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("lang", catalog_languages())
def test_translations_keep_placeholders_and_tags(lang):
    catalog = load_catalog(lang)
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        expected_placeholders = placeholders(ids[-1])
        expected_tags = tags(ids[0])
        seen_in_forms = set()
        for string in strings:
            if not string:
                continue
            got = placeholders(string)
            if message.pluralizable:
                # A plural form may leave out a named number ("دقيقة واحدة", "one day": Python
                # ignores unused named keys) but may not invent one, and together the forms use all.
                seen_in_forms |= set(got)
                if not set(got) <= set(expected_placeholders):
                    problems.append(f"placeholders {got} not in {expected_placeholders}: {ids[0]!r}")
            elif got != expected_placeholders:
                problems.append(f"placeholders {got} != {expected_placeholders}: {ids[0]!r}")
            if tags(string) != expected_tags:
                problems.append(f"HTML tags {tags(string)} != {expected_tags}: {ids[0]!r}")
        if message.pluralizable and seen_in_forms != set(expected_placeholders):
            problems.append(f"plural forms together use {sorted(seen_in_forms)}, not {expected_placeholders}: {ids[0]!r}")
    assert not problems, f"{lang}:\n" + "\n".join(problems[:60])


def test_catalogs_compile(tmp_path):
    from dialogue.i18n import compile_catalogs

    compiled = compile_catalogs(TRANSLATIONS, tmp_path)
    assert set(compiled) == {po.parent.parent.name for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")}


# -- template text not wrapped for translation -------------------------------------------------
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
TRANS_BLOCK = re.compile(r"\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}", re.S)
JINJA_TAG = re.compile(r"\{%.*?%\}", re.S)
JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
RAW_TEXT_ELEMENT = re.compile(r"<(style|script)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
DECLARATION = re.compile(r"<![^>]*>")
HTML_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
ATTRIBUTE = re.compile(r"([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+)")
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|\w+);")
#: two or more letters in a row: a word someone would have to translate
WORD = re.compile(r"[^\W\d_]{2,}")
#: attributes whose values people read or hear
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "aria-description", "aria-roledescription", "summary"}
#: CSS ``content: "..."`` prints text too (running headers, "page X of Y")
CSS_CONTENT_STRING = re.compile(r"content\s*:[^;}]*?([\"'])((?:(?!\1).)*[^\W\d_]{2,}(?:(?!\1).)*)\1", re.S)

JINJA_PLACEHOLDER = "\x00"


def untranslated_text(source: str) -> list[str]:
    """What a person would read in a template that did not pass through gettext."""
    problems = []
    text = JINJA_COMMENT.sub("", source)
    text = TRANS_BLOCK.sub(JINJA_PLACEHOLDER, text)
    text = JINJA_TAG.sub(JINJA_PLACEHOLDER, text)
    text = JINJA_EXPRESSION.sub(JINJA_PLACEHOLDER, text)
    text = HTML_COMMENT.sub("", text)
    text = DECLARATION.sub("", text)

    def check_css(css: str):
        for match in CSS_CONTENT_STRING.finditer(css):
            problems.append(f"CSS content: {match.group(2)!r}")

    def raw_text(match):
        if match.group(1).lower() == "style":
            check_css(match.group(2))
        elif match.group(2).strip(JINJA_PLACEHOLDER + " \n"):
            problems.append("inline <script>")
        return JINJA_PLACEHOLDER

    text = RAW_TEXT_ELEMENT.sub(raw_text, text)

    def tag(match):
        attributes = [(name.lower(), value.strip("\"'")) for name, value in ATTRIBUTE.findall(match.group(3))]
        is_button = match.group(2).lower() == "input" and dict(attributes).get("type", "").lower() in (
            "submit", "button", "reset")
        for name, value in attributes:
            if (name in READ_ATTRIBUTES or (is_button and name == "value")) and WORD.search(value):
                problems.append(f"{name}={value!r}")
            if name.lower() == "style":
                check_css(value)
        return " "

    text = HTML_TAG.sub(tag, text)
    text = ENTITY.sub(" ", text)
    for line in text.splitlines():
        if WORD.search(line):
            problems.append(" ".join(line.replace(JINJA_PLACEHOLDER, "…").split()))
    return problems


def template_files() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".txt", ".xml", ".svg", ".css", ".j2"))


@pytest.mark.parametrize("template", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_text_is_wrapped_for_translation(template):
    source = template.read_text(encoding="utf-8")
    if template.suffix == ".css":
        problems = [f"CSS content: {m.group(2)!r}" for m in CSS_CONTENT_STRING.finditer(JINJA_EXPRESSION.sub("", source))]
    else:
        problems = untranslated_text(source)
    assert not problems, f"{template.relative_to(ROOT)}: text not wrapped in _() or {{% trans %}}:\n" + \
        "\n".join(problems)


@pytest.mark.parametrize(("source", "expected"), [
    ('<p>{{ _("Hello") }}</p>', []),
    ("<p>{% trans %}Hello {{ name }}{% endtrans %}</p>", []),
    ("<p>Hello</p>", ["Hello"]),
    ('<p>{{ _("Hello") }} world</p>', ["… world"]),
    ('<nav aria-label="Main">{{ x }}</nav>', ["aria-label='Main'"]),
    ('<input placeholder="{{ _(\'Name\') }}">', []),
    ("<img alt=\"\" src=\"{{ url_for('static', filename='x.svg') }}\">", []),
    ("{# a comment in English #}<p>{{ a }} · {{ b }} — *:</p>", []),
    ("<!doctype html><html lang=\"{{ g.lang }}\"></html>", []),
    ("<style>@page { @top-center { content: \"Page \" counter(page) } }</style>", ["CSS content: 'Page '"]),
    ("<style>.a::before { content: \"\\201C\" }</style>", []),
    ("<p>&nbsp;&mdash;{{ x }}</p>", []),
    ("<p>x</p>", []),
    ('<input type="submit" value="Send">', ["value='Send'"]),
    ('<input type="text" name="q" value="{{ q }}">', []),
    ('<td>{{ u.name or "—" }}</td>', []),
    ("{% trans count=n %}{{ count }} day{% pluralize %}{{ count }} days{% endtrans %}", []),
])
def test_unwrapped_text_detector(source, expected):
    assert untranslated_text(source) == expected
