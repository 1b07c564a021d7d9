"""How long data lives: deleting and restoring a dialogue, the retention period of personal
data and `dialogue purge`, and a person's own data as a zip."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, timedelta, timezone

import pytest

from dialogue import lifecycle
from dialogue.extensions import db
from dialogue.models import AuditEntry, Dialogue, User
from phases.mapping import services as mapping
from phases.mapping.models import Stakeholder


def page(response) -> str:
    return response.get_data(as_text=True)


def load(info) -> Dialogue:
    return db.session.get(Dialogue, info.id)


def login(auth, who):
    auth.logout()
    auth.login(who)


def add_person(app, info, **values) -> str:
    fields = {"organisation": "Isiolo Water Users", "person": "Abdi Guyo", "contact": "+254 700 000 111",
              "sector": "civil_society", "notes": "Met at the well"}
    fields.update(values)
    with app.app_context():
        s = mapping.add_stakeholder(load(info), None, **fields)
        db.session.commit()
        return s.uuid


def test_a_coordinator_deletes_and_restores_a_dialogue(app, client, auth, world):
    home = f"/d/{world.dialogue.uuid}/"
    login(auth, world.coordinator)
    response = client.post(f"/d/{world.dialogue.uuid}/delete")
    assert response.status_code == 302
    for who in (world.coordinator, world.lead, world.facilitator):
        login(auth, who)
        assert client.get(home).status_code == 404
        assert "Secret valley dialogue" not in page(client.get("/"))
    login(auth, world.coordinator)
    listing = page(client.get("/deleted/"))
    assert "Secret valley dialogue" in listing
    response = client.post(f"/deleted/{world.dialogue.uuid}/restore")
    assert response.status_code == 302
    assert client.get(home).status_code == 200
    with app.app_context():
        actions = [e.action for e in db.session.scalars(db.select(AuditEntry).where(
            AuditEntry.dialogue_uuid == world.dialogue.uuid))]
        assert "dialogue.deleted" in actions and "dialogue.restored" in actions


@pytest.mark.parametrize("who", ["lead", "facilitator"])
def test_only_coordinators_delete(client, auth, world, who):
    login(auth, getattr(world, who))
    assert client.post(f"/d/{world.dialogue.uuid}/delete").status_code == 403


def test_purge_removes_a_deleted_dialogue_after_thirty_days_only(app, runner, world):
    add_person(app, world.dialogue)
    with app.app_context():
        lifecycle.delete_dialogue(load(world.dialogue), db.session.get(User, world.coordinator.id))
        db.session.commit()
        assert lifecycle.purge(today=date.today() + timedelta(days=29))["dialogues_removed"] == 0
        db.session.commit()
        assert load(world.dialogue) is not None
        load(world.dialogue).deleted_at = datetime.now(timezone.utc) - timedelta(days=31)
        db.session.commit()
    result = runner.invoke(args=["purge", "--dry-run"])
    assert "1 deleted dialogue(s) would be removed" in result.output
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "1 deleted dialogue(s) were removed" in result.output
    with app.app_context():
        assert load(world.dialogue) is None
        assert db.session.scalar(db.select(db.func.count(Stakeholder.id)).where(
            Stakeholder.dialogue_id == world.dialogue.id)) == 0
        purged = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "dialogue.purged"))
        assert purged.details == {"uuid": world.dialogue.uuid}


def test_the_retention_period_counts_from_the_last_meeting(app, world):
    from phases.convening import services as convening

    with app.app_context():
        dialogue = load(world.dialogue)
        created = dialogue.created_at.date()
        assert lifecycle.retention_date(dialogue) == lifecycle._add_months(created, 24)
        convening.create_meeting(dialogue, db.session.get(User, world.lead.id), title="Main", kind="main",
                                 timezone="Africa/Nairobi", starts_at=datetime(2027, 3, 31, 6, tzinfo=timezone.utc),
                                 ends_at=datetime(2027, 3, 31, 12, tzinfo=timezone.utc))
        assert lifecycle.retention_date(dialogue) == date(2029, 3, 31)
        dialogue.retention_months = 11
        assert lifecycle.retention_date(dialogue) == date(2028, 2, 29)  # the month's last day


def test_a_lead_sees_and_sets_the_retention_and_an_extension_needs_a_reason(app, client, auth, world):
    login(auth, world.lead)
    url = f"/d/{world.dialogue.uuid}/personal-data"
    html = page(client.get(url))
    assert "will be forgotten on" in html
    later = (date.today() + timedelta(days=3650)).isoformat()
    response = client.post(url, data={"months": "12", "extended_until": later, "reason": ""})
    assert response.status_code == 422 and "Say why the data must be kept longer." in page(response)
    response = client.post(url, data={"months": "500", "extended_until": "", "reason": ""})
    assert response.status_code == 422
    response = client.post(url, data={"months": "12", "extended_until": later, "reason": "A court case"})
    assert response.status_code == 302
    with app.app_context():
        dialogue = load(world.dialogue)
        assert (dialogue.retention_months, dialogue.retention_reason) == (12, "A court case")
        assert lifecycle.retention_date(dialogue).isoformat() == later
    login(auth, world.facilitator)
    assert client.get(url).status_code == 403


def test_purge_forgets_everyone_once_the_retention_has_passed(app, client, auth, runner, world):
    uuid = add_person(app, world.dialogue)
    with app.app_context():
        dialogue = load(world.dialogue)
        dialogue.retention_months = 1
        dialogue.created_at = datetime.now(timezone.utc) - timedelta(days=90)
        db.session.commit()
    result = runner.invoke(args=["purge"])
    assert "1 person(s) forgotten" in result.output, result.output
    with app.app_context():
        s = db.session.scalar(db.select(Stakeholder).where(Stakeholder.uuid == uuid))
        assert (s.person, s.contact, s.notes, s.organisation) == ("", "", "", "")
        assert s.sector == "civil_society" and s.erased_at is not None
        assert load(world.dialogue).personal_data_purged_at is not None
        text = json.dumps([e.details for e in db.session.scalars(db.select(AuditEntry))])
        assert "Abdi" not in text and "700 000" not in text
    assert "0 person(s) forgotten" in runner.invoke(args=["purge"]).output
    login(auth, world.lead)
    assert "Abdi Guyo" not in page(client.get(f"/d/{world.dialogue.uuid}/mapping/"))


def test_an_extension_keeps_the_data(app, runner, world):
    add_person(app, world.dialogue)
    with app.app_context():
        dialogue = load(world.dialogue)
        dialogue.retention_months = 1
        dialogue.created_at = datetime.now(timezone.utc) - timedelta(days=90)
        dialogue.retention_extended_until = date.today() + timedelta(days=30)
        dialogue.retention_reason = "Evidence for a court case"
        db.session.commit()
    assert "0 dialogue(s) past their retention period" in runner.invoke(args=["purge"]).output


def test_my_data_is_a_plain_zip_without_secrets(app, client, auth, world):
    login(auth, world.lead)
    client.post(f"/d/{world.dialogue.uuid}/edit", data={})  # something of theirs in the audit log
    response = client.post("/account/my-data.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == ["account.json", "audit.csv", "audit.json", "memberships.csv",
                                          "notifications.json"]
    account = json.loads(archive.read("account.json"))
    assert account["email"] == world.lead.email
    everything = b"".join(archive.read(n) for n in archive.namelist())
    with app.app_context():
        user = db.session.get(User, world.lead.id)
        assert user.password_hash.encode() not in everything and user.session_token.encode() not in everything
    assert b"Secret valley dialogue" in archive.read("memberships.csv")
    assert b"account.login" in archive.read("audit.csv")


def test_purge_removes_applicants_contact_details_a_year_after_the_call_closed(app, runner, world, client, auth):
    """Applicants not selected keep name, e-mail and phone for APPLICATION_RETENTION_MONTHS after
    the call closed; then `dialogue purge` removes them and keeps the application's answers. A
    dry run changes nothing; the audit log gets counts only; the pages and letters still work."""
    from support import world_call

    from dialogue.calls.models import Application, Call

    call_uuid, application_uuid, _token = world_call(world)
    with app.app_context():
        call = db.session.scalar(db.select(Call).where(Call.uuid == call_uuid))
        call.closes_at = datetime.now(timezone.utc) - timedelta(days=200)
        db.session.commit()
        assert lifecycle.purge()["applicants_forgotten"] == 0, "half a year after closing: kept"
        db.session.commit()
        call.closes_at = datetime.now(timezone.utc) - timedelta(days=400)
        db.session.commit()
    result = runner.invoke(args=["purge", "--dry-run"])
    assert "the contact details of 1 applicant(s) not selected would be removed" in result.output
    with app.app_context():
        application = db.session.scalar(db.select(Application).where(Application.uuid == application_uuid))
        assert application.contact_email == "halima@example.org", "a dry run changes nothing"
    result = runner.invoke(args=["purge"])
    assert "the contact details of 1 applicant(s) not selected were removed" in result.output
    with app.app_context():
        application = db.session.scalar(db.select(Application).where(Application.uuid == application_uuid))
        assert (application.contact_person, application.contact_email, application.contact_phone) == ("", "", "")
        assert application.organisation == "Isiolo Water Forum" and "river" in application.challenge
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "call.applicants_forgotten"))
        assert entry.details["applications"] == 1 and "Halima" not in json.dumps(entry.details)
        assert lifecycle.purge()["applicants_forgotten"] == 0, "once only"
    login(auth, world.coordinator)
    text = page(client.get(f"/calls/applications/{application_uuid}/"))
    assert "Contact details removed after the retention period" in text and "Halima" not in text


def test_purge_keeps_the_selected_applicants_contact(app, world):
    """A selected applicant became the partner: their contact stays."""
    from support import world_call

    from dialogue.calls.models import Application, Call

    call_uuid, application_uuid, _token = world_call(world)
    with app.app_context():
        db.session.scalar(db.select(Call).where(Call.uuid == call_uuid)).closes_at = \
            datetime.now(timezone.utc) - timedelta(days=800)
        application = db.session.scalar(db.select(Application).where(Application.uuid == application_uuid))
        application.status = "selected"
        db.session.commit()
        assert lifecycle.purge()["applicants_forgotten"] == 0
        assert application.contact_email == "halima@example.org"
