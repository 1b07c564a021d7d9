"""Adding a language is a catalog, not a code change."""
from __future__ import annotations

import shutil

from babel.messages.pofile import read_po, write_po

from dialogue import TRANSLATIONS_DIR
from support import AuthActions


def test_a_new_catalog_is_offered_and_rendered(make_app, make_user, tmp_path):
    catalogs = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, catalogs, ignore=shutil.ignore_patterns("*.mo"))
    # `dialogue translate init de`, then a throwaway "translation" of every message
    app = make_app(TRANSLATIONS_DIR=str(catalogs))
    result = app.test_cli_runner().invoke(args=["translate", "init", "de"])
    assert result.exit_code == 0, result.output
    po_path = catalogs / "de" / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale="de")
    for message in catalog:
        if message.id:
            message.string = tuple(message.id) if message.pluralizable else "⟦" + message.id + "⟧"
    with po_path.open("wb") as fh:
        write_po(fh, catalog)
    result = app.test_cli_runner().invoke(args=["translate", "compile"])
    assert result.exit_code == 0 and "de" in result.output

    app = make_app(TRANSLATIONS_DIR=str(catalogs))
    assert "de" in app.config["LANGUAGES"]
    client = app.test_client()
    page = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="de" dir="ltr">' in page
    assert '<option selected value="de">Deutsch</option>' in page or 'value="de" selected' in page
    assert "⟦Log in⟧" in page

    user = make_user()
    AuthActions(client).login(user)
    assert client.post("/language", data={"lang": "de", "next": "/"}).status_code == 302
    assert "⟦Dialogues⟧" in client.get("/").get_data(as_text=True)

    out = tmp_path / "de.pdf"
    result = app.test_cli_runner().invoke(args=["render", "method-overview", "--lang", "de", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_languages_come_from_the_catalogs_on_disk(app):
    on_disk = sorted(p.parent.parent.name for p in TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"))
    assert app.config["LANGUAGES"] == ["en", *on_disk]
