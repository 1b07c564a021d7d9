"""Phase 0: calls for expressions of interest, applications, reviews, the ranking, decisions,
the review pack and decision letters, the ``application`` package section, scale and demo.

Every bad input is refused at its field with nothing saved; status changes the state does not
allow are refused; who sees what is checked for anonymous visitors, applicants, a call's
reviewer, another reviewer, a partner and a coordinator.
"""
from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from dialogue.extensions import db
from dialogue.models import AuditEntry, Dialogue, InvalidTransition, User, utcnow
from support import AuthActions, field_error, is_login_redirect
from test_pdf import compact, pdftotext

#: a complete, valid application as the public form sends it
ANSWERS = {
    "organisation": "Pamoja Water Forum",
    "country": "KE",
    "contact_person": "Grace Wanjiru",
    "contact_email": "grace@pamoja.example",
    "contact_phone": "+254 700 000 001",
    "challenge": "Herders and farmers clash over water points along the river. The county is revising its plan.",
    "why_now": "Two water points closed after clashes last dry season.",
    "sector_government": "County water department",
    "sector_civil_society": "Water users' associations",
    "how_reached": "Through the elders and the associations.",
    "willingness": "Both sides asked us for a lasting forum.",
    "capacity": "Six staff and a hall.",
    "motivation": "A forum that meets every season.",
    "experience": "Peace dialogues since 2018.",
    "consent": "y",
}


def call_values(**changes) -> dict:
    now = utcnow()
    values = {
        "titles": {"en": "Call for convening partners", "fr": "Appel à partenaires", "es": "Convocatoria de socios"},
        "descriptions": {"en": "Apply with a challenge.", "fr": "Proposez un défi.", "es": "Proponga un desafío."},
        "languages": ["en", "fr", "es"],
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "timezone": "Africa/Nairobi",
    }
    values.update(changes)
    return values


class CallInfo:
    def __init__(self, call):
        self.id, self.uuid, self.token = call.id, call.uuid, call.public_token
        self.criteria = [c.id for c in call.criteria]


@pytest.fixture
def people(make_user):
    """A coordinator, two reviewers of the call, a reviewer of no call, and a partner."""
    return {
        "coordinator": make_user(role="coordinator", name="Amina Coordinator"),
        "reviewer": make_user(role="reviewer", name="Kwame Reviewer"),
        "second": make_user(role="reviewer", name="Lucia Reviewer"),
        "other": make_user(role="reviewer", name="Otto Other"),
        "partner": make_user(name="Pat Partner"),
    }


@pytest.fixture
def make_call(app, people):
    """``make_call(status="open", reviewers=("reviewer", "second"), **values)``: a call made by the services."""

    def factory(status: str = "open", reviewers=("reviewer", "second"), weights=None, **changes) -> CallInfo:
        from dialogue.calls import services

        with app.app_context():
            coordinator = db.session.get(User, people["coordinator"].id)
            call = services.create_call(coordinator, reviewer_ids=[people[r].id for r in reviewers],
                                        **call_values(**changes))
            for criterion, weight in zip(call.criteria, weights or ()):
                criterion.weight = weight
            if status in ("open", "closed"):
                services.open_call(call, coordinator)
            if status == "closed":
                services.close_call(call, coordinator)
            db.session.commit()
            return CallInfo(call)

    return factory


def submit(app, call: CallInfo, lang: str = "en", **changes) -> str:
    """An application through the services; returns its uuid."""
    from dialogue.calls import services
    from dialogue.calls.models import Call

    answers = {k: v for k, v in ANSWERS.items() if not k.startswith("sector_") and k != "consent"}
    answers["stakeholders_by_sector"] = {"government": "County water department"}
    answers.update(changes)
    with app.app_context():
        application = services.submit_application(db.session.get(Call, call.id), language=lang, **answers)
        db.session.commit()
        return application.uuid


def review(app, application_uuid: str, who, values=None, *, conflict=False, comment=""):
    from dialogue.calls import services
    from dialogue.calls.models import Application

    with app.app_context():
        application = db.session.scalar(db.select(Application).where(Application.uuid == application_uuid))
        criteria = application.call.criteria
        scores = {} if conflict else {c.id: (v, "") for c, v in zip(criteria, values)}
        services.submit_review(application, db.session.get(User, who.id), conflict=conflict, scores=scores,
                               comment=comment)
        db.session.commit()


def client_as(app, user):
    client = app.test_client()
    if user is not None:
        assert AuthActions(client).login(user).status_code == 302
    return client


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


def get_application(app, application_uuid):
    from dialogue.calls.models import Application

    with app.app_context():
        row = db.session.scalar(db.select(Application).where(Application.uuid == application_uuid))
        db.session.expunge(row)
        return row


# -- status changes ---------------------------------------------------------------------------
def test_call_status_changes_refuse_invalid_transitions():
    from dialogue.calls.models import Call

    call = Call(status="draft")
    with pytest.raises(InvalidTransition):
        call.close()
    call.open()
    assert call.status == "open"
    with pytest.raises(InvalidTransition):
        call.open()
    call.close()
    assert call.status == "closed"
    with pytest.raises(InvalidTransition):
        call.close()
    call.open()  # a call closed too early may open again
    assert call.status == "open"


def test_application_status_changes_refuse_invalid_transitions():
    from dialogue.calls.models import Application

    application = Application(status="submitted")
    application.shortlist()
    with pytest.raises(InvalidTransition):
        application.shortlist()
    application.select()
    for step in (application.select, application.decline, application.shortlist):
        with pytest.raises(InvalidTransition):
            step()
    declined = Application(status="submitted")
    declined.decline()
    with pytest.raises(InvalidTransition):
        declined.select()
    with pytest.raises(InvalidTransition):
        Application(status="submitted").apply_decision("approve")


def test_what_a_visitor_finds_follows_the_status_and_the_dates():
    from dialogue.calls.models import Call

    now = utcnow()
    call = Call(status="draft", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1))
    assert call.state(now) == "draft"
    call.status = "open"
    assert call.state(now) == "accepting" and call.accepts_applications(now)
    assert call.state(now - timedelta(days=2)) == "upcoming"
    assert call.state(now + timedelta(days=2)) == "closed"
    call.status = "closed"
    assert call.state(now) == "closed" and not call.accepts_applications(now)


# -- a coordinator opens a call -----------------------------------------------------------------
def call_form(**changes) -> dict:
    data = {
        "languages": ["en", "fr"], "title_en": "Call for partners", "title_fr": "Appel à partenaires",
        "description_en": "Apply with a challenge.", "description_fr": "Proposez un défi.",
        "opens_on": "2026-03-01", "opens_time": "09:00", "closes_on": "2026-04-30", "closes_time": "17:00",
        "timezone": "Africa/Nairobi",
    }
    data.update(changes)
    return data


def test_a_coordinator_creates_a_call_with_the_methods_criteria(app, people):
    from dialogue.calls.models import Call

    client = client_as(app, people["coordinator"])
    assert client.get("/calls/new").status_code == 200
    response = client.post("/calls/new", data=call_form(reviewer_ids=[people["reviewer"].id]))
    assert response.status_code == 302
    with app.app_context():
        call = db.session.scalar(db.select(Call))
        assert call.status == "draft" and call.languages == ["en", "fr"]
        assert call.titles == {"en": "Call for partners", "fr": "Appel à partenaires"}
        assert call.timezone == "Africa/Nairobi"
        assert call.local_opens.hour == 9 and call.opens_at.hour == 6  # stored in UTC
        assert [c.code for c in call.criteria] == ["relevance", "willingness", "motivation"]
        assert [r.id for r in call.reviewers] == [people["reviewer"].id]
        assert len(call.public_token) >= 20
        uuid = call.uuid
    html = client.get(f"/calls/{uuid}/").get_data(as_text=True)
    assert "Relevance of the proposed challenge" in html and "Kwame Reviewer" in html


@pytest.mark.parametrize(("changes", "field"), [
    ({"title_fr": ""}, "title_fr"),  # every language of the call has a title
    ({"title_en": "x" * 201}, "title_en"),
    ({"description_en": "x" * 8001}, "description_en"),
    ({"languages": []}, "languages"),
    ({"closes_on": "2026-02-28"}, "closes_on"),  # a closing date before the opening date
    ({"closes_on": "2026-03-01", "closes_time": "09:00"}, "closes_on"),  # not after it either
    ({"opens_on": ""}, "opens_on"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"reviewer_ids": ["999999"]}, "reviewer_ids"),
])
def test_a_bad_call_is_refused_at_its_field_and_nothing_is_saved(app, people, changes, field):
    from dialogue.calls.models import Call

    client = client_as(app, people["coordinator"])
    response = client.post("/calls/new", data=call_form(**changes))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), field), f"no message at {field}"
    assert count(app, Call) == 0


def test_only_coordinators_create_calls(app, people):
    for who in ("reviewer", "partner"):
        client = client_as(app, people[who])
        assert client.get("/calls/new").status_code == 403
        assert client.post("/calls/new", data=call_form()).status_code == 403


def test_editing_a_call_refuses_a_stale_version(app, people, make_call):
    call = make_call(status="draft")
    client = client_as(app, people["coordinator"])
    page = client.get(f"/calls/{call.uuid}/edit").get_data(as_text=True)
    assert 'value="Call for convening partners"' in page
    data = call_form(languages=["en"], version="0")
    response = client.post(f"/calls/{call.uuid}/edit", data=data)
    assert response.status_code == 422 and "Someone else saved" in response.get_data(as_text=True)
    with app.app_context():
        from dialogue.calls.models import Call

        version = db.session.get(Call, call.id).version
    response = client.post(f"/calls/{call.uuid}/edit", data=call_form(languages=["en"], version=str(version)))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Call, call.id).languages == ["en"]


def test_opening_and_closing_from_the_page(app, people, make_call):
    from dialogue.calls.models import Call

    call = make_call(status="draft")
    client = client_as(app, people["coordinator"])
    client.post(f"/calls/{call.uuid}/close")
    with app.app_context():
        assert db.session.get(Call, call.id).status == "draft"  # a draft cannot be closed
    client.post(f"/calls/{call.uuid}/open")
    client.post(f"/calls/{call.uuid}/open")  # refused, said so
    with app.app_context():
        assert db.session.get(Call, call.id).status == "open"
    client.post(f"/calls/{call.uuid}/close")
    with app.app_context():
        assert db.session.get(Call, call.id).status == "closed"


# -- criteria ------------------------------------------------------------------------------------------
def criteria_form(app, call, **changes) -> dict:
    from dialogue.calls.models import Call

    data = {}
    with app.test_request_context():
        call_row = db.session.get(Call, call.id)
        for index, criterion in enumerate(call_row.criteria):
            data[f"criteria-{index}-uuid"] = criterion.uuid
            data[f"criteria-{index}-label"] = criterion.label("en")
            data[f"criteria-{index}-weight"] = str(criterion.weight)
    data.update(changes)
    return data


def test_criteria_are_edited_until_an_application_is_scored(app, people, make_call):
    from dialogue.calls.models import Call

    call = make_call()
    client = client_as(app, people["coordinator"])
    assert client.get(f"/calls/{call.uuid}/criteria").status_code == 200
    data = criteria_form(app, call, **{"criteria-0-weight": "3", "criteria-2-remove": "y",
                                       "criteria-1-label": "Willingness to convene everyone",
                                       "new_label": "Gender balance of the team", "new_weight": "2"})
    assert client.post(f"/calls/{call.uuid}/criteria", data=data).status_code == 302
    with app.app_context():
        criteria = db.session.get(Call, call.id).criteria
        assert [(c.code, c.weight) for c in criteria] == [("relevance", 3), ("willingness", 1), ("", 2)]
        assert criteria[1].label("en") == "Willingness to convene everyone"
        assert criteria[0].labels == {}  # the method's wording stays the catalog's
        assert criteria[2].label("en") == "Gender balance of the team"

    application = submit(app, call)
    review(app, application, people["reviewer"], [4, 4, 4])
    data = criteria_form(app, call, **{"criteria-0-weight": "1"})
    response = client.post(f"/calls/{call.uuid}/criteria", data=data, follow_redirects=True)
    assert "can no longer change" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Call, call.id).criteria[0].weight == 3


@pytest.mark.parametrize(("changes", "field"), [
    ({"criteria-0-weight": "0"}, "criteria-0-weight"),
    ({"criteria-0-weight": "11"}, "criteria-0-weight"),
    ({"criteria-0-weight": ""}, "criteria-0-weight"),
    ({"criteria-1-label": "x" * 201}, "criteria-1-label"),
    ({"new_label": "Another", "new_weight": "12"}, "new_weight"),
])
def test_bad_criteria_are_refused_at_their_field(app, people, make_call, changes, field):
    from dialogue.calls.models import Call

    call = make_call()
    client = client_as(app, people["coordinator"])
    response = client.post(f"/calls/{call.uuid}/criteria", data=criteria_form(app, call, **changes))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), field)
    with app.app_context():
        assert [c.weight for c in db.session.get(Call, call.id).criteria] == [1, 1, 1]


def test_the_last_criterion_is_never_removed(app, people, make_call):
    from dialogue.calls import services
    from dialogue.calls.models import Call
    from dialogue.services import ServiceError

    call = make_call()
    with app.test_request_context():
        row = db.session.get(Call, call.id)
        rows = [{"uuid": c.uuid, "label": "", "weight": 1, "remove": True} for c in row.criteria]
        with pytest.raises(ServiceError):
            services.save_criteria(row, db.session.get(User, people["coordinator"].id), rows, lang="en")


# -- applying ------------------------------------------------------------------------------------------
def test_the_public_page_speaks_the_visitors_language_among_the_calls(app, make_call):
    call = make_call()
    client = app.test_client()
    response = client.get(f"/calls/{call.token}/", headers={"Accept-Language": "es-EC,es;q=0.9"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="es"' in html and "Convocatoria de socios" in html
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response.headers["X-Robots-Tag"] and '<meta name="robots" content="noindex">' in html
    html = client.get(f"/calls/{call.token}/?lang=fr").get_data(as_text=True)
    assert '<html lang="fr"' in html and "Appel à partenaires" in html
    assert f'href="/calls/{call.token}/?lang=es"' in html  # the switch among the call's languages
    # a language the call is not written in: the call's first
    html = client.get(f"/calls/{call.token}/?lang=pt", headers={"Accept-Language": "pt"}).get_data(as_text=True)
    assert '<html lang="en"' in html and "Call for convening partners" in html


def test_a_draft_or_unknown_call_is_not_found(app, make_call):
    call = make_call(status="draft")
    client = app.test_client()
    assert client.get(f"/calls/{call.token}/").status_code == 404
    assert client.get(f"/calls/{call.token}/apply").status_code == 404
    assert client.get("/calls/not-a-token/").status_code == 404


def test_applying_gives_a_reference_and_saves_nothing_twice(app, make_call):
    from dialogue.calls.models import Application

    call = make_call()
    client = app.test_client()
    url = f"/calls/{call.token}/apply?lang=fr"
    page = client.get(url)
    assert page.status_code == 200 and "noindex" in page.headers["X-Robots-Tag"]
    response = client.post(url, data=ANSWERS)
    assert response.status_code == 302 and response.headers["Referrer-Policy"] == "no-referrer"
    confirmation = client.get(response.headers["Location"])
    html = confirmation.get_data(as_text=True)
    year = utcnow().astimezone(ZoneInfo("Africa/Nairobi")).year
    assert f"EOI-{year}-0001" in html and confirmation.headers["Referrer-Policy"] == "no-referrer"
    assert client.get(response.headers["Location"]).status_code == 200  # a reload shows it, sends nothing
    client.post(url, data={**ANSWERS, "organisation": "Second organisation"})
    with app.app_context():
        rows = db.session.scalars(db.select(Application).order_by(Application.id)).all()
        assert [a.reference for a in rows] == [f"EOI-{year}-0001", f"EOI-{year}-0002"]
        first = rows[0]
        assert first.language == "fr" and first.status == "submitted" and first.country == "KE"
        assert first.stakeholders_by_sector == {"government": "County water department",
                                                "civil_society": "Water users' associations"}
        assert first.contact_email == "grace@pamoja.example"
    # another browser (another applicant) sees no confirmation: only the call
    other = app.test_client().get(f"/calls/{call.token}/applied")
    assert other.status_code == 302 and "EOI-" not in other.get_data(as_text=True)


@pytest.mark.parametrize(("changes", "field"), [
    ({"organisation": ""}, "organisation"),
    ({"organisation": "x" * 201}, "organisation"),
    ({"country": ""}, "country"),
    ({"country": "XX"}, "country"),
    ({"contact_person": ""}, "contact_person"),
    ({"contact_email": "not an address"}, "contact_email"),
    ({"challenge": ""}, "challenge"),
    ({"challenge": "x" * 4001}, "challenge"),
    ({"why_now": ""}, "why_now"),
    ({"how_reached": ""}, "how_reached"),
    ({"willingness": ""}, "willingness"),
    ({"capacity": ""}, "capacity"),
    ({"motivation": ""}, "motivation"),
    ({"experience": "x" * 4001}, "experience"),
    ({"sector_media": "x" * 1001}, "sector_media"),
    ({"sector_government": "", "sector_civil_society": ""}, "stakeholders"),
    ({"consent": ""}, "consent"),
    ({"contact_phone": "1" * 41}, "contact_phone"),
])
def test_a_bad_application_is_refused_at_its_field_and_nothing_is_saved(app, make_call, changes, field):
    from dialogue.calls.models import Application

    call = make_call()
    data = {k: v for k, v in {**ANSWERS, **changes}.items() if v != ""}
    response = app.test_client().post(f"/calls/{call.token}/apply?lang=en", data=data)
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), field), f"no message at {field}"
    assert count(app, Application) == 0


def test_the_honeypot_is_thanked_and_nothing_is_kept(app, make_call):
    from dialogue.calls.models import Application

    call = make_call()
    client = app.test_client()
    page = client.get(f"/calls/{call.token}/apply?lang=en").get_data(as_text=True)
    assert re.search(r'<div class="honeypot" aria-hidden="true">', page) and "style=" not in page
    response = client.post(f"/calls/{call.token}/apply?lang=en", data={**ANSWERS, "website": "http://spam.example"})
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "your application is received" in html and "EOI-" not in html
    assert count(app, Application) == 0


@pytest.mark.parametrize("status", ["closed", "upcoming", "past"])
def test_a_call_not_open_says_so_and_takes_nothing(app, make_call, status):
    from dialogue.calls.models import Application

    now = utcnow()
    if status == "closed":
        call = make_call(status="closed", closes_at=now + timedelta(days=3))
    elif status == "upcoming":
        call = make_call(opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9))
    else:  # open, but its closing time has passed
        call = make_call(opens_at=now - timedelta(days=9), closes_at=now - timedelta(hours=1))
    client = app.test_client()
    page = client.get(f"/calls/{call.token}/apply?lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'name="organisation"' not in html
    if status == "upcoming":
        assert "not open yet" in html and "(Africa/Nairobi)" in html
    elif status == "past":
        assert "This call is closed" in html and "(Africa/Nairobi)" in html
    else:  # closed by the coordinator before its closing date
        assert "This call is closed" in html
    assert "Apply</a>" not in client.get(f"/calls/{call.token}/?lang=en").get_data(as_text=True)
    response = client.post(f"/calls/{call.token}/apply?lang=en", data=ANSWERS)
    assert response.status_code == 409
    assert count(app, Application) == 0


def test_the_call_page_shows_its_dates_in_its_time_zone(app, make_call):
    closes = utcnow().replace(microsecond=0) + timedelta(days=5)
    call = make_call(closes_at=closes)
    html = app.test_client().get(f"/calls/{call.token}/?lang=en").get_data(as_text=True)
    local = closes.astimezone(ZoneInfo("Africa/Nairobi"))
    assert local.strftime("%H:%M") in html and "(Africa/Nairobi)" in html


@pytest.mark.app_config(RATELIMIT_ENABLED=True, PUBLIC_RATE_LIMIT="3 per minute")
def test_an_address_sending_too_much_is_held_off(app, make_call):
    call = make_call()
    client = app.test_client()
    answers = [client.get(f"/calls/{call.token}/apply?lang=en").status_code for _ in range(3)]
    answers.append(client.post(f"/calls/{call.token}/apply?lang=en", data=ANSWERS).status_code)
    assert answers == [200, 200, 200, 429]


def test_the_application_form_needs_its_csrf_token(csrf_app, people, make_call):
    from dialogue.calls.models import Application

    call = make_call()
    client = csrf_app.test_client()
    assert client.post(f"/calls/{call.token}/apply?lang=en", data=ANSWERS).status_code == 400
    page = client.get(f"/calls/{call.token}/apply?lang=en").get_data(as_text=True)
    from support import csrf_token_from

    response = client.post(f"/calls/{call.token}/apply?lang=en", data={**ANSWERS, "csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    assert count(csrf_app, Application) == 1


# -- who sees what -------------------------------------------------------------------------------------
#: (endpoint's URL pattern, method, who may: set of roles that get in)
ROUTES = [
    ("/calls/", "GET", {"coordinator", "reviewer", "other"}),
    ("/calls/new", "GET", {"coordinator"}),
    ("/calls/{call}/", "GET", {"coordinator", "reviewer"}),
    ("/calls/{call}/edit", "GET", {"coordinator"}),
    ("/calls/{call}/criteria", "GET", {"coordinator"}),
    ("/calls/{call}/ranking", "GET", {"coordinator"}),
    ("/calls/{call}/ranking.csv", "GET", {"coordinator"}),
    ("/calls/{call}/review-pack.pdf", "GET", {"coordinator", "reviewer"}),
    ("/calls/{call}/assigned", "GET", {"reviewer"}),
    ("/calls/{call}/open", "POST", {"coordinator"}),
    ("/calls/{call}/close", "POST", {"coordinator"}),
    ("/calls/applications/{application}/", "GET", {"coordinator", "reviewer"}),
    ("/calls/applications/{application}/review", "POST", {"reviewer"}),
    ("/calls/applications/{application}/decide", "POST", {"coordinator"}),
    ("/calls/applications/{application}/letter.pdf", "GET", {"coordinator"}),
]


@pytest.mark.parametrize("who", ["anonymous", "applicant", "partner", "other", "reviewer", "coordinator"])
@pytest.mark.parametrize(("pattern", "method", "allowed"), ROUTES, ids=[f"{m} {p}" for p, m, _a in ROUTES])
def test_who_gets_in(app, people, make_call, stub_documents, who, pattern, method, allowed):
    """Anonymous visitors and applicants log in first (an applicant has no account: they see only
    their confirmation); a partner or a reviewer of another call does not find the call (404);
    the call's reviewer reviews but does not rank or decide (403); coordinators do not review a
    call they are not reviewers of (403)."""
    call = make_call()
    application = submit(app, call)
    url = pattern.format(call=call.uuid, application=application)
    user = {"anonymous": None, "applicant": None}.get(who, people.get(who))
    client = client_as(app, user)
    if who == "applicant":  # a browser that applied: still nothing but the public pages
        client.post(f"/calls/{call.token}/apply?lang=en", data=ANSWERS)
    if "letter" in pattern:  # a letter exists once something is decided
        decide(app, people, application, "shortlist")
    response = client.open(url, method=method, data={})
    described = f"{who} {method} {url} answered {response.status_code}"
    if user is None:
        assert is_login_redirect(response), described
    elif who in allowed:
        assert response.status_code not in (401, 403, 404, 405) and response.status_code < 500, described
    elif pattern == "/calls/":
        assert response.status_code == 403, described  # a partner: the calls are not for them
    elif who in ("partner", "other") and pattern != "/calls/new":
        assert response.status_code == 404, described
        assert "Call for convening partners" not in response.get_data(as_text=True)
    else:
        assert response.status_code == 403, described


def test_the_header_shows_calls_to_coordinators_and_reviewers(app, people):
    for who, shown in (("coordinator", True), ("reviewer", True), ("partner", False)):
        html = client_as(app, people[who]).get("/account").get_data(as_text=True)
        assert ('href="/calls/"' in html) is shown, who


def test_a_reviewer_lists_only_the_calls_they_review(app, people, make_call):
    make_call(titles={"en": "The first call"}, languages=["en"])
    make_call(titles={"en": "The second call"}, languages=["en"], reviewers=("second",))
    html = client_as(app, people["reviewer"]).get("/calls/").get_data(as_text=True)
    assert "The first call" in html and "The second call" not in html
    html = client_as(app, people["coordinator"]).get("/calls/").get_data(as_text=True)
    assert "The first call" in html and "The second call" in html


def test_a_reviewer_account_is_made_on_the_accounts_page_and_makes_no_dialogue(app, people):
    coordinator = client_as(app, people["coordinator"])
    assert "Reviewer (scores applications to calls)" in coordinator.get("/admin/users/new").get_data(as_text=True)
    response = coordinator.post("/admin/users/new", data={"email": "new.reviewer@example.org", "role": "reviewer"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(User.role).where(User.email == "new.reviewer@example.org")) == "reviewer"
    assert client_as(app, people["reviewer"]).get("/dialogues/new").status_code == 403


# -- reviewing -------------------------------------------------------------------------------------------
def review_form(call: CallInfo, values=(4, 3, 5), **changes) -> dict:
    data = {f"score_{cid}": str(v) for cid, v in zip(call.criteria, values)}
    data["comment"] = "A clear proposal."
    data.update(changes)
    return data


@pytest.mark.parametrize("bad", ["0", "6", "x", ""])
def test_a_score_outside_one_to_five_is_refused_at_its_field(app, people, make_call, bad):
    from dialogue.calls.models import Review, Score

    call = make_call()
    application = submit(app, call)
    client = client_as(app, people["reviewer"])
    data = review_form(call, **{f"score_{call.criteria[1]}": bad})
    response = client.post(f"/calls/applications/{application}/review", data=data)
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), f"score_{call.criteria[1]}") == "Give a score from 1 to 5."
    assert count(app, Review) == 0 and count(app, Score) == 0


def test_a_score_out_of_range_is_refused_by_the_service_too(app, people, make_call):
    from dialogue.calls import services
    from dialogue.calls.models import Application
    from dialogue.services import ServiceError

    call = make_call()
    uuid = submit(app, call)
    with app.app_context():
        application = db.session.scalar(db.select(Application).where(Application.uuid == uuid))
        reviewer = db.session.get(User, people["reviewer"].id)
        with pytest.raises(ServiceError) as refused:
            services.submit_review(application, reviewer, conflict=False,
                                   scores={cid: (9, "") for cid in call.criteria})
        assert refused.value.field == f"score_{call.criteria[0]}"


def test_a_conflict_of_interest_needs_no_scores(app, people, make_call):
    from dialogue.calls.models import Review, Score

    call = make_call()
    application = submit(app, call)
    client = client_as(app, people["reviewer"])
    response = client.post(f"/calls/applications/{application}/review", data={"conflict": "y", "comment": "I advise them."})
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(db.select(Review))
        assert row.conflict_of_interest and row.submitted_at is not None
    assert count(app, Score) == 0


def test_scores_are_hidden_until_the_reviewer_sent_their_own(app, people, make_call):
    call = make_call(reviewers=("reviewer", "second", "other"))
    application = submit(app, call)
    first = client_as(app, people["reviewer"])
    assert first.post(f"/calls/applications/{application}/review",
                      data=review_form(call, comment="Strong local roots.")).status_code == 302
    second = client_as(app, people["second"])
    html = second.get(f"/calls/applications/{application}/").get_data(as_text=True)
    assert "Strong local roots." not in html and "once you have sent your own review" in html
    assert "Kwame Reviewer" not in html
    # their own review sent: now they see the other's
    assert second.post(f"/calls/applications/{application}/review",
                       data=review_form(call, (2, 2, 2), comment="Too vague.")).status_code == 302
    html = second.get(f"/calls/applications/{application}/").get_data(as_text=True)
    assert "Strong local roots." in html and "Too vague." in html
    # declaring a conflict of interest is sending one's review too
    third = client_as(app, people["other"])
    assert "Strong local roots." not in third.get(f"/calls/applications/{application}/").get_data(as_text=True)
    assert third.post(f"/calls/applications/{application}/review", data={"conflict": "y"}).status_code == 302
    html = third.get(f"/calls/applications/{application}/").get_data(as_text=True)
    assert "Strong local roots." in html and "Declared a conflict of interest" in html
    # the coordinators, who decide, see every review
    coordinator = client_as(app, people["coordinator"]).get(f"/calls/applications/{application}/").get_data(as_text=True)
    assert "Strong local roots." in coordinator and "Too vague." in coordinator


def test_a_reviewer_may_change_their_review_until_the_decision(app, people, make_call):
    from dialogue.calls.models import Score

    call = make_call()
    application = submit(app, call)
    client = client_as(app, people["reviewer"])
    client.post(f"/calls/applications/{application}/review", data=review_form(call, (1, 1, 1)))
    client.post(f"/calls/applications/{application}/review", data=review_form(call, (5, 5, 5)))
    with app.app_context():
        assert sorted(db.session.scalars(db.select(Score.value))) == [5, 5, 5]
    decide(app, people, application, "decline")
    response = client.post(f"/calls/applications/{application}/review", data=review_form(call, (2, 2, 2)))
    assert response.status_code == 403
    with app.app_context():
        assert sorted(db.session.scalars(db.select(Score.value))) == [5, 5, 5]


def test_the_reviewers_list(app, people, make_call):
    call = make_call()
    done = submit(app, call, organisation="Already reviewed")
    submit(app, call, organisation="Still to review")
    review(app, done, people["reviewer"], [3, 3, 3])
    html = client_as(app, people["reviewer"]).get(f"/calls/{call.uuid}/assigned").get_data(as_text=True)
    assert html.index("Still to review") < html.index("Already reviewed")
    assert "You have reviewed 1 of 2 applications." in html


# -- the ranking -----------------------------------------------------------------------------------------
def test_ranking_by_weighted_average_with_the_spread(app, people, make_call):
    from dialogue.calls import services
    from dialogue.calls.models import Call

    call = make_call(weights=(2, 1, 1))
    a = submit(app, call, organisation="Alpha", country="KE")
    b = submit(app, call, organisation="Beta", country="UG")
    c = submit(app, call, organisation="Gamma", country="KE")
    submit(app, call, organisation="Delta", country="NG")  # not reviewed yet
    review(app, a, people["reviewer"], [5, 3, 1])   # (10 + 3 + 1) / 4 = 3.5
    review(app, a, people["second"], [4, 4, 4])     # 4.0
    review(app, b, people["reviewer"], [5, 5, 5])   # 5.0, one reviewer
    review(app, b, people["second"], conflict=True)
    review(app, c, people["reviewer"], [1, 1, 1])
    review(app, c, people["second"], [1, 1, 1])
    with app.test_request_context():
        data = services.ranking(db.session.get(Call, call.id))
        rows = {row.application.organisation: row for row in data.rows}
        assert [row.application.organisation for row in data.rows] == ["Beta", "Alpha", "Gamma", "Delta"]
        assert rows["Alpha"].average == pytest.approx(3.75) and rows["Alpha"].spread == pytest.approx(0.5)
        assert rows["Alpha"].by_criterion[call.criteria[0]] == pytest.approx(4.5)
        assert rows["Beta"].average == 5.0 and rows["Beta"].spread == 0 and rows["Beta"].conflicts == 1
        assert (rows["Beta"].rank, rows["Alpha"].rank, rows["Gamma"].rank, rows["Delta"].rank) == (1, 2, 3, None)
        assert rows["Delta"].pending == 2 and rows["Delta"].average is None
        kenya = services.ranking(db.session.get(Call, call.id), country="KE")
        assert [(r.application.organisation, r.rank) for r in kenya.rows] == [("Alpha", 2), ("Gamma", 3)]
        assert kenya.total == 4 and kenya.countries == ["KE", "NG", "UG"]
    html = client_as(app, people["coordinator"]).get(f"/calls/{call.uuid}/ranking?status=submitted&country=KE")
    page = html.get_data(as_text=True)
    assert "3.75" in page and "0.50" in page and "Beta" not in page and "Alpha" in page


def test_a_ranking_page_loads_only_the_applications_it_shows(app, people, make_call):
    """The ranking's arithmetic needs no application objects: the page ranks every application
    and loads the ones it shows; the rows are the same as the ranking with every application."""
    from dialogue.calls import services
    from dialogue.calls.models import Call

    call = make_call(weights=(2, 1, 1))
    a = submit(app, call, organisation="Alpha", country="KE")
    b = submit(app, call, organisation="Beta", country="UG")
    submit(app, call, organisation="Gamma", country="KE")
    review(app, a, people["reviewer"], [5, 3, 1])
    review(app, b, people["reviewer"], [4, 4, 4])
    review(app, b, people["second"], conflict=True)
    with app.test_request_context():
        whole = services.ranking(db.session.get(Call, call.id))
        lazy = services.ranking(db.session.get(Call, call.id), applications=False)
        assert all(row.application is None for row in lazy.rows)
        services.load_applications(lazy.rows[:2])
        assert lazy.rows[2].application is None

        def facts(rows):
            return [(r.application.organisation, r.rank, r.average, r.spread, r.reviewed, r.conflicts, r.pending,
                     r.by_criterion) for r in rows]

        assert facts(lazy.rows[:2]) == facts(whole.rows[:2])
        assert [r.application_id for r in lazy.rows] == [r.application.id for r in whole.rows]
        assert (lazy.total, lazy.countries, lazy.counts) == (whole.total, whole.countries, whole.counts)
        assert services.load_applications([]) == []


def test_ranking_csv_neutralises_formulas(app, people, make_call):
    call = make_call()
    application = submit(app, call, organisation='=HYPERLINK("http://evil.example","x")', contact_person="@SUM(1+1)")
    review(app, application, people["reviewer"], [4, 4, 4])
    response = client_as(app, people["coordinator"]).get(f"/calls/{call.uuid}/ranking.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    text = response.data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(1+1)" in text
    assert "Weighted average" in text.splitlines()[0]
    assert "4.00" in text


def test_ranking_csv_in_french_uses_decimal_commas(app, people, make_call):
    call = make_call(weights=(2, 1, 1))
    application = submit(app, call)
    review(app, application, people["reviewer"], [5, 3, 1])
    client = client_as(app, people["coordinator"])
    client.post("/language", data={"lang": "fr", "next": "/"})
    text = client.get(f"/calls/{call.uuid}/ranking.csv").data.decode("utf-8-sig")
    assert ";3,50;" in text


# -- decisions -------------------------------------------------------------------------------------------
def decide(app, people, application, decision, reason="The panel's reason.", client=None):
    client = client or client_as(app, people["coordinator"])
    return client.post(f"/calls/applications/{application}/decide", data={"decision": decision, "reason": reason})


def test_a_decision_without_a_reason_is_refused_at_its_field(app, people, make_call):
    call = make_call()
    application = submit(app, call)
    for reason in ("", "   ", "x" * 2001):
        response = decide(app, people, application, "decline", reason=reason)
        assert response.status_code == 422
        assert field_error(response.get_data(as_text=True), "reason")
    response = decide(app, people, application, "approve")
    assert response.status_code == 422 and field_error(response.get_data(as_text=True), "decision")
    row = get_application(app, application)
    assert row.status == "submitted" and row.decision_reason == "" and row.decided_at is None


def test_a_decision_the_status_does_not_allow_is_refused(app, people, make_call):
    call = make_call()
    application = submit(app, call)
    assert decide(app, people, application, "decline").status_code == 302
    page = client_as(app, people["coordinator"]).get(f"/calls/applications/{application}/").get_data(as_text=True)
    assert 'name="decision"' not in page  # nothing left to decide
    response = decide(app, people, application, "select")
    assert response.status_code == 422
    row = get_application(app, application)
    assert row.status == "declined" and row.dialogue_id is None


def test_selecting_opens_the_partners_account_and_starts_their_dialogue(app, people, make_call):
    from dialogue.calls.models import Application

    call = make_call()
    challenge = ("Herders and farmers clash over water points along the river in Isiolo county every dry "
                 "season since the drought of 2022. The county is revising its plan.")
    application = submit(app, call, lang="fr", challenge=challenge, organisation="Pamoja Water Forum")
    client = client_as(app, people["coordinator"])
    assert decide(app, people, application, "shortlist", client=client).status_code == 302
    assert decide(app, people, application, "select", reason="Strong and urgent.", client=client).status_code == 302
    html = client.get(f"/calls/applications/{application}/").get_data(as_text=True)
    link = re.search(r'value="(https?://[^"]*/set-password/[^"]+)"', html)
    assert link, "the one-time link is shown to the coordinator"
    assert "/set-password/" not in client.get(f"/calls/applications/{application}/").get_data(as_text=True)  # once
    with app.app_context():
        row = db.session.scalar(db.select(Application).where(Application.uuid == application))
        partner = db.session.scalar(db.select(User).where(User.email == "grace@pamoja.example"))
        assert partner.role == "partner" and partner.password_hash is None and partner.name == "Grace Wanjiru"
        dialogue = db.session.get(Dialogue, row.dialogue_id)
        assert row.status == "selected" and row.decision_reason == "Strong and urgent."
        assert dialogue.country == "KE" and dialogue.organisation == "Pamoja Water Forum"
        assert dialogue.challenge == challenge and dialogue.languages == ["fr"] and dialogue.content_language == "fr"
        assert dialogue.title.startswith("Herders and farmers clash") and len(dialogue.title) <= 95
        assert dialogue.leads == [partner]
        actions = set(db.session.scalars(db.select(AuditEntry.action)))
        assert {"calls.decided", "dialogue.created", "account.created"} <= actions
        dialogue_uuid = dialogue.uuid
    # the partner sets a password through the link and finds the dialogue
    partner_client = app.test_client()
    path = link.group(1).split("://", 1)[1].split("/", 1)[1]
    response = partner_client.post("/" + path, data={"password": "a long new pass phrase", "confirm": "a long new pass phrase"})
    assert response.status_code == 302
    assert partner_client.get(f"/d/{dialogue_uuid}/").status_code == 200


def test_selecting_someone_with_an_account_makes_them_lead_without_a_link(app, people, make_call):
    call = make_call()
    partner = people["partner"]
    application = submit(app, call, contact_email=partner.email.upper())
    assert decide(app, people, application, "select").status_code == 302
    html = client_as(app, people["coordinator"]).get(f"/calls/applications/{application}/").get_data(as_text=True)
    assert "/set-password/" not in html
    with app.app_context():
        dialogue = db.session.get(Dialogue, get_application(app, application).dialogue_id)
        assert [u.id for u in dialogue.leads] == [partner.id]
    assert client_as(app, partner).get(f"/d/{dialogue.uuid}/").status_code == 200


@pytest.mark.app_config(SMTP_HOST="smtp.example.org", MAIL_FROM="toolkit@example.org")
def test_with_smtp_the_link_goes_by_mail(app, people, make_call, monkeypatch):
    from dialogue import mail

    sent = []
    monkeypatch.setattr(mail, "send", lambda to, subject, body: sent.append((to, body)) or True)
    call = make_call()
    application = submit(app, call)
    assert decide(app, people, application, "select").status_code == 302
    assert sent and sent[0][0] == "grace@pamoja.example" and "/set-password/" in sent[0][1]


# -- documents ---------------------------------------------------------------------------------------------
def expected(app, lang: str, message: str, **values) -> str:
    from flask_babel import gettext

    from dialogue.i18n import force_locale

    with app.test_request_context(), force_locale(lang):
        return gettext(message, **values)


def test_the_decision_letter_is_in_the_applicants_language(app, people, make_call, tmp_path):
    call = make_call()
    application = submit(app, call, lang="fr", organisation="Forum de l'eau de Kayes", country="ML")
    client = client_as(app, people["coordinator"])
    assert client.get(f"/calls/applications/{application}/letter.pdf").status_code == 404  # nothing decided yet
    decide(app, people, application, "decline", reason="Le défi reste trop large pour un premier dialogue.")
    response = client.get(f"/calls/applications/{application}/letter.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = compact(pdftotext(response.data, tmp_path))
    reference = get_application(app, application).reference
    assert compact(reference) in text and compact("Forum de l'eau de Kayes") in text
    assert compact("Le défi reste trop large pour un premier dialogue.") in text
    assert compact(expected(app, "fr", "Dear %(name)s,", name="Grace Wanjiru")) in text
    assert compact(expected(app, "fr", "Page %(page)s of %(pages)s", page="1", pages="1")) in text
    assert compact("Appel à partenaires") in text  # the call's title in the letter's language


def test_the_letter_of_a_selected_applicant_says_so(app, people, make_call, tmp_path):
    call = make_call()
    application = submit(app, call)
    decide(app, people, application, "select", reason="Strong and urgent.")
    data = client_as(app, people["coordinator"]).get(f"/calls/applications/{application}/letter.pdf").data
    text = compact(pdftotext(data, tmp_path))
    assert compact("Your organisation is selected") in text and compact("Strong and urgent.") in text


def test_the_review_pack_has_the_scores_for_coordinators_only(app, people, make_call, tmp_path):
    call = make_call()
    first = submit(app, call, organisation="Alpha Water Forum")
    submit(app, call, organisation="Beta Youth Network")
    review(app, first, people["reviewer"], [5, 4, 3], comment="A private remark.")
    coordinator = client_as(app, people["coordinator"]).get(f"/calls/{call.uuid}/review-pack.pdf?lang=en")
    assert coordinator.status_code == 200 and coordinator.mimetype == "application/pdf"
    text = pdftotext(coordinator.data, tmp_path, "coordinator.pdf")
    assert "Alpha Water Forum" in text and "Beta Youth Network" in text
    assert "Weighted average" in text and "4.00" in text
    assert "A private remark." not in text  # comments stay on the pages
    reviewer = client_as(app, people["reviewer"]).get(f"/calls/{call.uuid}/review-pack.pdf?lang=en")
    text = pdftotext(reviewer.data, tmp_path, "reviewer.pdf")
    assert "Alpha Water Forum" in text and "Beta Youth Network" in text
    assert "Weighted average" not in text and "4.00" not in text
    from test_pdf import page_count

    assert page_count(coordinator.data, tmp_path) >= 3  # a cover, then one page section each
    assert client_as(app, people["coordinator"]).get(f"/calls/{call.uuid}/review-pack.pdf?lang=xx").status_code == 404


# -- the package -------------------------------------------------------------------------------------------
def test_the_application_travels_with_its_dialogue_without_reviews(app, make_app, people, make_call,
                                                                     empty_database_uri):
    from dialogue import package
    from dialogue.calls.models import Application

    call = make_call()
    application = submit(app, call, lang="es", organisation="Fundación Raíces")
    review(app, application, people["reviewer"], [4, 4, 4], comment="Reviewer's private comment.")
    decide(app, people, application, "select", reason="Coordinator's private reason.")
    dialogue_id = get_application(app, application).dialogue_id
    with app.app_context():
        data = package.export_dialogue(db.session.get(Dialogue, dialogue_id))
        assert package.validate(data) == []
    section = data["application"]
    assert section["uuid"] == application and section["organisation"] == "Fundación Raíces"
    assert section["language"] == "es" and section["stakeholders_by_sector"] == {"government": "County water department"}
    text = package.dumps(data)
    for secret in ("Reviewer's private comment.", "Coordinator's private reason.", "grace@pamoja.example", "+254"):
        assert secret not in text
    # another instance: a detached copy, linked to the dialogue, with no call
    other = make_app(SQLALCHEMY_DATABASE_URI=empty_database_uri)
    with other.app_context():
        db.create_all()
        dialogue = package.import_package(data)
        db.session.commit()
        copy = db.session.scalar(db.select(Application).where(Application.uuid == application))
        assert copy.call_id is None and copy.dialogue_id == dialogue.id and copy.contact_email == ""
        again = package.export_dialogue(dialogue)
        assert again["application"] == section
        assert package.import_package(again) is not None
        assert db.session.scalar(db.select(db.func.count(Application.id))) == 1
    # back home: the record of what was applied with is never rewritten
    changed = dict(data, application=dict(section, challenge="Rewritten on a laptop."))
    with app.app_context():
        package.import_package(changed)
        db.session.commit()
    assert get_application(app, application).challenge == ANSWERS["challenge"]


def test_a_dialogue_started_by_hand_has_no_application(app, make_dialogue):
    from dialogue import package

    info = make_dialogue()
    with app.app_context():
        assert package.export_dialogue(db.session.get(Dialogue, info.id))["application"] is None


def test_an_application_of_another_dialogue_is_refused_in_a_package(app, people, make_call, make_dialogue):
    from dialogue import package

    call = make_call()
    application = submit(app, call)
    decide(app, people, application, "select")
    dialogue_id = get_application(app, application).dialogue_id
    other = make_dialogue()
    with app.app_context():
        data = package.export_dialogue(db.session.get(Dialogue, dialogue_id))
        target = package.export_dialogue(db.session.get(Dialogue, other.id))
        target["application"] = data["application"]
        assert ("$.application.uuid", "belongs to the application of another dialogue on this server.") in \
            package.validate(target)
        target["application"] = dict(data["application"], reference="x" * 25)
        assert any(path.startswith("$.application") for path, _m in package.validate(target))


# -- scale -------------------------------------------------------------------------------------------------
def bulk_applications(app, call: CallInfo, count_: int, reviewers) -> None:
    """``count_`` applications with a review by each of ``reviewers`` (every criterion scored),
    inserted in bulk."""
    from sqlalchemy import insert

    from dialogue.calls.models import Application, Review, Score
    from dialogue.models import new_uuid

    countries = ("KE", "UG", "NG", "CV", "EC", "SN", "BR")
    now = utcnow()
    with app.app_context():
        first_app = (db.session.scalar(db.select(db.func.max(Application.id))) or 0) + 1
        first_review = (db.session.scalar(db.select(db.func.max(Review.id))) or 0) + 1
        applications, reviews, scores = [], [], []
        for n in range(count_):
            app_id = first_app + n
            applications.append(dict(
                id=app_id, uuid=new_uuid(), call_id=call.id, reference=f"EOI-BULK-{app_id:05d}", language="en",
                organisation=f"Organisation {app_id}", country=countries[n % len(countries)],
                contact_person=f"Person {app_id}", contact_email=f"person{app_id}@example.org",
                challenge="A challenge " * 40, stakeholders_by_sector={"government": "Office"},
                status=("submitted", "shortlisted", "declined")[n % 3], submitted_at=now - timedelta(minutes=n)))
            for r, reviewer in enumerate(reviewers):
                review_id = first_review + n * len(reviewers) + r
                reviews.append(dict(id=review_id, uuid=new_uuid(), application_id=app_id, reviewer_id=reviewer.id,
                                    conflict_of_interest=(n + r) % 17 == 0, comment="", submitted_at=now))
                if (n + r) % 17:
                    scores += [dict(review_id=review_id, criterion_id=cid, value=1 + (n + r + i) % 5, comment="")
                               for i, cid in enumerate(call.criteria)]
        db.session.execute(insert(Application), applications)
        db.session.execute(insert(Review), reviews)
        db.session.execute(insert(Score), scores)
        db.session.commit()


def test_scale_the_ranking_and_the_reviewers_list_run_the_same_queries(app, people, make_call, count_queries):
    """10 applications or 1,000 (each reviewed twice): the ranking, its page 2 and the reviewer's
    list run as many SQL queries."""
    reviewers = [people["reviewer"], people["second"]]
    small, large = make_call(), make_call()
    bulk_applications(app, small, 10, reviewers)
    bulk_applications(app, large, 1000, reviewers)
    coordinator = client_as(app, people["coordinator"])
    reviewer = client_as(app, people["reviewer"])

    def counts(call):
        found = []
        for client, url in ((coordinator, f"/calls/{call.uuid}/ranking"),
                            (coordinator, f"/calls/{call.uuid}/ranking?country=KE&page=1"),
                            (reviewer, f"/calls/{call.uuid}/assigned")):
            with count_queries() as queries:
                response = client.get(url)
                assert response.status_code == 200, url
            found.append(queries.count)
        return found

    counts(small)  # warm up
    few, many = counts(small), counts(large)
    assert few == many, (few, many)
    assert max(few) <= 14, few
    page = coordinator.get(f"/calls/{large.uuid}/ranking?page=3").get_data(as_text=True)
    assert "Page 3 of 10" in page


# -- demo ------------------------------------------------------------------------------------------------------
def test_the_demo_has_a_closed_call_reviewed_and_decided_and_an_open_one(app):
    from dialogue.calls import services
    from dialogue.calls.models import Application, Call, Review
    from dialogue.demo import load_demo

    with app.app_context():
        logins = load_demo()
        db.session.commit()
        assert {"reviewer1@demo.example", "reviewer2@demo.example"} <= {email for email, _what in logins}
        closed, opened = db.session.scalars(db.select(Call).order_by(Call.id)).all()
        assert closed.state() == "closed" and opened.state() == "accepting"
        assert opened.local_closes.date() == (utcnow() + timedelta(days=30)).astimezone(opened.zone).date()
        applications = db.session.scalars(db.select(Application).where(Application.call_id == closed.id)).all()
        assert len(applications) == 12
        assert {a.country for a in applications} == {"CV", "EC", "KE", "NG", "UG"}
        assert {a.language for a in applications} == {"pt", "es", "en", "fr"}
        selected = [a for a in applications if a.status == "selected"]
        assert len(selected) == 5 and all(a.dialogue_id for a in selected)
        demo_dialogues = {d.id for d in db.session.scalars(db.select(Dialogue))}
        assert {a.dialogue_id for a in selected} <= demo_dialogues and len(demo_dialogues) == 5
        reviews = db.session.scalars(db.select(Review).join(Application).where(Application.call_id == closed.id)).all()
        assert len(reviews) == 24 and sum(r.conflict_of_interest for r in reviews) == 1
        ranked = services.ranking(closed)
        assert all(row.rank for row in ranked.rows)
