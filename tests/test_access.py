"""Every route that takes a dialogue, for every role: who gets in, who gets 403, who gets 404.

The routes are read from ``app.url_map``, so a route added later is tested without anyone
writing a test for it, and fails here if its view forgot ``@dialogue_access(...)``. A new
URL argument needs a value: add a filler to ``ARG_FILLERS`` in ``tests/support.py`` (it may
create the object the argument names, through the phase's services).
"""
from __future__ import annotations

import pytest

from dialogue.access import ACTIONS
from support import ARG_FILLERS, World, build_url, collect_rules, is_login_redirect

#: what each role may do on a dialogue it is not (coordinator, outsider) or is (lead,
#: facilitator) a member of; the rest answers 403 (members, coordinators) or 404 (outsiders)
ALLOWED = {
    "lead": set(ACTIONS) - {"review", "delete"},
    "facilitator": {"view", "edit", "download"},
    "coordinator": {"view", "download", "export", "review", "delete"},
    "outsider": set(),
}
ROLES = ("anonymous", "outsider", "coordinator", "facilitator", "lead")

#: routes anyone may open without logging in; every other route sends anonymous users to log in
PUBLIC_ENDPOINTS = {
    "static",
    "auth.login",
    "auth.set_password",
    "main.index",
    "main.set_language",
    "main.public_document",
    "evaluate.form",  # the online evaluation of a meeting: its link is the key (tests/test_convening.py)
    "report.form",  # a commitment owner's reporting page: its link is the key (tests/test_followup.py)
    # a call for expressions of interest, its application form and confirmation: the link is the key
    # (tests/test_calls.py)
    "call_public.call",
    "call_public.apply",
    "call_public.applied",
}


ALL_RULES = collect_rules()
DIALOGUE_RULES = [r for r in ALL_RULES if "dialogue_uuid" in r[3]]
ADMIN_RULES = [r for r in ALL_RULES if r[1].startswith("admin.")]
PRIVATE_RULES = [r for r in ALL_RULES if r[1] not in PUBLIC_ENDPOINTS]


def _ids(rules):
    return [f"{endpoint}:{method}" for _rule, endpoint, method, _args in rules]


def request_as(world: World, client, auth, role: str, method: str, url: str):
    if role != "anonymous":
        response = auth.login(getattr(world, role))
        assert response.status_code == 302, f"{role} could not log in"
    return client.open(url, method=method, data={})


def test_every_dialogue_route_declares_its_action(app):
    """A view that takes a dialogue must load it through ``dialogue_access`` (which records the action)."""
    assert DIALOGUE_RULES, "no route takes a dialogue?"
    missing = []
    for rule in app.url_map.iter_rules():
        if "dialogue_uuid" not in rule.arguments:
            continue
        action = getattr(app.view_functions[rule.endpoint], "dialogue_action", None)
        if action not in ACTIONS:
            missing.append(f"{rule.rule} ({rule.endpoint}): dialogue_action={action!r}")
    assert not missing, "routes without @dialogue_access(...):\n" + "\n".join(missing)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("rule", "endpoint", "method", "arguments"), DIALOGUE_RULES, ids=_ids(DIALOGUE_RULES))
def test_dialogue_route_access(world, stub_documents, client, auth, role, rule, endpoint, method, arguments):
    view = world.app.view_functions[endpoint]
    action = getattr(view, "dialogue_action", None)
    if action not in ACTIONS:
        pytest.fail(f"{rule} ({endpoint}) takes a dialogue but has no @dialogue_access(action)")
    url = build_url(world, endpoint, arguments)
    response = request_as(world, client, auth, role, method, url)
    status = response.status_code
    described = f"{role} {method} {url} ({endpoint}, action {action}) answered {status}"

    if role == "anonymous":
        assert is_login_redirect(response), described + f" -> {response.headers.get('Location')}"
        return
    if role == "outsider":
        assert status == 404, described
        assert world.dialogue.title not in response.get_data(as_text=True), "a 404 must not show the dialogue"
        return
    if action in ALLOWED[role]:
        assert not is_login_redirect(response), described
        assert status not in (401, 403, 404, 405) and status < 500, described
        if method == "GET":
            assert status == 200 or 300 <= status < 400, described
            if action == "view":
                assert status == 200, described
    else:
        assert status == 403, described


@pytest.mark.parametrize(("rule", "endpoint", "method", "arguments"), DIALOGUE_RULES, ids=_ids(DIALOGUE_RULES))
def test_unknown_dialogue_is_404_for_everyone_logged_in(world, stub_documents, client, auth, rule, endpoint, method, arguments):
    """A uuid that names no dialogue answers 404 even to the coordinator."""
    fillers = dict(ARG_FILLERS)
    ARG_FILLERS["dialogue_uuid"] = lambda w: "00000000-0000-4000-8000-000000000000"
    try:
        url = build_url(world, endpoint, arguments)
    finally:
        ARG_FILLERS.clear()
        ARG_FILLERS.update(fillers)
    auth.login(world.coordinator)
    assert client.open(url, method=method, data={}).status_code == 404


@pytest.mark.parametrize("role", ("anonymous", "partner", "coordinator"))
@pytest.mark.parametrize(("rule", "endpoint", "method", "arguments"), ADMIN_RULES, ids=_ids(ADMIN_RULES))
def test_admin_route_access(world, stub_documents, client, auth, role, rule, endpoint, method, arguments):
    url = build_url(world, endpoint, arguments)
    who = {"anonymous": "anonymous", "partner": "lead", "coordinator": "coordinator"}[role]
    response = request_as(world, client, auth, who, method, url)
    described = f"{role} {method} {url} answered {response.status_code}"
    if role == "anonymous":
        assert is_login_redirect(response), described
    elif role == "partner":
        assert response.status_code == 403, described
    else:
        assert response.status_code not in (401, 403, 404, 405) and response.status_code < 500, described
        assert not is_login_redirect(response), described


def test_admin_routes_exist():
    assert {"admin.users", "admin.new_user"} <= {endpoint for _r, endpoint, _m, _a in ADMIN_RULES}


@pytest.mark.parametrize(("rule", "endpoint", "method", "arguments"), PRIVATE_RULES, ids=_ids(PRIVATE_RULES))
def test_private_routes_send_anonymous_users_to_log_in(world, stub_documents, client, rule, endpoint, method, arguments):
    """Everything but the few public pages (``PUBLIC_ENDPOINTS``) needs an account."""
    url = build_url(world, endpoint, arguments)
    response = client.open(url, method=method, data={})
    assert is_login_redirect(response), f"anonymous {method} {url} ({endpoint}) answered {response.status_code}"


def test_access_is_checked_before_the_form(world, client, auth):
    """A facilitator's POST to a lead-only action changes nothing, whatever it sends."""
    from dialogue.extensions import db
    from dialogue.models import Dialogue

    auth.login(world.facilitator)
    response = client.post(f"/d/{world.dialogue.uuid}/edit", data={
        "title": "Taken over", "country": "KE", "languages": ["en"], "organisation": "X",
        "challenge": "Y", "content_language": "en", "version": "1",
    })
    assert response.status_code == 403
    with world.app.app_context():
        assert db.session.get(Dialogue, world.dialogue.id).title == world.dialogue.title


def test_member_of_another_dialogue_cannot_reach_a_membership_through_this_one(world, client, auth):
    """A membership id of dialogue B used under dialogue A's url answers 404 and removes nothing."""
    from dialogue.extensions import db
    from dialogue.models import Membership

    auth.login(world.lead)
    other_membership = world.other_dialogue.membership_ids[world.outsider.email]
    response = client.post(f"/d/{world.dialogue.uuid}/members/{other_membership}/remove", data={})
    assert response.status_code == 404
    with world.app.app_context():
        assert db.session.get(Membership, other_membership) is not None
