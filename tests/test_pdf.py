"""The PDF pipeline: fonts, languages, metadata, the local-only fetcher, and the handout."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from dialogue import TRANSLATIONS_DIR, pdf
from dialogue.i18n import find_catalogs, force_locale

LANGUAGES = find_catalogs(TRANSLATIONS_DIR)
ARABIC = re.compile(r"[\u0600-\u06FF]")


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is missing (install poppler-utils)")
        pytest.skip(f"{tool} is missing (install poppler-utils)")
    return path


def pdftotext(data: bytes, tmp_path: Path, name: str = "doc.pdf") -> str:
    need("pdftotext")
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def page_count(data: bytes, tmp_path: Path) -> int:
    need("pdfinfo")
    path = tmp_path / "count.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\\s]+")
#: Arabic short vowels and other marks: pdftotext may give them in another order than typed
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")


def compact(text: str) -> str:
    """Text to compare with pdftotext's: without white space and the bidi marks it inserts
    around right-to-left runs, case folded (labels are printed in capitals)."""
    return ARABIC_MARKS.sub("", BIDI_CONTROLS.sub("", text)).casefold()


def inflated(data: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated, to search it."""
    import zlib

    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end():]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def render_overview(app, lang: str, dialogue=None) -> bytes:
    from dialogue.documents import render

    with app.test_request_context():
        data, _name = render("method-overview", lang, dialogue)
    return data


def expected(app, lang: str, message: str) -> str:
    from flask_babel import gettext

    with app.test_request_context(), force_locale(lang):
        return gettext(message)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_method_overview_in_every_language(app, tmp_path, lang):
    data = render_overview(app, lang)
    assert data.startswith(b"%PDF")
    assert 1 <= page_count(data, tmp_path) <= 2
    text = compact(pdftotext(data, tmp_path))
    for heading in ("Keeping people safe", "What it produces", "The method at a glance"):
        # labels are set in capitals by the print stylesheet
        assert compact(expected(app, lang, heading)) in text, (lang, heading)
    footer = expected(app, lang, "Page %(page)s of %(pages)s").replace("%(page)s", "1").replace("%(pages)s", "2")
    assert compact(footer) in text
    if lang == "ar" and expected(app, lang, "Keeping people safe") != "Keeping people safe":
        # once the Arabic catalog is translated, the handout is Arabic text, not English
        assert len(ARABIC.findall(text)) > 200


def test_arabic_document_is_right_to_left(app):
    with app.test_request_context():
        html = pdf.render_html("pdf/method_overview.html", lang="ar", title="x")
    assert '<html lang="ar" dir="rtl">' in html


def test_arabic_title_and_context_render_right_to_left_in_naskh(app, tmp_path):
    """Arabic glyphs print (shaped, in the bundled Naskh), whatever the state of the catalog.

    The context box also takes a bare object with .title, .country_name and .organisation.
    """
    from types import SimpleNamespace

    need("pdffonts")
    dialogue = SimpleNamespace(title="إدارة المياه في وادي الأردن", country_name="الأردن",
                               organisation="جمعية المياه", locality=None)
    with app.test_request_context():
        html = pdf.render_html("pdf/method_overview.html", lang="ar", title="نظرة على المنهج",
                               context={"dialogue": dialogue})
        data = pdf.render_pdf("pdf/method_overview.html", lang="ar", title="نظرة على المنهج",
                              context={"dialogue": dialogue})
    assert '<html lang="ar" dir="rtl">' in html
    assert 1 <= page_count(data, tmp_path) <= 2
    text = pdftotext(data, tmp_path)
    for words in ("المياه", "الأردن", "جمعية", "نظرة"):
        assert words in text, words
    path = tmp_path / "ar.pdf"
    path.write_bytes(data)
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Noto-?Naskh-?Arabic\S*\s.*\byes\s+yes\b", listing), listing
    assert b"/Lang (ar)" in inflated(data)


def test_same_inputs_same_bytes(app):
    with app.test_request_context():
        first = pdf.render_pdf("pdf/method_overview.html", lang="en", title="Overview", author="Org")
        second = pdf.render_pdf("pdf/method_overview.html", lang="en", title="Overview", author="Org")
    assert first == second


@pytest.mark.parametrize("translation, expected_css", [
    ("Page %(page)s of %(pages)s", '"Page " counter(page) " of " counter(pages)'),
    ("%(pages)s 中第 %(page)s 页", 'counter(pages) " 中第 " counter(page) " 页"'),
    ('صفحة %(page)s من %(pages)s', '"صفحة " counter(page) " من " counter(pages)'),
    ('p. %(page)s"; } body { display: none } </style><img src="file:///etc/passwd">',
     '"p. " counter(page) "\\"; } body { display: none } \\3c /style\\3e \\3c img src=\\"file:///etc/passwd\\"\\3e "'),
])
def test_footer_is_the_translation_with_css_counters(app, monkeypatch, translation, expected_css):
    """Placeholders in any order become counters; the rest stays a CSS string that cannot break out."""
    import flask_babel

    monkeypatch.setattr(flask_babel, "gettext", lambda message, **values: translation % values)
    with app.test_request_context():
        assert str(pdf.page_counter_css()) == expected_css


def test_hostile_footer_translation_prints_as_text(app, monkeypatch, tmp_path):
    import flask_babel

    real = flask_babel.gettext
    hostile = 'P %(page)s/%(pages)s </style><link rel="attachment" href="file:///etc/passwd">'

    def gettext(message, **values):
        return hostile % values if message.startswith("Page %(page)s") else real(message, **values)

    monkeypatch.setattr(flask_babel, "gettext", gettext)
    with app.test_request_context():
        data = pdf.render_pdf("pdf/method_overview.html", lang="en", title="x")
    text = " ".join(pdftotext(data, tmp_path).split())
    assert re.search(r'P 1/[12] </style><link rel="attachment"', text), text[-300:]
    assert b"/EmbeddedFile" not in inflated(data)


def test_metadata_title_language_and_author(app, tmp_path):
    need("pdfinfo")
    with app.test_request_context():
        data = pdf.render_pdf("pdf/method_overview.html", lang="fr", title="Méthode", author="Terra Viva")
    path = tmp_path / "meta.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Title:\s+Méthode$", info, re.M)
    assert re.search(r"^Author:\s+Terra Viva$", info, re.M)
    assert b"/Lang (fr)" in inflated(data)


def test_fonts_are_bundled_embedded_and_subset(app, tmp_path):
    need("pdffonts")
    path = tmp_path / "fonts.pdf"
    path.write_bytes(render_overview(app, "ar" if "ar" in LANGUAGES else "en"))
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = [line for line in listing.splitlines()[2:] if line.strip()]
    assert rows and all("Noto" in row for row in rows), listing
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_same_text_from_view_cli_and_function(app, client, runner, tmp_path):
    from_function = pdftotext(render_overview(app, "es"), tmp_path, "a.pdf")
    response = client.get("/documents/method-overview.pdf?lang=es")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    from_view = pdftotext(response.data, tmp_path, "b.pdf")
    out = tmp_path / "c.pdf"
    result = runner.invoke(args=["render", "method-overview", "--lang", "es", "-o", str(out)])
    assert result.exit_code == 0, result.output
    from_cli = pdftotext(out.read_bytes(), tmp_path, "c2.pdf")
    assert from_function == from_view == from_cli


def test_render_command_refuses_unknown_kind_and_language(runner, tmp_path):
    out = tmp_path / "x.pdf"
    result = runner.invoke(args=["render", "no-such-thing", "--lang", "en", "-o", str(out)])
    assert result.exit_code != 0 and "Unknown document" in result.output
    result = runner.invoke(args=["render", "method-overview", "--lang", "xx", "-o", str(out)])
    assert result.exit_code != 0 and "Unknown language" in result.output
    assert not out.exists()


def test_unknown_language_or_kind_is_404(client):
    assert client.get("/documents/method-overview.pdf?lang=xx").status_code == 404
    assert client.get("/documents/nothing.pdf?lang=en").status_code == 404


# -- the fetcher ------------------------------------------------------------------------------
@pytest.fixture
def listener():
    """A TCP listener on loopback that records every connection made to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    seen = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            seen.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join(2)
    server.close()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/",
    "https://example.org/x.png",
    "data:text/plain,hello",
    "ftp://example.org/x",
    "dialogue-static:/../../../../etc/passwd",
    "dialogue-static:/%2e%2e/%2e%2e/config.py",
    "dialogue-static://evil/css/print.css",
    "dialogue-static:/css/does-not-exist.css",
])
def test_fetcher_refuses_everything_but_our_static_files(app, url):
    with app.app_context():
        fetcher = pdf.make_fetcher()
        with pytest.raises(ValueError):
            fetcher.fetch(url)
        response = fetcher.fetch("dialogue-static:/css/print.css")
        assert b"@font-face" in response.read()


def test_hostile_markup_reaches_nothing(app, tmp_path, listener):
    """Markup that would fetch a file or an address, if it were ever rendered as HTML."""
    port, seen = listener
    hostile = (
        f'<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">'
        f'<img src="http://127.0.0.1:{port}/img"><a rel="attachment" href="http://127.0.0.1:{port}/a">x</a>'
        f'<div style="background: url(http://127.0.0.1:{port}/css)">y</div>'
        f'<style>@import url("http://127.0.0.1:{port}/import"); body {{ background: url(file:///etc/hostname) }}</style>'
    )
    template = tmp_path / "hostile.html"
    template.write_text('{% extends "pdf/base.html" %}{% block content %}' + hostile + "{% endblock %}")
    from jinja2 import ChoiceLoader, FileSystemLoader

    app.jinja_loader  # noqa: B018 - make sure the default loader exists
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, FileSystemLoader(str(tmp_path))])
    with app.test_request_context():
        data = pdf.render_pdf("hostile.html", lang="en", title="hostile")
    assert b"/EmbeddedFile" not in inflated(data)
    assert b"root:" not in inflated(data)
    assert seen == []


def test_user_text_prints_as_literal_text(app, tmp_path, make_user, make_dialogue, listener):
    """What people type is escaped: the markup is shown as text and fetches nothing."""
    from dialogue.extensions import db
    from dialogue.models import Dialogue

    port, seen = listener
    markup = f'<img src="http://127.0.0.1:{port}/t"> <link rel="attachment" href="file:///etc/passwd">'
    info = make_dialogue(title=markup[:190], organisation='<b onload="x">Org</b>')
    with app.app_context():
        dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == info.uuid))
        data = render_overview(app, "en", dialogue)
    text = " ".join(pdftotext(data, tmp_path).split())
    assert f'<img src="http://127.0.0.1:{port}/t">' in text
    assert '<b onload="x">Org</b>' in text
    assert b"/EmbeddedFile" not in inflated(data) and seen == []


def test_safe_filename():
    assert pdf.safe_filename("Água para a agricultura.pdf") == "Agua-para-a-agricultura.pdf"
    assert pdf.safe_filename('../../"evil"\r\n') == "evil.pdf"
    assert pdf.safe_filename("مرحبا") == "document.pdf"
