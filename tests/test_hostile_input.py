"""Hostile input in every form and every import: refused or neutralised, never a 500.

One rule cleans what people type and import (``dialogue/text.py``): control characters (C0
but tab/CR/LF in text areas, DEL, C1, NUL), bidi embeddings, overrides and isolates go; LRM,
RLM and ALM stay; NFC. Every form derives from ``dialogue.forms.Form``, whose ``Meta`` puts the
rule in front of every string field's filters; the stakeholder CSV, the translations (XLIFF,
CSV, form) and the dialogue package apply it too.

* every POST route of the URL map gets hostile text in every text field of its form (found by
  GET-ing the page that holds it), as the lead, the coordinator and an anonymous visitor: it
  answers below 500, nothing stored holds a forbidden character, and the page escapes markup;
  then over-long text in every field: a message next to each field, and nothing saved;
* property tests of the rule;
* CSV imports with formulas, invalid UTF-8, NUL and a file over the upload limit; exports
  neutralise formulas (the existing export tests cover plain formulas; here: formulas hidden
  behind a bidi override or a control character);
* a PDF made from hostile typed text shows it as literal text.
"""
from __future__ import annotations

import io
import json
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import JSON, String, Text

from dialogue import text as text_rule
from dialogue.extensions import db
from dialogue.models import Dialogue

from support import (
    PASSWORD, AuthActions, build_url, collect_rules, field_error, submit_world_case_study, world_meeting,
    world_stakeholder,
)

#: what the rule drops: C0 but tab, LF, CR; DEL; C1; bidi embeddings, overrides, isolates; BOM
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
#: the same in a single-line value, which has no tab or line break either
FORBIDDEN_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")

#: markup that must come out as text, as a name that cannot occur in the app's own pages
TAG = "<xss-probe onmouseover=alert(1)>"
#: every kind of character the rule drops, with what it keeps (Arabic, an RLM, an accent)
NASTY = "\x00\x01\x07\x1b\x7f\x85\x9f\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\ufeff"
HOSTILE = f"{TAG}\"'&{NASTY}=SUM(A1)\r\n\t\u200fعربي é"
HOSTILE_EMAIL = "probe\u202e\x01\x9f@example.org"
HOSTILE_URL = "https://example.org/\u202e\x07" + TAG
TOO_LONG = "x" * 100_001


# -- the rule itself, as properties -------------------------------------------------------------
any_text = st.text(st.characters(), max_size=200)
mixed = st.lists(st.sampled_from([
    "a", "é", "e\u0301", "ع", "حوار", "\u200e", "\u200f", "\u061c", "\u200d", "\n", "\r\n", "\t", " ", "<b>", "=",
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
    "\u2067", "\u2068", "\u2069", "\ufeff", "\u2028", "\u2029", "\ud800", "\u0958", "\ufb2c", "😀",
]), max_size=40).map("".join)
texts = st.one_of(any_text, mixed)


@given(texts, st.booleans())
def test_cleaning_is_idempotent(value, multiline):
    once = text_rule.clean(value, multiline=multiline)
    assert text_rule.clean(once, multiline=multiline) == once


@given(texts)
def test_cleaning_never_leaves_a_forbidden_character(value):
    assert not FORBIDDEN.search(text_rule.clean(value))
    assert not FORBIDDEN_IN_A_LINE.search(text_rule.clean_line(value))
    assert not re.search("[\ud800-\udfff\u2028\u2029]", text_rule.clean(value))
    assert not re.search("[\n\r\t\u2028\u2029]", text_rule.clean_line(value))
    text_rule.clean(value).encode("utf-8")  # storable: no unpaired surrogate


@given(texts, st.booleans())
def test_cleaning_never_lengthens(value, multiline):
    assert len(text_rule.clean(value, multiline=multiline)) <= len(value)


@given(st.lists(st.sampled_from(["Água", "río", "حوار المياه", "\u200fع\u200e", "ع\u061c1", "\n", "\r\n", "\t",
                                 "Kiswahili", "ß", "zwj\u200dx"]), max_size=20).map("".join))
def test_cleaning_keeps_letters_marks_and_line_breaks(value):
    value = unicodedata.normalize("NFC", value)
    assert text_rule.clean(value) == value
    assert text_rule.clean_line(value) == re.sub("[\t\r\n]", " ", value)


@given(texts)
def test_cleaning_keeps_every_letter_and_digit(value):
    kept = [ch for ch in unicodedata.normalize("NFC", value) if ch.isalnum() and not FORBIDDEN.match(ch)]
    cleaned = text_rule.clean(value)
    if len(unicodedata.normalize("NFC", value)) <= len(value):
        for ch in set(kept):
            assert ch in cleaned


def test_the_rule_by_example():
    assert text_rule.clean("a\x00b\x07c\u202edcba\u202c\u2066x\u2069") == "abcdcbax"
    assert text_rule.clean("line one\r\nline two\tend\u2028next") == "line one\r\nline two\tend\nnext"
    assert text_rule.clean_line("line one\r\nline two\tend") == "line one  line two end"
    assert text_rule.clean("\u200fعربي\u200e \u061c1") == "\u200fعربي\u200e \u061c1"
    assert text_rule.clean("e\u0301") == "é"  # NFC
    assert text_rule.clean("\u0958") == "\u0958"  # NFC would lengthen it: kept as written
    assert text_rule.clean(None) is None and text_rule.clean(3) == 3
    assert text_rule.clean_tree({"a": ["x\x00", {"b": "\u202e"}], "n": 1}) == {"a": ["x", {"b": ""}], "n": 1}


def test_every_text_field_of_every_form_has_a_maximum_length():
    """A string or text-area field without a ``Length`` would take whatever a client sends."""
    import importlib
    import inspect

    from wtforms import Form as PlainForm
    from wtforms import HiddenField, PasswordField, StringField
    from wtforms.fields.core import UnboundField
    from wtforms.validators import Length

    from dialogue.forms import Form, SubForm

    modules = ["dialogue.forms", "dialogue.calls.forms", "dialogue.casestudy.forms", "dialogue.review.forms",
               "phases.convening.forms", "phases.mapping.forms", "phases.followup.forms", "dialogue.content_views",
               "dialogue.package_views", "dialogue.review.portfolio_views", "dialogue.lifecycle"]
    missing, plain = [], []
    for name in modules:
        module = importlib.import_module(name)
        for form in vars(module).values():
            if not (inspect.isclass(form) and issubclass(form, PlainForm) and form.__module__ == name):
                continue
            if form not in (Form, SubForm) and not issubclass(form, (Form, SubForm)):
                plain.append(f"{name}.{form.__name__}")
            for attr in dir(form):
                unbound = getattr(form, attr, None)
                if not isinstance(unbound, UnboundField) or not issubclass(unbound.field_class, StringField):
                    continue
                if issubclass(unbound.field_class, HiddenField):
                    continue
                validators = unbound.kwargs.get("validators") or []
                if not any(isinstance(v, Length) and v.max and v.max > 0 for v in validators):
                    missing.append(f"{name}.{form.__name__}.{attr}")
                if issubclass(unbound.field_class, PasswordField):
                    continue
    assert plain == [], "forms that do not derive from dialogue.forms.Form (their text is not cleaned)"
    assert missing == []


# -- every form of the URL map ------------------------------------------------------------------
class Forms(HTMLParser):
    """The page's POST forms: action and controls (name, kind, value, checked/selected)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.select: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                            "controls": []}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            self.current["controls"].append({"name": a["name"], "kind": (a.get("type") or "text").lower(),
                                             "value": a.get("value") or "", "checked": "checked" in a,
                                             "id": a.get("id")})
        elif tag == "button" and a.get("name"):
            self.current["controls"].append({"name": a["name"], "kind": "submit", "value": a.get("value") or "",
                                             "checked": False, "id": a.get("id")})
        elif tag == "textarea" and a.get("name"):
            self.textarea = {"name": a["name"], "kind": "textarea", "value": "", "checked": False, "id": a.get("id")}
            self.current["controls"].append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = {"name": a["name"], "kind": "select", "value": None, "first": None, "checked": False,
                           "id": a.get("id"), "multiple": "multiple" in a}
            self.current["controls"].append(self.select)
        elif tag == "option" and self.select is not None:
            value = a.get("value") or ""
            if self.select["first"] is None and value:
                self.select["first"] = value
            if "selected" in a:
                self.select["value"] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data


TEXT_KINDS = {"text", "search", "email", "url", "tel", "textarea"}


def _forms_of(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return [f for f in parser.forms if f["method"] == "post"]


def _candidate_pages(url: str) -> list[str]:
    """Where a POST route's form may be: its own URL, then each shorter path, then the pages of
    a meeting (its record page holds the outcome form)."""
    path = urlsplit(url).path
    parts = path.rstrip("/").split("/")
    candidates = [path]
    for end in range(len(parts) - 1, 0, -1):
        prefix = "/".join(parts[:end])
        candidates += [prefix, prefix + "/"]
        for leaf in ("record", "edit", "agenda", "attendance", "review", "settings"):
            candidates.append(f"{prefix}/{leaf}")
    return list(dict.fromkeys(c for c in candidates if c))


def _find_form(client, url: str) -> list[dict] | None:
    target = urlsplit(url).path
    for page in _candidate_pages(url):
        response = client.get(page)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for form in _forms_of(response.get_data(as_text=True)):
            action = urlsplit(form["action"]).path or page
            if action == target:
                return form["controls"]
    return None


def _fill(controls: list[dict], text_value) -> tuple[dict, list[str]]:
    """The form's data with ``text_value(kind)`` in every text control; the ids filled."""
    data: dict = {}
    filled = []
    submitted = False
    for c in controls:
        kind, name = c["kind"], c["name"]
        if kind in TEXT_KINDS:
            data[name] = text_value(kind)
            if c.get("id"):
                filled.append(c["id"])
        elif kind == "password":
            data[name] = PASSWORD
        elif kind == "file":
            data[name] = (io.BytesIO(HOSTILE_CSV), "hostile.csv")
        elif kind in ("checkbox", "radio"):
            if c["checked"] or (kind == "radio" and name not in data):
                data.setdefault(name, c["value"] or "y") if kind == "radio" else data.setdefault(name, []).append(
                    c["value"] or "y")
        elif kind == "select":
            value = c["value"] if c["value"] is not None else (c["first"] or "")
            data[name] = value
        elif kind == "submit":
            if not submitted:
                data[name] = c["value"]
                submitted = True
        elif kind == "number":
            data[name] = c["value"] or "3"
        elif kind == "date":
            data[name] = c["value"] or "2030-05-12"
        elif kind == "time":
            data[name] = c["value"] or "10:00"
        else:  # hidden and the rest: as the page gave them
            data[name] = c["value"]
    return data, filled


def _hostile(kind: str) -> str:
    return {"email": HOSTILE_EMAIL, "url": HOSTILE_URL}.get(kind, HOSTILE)


HOSTILE_CSV = ("Organisation;Sector;Stake;Notes\r\n"
               f"\u202e=HYPERLINK(\"http://evil.example\");government;{TAG}\x07;\"a\x1b\r\nb\"\r\n").encode("utf-8")


def _stored_texts(app) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text stored, JSON values' strings included."""
    found = []

    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(key)
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    with app.app_context():
        for table in db.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, Text, JSON))]
            if not columns:
                continue
            for row in db.session.execute(db.select(*columns)):
                for column, value in zip(columns, row):
                    if isinstance(value, str) and isinstance(column.type, JSON):
                        try:
                            value = json.loads(value)
                        except ValueError:
                            pass
                    for text in walk(value):
                        found.append((table.name, column.name, text))
    return found


def _snapshot(app) -> dict:
    with app.app_context():
        return {table.name: sorted(map(repr, db.session.execute(db.select(table)).all()))
                for table in db.metadata.sorted_tables}


def _assert_page_safe(response, where: str) -> None:
    if response.mimetype != "text/html":
        return
    html = response.get_data(as_text=True)
    assert "<xss-probe" not in html, f"{where}: markup typed by a user reached the page unescaped"
    bad = FORBIDDEN.search(html)
    assert bad is None, f"{where}: the page holds {bad.group()!r}"


def _clients(world):
    clients = {}
    for role in ("lead", "coordinator"):
        client = world.app.test_client()
        user = getattr(world, role)
        assert AuthActions(client).login(user).status_code == 302
        client.post("/reauth", data={"password": PASSWORD})  # for the routes that ask again
        clients[role] = client
    clients["anonymous"] = world.app.test_client()
    return clients


POST_RULES = [(rule, endpoint, arguments) for rule, endpoint, method, arguments in collect_rules()
              if method == "POST"]


@pytest.mark.parametrize("rule,endpoint,arguments", POST_RULES, ids=[f"{e} {r}" for r, e, _a in POST_RULES])
def test_hostile_text_in_every_form(world, stub_documents, rule, endpoint, arguments):
    """As the lead, the coordinator and an anonymous visitor, each route's form gets first text
    far over any field's limit (a message next to each field, not one row changed), then
    hostile text (below 500, stored clean, shown escaped)."""
    app = world.app
    world_stakeholder(world)
    world_meeting(world)
    url = build_url(world, endpoint, arguments)
    for role, client in _clients(world).items():
        controls = _find_form(client, url)
        if controls is None:  # no access for this role, or a form this walk cannot reach (see below)
            data = {name: HOSTILE for name in ("title", "text", "name", "organisation", "challenge", "note", "notes",
                                               "reason", "comment", "q", "email", "code")}
        else:
            if any(c["kind"] in TEXT_KINDS for c in controls):
                _over_long(app, client, url, role, controls)
            data, _filled = _fill(controls, _hostile)
        response = client.post(url, data=data)
        assert response.status_code < 500, f"{role} POST {url}: {response.status_code}"
        _assert_page_safe(response, f"{role} POST {url}")
        location = response.headers.get("Location", "")
        if 300 <= response.status_code < 400 and location and not urlsplit(location).netloc:
            _assert_page_safe(client.get(location), f"{role} after POST {url}, GET {location}")
    dirty = [(t, c, v[:80]) for t, c, v in _stored_texts(app) if FORBIDDEN.search(v)]
    assert dirty == [], "stored text with control or bidi-override characters"


def _over_long(app, client, url: str, role: str, controls: list[dict]) -> None:
    data, filled = _fill(controls, lambda kind: TOO_LONG if kind != "email" else "a@" + "x" * 100_000 + ".org")
    before = _snapshot(app)
    response = client.post(url, data=data)
    assert response.status_code < 500, f"{role} POST {url}: {response.status_code}"
    assert _snapshot(app) == before, f"{role} POST {url} with over-long text changed the database"
    if response.mimetype == "text/html" and response.status_code in (400, 422):
        html = response.get_data(as_text=True)
        # the honeypot is hidden from people: robots that fill it get no help
        # (``support.field_error`` would parse the page, which echoes 100 000 characters, once a field)
        unexplained = [f for f in filled if f'id="{f}-error"' not in html and f != "website"]
        assert unexplained == [], f"{role} POST {url}: no message next to {unexplained}"


# -- what is typed is stored clean and shown as text -----------------------------------------------
def test_typed_text_is_stored_clean(app, client, auth, world):
    auth.login(world.lead)
    response = client.post(f"/d/{world.dialogue.uuid}/edit", data={
        "title": f"Budget {NASTY}\u202egpj.exe\r\n{TAG}", "country": "KE", "locality": "Isiolo\t\x85",
        "languages": ["en", "ar"], "content_language": "en", "organisation": "Pamoja\u2067 Forum",
        "challenge": f"Line one\r\n\u200fعربي\u200e\x00 line two\t{TAG}", "version": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        dialogue = db.session.get(Dialogue, world.dialogue.id)
        assert dialogue.title == f"Budget gpj.exe  {TAG}"
        assert dialogue.locality == "Isiolo"
        assert dialogue.organisation == "Pamoja Forum"
        assert dialogue.challenge == f"Line one\r\n\u200fعربي\u200e line two\t{TAG}"
    page = client.get(f"/d/{world.dialogue.uuid}/", follow_redirects=True).get_data(as_text=True)
    assert "Budget gpj.exe  &lt;xss-probe onmouseover=alert(1)&gt;" in page


def test_a_tampered_version_is_refused_as_stale(app, client, auth, world):
    auth.login(world.lead)
    response = client.post(f"/d/{world.dialogue.uuid}/edit", data={
        "title": "New", "country": "KE", "languages": ["en"], "content_language": "en", "organisation": "P",
        "challenge": "C", "version": "1' OR 1=1"})
    assert response.status_code == 422
    assert "Someone else saved this" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Dialogue, world.dialogue.id).title == world.dialogue.title


def test_meeting_notes_are_cleaned_and_limited(app, client, auth, world):
    meeting_uuid, item_uuid, _outcome = world_meeting(world)
    auth.login(world.lead)
    url = f"/d/{world.dialogue.uuid}/meetings/{meeting_uuid}/record"
    page = client.get(url)
    assert page.status_code == 200
    controls = _find_form(client, url)
    data, _ = _fill(controls, lambda kind: "fine")
    data[f"notes-{item_uuid}"] = "x" * 8001
    response = client.post(url, data=data)
    assert response.status_code == 422
    assert "8000" in (field_error(response.get_data(as_text=True), f"notes-{item_uuid}") or "")
    from phases.convening.models import AgendaItem

    with app.app_context():
        assert db.session.scalar(db.select(AgendaItem).filter_by(uuid=item_uuid)).notes in ("", None)
    data[f"notes-{item_uuid}"] = f"Agreed\x07 {NASTY}\r\nnext{TAG}"
    response = client.post(url, data=data)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(AgendaItem).filter_by(uuid=item_uuid)).notes == f"Agreed \r\nnext{TAG}"


# -- CSV imports and exports ---------------------------------------------------------------------
def _stakeholders(app, world):
    from phases.mapping.models import Stakeholder

    with app.app_context():
        return [(s.organisation, s.stake, s.notes) for s in db.session.scalars(
            db.select(Stakeholder).where(Stakeholder.dialogue_id == world.dialogue.id).order_by(Stakeholder.id))]


def _upload_register(client, world, raw: bytes):
    return client.post(f"/d/{world.dialogue.uuid}/mapping/stakeholders/import",
                       data={"file": (io.BytesIO(raw), "register.csv")}, content_type="multipart/form-data")


def test_stakeholder_csv_with_formulas_and_controls_imports_clean_text(app, client, auth, world):
    auth.login(world.lead)
    response = _upload_register(client, world, HOSTILE_CSV)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<xss-probe" not in html and not FORBIDDEN.search(html)
    parser = Forms()
    parser.feed(html)
    form = next(f for f in parser.forms if f["method"] == "post" and "confirm" in f["action"])
    data, _ = _fill(form["controls"], lambda kind: "")
    data.pop("recheck", None)
    response = client.post(form["action"], data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    rows = _stakeholders(app, world)
    assert ('=HYPERLINK("http://evil.example")', TAG, "a\r\nb") in rows
    # and out again: the formula is text in the spreadsheet, the controls are gone
    exported = client.get(f"/d/{world.dialogue.uuid}/mapping/stakeholders.csv")
    if exported.status_code == 302:  # asks for the password again
        client.post("/reauth", data={"password": PASSWORD})
        exported = client.get(f"/d/{world.dialogue.uuid}/mapping/stakeholders.csv")
    body = exported.get_data().decode("utf-8-sig")
    assert "'=HYPERLINK(\"\"http://evil.example\"\")" in body
    assert not FORBIDDEN.search(body)


@pytest.mark.parametrize("raw,words", [
    ("Organisation,Sector\nÉcole,government\n".encode() + b"\xff\xfe broken", "not valid UTF-8"),
    (b"\xef\xbb\xbfOrganisation,Sector\nEcole\xc3,government\n", "not valid UTF-8"),
    (b"Organisation,Sector\n" + b"a,government\n" * 400 + b"NUL\x00,government\n", "not readable text"),
    (b"\x81\x8d\x8f", "not readable text"),
], ids=["broken UTF-8", "broken UTF-8 after a BOM", "NUL late in the file", "undefined Windows-1252 bytes"])
def test_unreadable_stakeholder_csv_is_refused_and_changes_nothing(app, client, auth, world, raw, words):
    auth.login(world.lead)
    before = _snapshot(app)
    response = _upload_register(client, world, raw)
    assert response.status_code == 422
    assert words in response.get_data(as_text=True)
    assert _snapshot(app) == before


def test_windows_1252_csv_is_still_read(app, client, auth, world):
    auth.login(world.lead)
    response = _upload_register(client, world, "Organisation;Sector\r\nÉcole rurale;government\r\n".encode("cp1252"))
    assert response.status_code == 200
    assert "École rurale" in response.get_data(as_text=True)


@pytest.mark.app_config(MAX_CONTENT_LENGTH=64 * 1024)
def test_files_over_the_upload_limit_are_refused_everywhere(app, client, auth, world):
    auth.login(world.lead)
    client.post("/reauth", data={"password": PASSWORD})
    huge = b"Organisation,Sector\n" + b"a,government\n" * 10_000
    before = _snapshot(app)
    for url, extra in ((f"/d/{world.dialogue.uuid}/mapping/stakeholders/import", {}),
                       (f"/d/{world.dialogue.uuid}/translations/import", {"lang": "sw"}),
                       ("/packages/import", {})):
        response = client.post(url, data={"file": (io.BytesIO(huge), "big.csv"), **extra},
                               content_type="multipart/form-data")
        assert response.status_code == 413, url
        assert "larger than this toolkit accepts" in response.get_data(as_text=True)
    assert _snapshot(app) == before


def test_translations_csv_broken_or_hostile(app, client, auth, world):
    from dialogue import content
    from dialogue.models import User

    auth.login(world.lead)
    url = f"/d/{world.dialogue.uuid}/translations/import"
    before = _snapshot(app)
    for raw in (b"id,original,translation\nx,\xc3\xa9t\xc3\xa9,\xff\n", b"id,original,translation\n\x00"):
        response = client.post(url, data={"file": (io.BytesIO(raw), "t.csv"), "lang": "sw"},
                               content_type="multipart/form-data")
        assert response.status_code < 500
        assert "not valid UTF-8" in response.get_data(as_text=True) or "not readable text" in \
            response.get_data(as_text=True)
    assert _snapshot(app) == before
    with app.app_context():
        dialogue = db.session.get(Dialogue, world.dialogue.id)
        unit = next(ref.unit_id for ref in content.texts_of(dialogue) if ref.field == "title")
        raw = ("id,original,translation\r\n"
               f"{unit},{dialogue.title},\"\u202e=1+1{NASTY[1:]} Maji\r\nsafi\"\r\n").encode("utf-8")
        report = content.import_csv(dialogue, raw, "sw", actor=db.session.get(User, world.lead.id))
        db.session.commit()
        assert report.applied == [unit]
        row = content.ContentIndex.for_dialogue(dialogue).get(dialogue, "title", "sw")
        assert row.text == "=1+1 Maji\r\nsafi"
        assert content.export_csv(dialogue, "sw").decode("utf-8-sig").count("'=1+1 Maji") == 1


def test_package_text_is_cleaned_on_import_and_nul_refused(app, runner, make_dialogue, tmp_path):
    from dialogue import package

    info = make_dialogue()
    with app.app_context():
        data = package.export_dialogue(db.session.get(Dialogue, info.id))
    data["dialogue"]["title"] = f"Water {NASTY[1:]}\u202eevil"
    data["dialogue"]["challenge"] = f"Line\r\none\t{TAG}\x07"
    path = tmp_path / "p.json"
    path.write_text(package.dumps(data), encoding="utf-8")
    result = runner.invoke(args=["import", "--prefer", "theirs", str(path)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        dialogue = db.session.get(Dialogue, info.id)
        assert dialogue.title == "Water evil"
        assert dialogue.challenge == f"Line\r\none\t{TAG}"
    data["dialogue"]["title"] = "NUL\x00"
    path.write_text(package.dumps(data), encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code != 0 and "$.dialogue.title" in result.stderr
    path.write_bytes(package.dumps(data).encode("utf-8").replace(b"NUL", b"\xc3NUL"))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code != 0 and "not valid UTF-8" in result.stderr


# -- a PDF made of hostile text ------------------------------------------------------------------------
def test_pdf_of_hostile_typed_text_shows_it_literally(app, client, auth, world, tmp_path):
    from dialogue.documents import render
    from test_pdf import pdftotext

    auth.login(world.lead)
    response = client.post(f"/d/{world.dialogue.uuid}/mapping/stakeholders/new", data={
        "organisation": f"Budget\x07 \u202egpj.exe\u202c {NASTY}<b>bold</b>", "sector": "government",
        "level": "local", "influence": "3", "interest": "3", "stance": "unknown",
        "stake": f"\u200fمياه\u200e\x1b[31m red\r\n{TAG}", "consent_named": "y", "invitation": ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context(), app.test_request_context():
        data, _ = render("stakeholder-map", "en", db.session.get(Dialogue, world.dialogue.id))
    text = " ".join(pdftotext(data, tmp_path).split())
    assert "Budget gpj.exe <b>bold</b>" in text
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", text)


# -- the forms behind a token or a state the URL-map walk cannot reach ----------------------------------
def _evaluation_url(world) -> str:
    from dialogue.models import User
    from phases.convening import services as convening
    from phases.convening.models import Meeting

    meeting_uuid = world_meeting(world)[0]
    with world.app.app_context():
        meeting = db.session.scalar(db.select(Meeting).filter_by(uuid=meeting_uuid))
        token = convening.open_evaluation_link(meeting, db.session.get(User, world.lead.id))
        db.session.commit()
    return f"/evaluate/{token}"


def _owner_url(world) -> str:
    from dialogue.models import User
    from phases.followup import services as followup
    from phases.followup.models import Commitment

    from support import world_commitment

    commitment_uuid = world_commitment(world)
    with world.app.app_context():
        commitment = db.session.scalar(db.select(Commitment).filter_by(uuid=commitment_uuid))
        token = followup.issue_link(commitment.owners[0], db.session.get(User, world.lead.id))
        db.session.commit()
    return f"/r/{token}"


REACHED_BY_STATE = {
    "participants' evaluation": ("anonymous", _evaluation_url, None),
    "commitment owner's update": ("anonymous", _owner_url, None),
    "coordinator's comment": ("coordinator", submit_world_case_study, "/comments"),
    "coordinator's decision": ("coordinator", submit_world_case_study, "/decision"),
}


@pytest.mark.parametrize("name", list(REACHED_BY_STATE))
def test_hostile_text_in_forms_behind_a_token_or_a_state(world, stub_documents, name):
    role, make_page, action_end = REACHED_BY_STATE[name]
    client = _clients(world)[role]
    page = make_page(world)
    response = client.get(page)
    assert response.status_code == 200, page
    forms = [f for f in _forms_of(response.get_data(as_text=True))
             if any(c["kind"] in TEXT_KINDS for c in f["controls"])
             and (action_end is None or urlsplit(f["action"]).path.endswith(action_end))]
    assert forms, f"no form with text on {page}"
    form = forms[0]
    data, _ = _fill(form["controls"], _hostile)
    data.pop("website", None)  # the honeypot stays empty, as people leave it
    data.pop("request_changes", None)
    url = urlsplit(form["action"]).path or page
    response = client.post(url, data=data)
    assert response.status_code < 500
    _assert_page_safe(response, f"POST {url}")
    stored = _stored_texts(world.app)
    assert any("<xss-probe" in value for _t, _c, value in stored), "the hostile text was not saved at all"
    dirty = [(t, c, v[:80]) for t, c, v in stored if FORBIDDEN.search(v)]
    assert dirty == []
