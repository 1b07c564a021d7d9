"""The case study's review: who may submit, comment and decide; the status changes and the ones
refused; comments next to their sections; versions and what changed; the frozen approved
version; notifications in the app and by e-mail; overdue commitments announced once."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from dialogue import package
from dialogue.casestudy import services as casestudy
from dialogue.casestudy.models import CaseStudy
from dialogue.extensions import db
from dialogue.models import Dialogue, InvalidTransition, User
from dialogue.notifications import Notification
from dialogue.review import services
from test_case_study import narrative, people_and_records, write
from test_pdf import compact, pdftotext


def page(response) -> str:
    return response.get_data(as_text=True)


def load(info) -> Dialogue:
    return db.session.get(Dialogue, info.id)


def record_of(app, info) -> CaseStudy:
    return casestudy.case_study_of(load(info))


def notes_for(user_info) -> list[Notification]:
    return list(db.session.scalars(db.select(Notification).where(Notification.user_id == user_info.id)))


def login(auth, who):
    """Log in as ``who``, ending whoever was logged in before."""
    auth.logout()
    auth.login(who)


def submit(client, auth, world, who=None):
    login(auth, who or world.lead)
    return client.post(f"/d/{world.dialogue.uuid}/case-study/submit")


def test_a_lead_sends_the_case_study_and_the_coordinators_are_told(app, client, auth, world):
    response = submit(client, auth, world)
    assert response.status_code == 302
    html = page(client.get(response.headers["Location"]))
    assert "Write the narrative first" in html
    write(app, world.dialogue)
    response = submit(client, auth, world)
    assert "Version 1 is sent" in page(client.get(response.headers["Location"]))
    with app.app_context():
        record = record_of(app, world.dialogue)
        assert record.status == "submitted"
        assert [v.number for v in services.versions_of(record)] == [1]
        notes = notes_for(world.coordinator)
        assert [n.kind for n in notes] == ["case_study_submitted"]
        assert not notes_for(world.lead)  # not told of what they did themselves
    # the narrative is locked while the coordinators read it
    response = client.get(f"/d/{world.dialogue.uuid}/case-study/edit")
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["facilitator", "coordinator"])
def test_only_leads_submit(app, client, auth, world, who):
    write(app, world.dialogue)
    assert submit(client, auth, world, getattr(world, who)).status_code == 403


@pytest.mark.parametrize("route", ["comments", "decision"])
@pytest.mark.parametrize("who", ["lead", "facilitator"])
def test_only_coordinators_comment_and_decide(app, client, auth, world, route, who):
    write(app, world.dialogue)
    submit(client, auth, world)
    login(auth, getattr(world, who))
    response = client.post(f"/d/{world.dialogue.uuid}/case-study/{route}",
                           data={"section": "summary", "text": "Hm", "approve": "1"})
    assert response.status_code == 403


def test_the_status_changes_refuse_what_they_should(app, world):
    write(app, world.dialogue)
    with app.app_context():
        record = record_of(app, world.dialogue)
        with pytest.raises(InvalidTransition):
            record.approve()
        with pytest.raises(InvalidTransition):
            record.request_changes()
        record.submit()
        with pytest.raises(InvalidTransition):
            record.submit()
        record.approve()
        for change in (record.submit, record.approve, record.request_changes):
            with pytest.raises(InvalidTransition):
                change()


def test_a_full_round_comments_changes_resubmission_and_approval(app, client, auth, world, tmp_path):
    people_and_records(app, world.dialogue)
    write(app, world.dialogue)
    submit(client, auth, world)

    login(auth, world.coordinator)
    url = f"/d/{world.dialogue.uuid}/case-study/"
    assert "Approve the case study" in page(client.get(url))
    response = client.post(url + "comments", data={"section": "commitments", "text": "Say who pays for the pump."})
    assert response.status_code == 302 and response.headers["Location"].endswith("#cs-commitments")
    response = client.post(url + "comments", data={"section": "no-such-section", "text": "x"})
    assert response.status_code == 302
    response = client.post(url + "decision", data={"note": "Nearly there.", "request_changes": "1"})
    assert response.status_code == 302

    login(auth, world.lead)
    html = page(client.get(url))
    # the comment sits in its section, after the section's heading
    section = html[html.index('id="cs-commitments"'):]
    assert "Say who pays for the pump." in section[:section.index("</section>")]
    assert "Nearly there." in html and "Changes requested" in html
    with app.app_context():
        kinds = sorted(n.kind for n in notes_for(world.lead))
        assert kinds == ["case_study_changes_requested", "case_study_commented"]
        record = record_of(app, world.dialogue)
        casestudy.save_narrative(load(world.dialogue), None, version=record.version, content_language="en",
                                 summary="Herders and farmers agreed to share the river. The county pays for the pump.")
        db.session.commit()
    submit(client, auth, world)

    # what changed between the versions
    html = page(client.get(url + "versions/?a=1&b=2"))
    assert "<ins>" in html and "pump." in html and "unchanged" in html

    login(auth, world.coordinator)
    response = client.post(url + "decision", data={"note": "", "approve": "1"})
    assert response.status_code == 302
    with app.app_context():
        record = record_of(app, world.dialogue)
        assert record.status == "approved"
        version = services.current_version(record)
        assert version.number == 2 and version.is_frozen and len(version.package_sha256) == 64
        frozen_hash = version.report_sha256
        # the dialogue changes afterwards
        dialogue = load(world.dialogue)
        dialogue.title = "A title changed after approval"
        db.session.commit()
    response = client.get(url + "versions/2/case-study.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.headers["X-Content-SHA256"]
    text = compact(pdftotext(response.data, tmp_path))
    assert compact("Secret valley dialogue") in text and compact("changed after approval") not in text
    assert b"pdfaid" in __import__("test_pdf").inflated(response.data)
    # downloaded again (from the cache or rendered anew from the frozen HTML): the same bytes
    from dialogue.render_pool import clear_cache

    with app.app_context():
        clear_cache()
    again = client.get(url + "versions/2/case-study.pdf")
    assert again.data == response.data and again.headers["X-Content-SHA256"] == response.headers["X-Content-SHA256"]
    snapshot = client.get(url + "versions/2/package.json")
    assert snapshot.status_code == 200 and b"Secret valley dialogue" in snapshot.data
    with app.app_context():
        version = services.current_version(record_of(app, world.dialogue))
        assert version.report_sha256 == frozen_hash
        import hashlib

        assert hashlib.sha256(snapshot.data).hexdigest() == version.package_sha256
    # an approved case study is no longer written in, and a version not approved has nothing frozen
    assert client.get(url + "versions/1/case-study.pdf").status_code == 404


def test_the_frozen_package_shows_people_as_outside_the_dialogue(app, client, auth, world):
    people_and_records(app, world.dialogue)
    write(app, world.dialogue)
    with app.app_context():
        services.submit(load(world.dialogue), db.session.get(User, world.lead.id))
        services.approve(load(world.dialogue), db.session.get(User, world.coordinator.id))
        db.session.commit()
    login(auth, world.coordinator)
    data = client.get(f"/d/{world.dialogue.uuid}/case-study/versions/1/package.json").get_data(as_text=True)
    assert "Halima" not in data and "grace@county.example" not in data and "Grace Wanjiru" in data


def test_a_case_study_in_another_language_needs_the_review_language_first(app, world, make_dialogue):
    from dialogue import content

    info = make_dialogue(lead=world.lead, languages=["pt"], content_language="pt", country="CV")
    with app.app_context():
        dialogue = load(info)
        lead = db.session.get(User, world.lead.id)
        record = casestudy.save_narrative(dialogue, lead, version=0, content_language="pt",
                                          summary="Resumo.", context="Contexto.")
        problems = services.readiness(dialogue, record)
        assert len(problems) == 1 and "English" in problems[0] and "Summary" in problems[0]
        with pytest.raises(services.NotReady):
            services.submit(dialogue, lead)
        for name, text in (("summary", "Summary."), ("context", "Context.")):
            content.save_translation(record, name, "en", text, actor=lead)
        assert services.readiness(dialogue, record) == []
        assert services.submit(dialogue, lead).number == 1


def test_notifications_in_the_header_and_marked_read(app, client, auth, world):
    write(app, world.dialogue)
    submit(client, auth, world)
    login(auth, world.coordinator)
    html = page(client.get("/"))
    assert "Notifications (1 new)" in html
    listing = page(client.get("/notifications/"))
    assert "the case study was submitted for review" in listing and "Secret valley dialogue" in listing
    assert client.post("/notifications/read").status_code == 302
    assert "Notifications (1 new)" not in page(client.get("/"))


def test_e_mail_goes_out_when_smtp_is_configured(app, world, monkeypatch):
    from dialogue import mail

    sent = []
    app.config["SMTP_HOST"] = "smtp.example.org"
    monkeypatch.setattr(mail, "send", lambda to, subject, body: sent.append((to, subject, body)) or True)
    write(app, world.dialogue)
    with app.test_request_context():
        services.submit(load(world.dialogue), db.session.get(User, world.lead.id))
        db.session.commit()
    assert [to for to, _s, _b in sent] == [world.coordinator.email]
    assert "submitted for review" in sent[0][1] and "/case-study/" in sent[0][2]


def test_overdue_commitments_are_announced_once(app, runner, world):
    from phases.followup import services as followup
    from phases.mapping import services as mapping

    with app.app_context():
        dialogue = load(world.dialogue)
        lead = db.session.get(User, world.lead.id)
        owner = mapping.add_stakeholder(dialogue, lead, organisation="County", sector="government")
        late = followup.create_commitment(dialogue, lead, owners=[owner.uuid], title="Late one",
                                          due_date=date.today() + timedelta(days=3))
        late.due_date = date.today() - timedelta(days=2)
        followup.create_commitment(dialogue, lead, owners=[owner.uuid], title="On time",
                                   due_date=date.today() + timedelta(days=30))
        db.session.commit()
    result = runner.invoke(args=["notify"])
    assert result.exit_code == 0 and "2 notification(s)" in result.output  # the lead and the facilitator
    assert "0 notification(s)" in runner.invoke(args=["notify"]).output
    with app.app_context():
        [note] = notes_for(world.facilitator)
        assert note.kind == "commitment_overdue" and note.params["number"] == 1


def test_the_package_carries_the_review_history_and_never_its_texts(app, world):
    write(app, world.dialogue)
    with app.app_context():
        services.submit(load(world.dialogue), db.session.get(User, world.lead.id))
        services.request_changes(load(world.dialogue), db.session.get(User, world.coordinator.id), note="Secret note")
        db.session.commit()
        data = package.export_dialogue(load(world.dialogue))
        assert [v["outcome"] for v in data["case_study"]["versions"]] == ["changes_requested"]
        assert "Secret note" not in package.dumps(data)
        assert package.validate(data) == []
        data["case_study"]["summary"] = narrative()["summary"] + " More."
        package.import_package(data, actor=db.session.get(User, world.lead.id))
        db.session.commit()
        record = record_of(app, world.dialogue)
        assert record.status == "changes_requested" and len(services.versions_of(record)) == 1
