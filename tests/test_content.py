"""What people write, in every language of the dialogue: translations, review, outdated
marking, XLIFF and CSV for translators, and the translation page."""
from __future__ import annotations

import io

import pytest
from lxml import etree

from dialogue import content
from dialogue.extensions import db
from dialogue.models import Dialogue, User
from support import AuthActions


def _load(app, info):
    return db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == info.uuid))


def _user(info):
    return db.session.get(User, info.id)


@pytest.fixture
def cv(app, make_user, make_dialogue):
    """A Portuguese dialogue with English as review language, a lead and a facilitator."""
    lead = make_user(name="Carla Lead")
    facilitator = make_user(name="Nuno Facilitator")
    info = make_dialogue(
        lead=lead, facilitators=[facilitator], title="Água para a agricultura", country="CV",
        languages=["pt", "kea"], content_language="pt",
        challenge="Os furos estão a secar e a salinizar.",
    )
    return info, lead, facilitator


def test_translation_is_a_draft_until_another_member_reviews_it(app, cv):
    info, lead, facilitator = cv
    with app.app_context():
        dialogue = _load(app, info)
        row = content.save_translation(dialogue, "title", "en", "Water for farming", actor=_user(lead))
        assert row.status == content.DRAFT
        with pytest.raises(content.ContentError) as refused:
            content.mark_reviewed(row, dialogue, actor=_user(lead))
        assert refused.value.code == "reviewer"
        content.mark_reviewed(row, dialogue, actor=_user(facilitator))
        assert row.status == content.REVIEWED and not row.self_reviewed
        db.session.commit()
        actions = [e.action for e in db.session.scalars(db.select(content.audit.AuditEntry))]
        assert "content.translated" in actions and "content.reviewed" in actions


def test_single_member_dialogue_may_review_its_own_and_says_so(app, make_user, make_dialogue):
    lead = make_user()
    info = make_dialogue(lead=lead, content_language="en", languages=["en", "sw"])
    with app.app_context():
        dialogue = _load(app, info)
        row = content.save_translation(dialogue, "title", "sw", "Maji kwa bonde", actor=_user(lead))
        content.mark_reviewed(row, dialogue, actor=_user(lead))
        assert row.self_reviewed


def test_editing_the_original_marks_translations_outdated(app, cv):
    info, lead, facilitator = cv
    with app.app_context():
        dialogue = _load(app, info)
        content.save_translation(dialogue, "challenge", "en", "The boreholes are drying up.", actor=_user(lead))
        db.session.commit()
        assert content.localized(dialogue, "challenge", "en").text == "The boreholes are drying up."
        dialogue.challenge = "Os furos estão a secar. A câmara quer um plano."
        db.session.commit()
        [state] = [s for s in content.states(dialogue, "en") if s.ref.field == "challenge"]
        assert state.state == "outdated"
        # the translation keeps its text and the original it was made from
        assert state.translation.text == "The boreholes are drying up."
        assert state.translation.source_text == "Os furos estão a secar e a salinizar."
        # a document prints the original, marked with its language
        shown = content.localized(dialogue, "challenge", "en")
        assert shown.is_original and shown.lang == "pt"
        with app.test_request_context():
            assert shown.note() == "original in Portuguese"
            html = str(shown.html())
        assert 'lang="pt"' in html and 'dir="ltr"' in html and "original in Portuguese" in html
        # an outdated translation cannot be marked reviewed before it is updated
        with pytest.raises(content.ContentError):
            content.mark_reviewed(state.translation, dialogue, actor=_user(facilitator))


def test_translation_languages_are_the_dialogues_and_the_review_language(app, cv):
    info, lead, _ = cv
    with app.app_context():
        dialogue = _load(app, info)
        assert content.target_languages(dialogue) == ["pt", "kea", "en"]
        for lang in ("pt", "fr"):
            with pytest.raises(content.ContentError):
                content.save_translation(dialogue, "title", lang, "x", actor=_user(lead))
        assert db.session.scalar(db.select(db.func.count(content.ContentTranslation.id))) == 0


def test_progress_counts_per_language_and_document(app, cv):
    info, lead, facilitator = cv
    with app.app_context():
        dialogue = _load(app, info)
        row = content.save_translation(dialogue, "title", "en", "Water for farming", actor=_user(lead))
        content.mark_reviewed(row, dialogue, actor=_user(facilitator))
        summary = content.progress(dialogue, "en")
        assert (summary.total, summary.done, summary.reviewed, summary.missing) == (2, 1, 1, 1)
        assert summary.by_document["method-overview"].total == 2


def _fill_like_a_cat_tool(raw: bytes, translations: dict[str, str]) -> bytes:
    """Fill targets the way OmegaT or Trados leave a file: re-indented, notes, states."""
    root = etree.fromstring(raw)
    ns = {"x": root.nsmap[None]}
    for unit in root.iterfind(".//x:trans-unit", ns):
        unit_id = unit.get("id")
        field_name = unit_id.rsplit("/", 1)[1]
        if field_name not in translations:
            continue
        source = unit.find("x:source", ns)
        source.text = "\n          " + source.text.replace(" ", "  ", 1) + "\n        "
        target = unit.find("x:target", ns)
        if target is None:
            target = etree.SubElement(unit, f"{{{ns['x']}}}target")
        target.text = translations[field_name]
        target.set("state", "translated")
        note = etree.SubElement(unit, f"{{{ns['x']}}}note")
        note.text = "Checked against the glossary."
        note.set("from", "translator")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def test_xliff_round_trip_in_a_cat_tools_style(app, cv):
    info, lead, _ = cv
    with app.app_context():
        dialogue = _load(app, info)
        raw = content.export_xliff(dialogue, "en")
        assert b'source-language="pt"' in raw and b'target-language="en"' in raw
        filled = _fill_like_a_cat_tool(raw, {"title": "Water for farming", "challenge": "Boreholes are drying up."})
        lang, report = content.import_xliff(dialogue, filled, actor=_user(lead))
        db.session.commit()
        assert lang == "en" and len(report.applied) == 2 and not report.stale
        assert content.localized(dialogue, "title", "en").text == "Water for farming"
        # importing the same file again changes nothing
        _, again = content.import_xliff(dialogue, filled, actor=_user(lead))
        assert len(again.unchanged) == 2 and not again.applied


def test_xliff_unit_whose_original_changed_is_listed_not_applied(app, cv):
    info, lead, _ = cv
    with app.app_context():
        dialogue = _load(app, info)
        raw = content.export_xliff(dialogue, "en")
        dialogue.title = "Água e agricultura no vale"
        db.session.commit()
        filled = _fill_like_a_cat_tool(raw, {"title": "Water for farming", "challenge": "Boreholes are drying up."})
        _, report = content.import_xliff(dialogue, filled, actor=_user(lead))
        assert report.stale == [f"dialogue/{info.uuid}/title"]
        assert report.applied == [f"dialogue/{info.uuid}/challenge"]
        assert content.localized(dialogue, "title", "en").is_original


@pytest.mark.parametrize("raw", [
    b"not xml at all",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff>&e;</xliff>',
])
def test_invalid_xliff_changes_nothing(app, cv, raw):
    info, lead, _ = cv
    with app.app_context():
        dialogue = _load(app, info)
        with pytest.raises(content.TranslationFileError):
            content.import_xliff(dialogue, raw, actor=_user(lead))
        assert db.session.scalar(db.select(db.func.count(content.ContentTranslation.id))) == 0


def test_xliff_from_another_dialogue_is_refused_whole(app, cv, make_dialogue):
    info, lead, _ = cv
    other = make_dialogue(lead=lead, content_language="pt", languages=["pt"], title="Outro")
    with app.app_context():
        raw = content.export_xliff(_load(app, other), "en")
        mixed = raw.replace(b"</body>", (
            b'<trans-unit id="dialogue/' + info.uuid.encode() + b'/title"><source>\xc3\x81gua para a agricultura</source>'
            b"<target>Water</target></trans-unit></body>"), 1)
        mixed = _fill_like_a_cat_tool(mixed, {"title": "Other"})
        with pytest.raises(content.TranslationFileError) as refused:
            content.import_xliff(_load(app, info), mixed, actor=_user(lead))
        assert "Unknown text" in str(refused.value)
        assert db.session.scalar(db.select(db.func.count(content.ContentTranslation.id))) == 0


def test_csv_with_semicolons_and_bom(app, cv):
    info, lead, _ = cv
    with app.app_context():
        dialogue = _load(app, info)
        exported = content.export_csv(dialogue, "en").decode("utf-8-sig")
        assert exported.splitlines()[0] == "id,original,translation"
        raw = ("\ufeffid;original;translation\r\n"
               f"dialogue/{info.uuid}/title;Água para a agricultura;Water for farming\r\n"
               f"dialogue/{info.uuid}/challenge;Os furos estão a secar e a salinizar.;\"=Boreholes; drying\"\r\n"
               ).encode("utf-8")
        report = content.import_csv(dialogue, raw, "en", actor=_user(lead))
        db.session.commit()
        assert len(report.applied) == 2
        assert content.localized(dialogue, "challenge", "en").text == "=Boreholes; drying"
        # a formula is neutralised on the way out to a spreadsheet
        assert "'=Boreholes; drying" in content.export_csv(dialogue, "en").decode("utf-8-sig")


def test_csv_in_windows_1252_with_a_bad_line_changes_nothing(app, cv):
    info, lead, _ = cv
    with app.app_context():
        dialogue = _load(app, info)
        raw = ("id;original;translation\r\n"
               f"dialogue/{info.uuid}/title;Água para a agricultura;Water for farming\r\n"
               "dialogue/00000000-0000-0000-0000-000000000000/title;x;y\r\n").encode("cp1252")
        with pytest.raises(content.TranslationFileError) as refused:
            content.import_csv(dialogue, raw, "en", actor=_user(lead))
        assert refused.value.errors[0][0] == "line 3"
        assert db.session.scalar(db.select(db.func.count(content.ContentTranslation.id))) == 0


# -- the translation page -------------------------------------------------------------
def test_translation_page_save_and_review(app, client, cv):
    info, lead, facilitator = cv
    AuthActions(client).login(lead)
    page = client.get(f"/d/{info.uuid}/translations?lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Água para a agricultura" in text and "Original in Portuguese" in text
    response = client.post(f"/d/{info.uuid}/translations/save", data={
        "unit": f"dialogue/{info.uuid}/title", "lang": "en", "text": "Water for farming", "version": ""})
    assert response.status_code == 302
    AuthActions(client).logout()
    AuthActions(client).login(facilitator)
    page = client.get(f"/d/{info.uuid}/translations?lang=en&show=draft").get_data(as_text=True)
    assert "Water for farming" in page and "Mark reviewed" in page
    client.post(f"/d/{info.uuid}/translations/review", data={"unit": f"dialogue/{info.uuid}/title", "lang": "en"})
    with app.app_context():
        row = db.session.scalar(db.select(content.ContentTranslation))
        assert row.status == "reviewed" and row.reviewer_id == facilitator.id


def test_translation_page_upload_xliff_and_bad_file(app, client, cv):
    info, lead, _ = cv
    AuthActions(client).login(lead)
    raw = client.get(f"/d/{info.uuid}/translations/export.xlf?lang=en").data
    bad = client.post(f"/d/{info.uuid}/translations/import", data={
        "file": (io.BytesIO(b"<xliff"), "broken.xlf"), "lang": "en"}, content_type="multipart/form-data")
    assert bad.status_code == 422 and "not a valid XLIFF" in bad.get_data(as_text=True)
    filled = _fill_like_a_cat_tool(raw, {"title": "Water for farming"})
    good = client.post(f"/d/{info.uuid}/translations/import", data={
        "file": (io.BytesIO(filled), "done.xlf"), "lang": "en"}, content_type="multipart/form-data")
    assert good.status_code == 302
    with app.app_context():
        assert content.localized(_load(app, info), "title", "en").text == "Water for farming"


def test_cli_content_export_and_import(app, runner, cv, tmp_path):
    info, _, _ = cv
    target = tmp_path / "cv-en.xlf"
    result = runner.invoke(args=["content", "export", "--dialogue", info.uuid, "--lang", "en", "-o", str(target)])
    assert result.exit_code == 0, result.output
    target.write_bytes(_fill_like_a_cat_tool(target.read_bytes(), {"title": "Water for farming"}))
    result = runner.invoke(args=["content", "import", str(target)])
    assert result.exit_code == 0, result.output
    assert "1 applied" in result.output
    with app.app_context():
        assert content.localized(_load(app, info), "title", "en").text == "Water for farming"
    result = runner.invoke(args=["content", "export", "--dialogue", info.uuid, "--lang", "fr", "-o", str(target)])
    assert result.exit_code != 0 and "not a language of this dialogue" in result.output


# -- the dialogue package carries the translations --------------------------------------
def test_package_carries_translations_and_refuses_dangling_ones(app, cv):
    from dialogue import package

    info, lead, facilitator = cv
    with app.app_context():
        dialogue = _load(app, info)
        row = content.save_translation(dialogue, "title", "en", "Water for farming", actor=_user(lead))
        content.mark_reviewed(row, dialogue, actor=_user(facilitator))
        db.session.commit()
        data = package.export_dialogue(dialogue)
        [exported] = data["translations"]
        assert exported["status"] == "reviewed" and exported["source_language"] == "pt"
        assert exported["source_hash"] == content.text_hash("Água para a agricultura")
        assert "translator" not in exported and "reviewer_id" not in exported

        broken = package.loads(package.dumps(data).encode())
        broken["translations"][0]["object_uuid"] = "00000000-0000-4000-8000-000000000000"
        broken["translations"].append(dict(data["translations"][0], uuid="11111111-1111-4111-8111-111111111111",
                                           field="organisation"))
        paths = [path for path, _message in package.validate(broken)]
        assert "$.translations[0].object_uuid" in paths and "$.translations[1].field" in paths
        with pytest.raises(package.PackageError):
            package.import_package(broken)

        # an update through a package changes the text and keeps the row
        data["translations"][0]["text"] = "Water for agriculture"
        package.import_package(package.loads(package.dumps(data).encode()))
        db.session.commit()
        assert content.localized(dialogue, "title", "en").text == "Water for agriculture"
        assert db.session.scalar(db.select(db.func.count(content.ContentTranslation.id))) == 1


def test_arabic_content_keeps_its_direction_in_an_english_document(app, make_user, make_dialogue, tmp_path):
    """Content in another script is printed in its own language and direction, marked with it."""
    import shutil
    import subprocess

    from dialogue import pdf

    lead = make_user()
    info = make_dialogue(lead=lead, title="المياه للزراعة في الوادي", content_language="ar", languages=["ar", "en"])
    with app.app_context():
        dialogue = _load(app, info)
        with app.test_request_context():
            html = pdf.render_html("pdf/method_overview.html", lang="en", title="The method at a glance",
                                   context={"dialogue": dialogue, "country_name": "Kenya",
                                            "dialogue_title": content.localized(dialogue, "title", "en")})
            data = pdf.render_pdf("pdf/method_overview.html", lang="en", title="The method at a glance",
                                  context={"dialogue": dialogue, "country_name": "Kenya",
                                           "dialogue_title": content.localized(dialogue, "title", "en")})
    assert '<html lang="en" dir="ltr">' in html
    assert '<span lang="ar" dir="rtl" class="content">المياه للزراعة في الوادي</span>' in html
    assert "original in Arabic" in html
    if shutil.which("pdftotext"):
        path = tmp_path / "mixed.pdf"
        path.write_bytes(data)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "original in Arabic" in text
        import re

        # pdftotext wraps a run laid out right to left in U+202B ... U+202C
        assert re.search("\u202b[^\u202c]*المياه للزراعة في الوادي\u202c", text)


def test_xliff_with_a_doctype_is_refused(app, cv):
    info, lead, _ = cv
    with app.app_context():
        dialogue = _load(app, info)
        raw = content.export_xliff(dialogue, "en").replace(
            b'<?xml version="1.0" encoding="UTF-8"?>',
            b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>')
        with pytest.raises(content.TranslationFileError):
            content.import_xliff(dialogue, raw, actor=_user(lead))
