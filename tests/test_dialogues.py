"""Dialogues: create and edit (validation, version check), members, audit history, phases, lists."""
from __future__ import annotations

import pytest

from dialogue import audit, services
from dialogue.extensions import db
from dialogue.models import AuditEntry, Dialogue, InvalidTransition, Membership, User
from support import field_error, one_time_tokens, parse_page


def page(response) -> str:
    return response.get_data(as_text=True)


def dialogue_count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Dialogue.id)))


VALID = {
    "title": "Sharing water in Isiolo",
    "organisation": "Pamoja Water Forum",
    "country": "KE",
    "locality": "Isiolo County",
    "challenge": "Herders and farmers need one plan for the river.",
    "content_language": "en",
    "languages": ["en", "sw"],
}


# -- creating ---------------------------------------------------------------------------------
def test_new_dialogue_form(client, auth, make_user):
    auth.login(make_user())
    response = client.get("/dialogues/new")
    assert response.status_code == 200
    html = page(response)
    assert '<option value="KE">Kenya</option>' in html
    assert 'name="languages"' in html


def test_create_dialogue(app, client, auth, make_user):
    user = make_user()
    auth.login(user)
    response = client.post("/dialogues/new", data=VALID)
    assert response.status_code == 302
    with app.app_context():
        dialogue = db.session.scalar(db.select(Dialogue))
        assert response.headers["Location"] == f"/d/{dialogue.uuid}/"
        assert dialogue.title == VALID["title"]
        assert dialogue.country == "KE"
        assert dialogue.languages == ["en", "sw"]
        assert dialogue.phase == "mapping"
        assert [(m.user_id, m.role) for m in dialogue.memberships] == [(user.id, "lead")]
        assert db.session.scalar(db.select(AuditEntry.action).where(AuditEntry.dialogue_uuid == dialogue.uuid)) \
            == "dialogue.created"
    home = client.get(response.headers["Location"])
    assert home.status_code == 200
    assert "The dialogue is created" in page(home)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"title": ""}, "title", "This field is required."),
    ({"title": "   "}, "title", "This field is required."),
    ({"country": "XX"}, "country", "Choose a country from the list."),
    ({"country": ""}, "country", None),
    ({"languages": []}, "languages", "Choose at least one working language."),
    ({"languages": ["xx"]}, "languages", None),
    ({"content_language": "zz"}, "content_language", None),
    ({"organisation": ""}, "organisation", "This field is required."),
    ({"challenge": ""}, "challenge", "This field is required."),
    ({"title": "t" * 201}, "title", "Field cannot be longer than 200 characters."),
    ({"locality": "l" * 121}, "locality", "Field cannot be longer than 120 characters."),
    ({"organisation": "o" * 201}, "organisation", "Field cannot be longer than 200 characters."),
    ({"challenge": "c" * 4001}, "challenge", "Field cannot be longer than 4000 characters."),
])
def test_create_dialogue_validation(app, client, auth, make_user, change, field, message):
    auth.login(make_user())
    data = {**VALID, **change}
    response = client.post("/dialogues/new", data=data)
    assert response.status_code == 422
    html = page(response)
    error = field_error(html, field)
    assert error, f"no message next to {field}"
    if message:
        assert error == message
    assert "Please correct the marked fields." in html
    assert dialogue_count(app) == 0


def test_create_dialogue_keeps_what_was_typed(client, auth, make_user):
    auth.login(make_user())
    response = client.post("/dialogues/new", data={**VALID, "title": ""})
    html = page(response)
    assert VALID["organisation"] in html and VALID["challenge"] in html


def test_the_longest_values_fit(app, client, auth, make_user):
    """What the form accepts, the database stores (on PostgreSQL too)."""
    auth.login(make_user())
    data = {**VALID, "title": "t" * 200, "locality": "l" * 120, "organisation": "o" * 200, "challenge": "c" * 4000}
    assert client.post("/dialogues/new", data=data).status_code == 302
    assert dialogue_count(app) == 1


# -- editing ----------------------------------------------------------------------------------
def edit_data(version, **change):
    return {**VALID, "version": str(version), **change}


def test_edit_dialogue_with_version_check(app, client, auth, make_user, make_dialogue):
    lead = make_user()
    dialogue = make_dialogue(lead=lead)
    auth.login(lead)
    form = parse_page(page(client.get(f"/d/{dialogue.uuid}/edit")))
    version = next(e.attrs["value"] for e in form.elements if e.attrs.get("name") == "version")
    assert version == "1"

    response = client.post(f"/d/{dialogue.uuid}/edit", data=edit_data(version, title="First save"))
    assert response.status_code == 302
    with app.app_context():
        row = db.session.get(Dialogue, dialogue.id)
        assert (row.title, row.version) == ("First save", 2)

    # a second form opened before the first save, sent after it: refused, nothing saved
    response = client.post(f"/d/{dialogue.uuid}/edit", data=edit_data(version, title="Stale save"))
    assert response.status_code == 422
    html = page(response)
    assert "Someone else saved this dialogue while you were editing it." in html
    assert "Your changes are not saved" in html
    with app.app_context():
        row = db.session.get(Dialogue, dialogue.id)
        assert (row.title, row.version) == ("First save", 2)
        assert [e.action for e in audit.history(row)].count("dialogue.updated") == 1


@pytest.mark.parametrize("version", ["", "abc", "99"])
def test_edit_refuses_a_missing_or_wrong_version(app, client, auth, make_user, make_dialogue, version):
    lead = make_user()
    dialogue = make_dialogue(lead=lead)
    auth.login(lead)
    response = client.post(f"/d/{dialogue.uuid}/edit", data=edit_data(version, title="Changed"))
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Dialogue, dialogue.id).title == dialogue.title


def test_edit_validation_saves_nothing(app, client, auth, make_user, make_dialogue):
    lead = make_user()
    dialogue = make_dialogue(lead=lead)
    auth.login(lead)
    response = client.post(f"/d/{dialogue.uuid}/edit", data=edit_data(1, title="", organisation="New org"))
    assert response.status_code == 422
    assert field_error(page(response), "title")
    with app.app_context():
        assert db.session.get(Dialogue, dialogue.id).organisation == "Pamoja Forum"


def test_update_service_refuses_stale_version(app, make_user, make_dialogue):
    lead = make_user()
    dialogue = make_dialogue(lead=lead)
    with app.app_context():
        row = db.session.get(Dialogue, dialogue.id)
        actor = db.session.get(User, lead.id)
        with pytest.raises(services.StaleEdit):
            services.update_dialogue(row, actor, version=row.version - 1, title="x")
        assert services.update_dialogue(row, actor, version=row.version, title="y") == ["title"]


def test_concurrent_save_between_check_and_write_is_refused(app, make_user, make_dialogue):
    """Two saves that both read version 1: the second write finds the row changed and is refused."""
    lead = make_user()
    dialogue = make_dialogue(lead=lead)
    with app.app_context():
        mine = db.session.get(Dialogue, dialogue.id)  # loaded at version 1
        actor = db.session.get(User, lead.id)
        with app.app_context():  # another request saves meanwhile
            theirs = db.session.get(Dialogue, dialogue.id)
            services.update_dialogue(theirs, db.session.get(User, lead.id), version=1, title="Theirs")
            db.session.commit()
        assert mine.version == 1
        with pytest.raises(services.StaleEdit) as refused:
            services.update_dialogue(mine, actor, version=1, title="Mine")
        assert refused.value.__cause__ is not None, "refused by the write, not by the version check"
        db.session.rollback()
    with app.app_context():
        assert db.session.get(Dialogue, dialogue.id).title == "Theirs"


# -- members ----------------------------------------------------------------------------------
def test_invite_new_colleague_shows_the_link_once(app, client, auth, make_user, make_dialogue):
    lead = make_user()
    dialogue = make_dialogue(lead=lead)
    auth.login(lead)
    response = client.post(f"/d/{dialogue.uuid}/members/invite",
                           data={"email": "New.Colleague@example.org", "name": "New Colleague", "role": "facilitator"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/d/{dialogue.uuid}/members"
    html = page(client.get(f"/d/{dialogue.uuid}/members"))
    tokens = one_time_tokens(html)
    assert len(tokens) == 1
    assert "new.colleague@example.org" in html
    assert "It is shown only now." in html
    # shown only once
    assert one_time_tokens(page(client.get(f"/d/{dialogue.uuid}/members"))) == []
    with app.app_context():
        user = services.find_user("new.colleague@example.org")
        assert user.role == "partner" and user.password_hash is None
        membership = db.session.scalar(db.select(Membership).where(Membership.user_id == user.id))
        assert (membership.dialogue_id, membership.role) == (dialogue.id, "facilitator")
    # the link lets the colleague choose a password and in
    colleague = app.test_client()
    assert colleague.get(f"/set-password/{tokens[0]}").status_code == 200
    response = colleague.post(f"/set-password/{tokens[0]}", data={"password": "a good long password",
                                                                  "confirm": "a good long password"})
    assert response.status_code == 302
    assert colleague.get(f"/d/{dialogue.uuid}/").status_code == 200


def test_invite_existing_user(app, client, auth, make_user, make_dialogue):
    lead = make_user()
    colleague = make_user(name="Peter Lokorio")
    dialogue = make_dialogue(lead=lead)
    auth.login(lead)
    response = client.post(f"/d/{dialogue.uuid}/members/invite",
                           data={"email": colleague.email.upper(), "name": "", "role": "lead"}, follow_redirects=True)
    html = page(response)
    assert "Peter Lokorio is now a member of this dialogue." in html
    assert one_time_tokens(html) == []
    with app.app_context():
        row = db.session.get(Dialogue, dialogue.id)
        assert row.is_lead(db.session.get(User, colleague.id))


def test_invite_duplicate_is_refused(app, client, auth, make_user, make_dialogue):
    lead = make_user()
    facilitator = make_user()
    dialogue = make_dialogue(lead=lead, facilitators=[facilitator])
    auth.login(lead)
    for email in (facilitator.email, lead.email):
        response = client.post(f"/d/{dialogue.uuid}/members/invite", data={"email": email, "role": "facilitator"})
        assert response.status_code == 422
        assert field_error(page(response), "email") == "This person is already a member of the dialogue."
    with app.app_context():
        assert len(db.session.get(Dialogue, dialogue.id).memberships) == 2


@pytest.mark.parametrize(("data", "field"), [
    ({"email": "not an address", "role": "facilitator"}, "email"),
    ({"email": "", "role": "facilitator"}, "email"),
    ({"email": "a@example.org", "role": "owner"}, "role"),
])
def test_invite_validation(app, client, auth, make_user, make_dialogue, data, field):
    lead = make_user()
    dialogue = make_dialogue(lead=lead)
    auth.login(lead)
    response = client.post(f"/d/{dialogue.uuid}/members/invite", data=data)
    assert response.status_code == 422
    assert field_error(page(response), field)
    with app.app_context():
        assert len(db.session.get(Dialogue, dialogue.id).memberships) == 1


def test_remove_member(app, client, auth, make_user, make_dialogue):
    lead = make_user()
    facilitator = make_user()
    dialogue = make_dialogue(lead=lead, facilitators=[facilitator])
    auth.login(lead)
    membership_id = dialogue.membership_ids[facilitator.email]
    response = client.post(f"/d/{dialogue.uuid}/members/{membership_id}/remove", follow_redirects=True)
    assert "The member is removed." in page(response)
    with app.app_context():
        assert db.session.get(Membership, membership_id) is None
        assert db.session.get(User, facilitator.id) is not None, "removing a member keeps the account"
    other = app.test_client()
    type(auth)(other).login(facilitator)
    assert other.get(f"/d/{dialogue.uuid}/").status_code == 404


def test_last_lead_cannot_be_removed(app, client, auth, make_user, make_dialogue):
    lead = make_user()
    facilitator = make_user()
    dialogue = make_dialogue(lead=lead, facilitators=[facilitator])
    auth.login(lead)
    own = dialogue.membership_ids[lead.email]
    response = client.post(f"/d/{dialogue.uuid}/members/{own}/remove", follow_redirects=True)
    assert "A dialogue needs at least one lead." in page(response)
    with app.app_context():
        assert db.session.get(Membership, own) is not None
        row = db.session.get(Dialogue, dialogue.id)
        with pytest.raises(services.ServiceError):
            services.remove_member(row, db.session.get(User, lead.id), db.session.get(Membership, own))


def test_a_lead_can_go_when_another_lead_stays(app, make_user, make_dialogue):
    lead = make_user()
    co_lead = make_user()
    dialogue = make_dialogue(lead=lead, co_leads=[co_lead])
    with app.app_context():
        row = db.session.get(Dialogue, dialogue.id)
        services.remove_member(row, db.session.get(User, co_lead.id),
                               db.session.get(Membership, dialogue.membership_ids[lead.email]))
        db.session.commit()
        assert [m.user_id for m in db.session.get(Dialogue, dialogue.id).memberships] == [co_lead.id]


def test_facilitator_sees_members_without_managing(client, auth, make_user, make_dialogue):
    lead = make_user()
    facilitator = make_user()
    dialogue = make_dialogue(lead=lead, facilitators=[facilitator])
    auth.login(facilitator)
    html = page(client.get(f"/d/{dialogue.uuid}/members"))
    assert lead.email in html
    assert "Invite a colleague" not in html and "/remove" not in html


# -- history ----------------------------------------------------------------------------------
def test_services_write_the_audit_history(app, make_user):
    """The history is written by the services, so the CLI and imports leave the same trail."""
    lead = make_user()
    with app.app_context():
        owner = db.session.get(User, lead.id)
        dialogue = services.create_dialogue(owner, title="T", country="UG", organisation="O",
                                            languages=["en"], challenge="C")
        membership, token = services.invite_member(dialogue, owner, email="x@example.org")
        services.update_dialogue(dialogue, owner, version=dialogue.version, title="T2")
        services.remove_member(dialogue, owner, membership)
        db.session.commit()
        entries = audit.history(dialogue)
        assert [e.action for e in entries] == ["member.removed", "dialogue.updated", "member.added",
                                               "dialogue.created"]
        assert {e.actor_id for e in entries} == {lead.id}
        updated = next(e for e in entries if e.action == "dialogue.updated")
        assert updated.details == {"fields": ["title"]}
        assert audit.verify_chain().ok


def test_home_shows_the_history(client, auth, make_user, make_dialogue):
    lead = make_user(name="Grace Wanjiru")
    dialogue = make_dialogue(lead=lead, facilitators=[make_user()])
    auth.login(lead)
    html = page(client.get(f"/d/{dialogue.uuid}/"))
    history = html[html.index('id="history-heading"'):]
    assert "Grace Wanjiru created the dialogue" in " ".join(history.split())
    assert "Grace Wanjiru added a member" in " ".join(history.split())
    assert "<time datetime=" in history


def test_history_is_per_dialogue(client, auth, make_user, make_dialogue):
    lead = make_user(name="Lead Person")
    make_dialogue(lead=make_user(name="Somebody Else"))
    dialogue = make_dialogue(lead=lead)
    auth.login(lead)
    assert "Somebody Else" not in page(client.get(f"/d/{dialogue.uuid}/"))


# -- phases -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("start", "target", "ok"), [
    ("mapping", "convening", True),
    ("convening", "followup", True),
    ("followup", "completed", True),
    ("convening", "mapping", True),
    ("completed", "followup", True),
    ("mapping", "followup", False),
    ("mapping", "completed", False),
    ("mapping", "mapping", False),
    ("followup", "mapping", False),
    ("mapping", "finished", False),
    ("mapping", "", False),
])
def test_move_to_phase(start, target, ok):
    dialogue = Dialogue(title="t", country="KE", organisation="o", phase=start)
    if ok:
        dialogue.move_to_phase(target)
        assert dialogue.phase == target
    else:
        with pytest.raises(InvalidTransition):
            dialogue.move_to_phase(target)
        assert dialogue.phase == start


def test_home_shows_three_phases_and_the_next_step(client, auth, make_user, make_dialogue):
    lead = make_user()
    dialogue = make_dialogue(lead=lead)
    auth.login(lead)
    html = " ".join(page(client.get(f"/d/{dialogue.uuid}/")).split())
    for heading in ("Phase 1: Stakeholder mapping", "Phase 2: The dialogue", "Phase 3: Commitments and follow-up"):
        assert heading in html
    assert "current phase" in html
    # the statement is written, but not the rest of the challenge (scope, objectives): that is next
    next_step = html[html.index('id="next-heading"'):html.index('id="challenge-heading"')]
    assert "Describe the common challenge" in next_step
    assert f'href="/d/{dialogue.uuid}/mapping/challenge"' in next_step


def test_next_step_follows_the_data(client, auth, make_user, make_dialogue):
    lead = make_user()
    dialogue = make_dialogue(lead=lead, challenge="")
    auth.login(lead)
    html = page(client.get(f"/d/{dialogue.uuid}/"))
    next_step = html[html.index('id="next-heading"'):html.index('id="challenge-heading"')]
    assert "Describe the common challenge" in next_step
    assert f'href="/d/{dialogue.uuid}/mapping/challenge"' in next_step
    # once the challenge is described, inviting colleagues is next
    client.post(f"/d/{dialogue.uuid}/mapping/challenge", data={
        "statement": "Herders and farmers share one river.", "scope": "regional",
        "objectives": "Agree on water points", "version": "0", "dialogue_version": "1"})
    html = page(client.get(f"/d/{dialogue.uuid}/"))
    next_step = html[html.index('id="next-heading"'):html.index('id="challenge-heading"')]
    assert "Invite your colleagues" in next_step
    assert f'href="/d/{dialogue.uuid}/members"' in next_step


# -- lists ------------------------------------------------------------------------------------
def test_coordinator_sees_every_dialogue_partner_only_theirs(app, client, auth, make_user, make_dialogue):
    partner = make_user()
    facilitator = make_user()
    own = make_dialogue(lead=partner, title="Our own dialogue")
    member_of = make_dialogue(facilitators=[facilitator, partner], title="A dialogue we help with")
    foreign = make_dialogue(title="Somebody elses dialogue")

    auth.login(partner)
    html = page(client.get("/"))
    assert own.title in html and member_of.title in html
    assert foreign.title not in html

    coordinator_client = app.test_client()
    type(auth)(coordinator_client).login(make_user(role="coordinator"))
    html = page(coordinator_client.get("/"))
    for dialogue in (own, member_of, foreign):
        assert dialogue.title in html
        assert f"/d/{dialogue.uuid}/" in html


def test_partner_without_dialogues_is_told_what_to_do(client, auth, make_user):
    auth.login(make_user())
    html = page(client.get("/"))
    assert "You are not a member of any dialogue yet." in html
    assert 'href="/dialogues/new"' in html


def test_dialogues_for_lists_each_dialogue_once(app, make_user, make_dialogue):
    partner = make_user()
    make_dialogue(lead=partner, co_leads=[make_user()], facilitators=[make_user()])
    with app.app_context():
        assert len(services.dialogues_for(db.session.get(User, partner.id))) == 1
        coordinator = db.session.get(User, make_user(role="coordinator").id)
        assert len(services.dialogues_for(coordinator)) == 1


# -- queries do not grow with the data -------------------------------------------------------
def _queries_for(client, count_queries, url) -> int:
    with count_queries() as queries:
        assert client.get(url).status_code == 200
    return queries.count


@pytest.mark.parametrize("path", ["", "members", "edit"])
def test_dialogue_pages_do_not_query_per_member(client, auth, make_user, make_dialogue, count_queries, path):
    lead = make_user()
    small = make_dialogue(lead=lead, facilitators=[make_user()])
    large = make_dialogue(lead=lead, facilitators=[make_user() for _ in range(8)])
    auth.login(lead)
    few = _queries_for(client, count_queries, f"/d/{small.uuid}/{path}")
    many = _queries_for(client, count_queries, f"/d/{large.uuid}/{path}")
    assert many == few, f"{many} queries with 9 members, {few} with 2"
    assert 0 < few <= 13  # the header counts unread notifications: one query on every page


def test_dialogue_list_does_not_query_per_dialogue(app, client, auth, make_user, make_dialogue, count_queries):
    auth.login(make_user(role="coordinator"))
    make_dialogue()
    few = _queries_for(client, count_queries, "/")
    for _ in range(6):
        make_dialogue(facilitators=[make_user()])
    many = _queries_for(client, count_queries, "/")
    assert many == few, f"{many} queries for 7 dialogues, {few} for 1"
