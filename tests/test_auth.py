"""Logging in and out, lockout and throttling, one-time links, passwords, session lifetime."""
from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

import support
from dialogue import services
from dialogue.extensions import db
from dialogue.models import AccountToken, User, utcnow
from support import PASSWORD, field_error, is_login_redirect, parse_page


def page(response) -> str:
    return response.get_data(as_text=True)


def logged_in(client) -> bool:
    response = client.get("/account")
    return response.status_code == 200


# -- logging in ---------------------------------------------------------------------------------
def test_login_page(client):
    response = client.get("/login")
    assert response.status_code == 200
    html = page(response)
    assert 'name="email"' in html and 'name="password"' in html


def test_login_success_redirects_home_and_records_it(app, client, auth, make_user):
    user = make_user()
    response = auth.login(user)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert logged_in(client)
    with app.app_context():
        row = db.session.get(User, user.id)
        assert row.last_login_at is not None
        assert row.failed_logins == 0


def test_login_email_is_case_insensitive(client, auth, make_user):
    user = make_user(email="Grace@Example.org")
    assert auth.login(" GRACE@example.ORG ", user.password).status_code == 302


@pytest.mark.parametrize("who", ["wrong password", "unknown account", "disabled account", "invited, no password"])
def test_login_failure_message_next_to_the_field(client, auth, make_user, who):
    if who == "wrong password":
        response = auth.login(make_user(), "not the password at all")
    elif who == "unknown account":
        response = auth.login("nobody@example.org", PASSWORD)
    elif who == "disabled account":
        response = auth.login(make_user(active=False))
    else:
        user = make_user(password=None)
        response = auth.login(user.email, "")
        assert field_error(page(response), "password")  # a password is required
        response = auth.login(user.email, "anything at all here")
    assert response.status_code == 422
    # the same words whatever went wrong, so the form does not tell which accounts exist
    assert field_error(page(response), "password") == "The e-mail address or the password is not right."
    assert not logged_in(client)


def test_login_requires_both_fields(client, auth):
    response = client.post("/login", data={"email": "", "password": ""})
    assert response.status_code == 422
    html = page(response)
    assert field_error(html, "email") and field_error(html, "password")
    assert 'aria-invalid="true"' in html


@pytest.mark.app_config(LOGIN_MAX_FAILURES=3, LOGIN_LOCK_MINUTES=15)
def test_account_locks_after_repeated_failures(app, client, auth, make_user):
    user = make_user()
    for _ in range(2):
        response = auth.login(user, "wrong wrong wrong")
        assert field_error(page(response), "password")
    response = auth.login(user, "wrong wrong wrong")
    assert response.status_code == 422
    message = field_error(page(response), "email")
    assert message == "Too many failed attempts for this account. Wait 15 minutes and try again."
    # while locked, even the right password is refused
    response = auth.login(user)
    assert response.status_code == 422
    assert "Too many failed attempts" in field_error(page(response), "email")
    assert not logged_in(client)
    # the lock is per account: another account logs in from the same address
    other = make_user()
    assert auth.login(other).status_code == 302
    client.post("/logout")
    # when the lock has passed, the right password works again
    with app.app_context():
        db.session.execute(update(User).where(User.id == user.id).values(locked_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert auth.login(user).status_code == 302


@pytest.mark.app_config(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
def test_login_is_throttled_per_address(app, make_user):
    user = make_user()
    client = app.test_client()
    for _ in range(3):
        assert client.post("/login", data={"email": user.email, "password": "wrong guess"}).status_code == 422
    response = client.post("/login", data={"email": user.email, "password": user.password})
    assert response.status_code == 429
    html = page(response)
    assert "Too many attempts in a short time. Wait a few minutes and try again." in html
    assert parse_page(html).elements[0].tag == "html"
    # viewing the form is not limited, only sending it
    assert client.get("/login").status_code == 200
    # another address is not held back by this one
    other = app.test_client()
    response = other.post("/login", data={"email": user.email, "password": user.password},
                          environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 302


@pytest.mark.app_config(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="1 per minute")
def test_throttling_message_is_translated(app, make_user):
    from dialogue.i18n import available_languages, force_locale
    from dialogue.labels import error_text

    with app.test_request_context():
        assert "fr" in available_languages(), "the French catalog is missing"
        english = str(error_text(429))
        with force_locale("fr"):
            french = str(error_text(429))
    assert french != english, "the 429 message has no French translation"
    client = app.test_client()
    headers = {"Accept-Language": "fr"}
    client.post("/login", data={"email": "a@example.org", "password": "x"}, headers=headers)
    response = client.post("/login", data={"email": "a@example.org", "password": "x"}, headers=headers)
    assert response.status_code == 429
    html = page(response)
    assert french in html
    assert '<html lang="fr"' in html


def test_passwords_are_hashed_with_argon2(app, make_user):
    user = make_user()
    with app.app_context():
        stored = db.session.get(User, user.id).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    hasher = support.PRODUCTION_HASHER
    # at least OWASP's minimum for argon2id
    assert hasher.time_cost >= 2 and hasher.memory_cost >= 19 * 1024


# -- logging out ------------------------------------------------------------------------------
def test_logout_ends_every_session(app, client, auth, make_user):
    user = make_user()
    auth.login(user)
    other_device = app.test_client()
    AuthActionsFor(other_device).login(user)
    assert logged_in(client) and logged_in(other_device)
    captured = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value

    response = auth.logout()
    assert is_login_redirect(response)
    assert not logged_in(client)
    # the other device's session has ended too
    assert is_login_redirect(other_device.get("/account"))
    # and the cookie captured before logout, replayed, opens nothing
    replay = app.test_client()
    replay.set_cookie(app.config["SESSION_COOKIE_NAME"], captured)
    assert is_login_redirect(replay.get("/account"))


def test_logout_needs_post(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/logout").status_code == 405
    assert logged_in(client)


def AuthActionsFor(client):
    return support.AuthActions(client)


def test_password_change_ends_other_sessions(app, client, auth, make_user):
    user = make_user()
    auth.login(user)
    other_device = app.test_client()
    AuthActionsFor(other_device).login(user)
    captured = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    new_password = "a brand new passphrase"
    response = client.post("/account", data={"current": user.password, "password": new_password,
                                              "confirm": new_password})
    assert response.status_code == 302
    assert logged_in(client), "the device that changed the password stays logged in"
    assert is_login_redirect(other_device.get("/account"))
    replay = app.test_client()
    replay.set_cookie(app.config["SESSION_COOKIE_NAME"], captured)
    assert is_login_redirect(replay.get("/account"))
    # the new password works, the old one not
    fresh = AuthActionsFor(app.test_client())
    assert fresh.login(user.email, user.password).status_code == 422
    assert fresh.login(user.email, new_password).status_code == 302


def test_password_change_needs_the_current_password(app, client, auth, make_user):
    user = make_user()
    auth.login(user)
    response = client.post("/account", data={"current": "not my password", "password": "another good one!",
                                              "confirm": "another good one!"})
    assert response.status_code == 422
    assert field_error(page(response), "current") == "This is not your current password."
    assert AuthActionsFor(app.test_client()).login(user).status_code == 302


# -- one-time set-password links --------------------------------------------------------------
def assert_private_headers(response):
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert response.headers["Cache-Control"] == "no-store"


def test_set_password_link_works_once(app, client, make_user):
    user = make_user(password=None)
    url = f"/set-password/{user.link_token}"
    response = client.get(url)
    assert response.status_code == 200
    assert_private_headers(response)
    assert user.email in page(response)
    new_password = "twelve chars or more"
    response = client.post(url, data={"password": new_password, "confirm": new_password})
    assert response.status_code == 302
    assert logged_in(client)
    # a second use of the same link is refused
    again = app.test_client()
    response = again.get(url)
    assert response.status_code == 404
    assert_private_headers(response)
    assert "This link does not work" in page(response)
    response = again.post(url, data={"password": "someone else's pass", "confirm": "someone else's pass"})
    assert response.status_code == 404
    assert AuthActionsFor(again).login(user.email, new_password).status_code == 302


def test_set_password_link_expires(app, client, make_user):
    user = make_user(password=None)
    with app.app_context():
        db.session.execute(update(AccountToken).where(AccountToken.user_id == user.id)
                           .values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    response = client.get(f"/set-password/{user.link_token}")
    assert response.status_code == 404
    assert_private_headers(response)


def test_set_password_link_lifetime_comes_from_the_settings(app, make_user):
    user = make_user(password=None)
    with app.app_context():
        row = db.session.scalar(db.select(AccountToken).where(AccountToken.user_id == user.id))
        hours = (row.expires_at - row.created_at).total_seconds() / 3600
    assert abs(hours - app.config["SET_PASSWORD_HOURS"]) < 0.01


@pytest.mark.parametrize("token", ["wrong", "x" * 43, "..", "a.b-c_d"])
def test_wrong_token_is_a_private_404(client, make_user, token):
    make_user(password=None)
    response = client.get(f"/set-password/{token}")
    assert response.status_code == 404
    assert_private_headers(response)
    assert '<meta name="robots" content="noindex, nofollow">' in page(response)


def test_tokens_are_stored_only_as_hashes(app, make_user):
    user = make_user(password=None)
    with app.app_context():
        row = db.session.scalar(db.select(AccountToken).where(AccountToken.user_id == user.id))
    assert row.token_hash != user.link_token and user.link_token not in row.token_hash


#: 128 characters that are not guessable (a plain repeat such as "x" * 128 is refused as guessable)
LONG_PASSWORD = ("Herders, farmers and the county share the Ewaso Nyiro river; "
                 "conservancies meet them monthly at Isiolo market hall near 7 wells")[:128].ljust(128, "!")


@pytest.mark.parametrize(("password", "confirm", "field", "ok"), [
    ("short pass!", "short pass!", "password", False),        # 11 characters
    ("x" * 129, "x" * 129, "password", False),
    ("twelve chars", "twelve chars", None, True),             # exactly 12
    (LONG_PASSWORD, LONG_PASSWORD, None, True),               # exactly 128
    ("long enough password", "another one entirely", "confirm", False),
])
def test_password_length_rules(app, client, make_user, password, confirm, field, ok):
    user = make_user(password=None)
    response = client.post(f"/set-password/{user.link_token}", data={"password": password, "confirm": confirm})
    if ok:
        assert response.status_code == 302
    else:
        assert response.status_code == 422
        message = field_error(page(response), field)
        assert message, f"no message at {field}"
        if field == "password":
            assert message == "Use between 12 and 128 characters."
        assert not logged_in(client)


def test_set_password_service_refuses_short_passwords(app, make_user):
    user = make_user()
    with app.app_context():
        row = db.session.get(User, user.id)
        with pytest.raises(services.ServiceError):
            services.set_password(row, "x" * (services.PASSWORD_MIN - 1))


# -- where login sends you ------------------------------------------------------------------
@pytest.mark.parametrize(("target", "expected"), [
    ("/account", "/account"),
    ("/d/1234/?tab=members", "/d/1234/?tab=members"),
    ("https://evil.example/steal", "/"),
    ("http://localhost.evil.example/", "/"),
    ("//evil.example/path", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("evil.example", "/"),
    ("/\t/evil.example", "/"),
    ("/\n/evil.example", "/"),
    ("\t//evil.example", "/"),
    ("https:evil.example", "/"),
])
def test_next_parameter_stays_on_this_site(client, make_user, target, expected):
    user = make_user()
    response = client.post("/login", query_string={"next": target}, data={"email": user.email, "password": user.password})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.one_of(
    st.text(),
    st.text(alphabet="/\\:.@%?#\t\n\r evil.xmpl", max_size=30),
    st.from_regex(r"\A[\s/\\]{0,4}(https?:)?[\s/\\]{0,4}evil\.example[/\w]*\Z"),
))
def test_safe_next_never_leaves_the_site(app, target):
    """Whatever ``next`` holds, the redirect stays on this host, as a browser would read it."""
    from urllib.parse import urljoin, urlsplit

    from dialogue.auth import safe_next

    result = safe_next(target, "/")
    # browsers drop tabs and newlines and read backslashes as slashes
    as_browser_reads = "".join(ch for ch in result if ch not in "\t\n\r").replace("\\", "/")
    joined = urlsplit(urljoin("https://toolkit.example/here", as_browser_reads.strip()))
    assert joined.netloc == "toolkit.example", f"{target!r} -> {result!r}"
    assert joined.scheme == "https"


def test_anonymous_user_is_sent_to_login_with_next(client, make_user):
    response = client.get("/account")
    assert is_login_redirect(response)
    assert "next=%2Faccount" in response.headers["Location"]


# -- session lifetime ------------------------------------------------------------------------
@pytest.mark.app_config(ABSOLUTE_SESSION_DAYS=7)
def test_session_has_an_absolute_lifetime(app, client, auth, make_user):
    auth.login(make_user())
    with client.session_transaction() as session:
        session["login_at"] -= timedelta(days=6).total_seconds()
    assert logged_in(client), "six days in, the session still works"
    with client.session_transaction() as session:
        session["login_at"] -= timedelta(days=1, minutes=1).total_seconds()
    assert is_login_redirect(client.get("/account"))
    # the session is cleared, not merely refused once
    assert is_login_redirect(client.get("/account"))


def test_session_cookie_is_permanent_with_the_configured_lifetime(app, client, auth, make_user):
    response = auth.login(make_user())
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session="))
    assert "Expires=" in cookie
    assert app.config["PERMANENT_SESSION_LIFETIME"] <= timedelta(hours=24)


def test_login_rotates_the_session(app, client, make_user):
    """A session fixed before login (e.g. a planted cookie) carries nothing into the logged-in one."""
    user = make_user()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth = AuthActionsFor(client)
    auth.login(user)
    with client.session_transaction() as session:
        assert "planted" not in session
