"""Who reaches what: every route of ``app.url_map`` for every role.

The routes are read from ``app.url_map``, so a route added later is tested without anyone
writing a test for it. The access matrix below (``ENDPOINT_CLASSES`` and ``EXPECTED``) puts
every endpoint in an expectation class, by name or by a rule (a view taking ``dialogue_uuid``
is classed by its ``@dialogue_access`` action, one taking ``call_uuid`` or ``application_uuid``
by its ``@call_access``/``@application_access`` action); a route in neither fails
``test_every_route_is_classified`` and every case of the matrix for it. A new URL argument
needs a value: add a filler to ``ARG_FILLERS`` in ``tests/support.py`` (it may create the
object the argument names, through the phase's services).

The per-route tests (the matrix, and the older ones: each role on a dialogue, anonymous users
on private routes, the admin pages) share one world per module, put back as it was after every
request (the ``matrix`` fixture), so their ~2,000 cases take seconds, not minutes; the few
tests of one situation use the ``world`` fixture.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

import pytest

from dialogue.access import ACTIONS
from dialogue.calls.access import APPLICATION_ACTIONS, CALL_ACTIONS
from support import (
    PASSWORD, AuthActions, World, build_url, collect_rules, is_login_redirect, make_world, world_call,
    world_commitment, world_owner_link, world_reviewer,
)

# == the access matrix ===========================================================================
# What each role gets from each kind of route. The roles, left to right:
#   anonymous    no account, no link
#   applicant    no account; holds an open call's public link /calls/<call_token>/
#   owner        no account; holds a commitment owner's private reporting link /r/<token>
#   facilitator  a facilitator of the dialogue under test
#   outsider     a partner who leads another dialogue
#   lead         the lead of the dialogue under test
#   reviewer     an account with the role reviewer, assigned to the call under test
#   coordinator  a coordinator (who is also among the call's reviewers, as the world makes it)
# A link route (one taking <token> or <call_token>) gets the token the role holds, whatever its
# kind, or a made-up one for the roles that hold none.
MATRIX_ROLES = ("anonymous", "applicant", "owner", "facilitator", "outsider", "lead", "reviewer", "coordinator")

OK = "ok"  # the page: GET 200, or a redirect that is not to the login page; POST: the action,
#            or its form's refusal of the empty form sent (400, 422); never 401/403/404/405/5xx
LOGIN = "login"  # a redirect to the login page
DENIED = "403"  # seen but not allowed
HIDDEN = "404"  # not found: the thing's existence is not confirmed (no page shows its title)

#: the expectation class of each kind of route, one column per role of ``MATRIX_ROLES``
EXPECTED: dict[str, tuple[str, ...]] = {
    # class                   anonymous applicant owner   facilitator outsider lead    reviewer coordinator
    # -- open to everyone
    "public":                (OK,       OK,       OK,     OK,         OK,      OK,     OK,      OK),
    # -- a link is the key: its holder gets the page, anyone else (or another kind's token) 404
    "call link":             (HIDDEN,   OK,       HIDDEN, HIDDEN,     HIDDEN,  HIDDEN, HIDDEN,  HIDDEN),
    "owner link":            (HIDDEN,   HIDDEN,   OK,     HIDDEN,     HIDDEN,  HIDDEN, HIDDEN,  HIDDEN),
    # nobody here holds a meeting's evaluation link or an unused set-password link
    # (their holders: tests/test_convening.py, tests/test_security.py)
    "evaluation link":       (HIDDEN,   HIDDEN,   HIDDEN, HIDDEN,     HIDDEN,  HIDDEN, HIDDEN,  HIDDEN),
    "set-password link":     (HIDDEN,   HIDDEN,   HIDDEN, HIDDEN,     HIDDEN,  HIDDEN, HIDDEN,  HIDDEN),
    # -- logging in and out: the second step only follows a password; logging out ends at /login
    "second step":           (LOGIN,    LOGIN,    LOGIN,  LOGIN,      LOGIN,   LOGIN,  LOGIN,   LOGIN),
    "logout":                (LOGIN,    LOGIN,    LOGIN,  LOGIN,      LOGIN,   LOGIN,  LOGIN,   LOGIN),
    # -- any account: its own settings, data and notifications
    "account":               (LOGIN,    LOGIN,    LOGIN,  OK,         OK,      OK,     OK,      OK),
    # -- making a dialogue (new, or from a package): partners and coordinators (can_create_dialogue)
    "dialogue maker":        (LOGIN,    LOGIN,    LOGIN,  OK,         OK,      OK,     DENIED,  OK),
    # -- coordinators' own pages: accounts, deleted dialogues, the portfolio, a new call
    "coordinator":           (LOGIN,    LOGIN,    LOGIN,  DENIED,     DENIED,  DENIED, DENIED,  OK),
    # -- phase 0 (dialogue/calls/access.py): the list for coordinators and reviewers; a call or an
    #    application is hidden from anyone who may not see it, its actions refused to its reviewers
    "calls list":            (LOGIN,    LOGIN,    LOGIN,  DENIED,     DENIED,  DENIED, OK,      OK),
    "call:view":             (LOGIN,    LOGIN,    LOGIN,  HIDDEN,     HIDDEN,  HIDDEN, OK,      OK),
    "call:manage":           (LOGIN,    LOGIN,    LOGIN,  HIDDEN,     HIDDEN,  HIDDEN, DENIED,  OK),
    "call:review":           (LOGIN,    LOGIN,    LOGIN,  HIDDEN,     HIDDEN,  HIDDEN, OK,      OK),
    "call:download_pack":    (LOGIN,    LOGIN,    LOGIN,  HIDDEN,     HIDDEN,  HIDDEN, OK,      OK),
    "call:edit_criteria":    (LOGIN,    LOGIN,    LOGIN,  HIDDEN,     HIDDEN,  HIDDEN, DENIED,  OK),
    "application:view":      (LOGIN,    LOGIN,    LOGIN,  HIDDEN,     HIDDEN,  HIDDEN, OK,      OK),
    "application:review":    (LOGIN,    LOGIN,    LOGIN,  HIDDEN,     HIDDEN,  HIDDEN, OK,      OK),
    "application:decide":    (LOGIN,    LOGIN,    LOGIN,  HIDDEN,     HIDDEN,  HIDDEN, DENIED,  OK),
    # -- a dialogue (dialogue/access.py): members by their role, coordinators see every dialogue,
    #    anyone else (another dialogue's lead, a reviewer) gets 404; must agree with ALLOWED below
    "dialogue:view":           (LOGIN,  LOGIN,    LOGIN,  OK,         HIDDEN,  OK,     HIDDEN,  OK),
    "dialogue:edit":           (LOGIN,  LOGIN,    LOGIN,  OK,         HIDDEN,  OK,     HIDDEN,  DENIED),
    "dialogue:manage":         (LOGIN,  LOGIN,    LOGIN,  DENIED,     HIDDEN,  OK,     HIDDEN,  DENIED),
    "dialogue:manage_members": (LOGIN,  LOGIN,    LOGIN,  DENIED,     HIDDEN,  OK,     HIDDEN,  DENIED),
    "dialogue:download":       (LOGIN,  LOGIN,    LOGIN,  OK,         HIDDEN,  OK,     HIDDEN,  OK),
    "dialogue:export":         (LOGIN,  LOGIN,    LOGIN,  DENIED,     HIDDEN,  OK,     HIDDEN,  OK),
    "dialogue:submit":         (LOGIN,  LOGIN,    LOGIN,  DENIED,     HIDDEN,  OK,     HIDDEN,  DENIED),
    "dialogue:review":         (LOGIN,  LOGIN,    LOGIN,  DENIED,     HIDDEN,  DENIED, HIDDEN,  OK),
    "dialogue:delete":         (LOGIN,  LOGIN,    LOGIN,  DENIED,     HIDDEN,  DENIED, HIDDEN,  OK),
}

#: endpoints classed by name; the others by a rule (see ``expectation_class``)
ENDPOINT_CLASSES: dict[str, str] = {
    "static": "public",
    "main.index": "public",  # the welcome page for visitors, the list of one's dialogues otherwise
    "main.set_language": "public",
    "main.public_document": "public",  # the method overview and the toolkit's blank handouts
    "auth.login": "public",  # an account already logged in is sent on to its home page
    "call_public.call": "call link",
    "call_public.apply": "call link",
    "call_public.applied": "call link",  # without an application in the session: back to the call
    "report.form": "owner link",
    "evaluate.form": "evaluation link",
    "auth.set_password": "set-password link",
    "auth.second_step": "second step",
    "auth.logout": "logout",
    "auth.account": "account",
    "auth.two_factor": "account",
    "auth.two_factor_off": "account",
    "auth.new_recovery_codes": "account",
    "auth.reauth": "account",
    "lifecycle.my_data": "account",
    "notifications.index": "account",
    "notifications.mark_read": "account",
    "main.new_dialogue": "dialogue maker",
    "packages.upload": "dialogue maker",
    "admin.users": "coordinator",
    "admin.new_user": "coordinator",
    "admin.toggle_active": "coordinator",
    "admin.issue_link": "coordinator",
    "admin.reset_two_factor": "coordinator",
    "lifecycle.deleted": "coordinator",
    "lifecycle.restore": "coordinator",  # <deleted_uuid>: a deleted dialogue (the matrix deletes one)
    "portfolio.index": "coordinator",
    "portfolio.compare": "coordinator",
    "portfolio.export_csv": "coordinator",
    "calls.new_call": "coordinator",
    "calls.index": "calls list",
}

#: (endpoint, role) where the world's state, not access, decides the answer
EXCEPTIONS: dict[tuple[str, str], str] = {
    # the world's application has no decision yet, so it has no letter (tests/test_calls.py has one)
    ("calls.letter", "coordinator"): HIDDEN,
}


def expectation_class(app, endpoint: str, arguments) -> str | None:
    """The class of an endpoint: by name, else by the action its view declares; None if neither."""
    if endpoint in ENDPOINT_CLASSES:
        return ENDPOINT_CLASSES[endpoint]
    view = app.view_functions[endpoint]
    if "dialogue_uuid" in arguments:
        action = getattr(view, "dialogue_action", None)
        return f"dialogue:{action}" if action in ACTIONS else None
    if "application_uuid" in arguments:
        action = getattr(view, "call_action", None)
        return f"application:{action}" if action in APPLICATION_ACTIONS else None
    if "call_uuid" in arguments:
        action = getattr(view, "call_action", None)
        return f"call:{action}" if action in CALL_ACTIONS else None
    return None


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
def test_dialogue_route_access(matrix, role, rule, endpoint, method, arguments):
    world = matrix.world
    view = world.app.view_functions[endpoint]
    action = getattr(view, "dialogue_action", None)
    if action not in ACTIONS:
        pytest.fail(f"{rule} ({endpoint}) takes a dialogue but has no @dialogue_access(action)")
    url = build_url(world, endpoint, arguments)
    response = _request(matrix, role, method, url)
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
def test_unknown_dialogue_is_404_for_everyone_logged_in(matrix, rule, endpoint, method, arguments):
    """A uuid that names no dialogue answers 404 even to the coordinator."""
    url = build_url(matrix.world, endpoint, arguments, dialogue_uuid="00000000-0000-4000-8000-000000000000")
    assert _request(matrix, "coordinator", method, url).status_code == 404


@pytest.mark.parametrize("role", ("anonymous", "partner", "coordinator"))
@pytest.mark.parametrize(("rule", "endpoint", "method", "arguments"), ADMIN_RULES, ids=_ids(ADMIN_RULES))
def test_admin_route_access(matrix, role, rule, endpoint, method, arguments):
    url = build_url(matrix.world, endpoint, arguments)
    who = {"anonymous": "anonymous", "partner": "lead", "coordinator": "coordinator"}[role]
    response = _request(matrix, who, method, url)
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
def test_private_routes_send_anonymous_users_to_log_in(matrix, rule, endpoint, method, arguments):
    """Everything but the few public pages (``PUBLIC_ENDPOINTS``) needs an account."""
    url = build_url(matrix.world, endpoint, arguments)
    response = _request(matrix, "anonymous", method, url)
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


# == the access matrix's tests ==================================================================
def test_every_route_is_classified(app):
    """Every endpoint of the app is in ``ENDPOINT_CLASSES`` or classed by its view's action, and
    its class has a row in ``EXPECTED``; ``ENDPOINT_CLASSES`` names no endpoint that is gone."""
    endpoints = {rule.endpoint: rule.arguments for rule in app.url_map.iter_rules()}
    unclassified = sorted(f"{endpoint} ({sorted(arguments)})" for endpoint, arguments in endpoints.items()
                          if expectation_class(app, endpoint, arguments) is None)
    assert not unclassified, ("routes the access matrix does not class: add them to ENDPOINT_CLASSES in "
                              "tests/test_access.py (or declare their view's access action):\n" + "\n".join(unclassified))
    unknown = sorted({expectation_class(app, e, a) for e, a in endpoints.items()} - set(EXPECTED))
    assert not unknown, f"classes without a row in EXPECTED: {unknown}"
    assert not set(ENDPOINT_CLASSES) - set(endpoints), f"gone from the app: {set(ENDPOINT_CLASSES) - set(endpoints)}"
    assert all(len(row) == len(MATRIX_ROLES) for row in EXPECTED.values())
    assert {endpoint for (endpoint, _role) in EXCEPTIONS} <= set(endpoints)


def test_matrix_agrees_with_the_dialogue_rights():
    """The matrix's dialogue rows say what ``ALLOWED`` says (members and coordinators: allowed or
    403; the lead of another dialogue and reviewers: 404)."""
    for action in ACTIONS:
        row = dict(zip(MATRIX_ROLES, EXPECTED[f"dialogue:{action}"]))
        for role in ("lead", "facilitator", "coordinator"):
            assert row[role] == (OK if action in ALLOWED[role] else DENIED), (action, role)
        assert row["outsider"] == row["reviewer"] == HIDDEN, action
        assert row["anonymous"] == row["applicant"] == row["owner"] == LOGIN, action


def test_matrix_agrees_with_the_public_endpoints(app):
    """What the matrix lets anonymous visitors reach without a login is ``PUBLIC_ENDPOINTS``."""
    reached = {rule.endpoint for rule in app.url_map.iter_rules()
               if EXPECTED[expectation_class(app, rule.endpoint, rule.arguments)][0] != LOGIN}
    assert reached == PUBLIC_ENDPOINTS


# -- the matrix's world: one per module (and xdist worker), put back after every request ---------
#: the link roles, and the URL argument their token fills
LINK_ROLES = {"applicant": "call_token", "owner": "token"}
NO_LINK = "not-a-real-token"


@dataclass
class Matrix:
    app: Any
    world: World
    #: the session cookie each role holds (after logging in, or after opening its link)
    cookies: dict[str, str | None]
    #: the token each link role holds
    tokens: dict[str, str]
    #: a deleted dialogue, for <deleted_uuid>
    deleted_uuid: str
    restore: Callable[[], None]


def _session_cookie(app, client) -> str | None:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return cookie.value if cookie is not None else None


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    """A world shared by every case of the matrix (a world per case would take minutes): its own
    SQLite database, every object a URL names made up front, each role logged in (or holding its
    link) once; after every request the database file is put back as it was, so a POST that
    deletes, logs out or closes a call changes nothing for the next case. Documents are stubbed.
    It runs on SQLite in the PostgreSQL run too: who may reach what is decided in Python."""
    from flask import Response

    from dialogue import create_app, documents, services
    from dialogue.calls import documents as call_documents
    from dialogue.extensions import db
    from dialogue.lifecycle import delete_dialogue
    from dialogue.models import User
    from dialogue.review import services as review

    base = tmp_path_factory.mktemp("matrix")
    database, snapshot = base / "matrix.sqlite", base / "snapshot.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DIALOGUE_INSTANCE_PATH", str(base / "instance"))
        for name in ("DIALOGUE_ENV", "DIALOGUE_SECRET_KEY", "DIALOGUE_SECURE_COOKIES", "DIALOGUE_SMTP_HOST",
                     "DIALOGUE_PASSWORD"):
            patch.delenv(name, raising=False)
        patch.setattr(documents, "download",
                      lambda kind, lang, *, dialogue=None: Response(b"%PDF-1.7 stub", mimetype="application/pdf"))
        patch.setattr(call_documents, "render_pdf", lambda *args, **kwargs: b"%PDF-1.7 stub")
        patch.setattr(review, "frozen_pdf", lambda version: b"%PDF-1.7 stub")
        app = create_app({
            "TESTING": True, "SECRET_KEY": "test-secret-key-not-for-production",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False, "SMTP_HOST": "", "SERVER_NAME": None, "RENDER_WORKERS": 0,
        })
        with app.app_context():
            db.create_all()
        world = make_world(app)
        world_reviewer(world)
        for _rule, endpoint, _method, arguments in ALL_RULES:  # every object a URL names, made now
            build_url(world, endpoint, arguments)
        tokens = {"applicant": world_call(world)[2], "owner": world_owner_link(world)}
        with app.app_context():
            coordinator = db.session.get(User, world.coordinator.id)
            deleted = services.create_dialogue(db.session.get(User, world.outsider.id), title="A deleted dialogue",
                                               country="KE", languages=["en"], organisation="Gone",
                                               challenge="Gone.", content_language="en")
            delete_dialogue(deleted, coordinator)
            other_reviewer, _token = services.create_user("other.reviewer@example.org", role="reviewer",
                                                          name="Olga Other Reviewer", password=PASSWORD)
            db.session.commit()
            deleted_uuid = deleted.uuid

        cookies: dict[str, str | None] = {}
        for role in (*MATRIX_ROLES, "other_reviewer"):
            client = app.test_client()
            if role in LINK_ROLES:
                page = "call_public.call" if role == "applicant" else "report.form"
                argument = LINK_ROLES[role]
                url = build_url(world, page, {argument}, **{argument: tokens[role]})
                assert client.get(url).status_code == 200, f"{role} cannot open their link"
            elif role == "other_reviewer":
                assert AuthActions(client).login("other.reviewer@example.org", PASSWORD).status_code == 302
            elif role != "anonymous":
                assert AuthActions(client).login(getattr(world, role)).status_code == 302, f"{role} cannot log in"
            cookies[role] = _session_cookie(app, client)

        def settle():
            with app.app_context():
                db.session.remove()
                db.engine.dispose()  # the last connection closing folds SQLite's WAL into the file

        def restore():
            settle()
            for suffix in ("-wal", "-shm"):
                database.with_name(database.name + suffix).unlink(missing_ok=True)
            shutil.copyfile(snapshot, database)

        settle()
        shutil.copyfile(database, snapshot)
        yield Matrix(app, world, cookies, tokens, deleted_uuid, restore)
        settle()


def _matrix_url(matrix: Matrix, role: str, endpoint: str, arguments) -> str:
    """A link route gets the token the role holds (of its own kind or not), or a made-up one."""
    given = {name: matrix.tokens.get(role, NO_LINK) for name in ("token", "call_token") if name in arguments}
    if "deleted_uuid" in arguments:
        given["deleted_uuid"] = matrix.deleted_uuid
    return build_url(matrix.world, endpoint, arguments, **given)


def _request(matrix: Matrix, role: str, method: str, url: str, data=None, follow_redirects=False):
    """One request with the role's cookie, on a fresh client; the database is put back after it."""
    client = matrix.app.test_client()
    if matrix.cookies.get(role):
        client.set_cookie(matrix.app.config["SESSION_COOKIE_NAME"], matrix.cookies[role])
    try:
        return client.open(url, method=method, data=data or {}, follow_redirects=follow_redirects)
    finally:
        matrix.restore()


def _check(expected: str, response, method: str, described: str, world: World) -> None:
    status = response.status_code
    location = response.headers.get("Location", "")
    described += f" answered {status}" + (f" -> {location}" if location else "") + f", expected {expected}"
    if expected == OK:
        assert not is_login_redirect(response), described
        assert status not in (401, 403, 404, 405) and status < 500, described
        if method == "GET":
            assert status == 200 or 300 <= status < 400, described
    elif expected == LOGIN:
        assert is_login_redirect(response), described
    elif expected == DENIED:
        assert status == 403, described
    elif expected == HIDDEN:
        assert status == 404, described
        assert world.dialogue.title not in response.get_data(as_text=True), "a 404 must not show the dialogue"
    else:
        pytest.fail(f"unknown expectation {expected!r}")


@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(("rule", "endpoint", "method", "arguments"), ALL_RULES, ids=_ids(ALL_RULES))
def test_access_matrix(matrix, role, rule, endpoint, method, arguments):
    """Every rule and method of the app, as every role: the answer the matrix expects."""
    klass = expectation_class(matrix.app, endpoint, arguments)
    if klass is None:
        pytest.fail(f"{rule} ({endpoint}) is not classed: add it to ENDPOINT_CLASSES in tests/test_access.py")
    expected = EXCEPTIONS.get((endpoint, role), EXPECTED[klass][MATRIX_ROLES.index(role)])
    url = _matrix_url(matrix, role, endpoint, arguments)
    response = _request(matrix, role, method, url)
    _check(expected, response, method, f"{role} {method} {url} ({endpoint}, {klass})", matrix.world)


CALL_RULES = [r for r in ALL_RULES if {"call_uuid", "application_uuid"} & r[3]]


@pytest.mark.parametrize(("rule", "endpoint", "method", "arguments"), CALL_RULES, ids=_ids(CALL_RULES))
def test_reviewer_of_other_calls_does_not_see_this_one(matrix, rule, endpoint, method, arguments):
    """A reviewer not assigned to the call: its pages and applications answer 404."""
    url = _matrix_url(matrix, "other_reviewer", endpoint, arguments)
    response = _request(matrix, "other_reviewer", method, url)
    _check(HIDDEN, response, method, f"another call's reviewer {method} {url} ({endpoint})", matrix.world)


def test_applicant_link_applies(matrix):
    """The applicant's link takes an application and shows its confirmation."""
    from dialogue.calls.models import Application
    from dialogue.extensions import db

    token = matrix.tokens["applicant"]
    client = matrix.app.test_client()
    if matrix.cookies["applicant"]:
        client.set_cookie(matrix.app.config["SESSION_COOKIE_NAME"], matrix.cookies["applicant"])
    try:
        response = client.post(f"/calls/{token}/apply?lang=en", data={
            "organisation": "Pamoja Water Forum", "country": "KE", "contact_person": "Grace Wanjiru",
            "contact_email": "grace@pamoja.example", "challenge": "Herders and farmers clash over water points.",
            "why_now": "Two water points closed.", "sector_government": "County water department",
            "how_reached": "Through the elders.", "willingness": "Both sides asked us.", "capacity": "Six staff.",
            "motivation": "A forum that meets every season.", "consent": "y",
        })
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        assert urlsplit(response.headers["Location"]).path == f"/calls/{token}/applied"
        confirmation = client.get(response.headers["Location"])
        assert confirmation.status_code == 200
        with matrix.app.app_context():
            assert db.session.scalar(db.select(Application).where(
                Application.organisation == "Pamoja Water Forum")) is not None
    finally:
        matrix.restore()


def test_owner_link_reports_progress(matrix):
    """The owner's link takes a progress update on their commitment."""
    from dialogue.extensions import db
    from phases.followup.models import Commitment

    response = _request(matrix, "owner", "POST", f"/r/{matrix.tokens['owner']}", data={
        "status": "on_track", "progress": "40", "note": "Half the water points open at dawn.", "evidence": "",
    })
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    # _request put the database back: post again without putting it back, to look at what was saved
    client = matrix.app.test_client()
    try:
        client.post(f"/r/{matrix.tokens['owner']}", data={"status": "on_track", "progress": "40", "note": "Half."})
        with matrix.app.app_context():
            commitment = db.session.scalar(db.select(Commitment).where(
                Commitment.uuid == world_commitment(matrix.world)))
            assert commitment.progress == 40 and commitment.status == "on_track"
    finally:
        matrix.restore()
