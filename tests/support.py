"""What the tests share besides fixtures: the factories' records, logging in, HTML helpers.

Import it in a test module as ``from support import ...`` (pytest puts ``tests/`` on the path).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Callable
from urllib.parse import urlsplit

import pytest

#: the password every factory-made account gets unless told otherwise
PASSWORD = "correct horse battery staple"

#: ``dialogue.services._hasher`` as the app made it (conftest swaps in a cheaper one for speed)
PRODUCTION_HASHER = None


@dataclass
class UserInfo:
    """What a test needs of an account, readable outside any app context."""

    id: int
    uuid: str
    email: str
    role: str
    name: str
    password: str | None
    #: the one-time set-password token of an invited account (``make_user(password=None)``)
    link_token: str | None = None


@dataclass
class DialogueInfo:
    id: int
    uuid: str
    title: str
    lead: UserInfo
    facilitators: list[UserInfo] = field(default_factory=list)
    #: membership id by member e-mail
    membership_ids: dict[str, int] = field(default_factory=dict)


# -- logging in --------------------------------------------------------------------------------
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no csrf_token in the page"
    return match.group(1) or match.group(2)


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email: str | UserInfo = "", password: str | None = None, *, follow_redirects=False):
        """Log in through the login form; ``email`` may be a ``UserInfo`` (its password is used)."""
        if isinstance(email, UserInfo):
            password = password if password is not None else email.password
            email = email.email
        data = {"email": email, "password": PASSWORD if password is None else password}
        if self._client.application.config.get("WTF_CSRF_ENABLED"):
            data["csrf_token"] = csrf_token_from(self._client.get("/login").get_data(as_text=True))
        return self._client.post("/login", data=data, follow_redirects=follow_redirects)

    def logout(self):
        data = {}
        if self._client.application.config.get("WTF_CSRF_ENABLED"):
            data["csrf_token"] = csrf_token_from(self._client.get("/account").get_data(as_text=True))
        return self._client.post("/logout", data=data)


# -- counting queries -------------------------------------------------------------------------
class QueryCount:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)

    def __repr__(self):
        return f"<{self.count} queries:\n" + "\n".join(self.statements) + ">"




def is_login_redirect(response) -> bool:
    """A redirect to the login page (how anonymous users are answered)."""
    return response.status_code in (301, 302, 303) and urlsplit(response.headers.get("Location", "")).path == "/login"


# -- reading pages ------------------------------------------------------------------------------
ONE_TIME_LINK = re.compile(r"https?://[^\s\"'<>]*/set-password/([A-Za-z0-9_\-]+)")


def one_time_tokens(html: str) -> list[str]:
    """The set-password tokens shown in a page."""
    return ONE_TIME_LINK.findall(html)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    line: int
    text: str = ""


class PageParser(HTMLParser):
    """Collects what the page tests look at: elements with their attributes, labels, text."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.label_stack: list[Element] = []
        self.labelled_by_wrapping: set[int] = set()  # indexes of controls inside a <label>
        self.inline_scripts: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.getpos()[0])
        self.elements.append(element)
        if tag in ("input", "select", "textarea") and self.label_stack:
            self.labelled_by_wrapping.add(len(self.elements) - 1)
        if tag == "label":
            self.label_stack.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.open and self.open[-1].tag == tag:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag == "label" and self.label_stack:
            self.label_stack.pop()
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                element = self.open[index]
                del self.open[index:]
                if tag == "script" and element.text.strip():
                    self.inline_scripts.append(element)
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def find_all(page: PageParser, tag: str) -> list[Element]:
    return [e for e in page.elements if e.tag == tag]


def element_by_id(page: PageParser, id_: str) -> Element | None:
    return next((e for e in page.elements if e.attrs.get("id") == id_), None)


def field_error(html: str, field_id: str) -> str | None:
    """The error message shown next to a form field (``<p class="error" id="FIELD-error">``)."""
    element = element_by_id(parse_page(html), f"{field_id}-error")
    return " ".join(element.text.split()) if element is not None else None


UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


def unlabelled_controls(page: PageParser) -> list[Element]:
    """Form controls that have no label: no <label for=id>, no wrapping label, no aria-label(ledby)."""
    label_targets = {e.attrs.get("for") for e in page.elements if e.tag == "label"}
    missing = []
    for index, element in enumerate(page.elements):
        if element.tag not in ("input", "select", "textarea"):
            continue
        if element.tag == "input" and (element.attrs.get("type") or "text").lower() in UNLABELLED_TYPES:
            continue
        if index in page.labelled_by_wrapping:
            continue
        if element.attrs.get("id") and element.attrs["id"] in label_targets:
            continue
        if (element.attrs.get("aria-label") or "").strip() or element.attrs.get("aria-labelledby"):
            continue
        missing.append(element)
    return missing


# -- a small world of accounts around one dialogue, and URLs for any rule ------------------------
@dataclass
class World:
    """One dialogue with its lead and facilitator, a coordinator, and an outsider (a partner
    who leads another dialogue). Made by the ``world`` fixture (or ``make_world``).

    Made on demand, once (see ``world_reviewer``, ``world_call``, ``world_owner_link``): a
    reviewer assigned to the world's call, the call with an application and its public link,
    and a commitment owner's private reporting link."""

    app: Any
    dialogue: DialogueInfo
    lead: UserInfo
    facilitator: UserInfo
    coordinator: UserInfo
    outsider: UserInfo
    other_dialogue: DialogueInfo
    reviewer: UserInfo | None = None


def make_world(app) -> World:
    """The ``world`` fixture's accounts and dialogues, made by the services on ``app``'s database
    (for a world shared by many tests, as ``test_access.py``'s matrix does)."""
    from dialogue import services
    from dialogue.extensions import db
    from dialogue.models import Dialogue

    def user(email, name, role="partner"):
        account, _token = services.create_user(email, role=role, name=name, password=PASSWORD)
        db.session.flush()
        return account

    def info(account):
        return UserInfo(account.id, account.uuid, account.email, account.role, account.name, PASSWORD)

    def dialogue_info(dialogue, lead, facilitators=()):
        dialogue = db.session.get(Dialogue, dialogue.id)
        return DialogueInfo(dialogue.id, dialogue.uuid, dialogue.title, lead, list(facilitators),
                            {m.user.email: m.id for m in dialogue.memberships})

    fields = {"country": "KE", "locality": "Isiolo", "languages": ["en", "sw"], "organisation": "Pamoja Forum",
              "challenge": "Herders and farmers share one river.", "content_language": "en"}
    with app.app_context():
        lead = user("grace.lead@example.org", "Grace Lead")
        facilitator = user("peter.facilitator@example.org", "Peter Facilitator")
        coordinator = user("amina.coordinator@example.org", "Amina Coordinator", role="coordinator")
        outsider = user("otto.outsider@example.org", "Otto Outsider")
        other = services.create_dialogue(outsider, title="The outsiders own dialogue", **fields)
        dialogue = services.create_dialogue(lead, title="Secret valley dialogue", **fields)
        services.invite_member(dialogue, lead, email=facilitator.email, role="facilitator")
        db.session.commit()
        infos = {name: info(account) for name, account in
                 (("lead", lead), ("facilitator", facilitator), ("coordinator", coordinator), ("outsider", outsider))}
        return World(app, dialogue_info(dialogue, infos["lead"], [infos["facilitator"]]), infos["lead"],
                     infos["facilitator"], infos["coordinator"], infos["outsider"],
                     dialogue_info(other, infos["outsider"]))


#: a value for each URL argument, given the test's world; a phase that adds a route with a
#: new argument adds its filler here (it may create the object, through the phase's services)
ARG_FILLERS: dict[str, Callable[[World], Any]] = {
    "dialogue_uuid": lambda w: w.dialogue.uuid,
    "membership_id": lambda w: w.dialogue.membership_ids[w.facilitator.email],
    "kind": lambda w: "method-overview",
    "user_id": lambda w: w.outsider.id,
    "token": lambda w: "not-a-real-token",
    "filename": lambda w: "css/app.css",
    "fmt": lambda w: "xlf",
    "stakeholder_uuid": lambda w: world_stakeholder(w),
    "meeting_uuid": lambda w: world_meeting(w)[0],
    "item_uuid": lambda w: world_meeting(w)[1],
    "outcome_uuid": lambda w: world_meeting(w)[2],
    "commitment_uuid": lambda w: world_commitment(w),
    "number": lambda w: world_approved_version(w),
    "call_uuid": lambda w: world_call(w)[0],
    "application_uuid": lambda w: world_call(w)[1],
    "call_token": lambda w: world_call(w)[2],
    "deleted_uuid": lambda w: w.other_dialogue.uuid,
}


def world_reviewer(world: World) -> UserInfo:
    """An account with the role reviewer (no dialogue's member), made once; ``world_call``
    assigns it to the world's call."""
    if world.reviewer is not None:
        return world.reviewer
    from dialogue import services
    from dialogue.extensions import db

    with world.app.app_context():
        user, _token = services.create_user(f"reviewer.{world.dialogue.uuid[:8]}@example.org", role="reviewer",
                                            name="Rita Reviewer", password=PASSWORD)
        db.session.commit()
        world.reviewer = UserInfo(user.id, user.uuid, user.email, user.role, user.name, PASSWORD)
    return world.reviewer


def world_call(world: World) -> tuple[str, str, str]:
    """(call uuid, application uuid, public token) of an open call made once by the world's
    coordinator, who reviews it together with the world's reviewer (``world_reviewer``), with
    one application (phase 0, ``dialogue.calls``)."""
    cached = getattr(world, "call_uuids", None)
    if cached:
        return cached
    from datetime import timedelta

    from dialogue.calls import services as calls
    from dialogue.extensions import db
    from dialogue.models import User, utcnow

    reviewer = world_reviewer(world)
    with world.app.app_context():
        coordinator = db.session.get(User, world.coordinator.id)
        call = calls.create_call(
            coordinator, titles={"en": "Call for convening partners", "fr": "Appel à partenaires"},
            descriptions={"en": "Apply with a challenge."}, languages=["en", "fr"],
            opens_at=utcnow() - timedelta(days=1), closes_at=utcnow() + timedelta(days=30), timezone="Africa/Nairobi",
            reviewer_ids=[coordinator.id, reviewer.id])
        calls.open_call(call, coordinator)
        application = calls.submit_application(
            call, language="en", organisation="Isiolo Water Forum", country="KE", contact_person="Halima Hassan",
            contact_email="halima@example.org", challenge="Herders and farmers share one river.",
            why_now="The dry season is coming.", stakeholders_by_sector={"government": "County water office"},
            how_reached="Through the elders.", willingness="We are ready.", capacity="Four staff.",
            motivation="A lasting forum.")
        db.session.commit()
        world.call_uuids = (call.uuid, application.uuid, call.public_token)
    return world.call_uuids


def world_approved_version(world: World) -> int:
    """The number of an approved (frozen) version of the world's case study, made once."""
    cached = getattr(world, "approved_version", None)
    if cached:
        return cached
    from dialogue.extensions import db
    from dialogue.models import Dialogue, User
    from dialogue.review import services as review

    submit_world_case_study(world)
    with world.app.app_context():
        dialogue = db.session.get(Dialogue, world.dialogue.id)
        version = review.approve(dialogue, db.session.get(User, world.coordinator.id))
        db.session.commit()
        world.approved_version = version.number
    return world.approved_version


def submit_world_case_study(world: World) -> str:
    """The lead writes the world's case study (a summary and its context) and submits it for
    review (each call submits again); returns the case study's page, where the coordinator's
    comment and decision forms now show."""
    from dialogue.casestudy.services import save_narrative
    from dialogue.extensions import db
    from dialogue.models import Dialogue, User
    from dialogue.review import services as review

    with world.app.app_context():
        dialogue = db.session.get(Dialogue, world.dialogue.id)
        lead = db.session.get(User, world.lead.id)
        save_narrative(dialogue, lead, version=0, content_language="en", summary="What happened.",
                       context="Where it happened.")
        review.submit(dialogue, lead)
        db.session.commit()
    return f"/d/{world.dialogue.uuid}/case-study/"


def world_commitment(world: World) -> str:
    """A commitment of the world's dialogue held by its stakeholder, made once."""
    cached = getattr(world, "commitment_uuid", None)
    if cached:
        return cached
    from dialogue.extensions import db
    from dialogue.models import Dialogue, User
    from phases.followup import services as followup

    stakeholder = world_stakeholder(world)
    with world.app.app_context():
        dialogue = db.session.get(Dialogue, world.dialogue.id)
        commitment = followup.create_commitment(dialogue, db.session.get(User, world.lead.id), owners=[stakeholder],
                                                title="Open the water points at dawn")
        db.session.commit()
        world.commitment_uuid = commitment.uuid
    return world.commitment_uuid


def world_owner_link(world: World) -> str:
    """The token of a private reporting link (``/r/<token>``) for the owner of the world's
    commitment, issued once by the lead (``phases.followup.services.issue_link``)."""
    cached = getattr(world, "owner_token", None)
    if cached:
        return cached
    from dialogue.extensions import db
    from dialogue.models import User
    from phases.followup import services as followup
    from phases.followup.models import Commitment

    commitment_uuid = world_commitment(world)
    with world.app.app_context():
        commitment = db.session.scalar(db.select(Commitment).where(Commitment.uuid == commitment_uuid))
        token = followup.issue_link(commitment.owners[0], db.session.get(User, world.lead.id))
        db.session.commit()
        world.owner_token = token
    return world.owner_token


def world_meeting(world: World) -> tuple[str, str, str]:
    """(meeting, agenda item, outcome) uuids of a meeting of the world's dialogue, made once."""
    cached = getattr(world, "meeting_uuids", None)
    if cached:
        return cached
    from datetime import datetime, timezone

    from dialogue.extensions import db
    from dialogue.models import Dialogue, User
    from phases.convening import services as convening

    world_stakeholder(world)
    with world.app.app_context():
        dialogue = db.session.get(Dialogue, world.dialogue.id)
        lead = db.session.get(User, world.lead.id)
        meeting = convening.create_meeting(
            dialogue, lead, title="Main dialogue meeting", kind="main",
            starts_at=datetime(2026, 5, 12, 6, 0, tzinfo=timezone.utc),
            ends_at=datetime(2026, 5, 12, 13, 30, tzinfo=timezone.utc), timezone="Africa/Nairobi",
            venue="Isiolo Social Hall", address="Hospital Road", online_link="", languages=["en", "sw"],
            interpretation="", facilitator_ids=[world.lead.id], ground_rules="Listen to understand",
        )
        item = convening.add_item(meeting, lead, title="Welcome", minutes=30, method="plenary", stage="connection")
        outcome = convening.add_outcome(meeting, lead, kind="agreement", text="Water points open at dawn")
        db.session.commit()
        world.meeting_uuids = (meeting.uuid, item.uuid, outcome.uuid)
    return world.meeting_uuids


def world_stakeholder(world: World) -> str:
    """The uuid of a stakeholder of the world's dialogue (made once, by the phase's service)."""
    cached = getattr(world, "stakeholder_uuid", None)
    if cached:
        return cached
    from dialogue.extensions import db
    from dialogue.models import Dialogue
    from phases.mapping import services as mapping

    with world.app.app_context():
        dialogue = db.session.get(Dialogue, world.dialogue.id)
        stakeholder = mapping.add_stakeholder(
            dialogue, None, organisation="Isiolo Water Users Association", person="Halima Hassan",
            role="Chair", sector="civil_society", influence=4, interest=5, at_risk=True,
            contact="+254 700 000 000", consent_named=False,
        )
        db.session.commit()
        world.stakeholder_uuid = stakeholder.uuid
    return world.stakeholder_uuid


def build_url(world: World, endpoint: str, arguments, **given) -> str:
    """The URL of ``endpoint`` with each argument filled from ``ARG_FILLERS`` (or ``given``)."""
    from flask import url_for

    values = {}
    for name in sorted(arguments):
        if name in given:
            values[name] = given[name]
            continue
        filler = ARG_FILLERS.get(name)
        if filler is None:
            pytest.fail(f"{endpoint} takes <{name}>: add a filler for it to ARG_FILLERS in tests/support.py")
        values[name] = filler(world)
    with world.app.test_request_context():
        return url_for(endpoint, **values)


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@functools.lru_cache(maxsize=1)
def collect_rules() -> tuple:
    """(rule, endpoint, method, arguments) for every rule and method of the app, for parametrising
    tests at collection time (an app on a throwaway in-memory database)."""
    import os
    import shutil
    import tempfile

    from dialogue import create_app

    instance = tempfile.mkdtemp(prefix="dialogue-rules-")
    previous = os.environ.get("DIALOGUE_INSTANCE_PATH")
    os.environ["DIALOGUE_INSTANCE_PATH"] = instance
    try:
        app = create_app({"TESTING": True, "SECRET_KEY": "collect", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                          "RATELIMIT_ENABLED": False})
    finally:
        if previous is None:
            os.environ.pop("DIALOGUE_INSTANCE_PATH", None)
        else:
            os.environ["DIALOGUE_INSTANCE_PATH"] = previous
        shutil.rmtree(instance, ignore_errors=True)
    rules = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & set(METHODS)):
            rules.append((rule.rule, rule.endpoint, method, frozenset(rule.arguments)))
    return tuple(sorted(rules, key=lambda r: (r[0], r[1], r[2])))


# -- walking every page ---------------------------------------------------------------------------
@dataclass
class Visit:
    label: str  # who and why, for failure messages
    url: str
    endpoint: str | None
    response: Any

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def is_html(self) -> bool:
        """A page (not a redirect's stub body, not a document)."""
        return self.response.mimetype == "text/html" and not 300 <= self.status < 400

    @property
    def html(self) -> str:
        return self.response.get_data(as_text=True)


def _get_rules(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ()) and rule.endpoint != "static"),
        key=lambda rule: rule.rule,
    )


def walk_pages(world: World) -> list[Visit]:
    """GET every page the tests can reach, as each role, plus the pages of a few notable states
    (a one-time link shown, forms with errors, error pages). Documents must be stubbed
    (``stub_documents``): they are fetched but are not HTML."""
    app = world.app
    visits: list[Visit] = []

    def client_as(user):
        client = app.test_client()
        if user is not None:
            assert AuthActions(client).login(user).status_code == 302
        return client

    clients = {
        "anonymous": client_as(None),
        "lead": client_as(world.lead),
        "facilitator": client_as(world.facilitator),
        "coordinator": client_as(world.coordinator),
    }

    def visit(label, client, url, endpoint=None, method="GET", data=None):
        response = client.open(url, method=method, data=data or {})
        visits.append(Visit(label, url, endpoint, response))
        return response

    for rule in _get_rules(app):
        url = build_url(world, rule.endpoint, rule.arguments)
        for role, client in clients.items():
            if "dialogue_uuid" in rule.arguments and role == "anonymous":
                continue
            visit(f"{role} GET {rule.rule}", client, url, rule.endpoint)

    # notable states
    visit("set-password with a valid link", app.test_client(),
          f"/set-password/{_invited_token(world)}", "auth.set_password")
    lead = clients["lead"]
    lead.post(f"/d/{world.dialogue.uuid}/members/invite", data={"email": "walk.new@example.org", "role": "facilitator"})
    visit("members with a link shown", lead, f"/d/{world.dialogue.uuid}/members", "main.members")
    coordinator = clients["coordinator"]
    coordinator.post("/admin/users/new", data={"email": "walk.partner@example.org", "role": "partner"})
    visit("accounts with a link shown", coordinator, "/admin/users", "admin.users")
    visit("login with errors", app.test_client(), "/login", "auth.login", "POST", {"email": "x@example.org"})
    visit("new dialogue with errors", lead, "/dialogues/new", "main.new_dialogue", "POST", {"title": ""})
    visit("edit with errors", lead, f"/d/{world.dialogue.uuid}/edit", "main.edit_dialogue", "POST", {"title": ""})
    visit("invite with errors", lead, f"/d/{world.dialogue.uuid}/members/invite", "main.invite_member", "POST",
          {"email": "nope"})
    visit("account with errors", lead, "/account", "auth.account", "POST", {"current": "x"})
    visit("new account with errors", coordinator, "/admin/users/new", "admin.new_user", "POST", {"email": ""})
    visit("not found", lead, "/no-such-page")
    visit("forbidden", lead, "/admin/users")
    # the second login step, for an account that has one
    two_step = app.test_client()
    email = _user_with_second_step(world)
    two_step.post("/login", data={"email": email, "password": PASSWORD})
    visit("second login step", two_step, "/login/second-step", "auth.second_step")
    visit("second login step with errors", two_step, "/login/second-step", "auth.second_step", "POST",
          {"code": "000000"})
    visit("set up the second step", lead, "/account/two-factor", "auth.two_factor")
    visit("confirm it is you", lead, "/reauth", "auth.reauth")
    return visits


def _user_with_second_step(world: World) -> str:
    """An account with the second login step on; returns its e-mail."""
    import pyotp

    from dialogue import security, services
    from dialogue.extensions import db

    with world.app.app_context():
        user, _ = services.create_user("walk.totp@example.org", role="partner", password=PASSWORD)
        secret = security.new_secret()
        security.confirm_enrolment(user, secret, pyotp.TOTP(secret).now())
        db.session.commit()
    return "walk.totp@example.org"


def _invited_token(world: World) -> str:
    from dialogue import services
    from dialogue.extensions import db

    with world.app.app_context():
        user, token = services.create_user("walk.invited@example.org", role="partner")
        db.session.commit()
    return token


def html_visits(visits: list[Visit]) -> list[Visit]:
    return [v for v in visits if v.is_html]


def linked_assets(page: PageParser) -> list[str]:
    """The stylesheets and scripts a page loads."""
    urls = []
    for element in page.elements:
        if element.tag == "link" and "stylesheet" in (element.attrs.get("rel") or "").lower().split():
            urls.append(element.attrs.get("href") or "")
        elif element.tag == "script" and element.attrs.get("src"):
            urls.append(element.attrs["src"])
    return urls
