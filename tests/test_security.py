"""Security from the first line: headers, cookies, secret key, CSRF, no inline code, escaping,
no remote assets."""
from __future__ import annotations

import os
import re
import stat

import pytest

from dialogue import ConfigError, create_app
from dialogue.extensions import db
from dialogue.models import User
from support import (
    ARG_FILLERS, AuthActions, build_url, collect_rules, csrf_token_from, html_visits, is_login_redirect, linked_assets,
    parse_page,
)


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def check_headers(response) -> list[str]:
    problems = []
    csp = response.headers.get("Content-Security-Policy")
    if not csp:
        return ["no Content-Security-Policy"]
    directives = csp_directives(csp)
    if directives.get("default-src") != ["'self'"]:
        problems.append(f"default-src is {directives.get('default-src')}")
    script_src = directives.get("script-src", directives.get("default-src", []))
    if any(source in script_src for source in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")):
        problems.append(f"script-src allows {script_src}")
    style_src = directives.get("style-src", directives.get("default-src", []))
    if "'unsafe-inline'" in style_src:
        problems.append("style-src allows 'unsafe-inline'")
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors is {directives.get('frame-ancestors')}")
    if directives.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.headers.get("Referrer-Policy") not in ("no-referrer", "same-origin", "strict-origin",
                                                         "strict-origin-when-cross-origin"):
        problems.append(f"Referrer-Policy is {response.headers.get('Referrer-Policy')}")
    return problems


# -- headers -----------------------------------------------------------------------------------
def test_security_headers_on_every_page(client, visited_pages):
    failures = []
    for visit in visited_pages:
        for problem in check_headers(visit.response):
            failures.append(f"{visit.label} ({visit.status}): {problem}")
    # static files and redirects too
    for response in (client.get("/static/css/app.css"), client.get("/account"), client.get("/nowhere")):
        failures += [f"{response.request.path}: {p}" for p in check_headers(response)]
    assert not failures, "\n".join(failures)


def test_logged_in_pages_are_not_cached(visited_pages):
    for visit in visited_pages:
        if visit.label.startswith(("lead ", "coordinator ", "facilitator ")):
            assert "no-store" in visit.response.headers.get("Cache-Control", ""), visit.label


# -- cookies ----------------------------------------------------------------------------------
def session_cookie_header(response, name="session") -> str:
    cookies = [v for k, v in response.headers.items() if k.lower() == "set-cookie" and v.startswith(name + "=")]
    assert cookies, f"no {name} cookie set"
    return cookies[-1]


def cookie_attributes(header: str) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}


def test_session_cookie_flags(client, make_user):
    response = AuthActions(client).login(make_user())
    header = session_cookie_header(response)
    attributes = cookie_attributes(header)
    assert "httponly" in attributes
    assert "samesite=lax" in header.lower().replace(" ", "")
    assert "secure" not in attributes, "plain http development: no Secure flag"


def test_secure_cookies_when_configured(make_app, make_user, monkeypatch):
    monkeypatch.setenv("DIALOGUE_SECURE_COOKIES", "1")
    app = make_app()
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    client = app.test_client()
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": user.password},
                           base_url="https://localhost")
    assert response.status_code == 302
    header = session_cookie_header(response, "__Host-session")
    attributes = cookie_attributes(header)
    assert {"secure", "httponly", "path"} <= attributes
    assert "samesite=lax" in header.lower().replace(" ", "")
    # a __Host- cookie must have Path=/ and no Domain
    assert "Path=/;" in header or header.endswith("Path=/")
    assert "domain" not in attributes
    assert "max-age=31536000" in response.headers.get("Strict-Transport-Security", "")


def test_production_without_secret_key_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.setenv("DIALOGUE_ENV", "production")
    monkeypatch.delenv("DIALOGUE_SECRET_KEY", raising=False)
    monkeypatch.setenv("DIALOGUE_INSTANCE_PATH", str(tmp_path / "instance"))
    with pytest.raises(ConfigError) as error:
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})
    message = str(error.value)
    assert "DIALOGUE_SECRET_KEY" in message and "production" in message
    assert not (tmp_path / "instance" / "secret_key").exists(), "production never invents a key"


def test_production_with_secret_key_uses_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("DIALOGUE_ENV", "production")
    monkeypatch.setenv("DIALOGUE_SECRET_KEY", "k" * 64)
    monkeypatch.delenv("DIALOGUE_SECURE_COOKIES", raising=False)
    monkeypatch.setenv("DIALOGUE_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})
    assert app.config["SECRET_KEY"] == "k" * 64
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    assert app.config["REMEMBER_COOKIE_SECURE"]
    assert not app.debug


def test_development_key_is_kept_private_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DIALOGUE_ENV", raising=False)
    monkeypatch.delenv("DIALOGUE_SECRET_KEY", raising=False)
    monkeypatch.setenv("DIALOGUE_INSTANCE_PATH", str(tmp_path / "instance"))
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    key_file = tmp_path / "instance" / "secret_key"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(first.config["SECRET_KEY"]) >= 32
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


# -- CSRF: every form that changes something ------------------------------------------------
POST_RULES = [r for r in collect_rules() if r[2] == "POST"]


def _who_may_post(endpoint: str) -> str | None:
    if endpoint in ("auth.login", "auth.set_password", "main.set_language"):
        return None
    if endpoint.startswith("admin."):
        return "coordinator"
    return "lead"


def test_the_main_forms_are_among_the_post_rules():
    assert {"auth.login", "auth.logout", "auth.set_password", "auth.account", "main.set_language",
            "main.new_dialogue", "main.edit_dialogue", "main.invite_member", "main.remove_member",
            "admin.new_user", "admin.issue_link", "admin.toggle_active"} <= {r[1] for r in POST_RULES}


@pytest.mark.parametrize(("rule", "endpoint", "method", "arguments"), POST_RULES, ids=[r[1] for r in POST_RULES])
def test_post_without_csrf_token_is_refused(world, make_app, rule, endpoint, method, arguments):
    """Every POST route (one per form kind), sent by someone allowed to send it, without the token: 400."""
    app = make_app(WTF_CSRF_ENABLED=True)
    world.app = app
    saved = ARG_FILLERS["token"]
    invited_token = _invite(app)
    ARG_FILLERS["token"] = lambda w: invited_token
    try:
        url = build_url(world, endpoint, arguments)
    finally:
        ARG_FILLERS["token"] = saved
    client = app.test_client()
    who = _who_may_post(endpoint)
    if who:
        assert AuthActions(client).login(getattr(world, who)).status_code == 302
    data = {"email": world.lead.email, "password": world.lead.password, "lang": "en", "title": "x",
            "confirm": world.lead.password, "role": "partner"}
    response = client.post(url, data=data)
    assert response.status_code == 400, f"POST {url} without token answered {response.status_code}"
    assert "The form had expired or came from another page." in response.get_data(as_text=True)
    # a forged token, in the form or in the header, is no better
    assert client.post(url, data={**data, "csrf_token": "forged"}).status_code == 400
    assert client.post(url, data=data, headers={"X-CSRFToken": "forged"}).status_code == 400
    with app.app_context():
        user = db.session.get(User, world.lead.id)
        assert user.active and user.failed_logins == 0


def _invite(app) -> str:
    from dialogue import services

    with app.app_context():
        _user, token = services.create_user("csrf.invited@example.org", role="partner")
        db.session.commit()
    return token


@pytest.mark.parametrize(("form", "who"), [
    ("login", None), ("logout", "lead"), ("language", None), ("account", "lead"), ("new_dialogue", "lead"),
    ("edit_dialogue", "lead"), ("invite", "lead"), ("remove", "lead"), ("new_user", "coordinator"),
    ("issue_link", "coordinator"), ("toggle_active", "coordinator"), ("set_password", None),
])
def test_each_form_kind_works_with_its_token(world, make_app, form, who):
    """The same forms, with the token taken from the page that shows them, are accepted."""
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    if who:
        assert AuthActions(client).login(getattr(world, who)).status_code == 302
    d = world.dialogue.uuid
    facilitator_membership = world.dialogue.membership_ids[world.facilitator.email]
    token = _invite(app) if form == "set_password" else None
    page, url, data = {
        "login": ("/login", "/login", {"email": world.lead.email, "password": world.lead.password}),
        "logout": ("/account", "/logout", {}),
        "language": ("/login", "/language", {"lang": "en", "next": "/login"}),
        "account": ("/account", "/account", {"current": world.lead.password, "password": "new password here",
                                              "confirm": "new password here"}),
        "new_dialogue": ("/dialogues/new", "/dialogues/new", {"title": "T", "country": "KE", "languages": ["en"],
                                                               "organisation": "O", "challenge": "C",
                                                               "content_language": "en"}),
        "edit_dialogue": (f"/d/{d}/edit", f"/d/{d}/edit", {"title": "T2", "country": "KE", "languages": ["en"],
                                                           "organisation": "O", "challenge": "C",
                                                           "content_language": "en", "version": "1"}),
        "invite": (f"/d/{d}/members", f"/d/{d}/members/invite", {"email": "new@example.org", "role": "facilitator"}),
        "remove": (f"/d/{d}/members", f"/d/{d}/members/{facilitator_membership}/remove", {}),
        "new_user": ("/admin/users/new", "/admin/users/new", {"email": "n@example.org", "role": "partner"}),
        "issue_link": ("/admin/users", f"/admin/users/{world.outsider.id}/link", {}),
        "toggle_active": ("/admin/users", f"/admin/users/{world.outsider.id}/active", {}),
        "set_password": (f"/set-password/{token}", f"/set-password/{token}",
                         {"password": "twelve chars!", "confirm": "twelve chars!"}),
    }[form]
    data["csrf_token"] = csrf_token_from(client.get(page).get_data(as_text=True))
    response = client.post(url, data=data)
    assert response.status_code == 302, f"{form}: {response.status_code}"


def test_csrf_token_is_tied_to_the_session(csrf_app, csrf_client, make_user):
    user = make_user()
    attacker = csrf_app.test_client()
    stolen = csrf_token_from(attacker.get("/login").get_data(as_text=True))
    response = csrf_client.post("/login", data={"email": user.email, "password": user.password, "csrf_token": stolen})
    assert response.status_code == 400
    # with its own token the same login goes through
    assert AuthActions(csrf_client).login(user).status_code == 302


# -- no inline code, escaping, no remote assets ------------------------------------------------
INLINE_HANDLER = re.compile(r"^on[a-z]+$")


def test_no_inline_script_handlers_or_styles(visited_pages):
    failures = []
    for visit in html_visits(visited_pages):
        page = parse_page(visit.html)
        for element in page.elements:
            if element.tag == "script" and not element.attrs.get("src"):
                failures.append(f"{visit.label}: inline <script> (line {element.line})")
            if element.tag == "style":
                failures.append(f"{visit.label}: <style> element (line {element.line})")
            for name, value in element.attrs.items():
                if INLINE_HANDLER.match(name):
                    failures.append(f"{visit.label}: {name}= on <{element.tag}> (line {element.line})")
                if name == "style":
                    failures.append(f"{visit.label}: style= on <{element.tag}> (line {element.line})")
                if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                        ("javascript:", "data:text/html")):
                    failures.append(f"{visit.label}: {name}={value!r}")
    assert not failures, "\n".join(failures)


ASSET_ATTRIBUTES = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
                    "audio": "src", "embed": "src", "object": "data", "track": "src", "input": "src"}


def test_no_remote_assets(client, visited_pages):
    failures = []
    stylesheets = set()
    for visit in html_visits(visited_pages):
        page = parse_page(visit.html)
        for element in page.elements:
            attribute = ASSET_ATTRIBUTES.get(element.tag)
            value = (element.attrs.get(attribute) or "") if attribute else ""
            if re.match(r"^\s*(https?:)?//", value, re.I):
                failures.append(f"{visit.label}: <{element.tag} {attribute}={value!r}>")
            if element.tag == "img" and "srcset" in element.attrs and "//" in element.attrs["srcset"]:
                failures.append(f"{visit.label}: remote srcset")
        stylesheets.update(linked_assets(page))
    for url in stylesheets:
        css = client.get(url).get_data(as_text=True)
        if re.search(r"url\(\s*['\"]?\s*(https?:)?//", css, re.I) or re.search(r"@import\s+['\"]?(https?:)?//", css):
            failures.append(f"{url} loads something from another site")
    assert not failures, "\n".join(failures)


EVIL_TITLE = "<script>alert(1)</script>"
EVIL_ORG = '"><img src=x onerror=alert(2)>'


def test_user_text_is_escaped(app, client, make_user, make_dialogue, stub_documents):
    lead = make_user(name='<b onmouseover="x">Lead</b>')
    dialogue = make_dialogue(lead=lead, title=EVIL_TITLE, organisation=EVIL_ORG, locality="<i>here</i>",
                             challenge="</blockquote><script>alert(3)</script>")
    coordinator_client = app.test_client()
    AuthActions(coordinator_client).login(make_user(role="coordinator"))
    AuthActions(client).login(lead)
    pages = [client.get(url) for url in ("/", f"/d/{dialogue.uuid}/", f"/d/{dialogue.uuid}/members",
                                         f"/d/{dialogue.uuid}/edit")]
    pages.append(coordinator_client.get("/admin/users"))
    for response in pages:
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        for raw in (EVIL_TITLE, EVIL_ORG, "<i>here</i>", "<script>alert(3)", '<b onmouseover'):
            assert raw not in html, f"{response.request.path} shows {raw!r} unescaped"
        page = parse_page(html)
        assert not page.inline_scripts
        assert not any(name.startswith("on") for e in page.elements for name in e.attrs)
    home = pages[1].get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in home


def test_error_pages_do_not_reflect_the_url(client):
    response = client.get("/%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 404
    assert "<script>alert(1)" not in response.get_data(as_text=True)


def test_large_uploads_are_refused(make_app):
    app = make_app(MAX_CONTENT_LENGTH=1024)
    response = app.test_client().post("/login", data={"email": "a" * 4096, "password": "x"})
    assert response.status_code == 413


def test_set_password_page_leaks_no_referrer_to_its_links(app, make_user):
    user = make_user(password=None)
    response = app.test_client().get(f"/set-password/{user.link_token}")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert not is_login_redirect(response)
