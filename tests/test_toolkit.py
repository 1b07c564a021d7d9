"""The toolkit: the general edition anyone may download, a dialogue's own edition, the chapters
and annexes the phases give it, "Lessons from the field" from approved case studies, its
languages, the cache and the command line."""
from __future__ import annotations

import re

import pytest

from dialogue.casestudy import services as casestudy
from dialogue.extensions import db
from dialogue.models import Dialogue
from phases.followup import services as followup
from test_case_study import people_and_records, write
from test_pdf import ARABIC, LANGUAGES, compact, expected, page_count, pdftotext

CHAPTERS = ("About this toolkit", "Before you start: the call and the selection", "Checklist", "Common pitfalls",
            "Staying safe", "Contents")
ANNEXES = ("Stakeholder mapping worksheet", "Sign-in sheet", "Evaluation form", "Commitment form", "Follow-up tracker")


def load(info) -> Dialogue:
    return db.session.get(Dialogue, info.id)


def render(app, lang, info=None, **options) -> bytes:
    from dialogue.documents import render as render_document

    with app.test_request_context():
        data, _name = render_document("toolkit", lang, load(info) if info else None, **options)
    return data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_general_edition_in_every_language(app, tmp_path, lang):
    data = render(app, lang)
    text = pdftotext(data, tmp_path)
    flat = compact(text)
    for heading in CHAPTERS + ANNEXES:
        assert compact(expected(app, lang, heading)) in flat, (lang, heading)
    for title in ("Stakeholder mapping", "The dialogue", "Commitments and follow-up"):
        phase = expected(app, lang, title)
        assert compact(phase) in flat, (lang, title)
    # the contents give page numbers: a leader of dots and a number on each line
    assert len(re.findall(r"\.{5,}\s*\d+|\d+\s*\.{5,}", text)) >= 10
    assert page_count(data, tmp_path) >= 20
    if lang == "ar" and expected(app, lang, "Staying safe") != "Staying safe":
        assert len(ARABIC.findall(text)) > 2000


def test_the_general_edition_is_public_and_on_the_welcome_page(client):
    assert "/documents/toolkit.pdf" in client.get("/").get_data(as_text=True)
    response = client.get("/documents/toolkit.pdf?lang=pt")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert 'filename="toolkit-pt.pdf"' in response.headers["Content-Disposition"]


def test_the_arabic_toolkit_is_right_to_left(app):
    from dialogue.pdf import render_html
    from dialogue.toolkit import context_for

    with app.test_request_context():
        html = render_html("pdf/toolkit.html", lang="ar", title="x", context=context_for(None, "ar"))
    assert '<html lang="ar" dir="rtl">' in html


def test_a_dialogue_edition_has_its_own_map_agenda_and_sign_in_sheets(app, world, tmp_path):
    numbers = people_and_records(app, world.dialogue)
    text = pdftotext(render(app, "en", world.dialogue), tmp_path)
    flat = compact(text)
    for piece in ("Your dialogue", "Secret valley dialogue", "Herders and farmers share one river.",
                  "Stakeholder map", "The river dialogue", "Sign-in sheet", "Participants' agenda",
                  "Why we are here", "Grace Wanjiru", f"Participant {numbers['at_risk']} (civil society)",
                  "Kambi"):
        assert compact(piece) in flat, piece
    # a person at risk never by name, contact details never
    for secret in ("Halima", "Land Rights Defenders", "grace@county.example", "halima@defenders.example"):
        assert compact(secret) not in flat, secret
    # name cards are for members only: not in an edition that coordinators may download
    from dialogue.toolkit import annexes

    with app.test_request_context():
        keys = [part.key for part in annexes(load(world.dialogue), "en")]
        assert "name-cards" in [part.key for part in annexes(None, "en")]
    assert keys and not any(key.startswith("name-cards") for key in keys)
    assert compact("General edition") not in flat


@pytest.mark.parametrize("who, status", [("coordinator", 200), ("facilitator", 200), ("outsider", 404)])
def test_who_downloads_a_dialogue_edition(client, auth, world, stub_documents, who, status):
    auth.login(getattr(world, who))
    assert client.get(f"/d/{world.dialogue.uuid}/documents/toolkit.pdf?lang=en").status_code == status


def test_lessons_from_the_field_come_from_approved_case_studies_only(app, world, make_dialogue, tmp_path):
    people_and_records(app, world.dialogue)
    write(app, world.dialogue)
    other = make_dialogue(country="EC", title="Mangroves", organisation="Fundación Manglar")
    with app.app_context():
        followup.save_lesson(load(other), None, phase="mapping", version=0,
                             worked="Mapeamos con los pescadores, no para ellos.")
        db.session.commit()
    lessons = expected(app, "en", "Lessons from the field")
    before = compact(pdftotext(render(app, "en"), tmp_path, "before.pdf"))
    assert compact(lessons) not in before
    with app.app_context():
        casestudy.case_study_of(load(world.dialogue)).status = "approved"
        db.session.commit()
    text = pdftotext(render(app, "en"), tmp_path, "after.pdf")
    flat = compact(text)
    assert compact(lessons) in flat
    assert compact("Meeting at dawn before the heat") in flat and compact("Kenya · What worked") in flat
    # the not-approved dialogue's lesson stays out; no person or organisation is named
    assert compact("Mapeamos con los pescadores") not in flat
    for name in ("Pamoja Forum", "Grace Wanjiru", "Secret valley dialogue"):
        assert compact(name) not in flat, name


def test_the_toolkit_renders_once_until_something_in_it_changes(app, world, monkeypatch):
    from dialogue import pdf

    calls = []
    real = pdf.write_pdf
    monkeypatch.setattr(pdf, "write_pdf", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = render(app, "fr", world.dialogue)
    assert render(app, "fr", world.dialogue) == first and len(calls) == 1
    with app.app_context():
        dialogue = load(world.dialogue)
        dialogue.challenge = "A new wording of the challenge."
        db.session.commit()
    render(app, "fr", world.dialogue)
    assert len(calls) == 2


def test_the_toolkit_from_the_command_line(app, runner, world, tmp_path):
    out = tmp_path / "toolkit.pdf"
    result = runner.invoke(args=["render", "toolkit", "--lang", "es", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert compact(expected(app, "es", "Staying safe")) in compact(pdftotext(out.read_bytes(), tmp_path))
    result = runner.invoke(args=["render", "toolkit", "--lang", "en", "--dialogue", world.dialogue.uuid,
                                 "--option", "archive=1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert b"pdfaid" in __import__("test_pdf").inflated(out.read_bytes())
    assert compact("Secret valley dialogue") in compact(pdftotext(out.read_bytes(), tmp_path))


def test_every_phase_gives_a_chapter_and_annexes(app):
    from dialogue.registry import get_registry

    with app.app_context():
        for phase in get_registry().phases:
            assert phase.toolkit_chapter and phase.toolkit_annexes and phase.report, phase.key
