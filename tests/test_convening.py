"""Phase 2: meetings, the checklist, the agenda and its stages, attendance at the door, the
record, evaluations, the calendar file, the facilitator's pack, the package sections, scale."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from dialogue import package
from dialogue.extensions import db
from dialogue.models import Dialogue, User
from phases.convening import services
from phases.convening.models import Attendance, Meeting
from phases.mapping import services as mapping
from test_package import empty_app  # noqa: F401  (fixture)
from test_pdf import compact, need, page_count, pdftotext


def page(response) -> str:
    return response.get_data(as_text=True)


def load(info) -> Dialogue:
    return db.session.get(Dialogue, info.id)


def plan(app, info, **values) -> str:
    fields = dict(title="Main dialogue meeting", kind="main", timezone="Africa/Nairobi",
                  starts_at=datetime(2026, 5, 12, 6, 0, tzinfo=timezone.utc),
                  ends_at=datetime(2026, 5, 12, 10, 0, tzinfo=timezone.utc), venue="Isiolo Social Hall",
                  address="Hospital Road", online_link="", languages=["en"], interpretation="",
                  facilitator_ids=[info.lead.id], ground_rules="Listen to understand\nOne voice at a time")
    fields.update(values)
    with app.app_context():
        meeting = services.create_meeting(load(info), db.session.get(User, info.lead.id), **fields)
        db.session.commit()
        return meeting.uuid


def meeting_of(uuid) -> Meeting:
    return db.session.scalar(db.select(Meeting).where(Meeting.uuid == uuid))


def person(app, info, **values) -> str:
    fields = {"organisation": "Isiolo Water Users", "sector": "civil_society", "invitation": "accepted"}
    fields.update(values)
    with app.app_context():
        s = mapping.add_stakeholder(load(info), None, **fields)
        db.session.commit()
        return s.uuid


def meeting_form(**values) -> dict:
    data = {"title": "Main dialogue meeting", "kind": "main", "date": "2026-05-12", "start": "09:00",
            "end": "16:30", "timezone": "Africa/Nairobi", "venue": "Isiolo Social Hall", "address": "",
            "online_link": "", "languages": ["en"], "interpretation": "", "ground_rules": "Listen"}
    data.update(values)
    return data


# -- meetings ----------------------------------------------------------------------------------
def test_plan_a_meeting_in_its_time_zone(app, client, auth, world):
    auth.login(world.facilitator)
    base = f"/d/{world.dialogue.uuid}/meetings"
    html = page(client.get(f"{base}/new"))
    assert "Chatham House" in html  # the ready-made ground rules, ready to adapt
    assert re.search(r'<option selected value="Africa/Nairobi">', html), "the dialogue's country's time zone"
    response = client.post(f"{base}/new", data=meeting_form(end="08:00"))
    assert response.status_code == 422 and "The meeting must end after it starts." in page(response)
    response = client.post(f"{base}/new", data=meeting_form(timezone="Mars/Olympus"))
    assert response.status_code == 422 and "Choose a time zone from the list." in page(response)
    response = client.post(f"{base}/new", data=meeting_form(online_link="javascript:alert(1)"))
    assert response.status_code == 422
    with app.app_context():
        assert services.meetings_of(load(world.dialogue)) == []
    response = client.post(f"{base}/new", data=meeting_form(facilitator_ids=[str(world.facilitator.id)]))
    assert response.status_code == 302 and response.headers["Location"].endswith("/agenda")
    with app.app_context():
        meeting = services.meetings_of(load(world.dialogue))[0]
        assert meeting.starts_at == datetime(2026, 5, 12, 6, 0, tzinfo=timezone.utc)  # 09:00 in Nairobi
        assert meeting.local_start.hour == 9 and meeting.facilitator_ids == [world.facilitator.id]
    html = page(client.get(f"{base}/{meeting.uuid}/"))
    assert "09:00" in html and "Africa/Nairobi" in html


def test_a_facilitator_who_is_not_a_member_is_refused(app, world):
    with app.app_context(), pytest.raises(services.ServiceError):
        services.create_meeting(load(world.dialogue), db.session.get(User, world.lead.id), title="M", kind="main",
                                starts_at=datetime(2026, 5, 12, 6, tzinfo=timezone.utc),
                                ends_at=datetime(2026, 5, 12, 9, tzinfo=timezone.utc), timezone="UTC",
                                facilitator_ids=[world.outsider.id])


def test_checklist_items_are_done_not_needed_or_to_do(app, client, auth, world):
    uuid = plan(app, world.dialogue)
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/meetings/{uuid}/checklist"
    html = page(client.get(url))
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    assert client.post(url, data={"version": version, "check-venue_access": "done",
                                  "check-interpretation": "not_needed", "check-materials": ""}).status_code == 302
    with app.app_context():
        assert meeting_of(uuid).checklist == {"venue_access": "done", "interpretation": "not_needed"}
    response = client.post(url, data={"version": version, "check-venue_access": "not_needed"})
    assert response.status_code == 422 and "Someone else saved this" in page(response)


def test_calendar_file(app, client, auth, world):
    uuid = plan(app, world.dialogue)
    auth.login(world.facilitator)
    response = client.get(f"/d/{world.dialogue.uuid}/meetings/{uuid}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    assert "BEGIN:VEVENT" in text and "SUMMARY:Main dialogue meeting" in text
    assert "DTSTART;TZID=Africa/Nairobi:20260512T090000" in text and "BEGIN:VTIMEZONE" in text


# -- the agenda -----------------------------------------------------------------------------------
def test_agenda_times_methods_reordering_and_warnings(app, client, auth, world):
    uuid = plan(app, world.dialogue)  # 09:00 to 13:00 in Nairobi
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/meetings/{uuid}/agenda"
    for title, minutes, stage in (("Welcome", 30, "connection"), ("Options", 60, "co_creation"),
                                  ("The challenge", 45, "shared_language")):
        assert client.post(url, data={"title": title, "minutes": minutes, "day": 1, "method": "plenary",
                                      "stage": stage}).status_code == 302
    response = client.post(url, data={"title": "Nothing", "minutes": 0, "method": "plenary", "stage": ""})
    assert response.status_code == 422 and "Give a duration from 1 to 600 minutes." in page(response)
    response = client.post(url, data={"title": "Negative", "minutes": -5, "method": "plenary", "stage": ""})
    assert response.status_code == 422
    html = " ".join(page(client.get(url)).split())
    assert "09:00–09:30" in html and "09:30–10:30" in html and "10:30–11:15" in html
    assert "“Shared language” comes after “Co-creation”" in html
    assert re.search(r"No item serves these stages of a meeting: Divergence, Convergence,? and Commitment\.", html)
    with app.app_context():
        third = meeting_of(uuid).items[2]
    client.post(f"{url}/{third.uuid}/move", data={"direction": "up"})
    with app.app_context():
        assert [i.title for i in meeting_of(uuid).items] == ["Welcome", "The challenge", "Options"]
    html = " ".join(page(client.get(url)).split())
    assert "comes after" not in html
    client.post(url, data={"title": "Long talk", "minutes": 200, "day": 1, "method": "panel", "stage": "divergence"})
    html = " ".join(page(client.get(url)).split())
    assert "The agenda runs 95 minutes past the meeting's end." in html


def test_ready_made_agendas_follow_the_stages(app, client, auth, world):
    from phases.convening.models import STAGES

    uuid = plan(app, world.dialogue, ends_at=datetime(2026, 5, 12, 14, 0, tzinfo=timezone.utc))
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/meetings/{uuid}/agenda"
    for template in ("half_day", "full_day"):
        client.post(f"{url}/template", data={"template": template})
        with app.app_context():
            meeting = meeting_of(uuid)
            check = services.check_agenda(meeting)
            stages = [i.stage for i in meeting.items if i.stage]
            assert check.missing_stages == [] and check.out_of_order == [], template
            assert [s for s in STAGES if s in stages] == list(dict.fromkeys(stages)), template
    # two days: each day starts at the meeting's start time again
    uuid = plan(app, world.dialogue, ends_at=datetime(2026, 5, 13, 14, 0, tzinfo=timezone.utc))
    with app.app_context():
        meeting = meeting_of(uuid)
        services.apply_template(meeting, db.session.get(User, world.lead.id), "two_days")
        db.session.commit()
        schedule = meeting.schedule()
        second_day = [start for item, start, end in schedule if item.day == 2]
        assert second_day[0].hour == 9 and second_day[0].day == 13
        assert services.check_agenda(meeting).out_of_order == []


# -- attendance ----------------------------------------------------------------------------------
def test_check_in_at_the_door(app, client, auth, world):
    uuid = plan(app, world.dialogue)
    amina = person(app, world.dialogue, person="Amina Wario", organisation="Herders' Cooperative")
    person(app, world.dialogue, person="Juma Bakari", organisation="County Water Office", sector="government",
           gender="man")
    declined = person(app, world.dialogue, person="Said Bora", invitation="declined")
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/meetings/{uuid}/attendance"
    html = page(client.get(url))
    assert "Amina Wario" in html and "Juma Bakari" in html and "Said Bora" not in html
    assert "Amina Wario" in page(client.get(url + "?q=herders")) and "Juma" not in page(client.get(url + "?q=herders"))
    assert "Said Bora" in page(client.get(url + "?q=said"))  # found when searched for
    assert client.post(f"{url}/{amina}", data={}).status_code == 302
    assert client.post(f"{url}/{amina}", data={}).status_code == 302  # twice is once
    assert client.post(f"{url}/{declined}", data={}).status_code == 302
    with app.app_context():
        meeting = meeting_of(uuid)
        assert len(meeting.attendance) == 2
        turnout = services.turnout(load(world.dialogue), meeting)
        assert (turnout.invited, turnout.came) == (2, 2)
    client.post(f"{url}/{declined}", data={"undo": "1"})
    with app.app_context():
        assert len(meeting_of(uuid).attendance) == 1


def test_a_check_in_for_another_dialogues_stakeholder_is_refused(app, client, auth, world):
    uuid = plan(app, world.dialogue)
    with app.app_context():
        other = db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == world.other_dialogue.uuid))
        stranger = mapping.add_stakeholder(other, None, organisation="Elsewhere", sector="media")
        db.session.commit()
        stranger_uuid = stranger.uuid
    auth.login(world.facilitator)
    response = client.post(f"/d/{world.dialogue.uuid}/meetings/{uuid}/attendance/{stranger_uuid}", data={})
    assert response.status_code == 404
    with app.app_context():
        assert meeting_of(uuid).attendance == []
        other = db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == world.other_dialogue.uuid))
        with pytest.raises(services.ServiceError):
            services.check_in(meeting_of(uuid), db.session.get(User, world.lead.id),
                              mapping.stakeholder_of(other, stranger_uuid))


def test_a_walk_in_joins_the_register_and_is_checked_in(app, client, auth, world):
    uuid = plan(app, world.dialogue)
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/meetings/{uuid}/attendance/walk-in"
    response = client.post(url, data={"person": "Hawa Guyo", "organisation": "", "sector": "", "level": "local",
                                      "influence": "3", "interest": "3", "stance": "unknown"})
    assert response.status_code == 422 and "Choose the sector." in page(response)
    response = client.post(url, data={"person": "Hawa Guyo", "organisation": "Youth Network", "sector": "community",
                                      "level": "local", "influence": "3", "interest": "3", "stance": "unknown",
                                      "consent_named": "y", "age_group": "youth"})
    assert response.status_code == 302, page(response)[page(response).find("error"):][:500]
    with app.app_context():
        meeting = meeting_of(uuid)
        assert [(a.stakeholder.person, a.walk_in) for a in meeting.attendance] == [("Hawa Guyo", True)]
        assert meeting.attendance[0].stakeholder.invitation == "accepted"


# -- the record and evaluations ---------------------------------------------------------------------
def test_record_notes_outcomes_and_reflection(app, client, auth, world):
    uuid = plan(app, world.dialogue)
    with app.app_context():
        item = services.add_item(meeting_of(uuid), None, title="Options", minutes=60, method="world_cafe",
                                 stage="co_creation")
        db.session.commit()
        item_uuid, item_version = item.uuid, item.version
    auth.login(world.facilitator)
    base = f"/d/{world.dialogue.uuid}/meetings/{uuid}"
    response = client.post(f"{base}/outcomes", data={"kind": "agreement", "text": ""})
    assert response.status_code == 422
    assert client.post(f"{base}/outcomes", data={"kind": "agreement",
                                                 "text": "Water points open at dawn for herders"}).status_code == 302
    assert client.post(f"{base}/outcomes", data={"kind": "proposal",
                                                 "text": "A joint water committee"}).status_code == 302
    html = page(client.get(f"{base}/record"))
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    assert client.post(f"{base}/record", data={
        "version": version, f"notes-{item_uuid}": "Three options came up.", f"nv-{item_uuid}": item_version,
        "reflection": "Herders spoke more than last time."}).status_code == 302
    with app.app_context():
        meeting = meeting_of(uuid)
        assert meeting.items[0].notes == "Three options came up."
        assert meeting.reflection == "Herders spoke more than last time."
        assert [o.kind for o in meeting.outcomes] == ["agreement", "proposal"]
    overview = " ".join(page(client.get(f"{base}/")).split())
    assert "Agreements" in overview and "Water points open at dawn for herders" in overview


def test_evaluations_on_paper_and_online(app, client, auth, world):
    uuid = plan(app, world.dialogue)
    auth.login(world.facilitator)
    base = f"/d/{world.dialogue.uuid}/meetings/{uuid}/evaluations"
    response = client.post(base, data={})
    assert response.status_code == 422 and "Fill in at least one answer." in page(response)
    assert client.post(base, data={"useful": "4", "heard": "5", "come_back": "yes", "change": "More time"}
                       ).status_code == 302
    html = page(client.post(f"{base}/link", data={}))
    link = re.search(r'value="(http://[^"]+/evaluate/[^"]+)"', html).group(1)
    assert link not in page(client.get(base))  # shown once
    auth.logout()
    path = link.split("localhost", 1)[-1]
    assert client.get(path).status_code == 200
    assert client.post(path, data={"useful": "2", "heard": "3", "come_back": "maybe"}).status_code == 200
    assert client.post(path, data={"useful": "1", "website": "http://spam.example"}).status_code == 200  # a robot
    with app.app_context():
        summary = services.summarise(meeting_of(uuid))
        assert summary.count == 2 and summary.useful == 3.0 and summary.by_source["online"] == 1
        services.close_evaluation_link(meeting_of(uuid), db.session.get(User, world.lead.id))
        db.session.commit()
    assert client.get(path).status_code == 404
    assert client.get("/evaluate/not-a-real-token").status_code == 404


# -- the facilitator's pack -----------------------------------------------------------------------
def _pack_world(app, info):
    uuid = plan(app, info)
    with app.app_context():
        meeting = meeting_of(uuid)
        services.apply_template(meeting, db.session.get(User, info.lead.id), "half_day")
        db.session.commit()
    person(app, info, person="Amina Wario", organisation="Herders' Cooperative", consent_named=True)
    person(app, info, person="Juma Bakari", organisation="County Water Office", consent_named=False,
           sector="government")
    person(app, info, person="Abdi Guyo", organisation="Rights Network", at_risk=True, consent_named=False)
    person(app, info, person="Halima Said", organisation="Women Traders", at_risk=True, consent_named=True)
    return uuid


def _render(app, info, kind, lang="en", meeting=None):
    from dialogue.documents import render

    with app.test_request_context(), app.app_context():
        options = {"meeting": meeting} if meeting else {}
        return render(kind, lang, load(info), **options)[0]


def test_sign_in_sheet_and_name_cards_respect_consent(app, world, tmp_path):
    need("pdftotext")
    uuid = _pack_world(app, world.dialogue)
    sheet = compact(pdftotext(_render(app, world.dialogue, "sign-in-sheet", meeting=uuid), tmp_path))
    assert compact("Amina Wario") in sheet and compact("Herders' Cooperative") in sheet
    assert compact("Juma Bakari") not in sheet and compact("County Water Office") in sheet
    assert compact("Abdi Guyo") not in sheet and compact("Rights Network") not in sheet
    assert compact("Halima Said") not in sheet
    cards_pdf = _render(app, world.dialogue, "name-cards", meeting=uuid)
    cards = compact(pdftotext(cards_pdf, tmp_path, "cards.pdf"))
    assert page_count(cards_pdf, tmp_path) == 4
    assert compact("Juma Bakari") in cards  # in the room, by their own card
    assert compact("Abdi Guyo") not in cards and compact("Rights Network") not in cards
    assert compact("Halima Said") in cards and compact("Women Traders") not in cards


def test_the_pack_in_every_language(app, world, tmp_path):
    need("pdftotext")
    uuid = _pack_world(app, world.dialogue)
    for lang in app.config["LANGUAGES"]:
        data = _render(app, world.dialogue, "facilitator-pack", lang, meeting=uuid)
        assert page_count(data, tmp_path) >= 6, lang
    text = compact(pdftotext(_render(app, world.dialogue, "facilitator-pack", "en", meeting=uuid), tmp_path))
    for expected in ("Listen to understand", "Welcome, introductions and ground rules", "Amina Wario"):
        assert compact(expected) in text


def test_meeting_documents_take_the_meeting_from_the_link(app, client, auth, world):
    uuid = _pack_world(app, world.dialogue)
    auth.login(world.facilitator)
    base = f"/d/{world.dialogue.uuid}/documents"
    assert client.get(f"{base}/meeting-agenda.pdf?lang=en&meeting={uuid}").status_code == 200
    assert client.get(f"{base}/meeting-agenda.pdf?lang=en&meeting=00000000-0000-4000-8000-000000000000"
                      ).status_code == 404
    assert client.get(f"{base}/stakeholder-map.pdf?lang=en&meeting={uuid}").status_code == 200  # ignored


def test_invitation_letters_give_the_main_meetings_date_and_venue(app, world, tmp_path):
    need("pdftotext")
    plan(app, world.dialogue)
    person(app, world.dialogue, person="Amina Wario", invitation="invited")
    from dialogue.documents import render

    with app.test_request_context(), app.app_context():
        data, _name = render("invitations", "en", load(world.dialogue))
    text = compact(pdftotext(data, tmp_path))
    assert compact("Isiolo Social Hall") in text and "2026" in text
    assert compact("We will confirm the date and the venue shortly.") not in text


# -- the package ------------------------------------------------------------------------------------
def test_package_carries_meetings_and_outcomes(app, empty_app, world):  # noqa: F811
    uuid = _pack_world(app, world.dialogue)
    with app.app_context():
        meeting = meeting_of(uuid)
        lead = db.session.get(User, world.lead.id)
        services.check_in(meeting, lead, mapping.stakeholders_of(load(world.dialogue))[0])
        services.add_outcome(meeting, lead, kind="vision", text="Water for all, in peace")
        services.add_evaluation(meeting, useful=4, heard=None, come_back="yes", change="", source="paper")
        db.session.commit()
        data = package.export_dialogue(load(world.dialogue))
        assert package.validate(data) == []
    assert data["meetings"][0]["agenda"][0]["stage"] == "connection"
    assert data["meetings"][0]["attendance"][0]["stakeholder_uuid"] == data["stakeholders"][0]["uuid"]
    assert data["outcomes"][0]["kind"] == "vision"
    with empty_app.app_context():
        imported = package.import_package(package.loads(package.dumps(data).encode()))
        db.session.commit()
        again = package.export_dialogue(imported)
    assert again["meetings"] == data["meetings"] and again["outcomes"] == data["outcomes"]
    # attendance of someone not in the register is refused, by path
    data["meetings"][0]["attendance"][0]["stakeholder_uuid"] = "00000000-0000-4000-8000-000000000000"
    with app.app_context():
        assert "$.meetings[0].attendance[0].stakeholder_uuid" in dict(package.validate(data))


# -- scale ---------------------------------------------------------------------------------------------
def test_attendance_queries_do_not_grow_with_the_invitees(app, client, auth, make_dialogue, make_user,
                                                          count_queries):
    facilitator = make_user()
    counts = []
    for size in (10, 300):
        info = make_dialogue(facilitators=[facilitator])
        with app.app_context():
            mapping.import_stakeholders(load(info), None, [
                {"organisation": f"Organisation {i}", "person": f"Person {i}", "sector": "civil_society",
                 "invitation": "invited"} for i in range(size)])
            db.session.commit()
        uuid = plan(app, info)
        with app.app_context():
            meeting = meeting_of(uuid)
            for s in mapping.stakeholders_of(load(info))[: size // 2]:
                db.session.add(Attendance(meeting=meeting, stakeholder=s))
            db.session.commit()
        auth.login(facilitator)
        url = f"/d/{info.uuid}/meetings/{uuid}/attendance"
        client.get(url)
        with count_queries() as q:
            assert client.get(url).status_code == 200
        counts.append(q.count)
    assert counts[0] == counts[1], counts


def test_demo_has_a_held_meeting_everywhere_and_one_upcoming(app):
    from dialogue.demo import load_demo
    from dialogue.models import utcnow

    with app.app_context():
        load_demo()
        db.session.commit()
        upcoming = 0
        for dialogue in db.session.scalars(db.select(Dialogue)):
            meetings = services.meetings_of(dialogue)
            held = [m for m in meetings if m.is_held()]
            assert held and held[0].items and held[0].attendance and held[0].outcomes, dialogue.country
            upcoming += sum(1 for m in meetings if m.starts_at > utcnow())
        assert upcoming == 1


# -- what the first review of phase 2 found ----------------------------------------------------------
def test_name_cards_and_the_pack_are_for_members_only(app, client, auth, world):
    uuid = _pack_world(app, world.dialogue)
    auth.login(world.coordinator)
    base = f"/d/{world.dialogue.uuid}/documents"
    for kind in ("name-cards", "facilitator-pack"):
        assert client.get(f"{base}/{kind}.pdf?lang=en&meeting={uuid}").status_code == 403, kind
    assert client.get(f"{base}/meeting-agenda.pdf?lang=en&meeting={uuid}").status_code == 200


def test_packages_with_clashing_or_impossible_values_are_refused_by_path(app, world, make_dialogue):
    uuid = _pack_world(app, world.dialogue)
    with app.app_context():
        meeting = meeting_of(uuid)
        services.add_outcome(meeting, None, kind="vision", text="Water for all")
        db.session.commit()
        data = package.export_dialogue(load(world.dialogue))
    other = make_dialogue()
    with app.app_context():
        copy = package.export_dialogue(db.session.get(Dialogue, other.id))
    copy["meetings"] = [dict(data["meetings"][0], uuid="11111111-1111-4111-8111-111111111111", attendance=[],
                             evaluations=[])]
    copy["outcomes"] = [dict(data["outcomes"][0], meeting_uuid="11111111-1111-4111-8111-111111111111")]
    with app.app_context():
        errors = dict(package.validate(copy))
    assert "$.meetings[0].agenda[0].uuid" in errors and "$.outcomes[0].uuid" in errors
    data["meetings"][0]["starts_at"] = "2026-02-30T09:00:00Z"
    with app.app_context():
        assert "$.meetings[0].starts_at" in dict(package.validate(data))


def test_a_meeting_across_a_clock_change(app, client, auth, world):
    auth.login(world.facilitator)
    base = f"/d/{world.dialogue.uuid}/meetings"
    # Berlin moves from 02:00 to 03:00 on 29 March 2026
    response = client.post(f"{base}/new", data=meeting_form(timezone="Europe/Berlin", date="2026-03-29",
                                                            start="02:30", end="04:00"))
    assert response.status_code == 422 and "does not exist in that time zone" in page(response)
    response = client.post(f"{base}/new", data=meeting_form(date="9999-12-31"))
    assert response.status_code == 422 and "Give a date between 2000 and 2100." in page(response)
    assert client.post(f"{base}/new", data=meeting_form(timezone="Europe/Berlin", date="2026-03-29", start="01:30",
                                                        end="04:00")).status_code == 302
    with app.app_context():
        meeting = services.meetings_of(load(world.dialogue))[0]
        assert meeting.minutes == 90  # an hour of the night never happened


def test_ready_made_agendas_never_replace_recorded_notes(app, client, auth, world):
    uuid = _pack_world(app, world.dialogue)
    with app.app_context():
        meeting_of(uuid).items[0].notes = "What was said"
        db.session.commit()
    auth.login(world.lead)
    client.post(f"/d/{world.dialogue.uuid}/meetings/{uuid}/agenda/template", data={"template": "full_day"})
    with app.app_context():
        assert meeting_of(uuid).items[0].notes == "What was said" and len(meeting_of(uuid).items) == 8


def test_agenda_days_stay_within_the_meeting_and_facilitators_do_not_delete(app, client, auth, world):
    uuid = plan(app, world.dialogue)
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/meetings/{uuid}/agenda"
    response = client.post(url, data={"title": "Day five", "minutes": 30, "day": 5, "method": "plenary", "stage": ""})
    assert response.status_code == 422 and "Choose a day within the meeting" in page(response)
    with app.app_context():
        item = services.add_item(meeting_of(uuid), None, title="Welcome", minutes=30, method="plenary")
        db.session.commit()
        item_uuid = item.uuid
    assert client.post(f"{url}/{item_uuid}/delete", data={}).status_code == 403
    html = page(client.get(f"/d/{world.dialogue.uuid}/meetings/{uuid}/record"))
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    response = client.post(f"/d/{world.dialogue.uuid}/meetings/{uuid}/record",
                           data={"version": version, f"notes-{item_uuid}": "x", f"nv-{item_uuid}": "abc"})
    assert response.status_code in (302, 422)


def test_the_packs_data_does_not_query_per_invitee(app, make_dialogue, count_queries):
    from dialogue import pdf
    from phases.convening import documents

    counts = []
    for size in (10, 300):
        info = make_dialogue()
        with app.app_context():
            mapping.import_stakeholders(load(info), None, [
                {"organisation": f"Organisation {i}", "person": f"Person {i}", "sector": "civil_society",
                 "invitation": "invited", "consent_named": i % 2 == 0, "at_risk": i % 9 == 0} for i in range(size)])
            db.session.commit()
        uuid = plan(app, info)
        with count_queries() as q, app.test_request_context():
            dialogue = load(info)
            meeting = meeting_of(uuid)
            context = documents.context_for(dialogue, meeting, "en")
            html = pdf.render_html("pdf/convening/pack.html", lang="en", title="Pack", context=context)
        assert len(context["cards"]) == size and "Person 2" in html
        counts.append(q.count)
    assert counts[0] == counts[1], counts


def test_completing_and_reopening_the_dialogue_phase(app, client, auth, world):
    uuid = plan(app, world.dialogue)  # in 2026, held
    with app.app_context():
        dialogue = load(world.dialogue)
        dialogue.phase = "convening"
        db.session.commit()
    auth.login(world.lead)
    url = f"/d/{world.dialogue.uuid}/meetings/complete"
    client.post(url, data={})
    with app.app_context():
        assert load(world.dialogue).phase == "convening"  # nothing recorded yet
        services.add_outcome(meeting_of(uuid), None, kind="agreement", text="Open the points")
        db.session.commit()
    auth.logout()
    auth.login(world.facilitator)
    assert client.post(url, data={}).status_code == 403
    auth.logout()
    auth.login(world.lead)
    assert client.post(url, data={}).status_code == 302
    with app.app_context():
        assert load(world.dialogue).phase == "followup"
    client.post(f"/d/{world.dialogue.uuid}/meetings/reopen", data={})
    with app.app_context():
        assert load(world.dialogue).phase == "convening"
