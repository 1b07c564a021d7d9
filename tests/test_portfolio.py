"""The coordinators' portfolio, its spreadsheet and the comparison (dialogue/review/).

Who gets in; the filters; the figures on a small constructed case (invited, attended and
committing by sector, kept out of made); the spreadsheet (formula cells neutralised); no
person's name anywhere; lessons only from approved case studies; and the number of queries
does not grow with the number of dialogues.
"""
from __future__ import annotations

import csv
import io
import itertools
import re
from datetime import date, datetime, timezone

import pytest

from dialogue.extensions import db
from dialogue.models import Dialogue, User
from support import find_all, is_login_redirect, parse_page

URLS = ("/portfolio/", "/portfolio/portfolio.csv", "/portfolio/compare")

#: names of people who must never reach a coordinator's portfolio, spreadsheet or comparison
HIDDEN_NAME = "Wanjiru Kamau-Hidden"
AT_RISK_NAME = "Halima Osman-AtRisk"
NAMED_NAME = "Joseph Named-Official"

_counter = itertools.count(1)


def when(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, 0, tzinfo=timezone.utc)


def populate(app, dialogue_id: int, lead_id: int, *, full: bool = True) -> None:
    """A small dialogue whose figures are known:

    register: a named official (government), a person not to be named and a person at risk
    (civil society), a company not invited (private sector), and an entry deleted as a mistake
    (government, invited) — mapped 4, invited 3 (government 1, civil society 2);
    two meetings: the official came to both, the two others to one each — attended 3
    (government 1, civil society 2), first meeting 12 May, last 3 June 2026;
    commitments: #1 held by the official and both civil-society people, done; #2 by the person
    at risk, on track; #3 by the official, dropped — made 2, kept 1, dropped 1; committing:
    government 1, civil society 2 (a joint commitment counts once per sector);
    completion: 0 % on 1 March, 50 % on 1 April.
    """
    from phases.convening import services as convening
    from phases.followup import services as followup
    from phases.mapping import services as mapping

    with app.app_context():
        dialogue = db.session.get(Dialogue, dialogue_id)
        lead = db.session.get(User, lead_id)
        official = mapping.add_stakeholder(dialogue, lead, organisation="County Water Office", person=NAMED_NAME,
                                           sector="government", consent_named=True, invitation="accepted")
        hidden = mapping.add_stakeholder(dialogue, lead, organisation="Isiolo Women Group", person=HIDDEN_NAME,
                                         sector="civil_society", consent_named=False, invitation="invited")
        at_risk = mapping.add_stakeholder(dialogue, lead, organisation="Herders Network", person=AT_RISK_NAME,
                                          sector="civil_society", at_risk=True, consent_named=True,
                                          invitation="accepted")
        mapping.add_stakeholder(dialogue, lead, organisation="Borehole Drillers Ltd", sector="private_sector")
        mistake = mapping.add_stakeholder(dialogue, lead, organisation="Duplicate", sector="government",
                                          invitation="invited")
        if not full:  # the register only
            mapping.delete_stakeholder(mistake, lead)
            db.session.commit()
            return
        first = convening.create_meeting(
            dialogue, lead, title="Main meeting", kind="main", starts_at=datetime(2026, 5, 12, 6, 0, tzinfo=timezone.utc),
            ends_at=datetime(2026, 5, 12, 13, 0, tzinfo=timezone.utc), timezone="Africa/Nairobi", venue="Hall")
        second = convening.create_meeting(
            dialogue, lead, title="Follow-up", kind="followup",
            starts_at=datetime(2026, 6, 3, 6, 0, tzinfo=timezone.utc),
            ends_at=datetime(2026, 6, 3, 9, 0, tzinfo=timezone.utc), timezone="Africa/Nairobi", venue="Hall")
        for meeting, people in ((first, (official, hidden, mistake)), (second, (official, at_risk))):
            for person in people:
                convening.check_in(meeting, lead, person)
        joint = followup.create_commitment(dialogue, lead, owners=[official.uuid, hidden.uuid, at_risk.uuid],
                                           title="Open the water points at dawn")
        single = followup.create_commitment(dialogue, lead, owners=[at_risk.uuid], title="Count the herds")
        dropped = followup.create_commitment(dialogue, lead, owners=[official.uuid], title="A new borehole")
        followup.add_update(joint, status="on_track", progress=50, actor=lead, when=when(3, 1))
        followup.add_update(single, status="on_track", progress=20, actor=lead, when=when(3, 1))
        followup.add_update(dropped, status="dropped", progress=0, actor=lead, when=when(3, 1))
        followup.add_update(joint, status="done", progress=100, actor=lead, when=when(4, 1))
        mapping.delete_stakeholder(mistake, lead)
        db.session.commit()


def approve(app, dialogue_id: int, lead_id: int, *, status: str = "approved", lesson: str = "") -> None:
    from dialogue.casestudy import services as casestudy
    from phases.followup import services as followup

    with app.app_context():
        dialogue = db.session.get(Dialogue, dialogue_id)
        lead = db.session.get(User, lead_id)
        record = casestudy.save_narrative(dialogue, lead, version=None, content_language="en",
                                          summary="What happened in the valley.")
        if lesson:
            followup.save_lesson(dialogue, lead, phase="convening", version=None, worked=lesson)
        record.status = status
        db.session.commit()


@pytest.fixture
def coordinator(make_user):
    return make_user(role="coordinator", name="Amina Coordinator")


@pytest.fixture
def as_coordinator(client, auth, coordinator):
    assert auth.login(coordinator).status_code == 302
    return client


def text_of(response) -> str:
    return response.get_data(as_text=True)


def read_csv(response) -> list[list[str]]:
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so spreadsheets read the accents"
    text = raw[3:].decode("utf-8")
    delimiter = ";" if text.split("\r\n", 1)[0].count(";") > text.split("\r\n", 1)[0].count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


# -- who gets in ------------------------------------------------------------------------------
@pytest.mark.parametrize("url", URLS)
def test_coordinators_only(world, client, auth, url):
    assert is_login_redirect(client.get(url)), "anonymous users are sent to log in"
    for who in (world.lead, world.facilitator, world.outsider):
        auth.login(who)
        assert client.get(url).status_code == 403, who.email
        auth.logout()
    auth.login(world.coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv" if url.endswith(".csv") else "text/html")


# -- the portfolio page -----------------------------------------------------------------------
def test_portfolio_lists_every_dialogue_with_its_figures(app, make_user, make_dialogue, as_coordinator):
    lead = make_user()
    valley = make_dialogue(lead=lead, title="The river valley dialogue", country="KE", organisation="Pamoja Forum")
    quiet = make_dialogue(title="A quiet start", country="EC", organisation="Fundación Agua")
    populate(app, valley.id, lead.id)
    approve(app, valley.id, lead.id, status="submitted")

    response = as_coordinator.get("/portfolio/")
    html = text_of(response)
    assert response.status_code == 200
    for piece in ("The river valley dialogue", "Kenya", "Pamoja Forum", "A quiet start", "Ecuador",
                  "Fundación Agua", "Submitted for review", "Not started", "2 of 2 dialogues shown",
                  f'href="/d/{valley.uuid}/"', f'href="/d/{quiet.uuid}/"',
                  "May 12, 2026 to Jun 3, 2026", "2 meetings",
                  "Government 1", "Civil society 2", "1 of 2", "50%", "1 dropped"):
        assert piece in html, piece
    # one checkbox per dialogue, to choose what to compare, each with a label
    page = parse_page(html)
    boxes = [e for e in find_all(page, "input") if e.attrs.get("name") == "d"]
    assert sorted(b.attrs["value"] for b in boxes) == sorted([valley.uuid, quiet.uuid])
    assert all(b.attrs.get("aria-labelledby") for b in boxes)


def test_the_figures_of_a_small_case(app, make_user, make_dialogue):
    """Counted the way the portfolio's notes say: deleted entries left out, a person counted once
    per dialogue however many meetings, a joint commitment once per sector, dropped apart."""
    from dialogue.review import portfolio

    lead = make_user()
    info = make_dialogue(lead=lead)
    populate(app, info.id, lead.id)
    with app.test_request_context():
        (row,) = portfolio.rows()
        assert (row.mapped, row.invited, row.attended) == (4, 3, 3)
        assert row.invited_by_sector == {"government": 1, "civil_society": 2}
        assert row.attended_by_sector == {"government": 1, "civil_society": 2}
        assert row.committing_by_sector == {"government": 1, "civil_society": 2}
        assert (row.made, row.kept, row.dropped) == (2, 1, 1)
        assert (row.meetings, row.first_meeting, row.last_meeting) == (2, date(2026, 5, 12), date(2026, 6, 3))
        assert row.completion == [(date(2026, 3, 1), 0.0), (date(2026, 4, 1), 0.5)]
        assert row.case_study == "none" and row.partner == "Pamoja Forum"


def test_filters_by_country_phase_and_status(app, make_user, make_dialogue, as_coordinator):
    lead = make_user()
    kenya = make_dialogue(lead=lead, title="Kenyan river dialogue", country="KE")
    ecuador = make_dialogue(lead=lead, title="Ecuadorian paramo dialogue", country="EC")
    make_dialogue(lead=lead, title="Cape Verde fisheries dialogue", country="CV")
    approve(app, ecuador.id, lead.id)
    with app.app_context():
        db.session.get(Dialogue, kenya.id).phase = "convening"
        db.session.commit()

    def titles(query):
        html = text_of(as_coordinator.get("/portfolio/" + query))
        return {t for t in ("Kenyan river", "Ecuadorian paramo", "Cape Verde fisheries") if t in html}

    assert titles("") == {"Kenyan river", "Ecuadorian paramo", "Cape Verde fisheries"}
    assert titles("?country=EC") == {"Ecuadorian paramo"}
    assert titles("?country=ke") == {"Kenyan river"}
    assert titles("?phase=convening") == {"Kenyan river"}
    assert titles("?status=approved") == {"Ecuadorian paramo"}
    assert titles("?status=none") == {"Kenyan river", "Cape Verde fisheries"}
    assert titles("?country=KE&status=approved") == set()
    assert "No dialogue matches these filters." in text_of(as_coordinator.get("/portfolio/?country=KE&status=approved"))
    # a value the filters do not offer filters nothing
    assert len(titles("?phase=nonsense&status=<b>")) == 3
    # the form keeps the choice, and offers the countries there are
    page = parse_page(text_of(as_coordinator.get("/portfolio/?country=EC")))
    options = [e for e in find_all(page, "option")]
    assert any(o.attrs.get("value") == "EC" and "selected" in o.attrs for o in options)
    assert {o.attrs.get("value") for o in options} >= {"", "KE", "EC", "CV", "mapping", "approved", "none"}
    # the spreadsheet and the comparison follow the same filters
    assert "Ecuadorian paramo" in text_of(as_coordinator.get("/portfolio/portfolio.csv?country=EC"))
    assert "Kenyan river" not in text_of(as_coordinator.get("/portfolio/portfolio.csv?country=EC"))
    compared = text_of(as_coordinator.get("/portfolio/compare?country=EC"))
    assert "Ecuadorian paramo" in compared and "Kenyan river" not in compared


# -- the spreadsheet --------------------------------------------------------------------------
def test_csv_holds_the_rows_and_neutralises_formulas(app, make_user, make_dialogue, as_coordinator):
    lead = make_user()
    info = make_dialogue(lead=lead, title="The river valley dialogue", organisation='=HYPERLINK("http://x.example","y")')
    populate(app, info.id, lead.id)
    response = as_coordinator.get("/portfolio/portfolio.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="portfolio.csv"'
    assert response.mimetype == "text/csv"
    header, row = read_csv(response)
    record = dict(zip(header, row))
    assert record["Dialogue"] == "The river valley dialogue"
    assert record["Country"] == "Kenya"
    assert record["Convening partner"] == '\'=HYPERLINK("http://x.example","y")', "a formula is shown as text"
    assert record["Phase"] == "Stakeholder mapping"
    assert (record["First meeting"], record["Last meeting"], record["Meetings"]) == ("2026-05-12", "2026-06-03", "2")
    assert (record["Stakeholders mapped"], record["Invited"], record["Participants"]) == ("4", "3", "3")
    assert record["Participants: Government"] == "1" and record["Participants: Civil society"] == "2"
    assert record["Participants: Private sector"] == "0"
    assert (record["Commitments made"], record["Commitments kept"], record["Commitments dropped"]) == ("2", "1", "1")
    assert record["Case study"] == "Not started" and record["Identifier"] == info.uuid


def test_csv_in_french_uses_semicolons(app, make_dialogue, as_coordinator):
    make_dialogue(title="Dialogue de la vallée", country="CV")
    as_coordinator.post("/language", data={"lang": "fr", "next": "/"})
    response = as_coordinator.get("/portfolio/portfolio.csv")
    text = response.get_data()[3:].decode("utf-8")
    assert text.split("\r\n", 1)[0].count(";") > 5
    rows = read_csv(response)
    assert rows[1][0] == "Dialogue de la vallée" and rows[1][1] == "Cap-Vert"


# -- privacy ----------------------------------------------------------------------------------
def test_no_person_is_named_anywhere(app, make_user, make_dialogue, as_coordinator):
    """Counts and sectors only: not the person who did not agree to be named, not the person at
    risk, not even the person who agreed to be named; nor the leads."""
    lead = make_user(name="Grace Lead-Person")
    info = make_dialogue(lead=lead)
    populate(app, info.id, lead.id)
    approve(app, info.id, lead.id, lesson="Meet at dawn, before the heat")
    pages = [as_coordinator.get(url) for url in URLS] + [as_coordinator.get(f"/portfolio/compare?d={info.uuid}")]
    for response in pages:
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        for name in (HIDDEN_NAME, AT_RISK_NAME, NAMED_NAME, "Kamau", "Osman", "Grace Lead-Person"):
            assert name not in body, f"{name} in {response.request.path}"
    assert "Meet at dawn, before the heat" in text_of(pages[-1])


# -- the comparison ---------------------------------------------------------------------------
def test_compare_sets_the_chosen_dialogues_side_by_side(app, make_user, make_dialogue, as_coordinator):
    lead = make_user()
    valley = make_dialogue(lead=lead, title="The river valley dialogue", country="KE")
    coast = make_dialogue(lead=lead, title="The coast dialogue", country="CV")
    other = make_dialogue(lead=lead, title="Not chosen", country="EC")
    populate(app, valley.id, lead.id)
    populate(app, coast.id, lead.id, full=False)
    response = as_coordinator.get(f"/portfolio/compare?d={valley.uuid}&d={coast.uuid}&d=not-a-uuid")
    html = text_of(response)
    assert response.status_code == 200
    assert "The river valley dialogue" in html and "The coast dialogue" in html and "Not chosen" not in html
    assert other.uuid not in html
    # the sectors table: rows are sectors, each dialogue has invited / attended / committing
    page = parse_page(html)
    table = next(t for t in find_all(page, "table") if "pf-sectors" in (t.attrs.get("class") or ""))
    body = " ".join(table.text.split())
    assert "Government" in body and "Civil society" in body
    government = html.split('<th scope="row">Government</th>', 1)[1].split("</tr>", 1)[0]
    numbers = [" ".join(cell.split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", government, re.S)]
    # valley: invited 1 (of 3), attended 1 (of 3), committing 1 (of 2 made); coast: invited 1 (of 3), no more
    assert numbers == ["1 <small>33%</small>", "1 <small>33%</small>", "1 <small>50%</small>",
                       "1 <small>33%</small>", "–", "–"], numbers
    # completion over time: one SVG with one line for the dialogue with progress, an HTML legend
    svg = html.split("<svg class=\"chart pf-chart\"", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<polyline") == 1
    # 0 % done on 1 March, 50 % from 1 April: a step up at the chart's end (600 wide, 220 high)
    assert 'points="0.0,220.0 600.0,220.0 600.0,110.0"' in svg
    assert "1. Kenya: 50% done" in html
    assert "No progress reported yet: The coast dialogue." in html
    assert " style=" not in html and "<script" not in html


def test_compare_default_is_the_filtered_portfolio_and_at_most_twelve(app, make_user, make_dialogue,
                                                                      as_coordinator):
    lead = make_user()
    made = [make_dialogue(lead=lead, title=f"Dialogue number {n:02d}", country="KE") for n in range(14)]
    make_dialogue(lead=lead, title="Elsewhere", country="EC")
    html = text_of(as_coordinator.get("/portfolio/compare?country=KE"))
    assert "You asked for 14 dialogues" in html
    assert sum(f"Dialogue number {n:02d}" in html for n in range(14)) == 12
    assert "Elsewhere" not in html
    asked = "&".join(f"d={d.uuid}" for d in made[:13])
    html = text_of(as_coordinator.get(f"/portfolio/compare?{asked}"))
    assert "You asked for 13 dialogues" in html and "Dialogue number 12" not in html
    html = text_of(as_coordinator.get(f"/portfolio/compare?d={made[0].uuid}"))
    assert "You asked for" not in html and "Dialogue number 00" in html


def test_compare_lessons_come_only_from_approved_case_studies(app, make_user, make_dialogue, as_coordinator):
    lead = make_user()
    approved = make_dialogue(lead=lead, title="Approved one", country="KE")
    draft = make_dialogue(lead=lead, title="Still a draft", country="EC")
    submitted = make_dialogue(lead=lead, title="Sent for review", country="CV")
    approve(app, approved.id, lead.id, lesson="Meet at dawn, before the heat")
    approve(app, draft.id, lead.id, status="draft", lesson="A draft lesson nobody approved")
    approve(app, submitted.id, lead.id, status="submitted", lesson="A lesson under review")
    html = text_of(as_coordinator.get("/portfolio/compare"))
    assert "Meet at dawn, before the heat" in html
    assert "A draft lesson nobody approved" not in html and "A lesson under review" not in html
    # grouped by phase, naming the country (and which of the compared dialogues)
    lessons = html.split('id="pf-lessons-heading"', 1)[1]
    assert "The dialogue" in lessons  # the phase the lesson belongs to
    assert "Kenya (dialogue 3) · What worked" in lessons  # in order of country names: Cape Verde, Ecuador, Kenya
    assert "Not included, as their case study is not approved yet" in lessons


def test_an_empty_comparison_says_so(as_coordinator):
    html = text_of(as_coordinator.get("/portfolio/compare"))
    assert "No dialogue to compare" in html
    html = text_of(as_coordinator.get("/portfolio/compare?d=00000000-0000-4000-8000-000000000000"))
    assert "No dialogue to compare" in html


# -- scale ------------------------------------------------------------------------------------
def test_scale_queries_do_not_grow_with_the_dialogues(app, make_user, make_dialogue, as_coordinator, count_queries):
    """3 dialogues or 30 (each with its register, meetings, attendance, commitments, updates, a
    case study): the portfolio, its spreadsheet and the comparison run the same queries."""
    lead = make_user()

    def add(n):
        for _ in range(n):
            info = make_dialogue(lead=lead, country=("KE", "EC", "CV", "NG", "UG")[next(_counter) % 5])
            populate(app, info.id, lead.id)
            approve(app, info.id, lead.id, lesson="Listen first")

    def counts():
        found = {}
        for url in URLS:
            with count_queries() as queries:
                assert as_coordinator.get(url).status_code == 200
            found[url] = queries.count
        return found

    add(3)
    as_coordinator.get("/portfolio/")  # warm up (first request of the session)
    few = counts()
    add(27)
    many = counts()
    assert many == few, (few, many)
    assert few["/portfolio/"] <= 12, few


def test_pages_in_arabic_are_right_to_left(app, make_user, make_dialogue, as_coordinator):
    lead = make_user()
    info = make_dialogue(lead=lead, title="حوار الوادي", country="EG")
    populate(app, info.id, lead.id)
    as_coordinator.post("/language", data={"lang": "ar", "next": "/"})
    for url in ("/portfolio/", "/portfolio/compare"):
        response = as_coordinator.get(url)
        assert response.status_code == 200
        html = text_of(response)
        assert '<html lang="ar" dir="rtl">' in html and "حوار الوادي" in html
    rows = read_csv(as_coordinator.get("/portfolio/portfolio.csv"))
    assert rows[1][0] == "حوار الوادي" and rows[1][1] == "مصر"


def test_the_portfolio_pages_and_leaves_deleted_dialogues_out(app, make_dialogue, as_coordinator, monkeypatch):
    from dialogue.review import portfolio as service

    monkeypatch.setattr(service, "PAGE_SIZE", 2)
    made = [make_dialogue(title=f"Dialogue {n}", country="KE") for n in range(5)]
    with app.app_context():
        from dialogue.models import utcnow

        db.session.get(Dialogue, made[0].id).deleted_at = utcnow()
        db.session.commit()
    first = text_of(as_coordinator.get("/portfolio/"))
    assert "Page 1 of 2" in first and "Next page" in first and "Dialogue 0" not in first
    second = text_of(as_coordinator.get("/portfolio/?page=2"))
    assert "Previous page" in second
    everything = first + second + text_of(as_coordinator.get("/portfolio/?page=99"))
    assert all(f"Dialogue {n}" in everything for n in range(1, 5))
    assert "Dialogue 0" not in text_of(as_coordinator.get("/portfolio/portfolio.csv"))
