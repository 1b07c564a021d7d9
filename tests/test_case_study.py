"""The case study: the narrative form, the preview that shows what the PDF shows, the report's
sections from every phase, the privacy rules in its text, its languages, PDF/A, the cache, the
package and the command line."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from dialogue import package
from dialogue.casestudy import services
from dialogue.casestudy.models import CaseStudy
from dialogue.extensions import db
from dialogue.models import Dialogue, User
from phases.convening import services as convening
from phases.followup import services as followup
from phases.mapping import services as mapping
from test_pdf import ARABIC, LANGUAGES, compact, expected, page_count, pdftotext


def page(response) -> str:
    return response.get_data(as_text=True)


def load(info) -> Dialogue:
    return db.session.get(Dialogue, info.id)


def narrative(**values) -> dict:
    texts = {"summary": "Herders and farmers agreed to share the river.\n\nTwo water points reopened.",
             "context": "The dry season of 2025 closed two water points.", "partner": "Pamoja works on water.",
             "reflections": "Start the mapping early.", "next_steps": "The forum meets every quarter."}
    texts.update(values)
    return texts


def write(app, info, lang="en", **values):
    with app.app_context():
        record = services.save_narrative(load(info), db.session.get(User, info.lead.id), version=0,
                                         content_language=lang, **narrative(**values))
        db.session.commit()
        return record.uuid


def render(app, info, lang, **options) -> bytes:
    from dialogue.documents import render as render_document

    with app.test_request_context():
        data, _name = render_document("case-study", lang, load(info), **options)
    return data


def people_and_records(app, info) -> dict:
    """A dialogue with named, unnamed and at-risk people, a meeting they attended, outcomes,
    commitments they hold (one not to be shown) and lessons."""
    with app.app_context():
        dialogue = load(info)
        lead = db.session.get(User, info.lead.id)
        named = mapping.add_stakeholder(dialogue, lead, organisation="County Water Office", person="Grace Wanjiru",
                                        sector="government", consent_named=True, contact="grace@county.example",
                                        gender="woman", invitation="accepted", notes="Met her at the market")
        unnamed = mapping.add_stakeholder(dialogue, lead, organisation="Herders' Association", person="Abdi Guyo",
                                          sector="civil_society", contact="+254 700 111 222", gender="man",
                                          invitation="accepted")
        at_risk = mapping.add_stakeholder(dialogue, lead, organisation="Land Rights Defenders", person="Halima Dida",
                                          sector="civil_society", at_risk=True, contact="halima@defenders.example",
                                          invitation="accepted", groups=["women"])
        meeting = convening.create_meeting(
            dialogue, lead, title="The river dialogue", kind="main", timezone="Africa/Nairobi",
            venue="Isiolo Catholic Hall", starts_at=datetime(2026, 5, 12, 6, tzinfo=timezone.utc),
            ends_at=datetime(2026, 5, 12, 13, tzinfo=timezone.utc))
        convening.add_item(meeting, lead, title="Why we are here", minutes=30, method="plenary", stage="connection")
        for s in (named, unnamed, at_risk):
            convening.check_in(meeting, lead, s)
        convening.add_outcome(meeting, lead, kind="vision", text="Water for every family and every herd")
        agreement = convening.add_outcome(meeting, lead, kind="agreement", text="Water points open at dawn")
        shown = followup.create_commitment(dialogue, lead, owners=[named.uuid, at_risk.uuid],
                                           title="Reopen the Kambi water point", outcome_id=agreement.id,
                                           public=True)
        followup.create_commitment(dialogue, lead, owners=[unnamed.uuid], title="A private commitment", public=False)
        # two days with progress: the report draws its chart (an inline SVG, in Arabic too)
        followup.add_update(shown, status="on_track", progress=20, note="Quotes asked", actor=lead,
                            when=datetime.now(timezone.utc) - timedelta(days=10))
        followup.add_update(shown, status="on_track", progress=40, note="Pump ordered", actor=lead)
        followup.save_lesson(dialogue, lead, phase="convening", version=0, worked="Meeting at dawn before the heat")
        db.session.commit()
        return {"named": named.number, "at_risk": at_risk.number}


def test_a_lead_writes_the_narrative_and_sees_it_in_the_preview(app, client, auth, world):
    auth.login(world.lead)
    url = f"/d/{world.dialogue.uuid}/case-study/edit"
    response = client.get(url)
    assert response.status_code == 200
    assert "Summary" in page(response) and "Next steps" in page(response)
    response = client.post(url, data={**narrative(summary="Two water points reopened."), "content_language": "en",
                                      "version": "0"})
    assert response.status_code == 302
    html = page(client.get(f"/d/{world.dialogue.uuid}/case-study/"))
    assert "Two water points reopened." in html
    for heading in ("Who was at the table", "What was agreed", "Commitments and their status", "Lessons learned"):
        assert heading in html
    with app.app_context():
        record = services.case_study_of(load(world.dialogue))
        assert record.summary == "Two water points reopened." and record.status == "draft"


def test_a_stale_save_is_refused_and_changes_nothing(app, client, auth, world):
    write(app, world.dialogue)
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/case-study/edit"
    response = client.post(url, data={**narrative(summary="Old tab"), "content_language": "en", "version": "0"})
    assert response.status_code == 422
    assert "changed" in page(response).lower()
    with app.app_context():
        assert services.case_study_of(load(world.dialogue)).summary.startswith("Herders and farmers")


def test_too_long_a_part_is_refused_next_to_it(client, auth, world):
    auth.login(world.lead)
    response = client.post(f"/d/{world.dialogue.uuid}/case-study/edit",
                           data={**narrative(reflections="x" * 20001), "content_language": "en", "version": "0"})
    assert response.status_code == 422
    assert "20000" in page(response).replace(",", "").replace("\u202f", "").replace("\xa0", "")


def test_a_case_study_under_review_cannot_be_written_in(app, client, auth, world):
    write(app, world.dialogue)
    with app.app_context():
        services.case_study_of(load(world.dialogue)).status = "submitted"
        db.session.commit()
    auth.login(world.lead)
    response = client.post(f"/d/{world.dialogue.uuid}/case-study/edit",
                           data={**narrative(summary="Sneaky change"), "content_language": "en", "version": "1"})
    assert response.status_code == 302
    with app.app_context():
        assert services.case_study_of(load(world.dialogue)).summary != "Sneaky change"
    html = page(client.get(f"/d/{world.dialogue.uuid}/case-study/"))
    assert "Write the narrative" not in html and "Edit the narrative" not in html


@pytest.mark.parametrize("who, status", [("coordinator", 200), ("outsider", 404), ("facilitator", 200)])
def test_who_sees_the_preview(client, auth, world, who, status):
    auth.login(getattr(world, who))
    assert client.get(f"/d/{world.dialogue.uuid}/case-study/").status_code == status


def test_a_coordinator_cannot_write_the_narrative(client, auth, world):
    auth.login(world.coordinator)
    assert client.get(f"/d/{world.dialogue.uuid}/case-study/edit").status_code == 403


def test_the_report_keeps_the_privacy_rules(app, world, tmp_path):
    numbers = people_and_records(app, world.dialogue)
    write(app, world.dialogue)
    text = pdftotext(render(app, world.dialogue, "en"), tmp_path)
    flat = compact(text)
    assert compact("Grace Wanjiru") in flat                       # consented to be named
    assert "Abdi Guyo" not in text and "Herders' Association" in text  # not named: the organisation
    assert "Halima" not in text and "Land Rights Defenders" not in text  # at risk: only the pseudonym
    assert compact(f"Participant {numbers['at_risk']} (civil society)") in flat
    for secret in ("grace@county.example", "700 111 222", "halima@defenders.example", "Met her at the market",
                   "A private commitment"):
        assert compact(secret) not in flat, secret
    assert "1 commitment is not shown here" in text
    # the preview shows the same
    preview_text = None
    with app.test_request_context():
        from dialogue.casestudy.report import build

        preview_text = "".join(str(part.html) for part in build(load(world.dialogue), "en", screen=True).parts)
    assert "Halima" not in preview_text and "Abdi Guyo" not in preview_text and "@" not in preview_text


def test_the_report_holds_every_section_with_data_from_the_phases(app, world, tmp_path):
    people_and_records(app, world.dialogue)
    write(app, world.dialogue)
    data = render(app, world.dialogue, "en")
    text = compact(pdftotext(data, tmp_path))
    for piece in ("Case study", "Contents", "Summary", "Two water points reopened.", "Context and challenge",
                  "Herders and farmers share one river.", "The convening partner", "Pamoja Forum",
                  "Who was at the table", "Participation: invited and attended", "The process",
                  "The river dialogue", "Isiolo Catholic Hall", "What was agreed", "Water for every family",
                  "Commitments and their status", "Kambi", "On track", "40%",
                  "Progress over time", "average progress, in percent", "The lasting platform", "Lessons learned", "Meeting at dawn before the heat", "Reflections",
                  "Next steps", "The forum meets every quarter.", "Page 2 of"):
        assert compact(piece) in text, piece
    assert page_count(data, tmp_path) >= 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_case_study_in_every_language(app, world, tmp_path, lang):
    people_and_records(app, world.dialogue)
    write(app, world.dialogue)
    text = compact(pdftotext(render(app, world.dialogue, lang), tmp_path))
    for heading in ("Who was at the table", "What was agreed", "Commitments and their status", "Contents"):
        assert compact(expected(app, lang, heading)) in text, (lang, heading)
    # the partner's text stays in the language it was written in, marked as such
    assert compact("Two water points reopened.") in text
    if lang != "en":
        note = expected(app, lang, "original in %(language)s")
        assert compact(note.split("%(language)s")[0]) in text
    if lang == "ar":
        assert len(ARABIC.findall(text)) > 100


def test_the_arabic_case_study_is_right_to_left(app, world):
    write(app, world.dialogue)
    from dialogue.casestudy.report import build
    from dialogue.pdf import render_html

    with app.test_request_context():
        html = render_html("pdf/case_study.html", lang="ar", title="x",
                           context={"report": build(load(world.dialogue), "ar")})
    assert '<html lang="ar" dir="rtl">' in html
    # the English narrative keeps its own direction inside the Arabic page
    assert 'lang="en" dir="ltr"' in html


def test_a_reviewed_translation_is_printed_in_its_language(app, world, tmp_path):
    from dialogue import content

    uuid = write(app, world.dialogue)
    with app.app_context():
        record = db.session.scalar(db.select(CaseStudy).where(CaseStudy.uuid == uuid))
        load(world.dialogue).languages = ["en", "fr"]
        content.save_translation(record, "summary", "fr", "Deux points d'eau ont rouvert.",
                                 actor=db.session.get(User, world.lead.id))
        db.session.commit()
    text = compact(pdftotext(render(app, world.dialogue, "fr"), tmp_path))
    assert compact("Deux points d'eau ont rouvert.") in text
    assert compact("Two water points reopened.") not in text


def test_pdfa_for_archiving(app, world, tmp_path):
    write(app, world.dialogue)
    data = render(app, world.dialogue, "en", archive="1")
    assert b"pdfaid" in data or b"pdfaid" in __import__("test_pdf").inflated(data)
    assert data != render(app, world.dialogue, "en")


def test_an_unknown_archive_option_is_not_found(client, auth, world):
    auth.login(world.lead)
    assert client.get(f"/d/{world.dialogue.uuid}/documents/case-study.pdf?archive=2").status_code == 404


def test_the_same_case_study_renders_once_and_anew_after_a_change(app, world, monkeypatch):
    from dialogue import pdf

    write(app, world.dialogue)
    calls = []
    real = pdf.write_pdf
    monkeypatch.setattr(pdf, "write_pdf", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = render(app, world.dialogue, "en")
    second = render(app, world.dialogue, "en")
    assert first == second and len(calls) == 1
    with app.app_context():
        record = services.case_study_of(load(world.dialogue))
        services.save_narrative(load(world.dialogue), None, version=record.version, content_language="en",
                                summary="A new summary.")
        db.session.commit()
    render(app, world.dialogue, "en")
    assert len(calls) == 2


def test_download_from_the_dialogue_and_the_cli(app, client, auth, runner, world, tmp_path):
    write(app, world.dialogue)
    auth.login(world.coordinator)
    response = client.get(f"/d/{world.dialogue.uuid}/documents/case-study.pdf?lang=es")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    out = tmp_path / "cs.pdf"
    result = runner.invoke(args=["render", "case-study", "--dialogue", world.dialogue.uuid, "--lang", "pt",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert compact(expected(app, "pt", "Who was at the table")) in compact(pdftotext(out.read_bytes(), tmp_path))
    result = runner.invoke(args=["render", "case-study", "--lang", "pt", "-o", str(out)])
    assert result.exit_code != 0 and "--dialogue" in result.output


def test_the_narrative_travels_in_the_package_and_an_import_never_approves(app, world):
    write(app, world.dialogue)
    with app.app_context():
        data = package.export_dialogue(load(world.dialogue))
        assert data["case_study"]["summary"].startswith("Herders")
        data["case_study"]["summary"] = "Changed at the venue."
        data["case_study"]["status"] = "approved"
        package.import_package(data, actor=db.session.get(User, world.lead.id))
        db.session.commit()
        record = services.case_study_of(load(world.dialogue))
        assert record.summary == "Changed at the venue." and record.status == "draft"


def test_an_import_does_not_rewrite_a_case_study_under_review(app, world):
    write(app, world.dialogue)
    with app.app_context():
        data = package.export_dialogue(load(world.dialogue))
        services.case_study_of(load(world.dialogue)).status = "submitted"
        db.session.commit()
        data["case_study"]["summary"] = "Changed at the venue."
        with pytest.raises(package.PackageError) as caught:
            package.import_package(data, actor=db.session.get(User, world.lead.id))
        assert any("under review" in message for _path, message in caught.value.errors)
        db.session.rollback()
        assert services.case_study_of(load(world.dialogue)).summary.startswith("Herders")


def test_the_period_on_the_cover_comes_from_the_meetings(app, world, tmp_path):
    people_and_records(app, world.dialogue)
    text = pdftotext(render(app, world.dialogue, "en"), tmp_path)
    assert "May 12, 2026" in text


def test_scale_case_study_queries_do_not_grow_with_the_register(app, world, count_queries):
    from dialogue.casestudy.report import build

    def count() -> int:
        with count_queries() as q, app.test_request_context():
            build(load(world.dialogue), "en")
        return q.count

    people_and_records(app, world.dialogue)
    few = count()
    with app.app_context():
        dialogue = load(world.dialogue)
        for n in range(40):
            mapping.add_stakeholder(dialogue, None, organisation=f"Org {n}", sector="community")
        db.session.commit()
    assert count() == few


def test_the_section_keys_are_declared_and_the_report_has_exactly_those(app, world, count_queries):
    """A reviewer's comment names a section: the keys are known without building the report
    (each phase declares its own beside ``Phase.report``), and the report, empty or full, has
    exactly those sections in that order."""
    from dialogue.casestudy.report import build, section_keys
    from dialogue.registry import get_registry

    def keys_built() -> list[str]:
        with app.test_request_context():
            return [part.key for part in build(load(world.dialogue), "en", screen=True).parts]

    with app.test_request_context(), count_queries() as q:
        keys = section_keys(load(world.dialogue))
        assert get_registry().phases and all(p.report_keys for p in get_registry().phases if p.report)
    assert q.count <= 1  # loading the dialogue, nothing of the report
    assert keys == ["summary", "context", "partner", "table", "participation", "process", "agreed",
                    "commitments", "platform", "lessons", "reflections", "next_steps"]
    assert keys_built() == keys  # before anything is recorded
    people_and_records(app, world.dialogue)
    write(app, world.dialogue)
    assert keys_built() == keys


def test_the_report_loads_each_record_once(app, world, count_queries):
    """The phases' sections and the cover's dates share what a build loads: the register, the
    meetings, the commitments and the translations are each read once per report."""
    from dialogue.casestudy.report import build

    people_and_records(app, world.dialogue)
    write(app, world.dialogue)
    with count_queries() as q, app.test_request_context():
        build(load(world.dialogue), "en")
    for table in ("mapping_stakeholders", "convening_meetings", "followup_commitments", "content_translations",
                  "convening_attendance", "convening_outcomes"):
        reads = [s for s in q.statements if s.lstrip().upper().startswith("SELECT")
                 and f"FROM {table}" in " ".join(s.split())]
        assert len(reads) <= (2 if table in ("mapping_stakeholders", "convening_outcomes") else 1), (table, reads)


def test_the_demo_case_studies_are_written_and_stay_small(app, tmp_path):
    """Each demo dialogue has its narrative in its own language; the case study a funder
    downloads over a slow connection stays well under 1 MB."""
    from dialogue.demo import load_demo
    from dialogue.documents import render as render_document

    with app.app_context():
        load_demo()
        db.session.commit()
        dialogues = {d.country: d for d in db.session.scalars(db.select(Dialogue))}
        records = {c: services.case_study_of(d) for c, d in dialogues.items()}
        assert records["CV"].content_language == "pt" and records["EC"].content_language == "es"
        assert all(records[c].summary for c in records)
        assert {records[c].status for c in records} >= {"approved", "draft"}
    with app.test_request_context():
        data, name = render_document("case-study", "en", db.session.get(Dialogue, dialogues["KE"].id))
    assert len(data) < 1024 * 1024, len(data)
    text = pdftotext(data, tmp_path)
    assert "Isiolo" in text and page_count(data, tmp_path) >= 5


def test_the_cape_verde_demo_case_study_reads_in_english(app, tmp_path):
    """Issue 13's test of done: the narrative in reviewed English translations, and what is
    not translated yet (the meeting's record, in Portuguese) marked with its language."""
    from dialogue.casestudy.demo_data import REVIEW_TRANSLATIONS
    from dialogue.content import ContentIndex
    from dialogue.demo import load_demo
    from dialogue.documents import render as render_document

    with app.app_context():
        load_demo()
        db.session.commit()
        dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.country == "CV"))
        record = services.case_study_of(dialogue)
        text = ContentIndex.for_dialogue(dialogue).localized(record, "summary", "en")
        assert not text.foreign and text.status == "reviewed"
        with app.test_request_context():
            data, _name = render_document("case-study", "en", dialogue)
    flat = compact(pdftotext(data, tmp_path))
    first_sentence = REVIEW_TRANSLATIONS["CV"]["summary"].split(".")[0]
    assert compact(first_sentence) in flat
    assert compact("original in Portuguese") in flat
