"""Accounts that hold: the second login step, recovery codes, guessable passwords,
re-authentication before the riskiest actions, and a coordinator's reset."""
from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest

from dialogue import security, services
from dialogue.extensions import db
from dialogue.models import User, utcnow
from support import PASSWORD, AuthActions


def _user(email):
    return db.session.scalar(db.select(User).where(User.email == email))


def enrol(app, client, email) -> tuple[str, list[str]]:
    """Set up the second step through the pages; returns the secret and the recovery codes."""
    page = client.get("/account/two-factor")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "<svg" in text  # the QR code is inline SVG
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', text).group(1)
    response = client.post("/account/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    codes = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", response.get_data(as_text=True))
    assert len(codes) == security.RECOVERY_CODES
    with app.app_context():
        user = _user(email)
        assert user.has_two_factor
        # stored only as hashes
        assert all(code not in {row.code_hash for row in user.recovery_codes} for code in codes)
    return secret, codes


@pytest.mark.parametrize("password", ["password", "123456789012", "qwertyuiopasdf", "aaaaaaaaaaaaaaaa",
                                      "partner.name@example.org"])
def test_guessable_passwords_are_refused_with_a_reason(app, make_user, password):
    user = make_user(password=None, email="partner.name@example.org", name="Partner Name")
    client = app.test_client()
    response = client.post(f"/set-password/{user.link_token}", data={"password": password, "confirm": password})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "too easy to guess" in text or "between 12 and 128" in text


@pytest.mark.parametrize("password", ["correct horse battery staple", "مفتاح الباب الأزرق في القرية",
                                      "nyumba ya mawe karibu na mto"])
def test_long_passphrases_in_any_script_are_accepted(app, make_user, password):
    user = make_user(password=None)
    response = app.test_client().post(f"/set-password/{user.link_token}",
                                      data={"password": password, "confirm": password})
    assert response.status_code == 302


def test_create_user_command_refuses_guessable_password(runner, monkeypatch):
    monkeypatch.setenv("DIALOGUE_PASSWORD", "qwertyuiopasdf")
    result = runner.invoke(args=["create-user", "x@example.org", "--role", "partner"])
    assert result.exit_code != 0 and "too easy to guess" in result.output


def test_login_with_second_step(app, client, make_user):
    user = make_user()
    AuthActions(client).login(user)
    secret, codes = enrol(app, client, user.email)
    AuthActions(client).logout()

    response = AuthActions(client).login(user)
    assert response.headers["Location"].endswith("/login/second-step")
    # the password alone does not open anything
    assert client.get("/account").status_code == 302
    wrong = client.post("/login/second-step", data={"code": "000000"})
    assert wrong.status_code == 422 and "not right" in wrong.get_data(as_text=True)
    # the enrolment used the current code; the next one (within the allowed drift) logs in
    code = pyotp.TOTP(secret).at(utcnow() + timedelta(seconds=30))
    assert client.post("/login/second-step", data={"code": code}).status_code == 302
    assert client.get("/account").status_code == 200
    # the same code cannot be used twice
    AuthActions(client).logout()
    AuthActions(client).login(user)
    assert client.post("/login/second-step", data={"code": code}).status_code == 422

    # a recovery code works once
    assert client.post("/login/second-step", data={"code": codes[0].upper()}).status_code == 302
    AuthActions(client).logout()
    AuthActions(client).login(user)
    assert client.post("/login/second-step", data={"code": codes[0]}).status_code == 422


def test_second_step_expires_and_counts_failures(app, make_user):
    user = make_user()
    client = app.test_client()
    with app.app_context():
        row = _user(user.email)
        security.confirm_enrolment(row, (secret := security.new_secret()), pyotp.TOTP(secret).now())
        db.session.commit()
    AuthActions(client).login(user)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/login/second-step", data={"code": "123456"})
    locked = client.post("/login/second-step", data={"code": pyotp.TOTP(secret).at(utcnow() + timedelta(seconds=30))})
    assert "Too many failed attempts" in locked.get_data(as_text=True)
    with client.session_transaction() as session:
        pending = dict(session["pending_login"])
        pending["at"] -= 3600
        session["pending_login"] = pending
    assert client.get("/login/second-step").headers["Location"].endswith("/login")


@pytest.mark.app_config(REQUIRE_2FA=True)
def test_required_second_step_for_leads_and_coordinators(app, make_user, make_dialogue):
    lead = make_user()
    facilitator = make_user()
    coordinator = make_user(role="coordinator")
    make_dialogue(lead=lead, facilitators=[facilitator])
    for who in (lead, coordinator):
        client = app.test_client()
        AuthActions(client).login(who)
        response = client.get("/")
        assert response.status_code == 302 and response.headers["Location"].endswith("/account/two-factor")
        assert client.get("/account/two-factor").status_code == 200
        enrol(app, client, who.email)
        assert client.get("/").status_code == 200
        # it cannot be turned off while the role requires it
        with client.session_transaction() as session:
            session["reauth_at"] = utcnow().timestamp()
        client.post("/account/two-factor/off")
        with app.app_context():
            assert _user(who.email).has_two_factor
    # a facilitator may go without
    client = app.test_client()
    AuthActions(client).login(facilitator)
    assert client.get("/").status_code == 200


def test_production_requires_second_step_by_default(make_app, monkeypatch):
    monkeypatch.setenv("DIALOGUE_ENV", "production")
    monkeypatch.setenv("DIALOGUE_SECRET_KEY", "k" * 64)
    app = make_app()
    assert app.config["REQUIRE_2FA"] is True
    monkeypatch.delenv("DIALOGUE_ENV")
    assert make_app().config["REQUIRE_2FA"] is False


def test_reauthentication_before_risky_actions(app, make_user):
    coordinator = make_user(role="coordinator")
    partner = make_user()
    client = app.test_client()
    AuthActions(client).login(coordinator)
    with client.session_transaction() as session:
        session["reauth_at"] = (utcnow() - timedelta(minutes=16)).timestamp()
    response = client.post(f"/admin/users/{partner.id}/active", headers={"Referer": "http://localhost/admin/users"})
    assert response.status_code == 302 and "/reauth" in response.headers["Location"]
    with app.app_context():
        assert _user(partner.email).active  # nothing happened
    wrong = client.post("/reauth?next=/admin/users", data={"password": "not my password at all"})
    assert wrong.status_code == 422
    right = client.post("/reauth?next=/admin/users", data={"password": PASSWORD})
    assert right.headers["Location"].endswith("/admin/users")
    client.post(f"/admin/users/{partner.id}/active")
    with app.app_context():
        assert not _user(partner.email).active


def test_coordinator_resets_second_step_and_user_is_told(app, make_user):
    coordinator = make_user(role="coordinator")
    user = make_user()
    client = app.test_client()
    AuthActions(client).login(user)
    enrol(app, client, user.email)
    stolen_cookie = client.get_cookie("session").value

    admin = app.test_client()
    AuthActions(admin).login(coordinator)
    response = admin.post(f"/admin/users/{user.id}/reset-two-factor")
    assert response.status_code == 302
    with app.app_context():
        row = _user(user.email)
        assert not row.has_two_factor and row.recovery_codes == []
        actions = [e.action for e in db.session.scalars(db.select(security.audit.AuditEntry))]
        assert "account.two_factor_reset" in actions
    # the user's sessions ended
    replay = app.test_client()
    replay.set_cookie("session", stolen_cookie)
    assert replay.get("/account").status_code == 302
    # and they are told at their next login
    fresh = app.test_client()
    AuthActions(fresh).login(user)
    assert "reset your second login step" in fresh.get("/").get_data(as_text=True)


def test_turn_off_own_second_step(app, client, make_user):
    user = make_user()
    AuthActions(client).login(user)
    enrol(app, client, user.email)
    client.post("/account/two-factor/off")
    with app.app_context():
        assert not _user(user.email).has_two_factor


def test_totp_codes_follow_rfc_6238(app):
    # RFC 6238 appendix B, SHA-1, 6 digits, T = 59 s: 94287082 -> last six digits 287082
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert pyotp.TOTP(secret).at(59) == "287082"
    with app.app_context():
        user = User(email="rfc@example.org", totp_secret=secret, totp_enabled_at=utcnow())
        assert security.check_second_step(user, pyotp.TOTP(secret).now()) == "totp"
        assert security.check_second_step(user, pyotp.TOTP(secret).now()) is None  # replay
    assert services.PASSWORD_MIN == 12 and services.PASSWORD_MAX == 128


def test_second_step_guessing_locks_the_account_across_password_logins(app, make_user):
    """A right password does not clear the count of wrong codes (review finding 1)."""
    user = make_user()
    with app.app_context():
        row = _user(user.email)
        security.confirm_enrolment(row, (secret := security.new_secret()), pyotp.TOTP(secret).now())
        db.session.commit()
    client = app.test_client()
    limit = app.config["LOGIN_MAX_FAILURES"]
    for _ in range(limit):  # wrong codes spread over several password logins
        AuthActions(client).login(user)
        client.post("/login/second-step", data={"code": "123456"})
    with app.app_context():
        assert _user(user.email).locked_until is not None
        actions = [e.action for e in db.session.scalars(db.select(security.audit.AuditEntry))]
        assert actions.count("account.second_step_failed") == limit and "account.locked" in actions


def test_set_password_link_does_not_skip_the_second_step(app, make_user):
    """Review finding 2: a link is not a second step."""
    coordinator = make_user(role="coordinator")
    with app.app_context():
        row = _user(coordinator.email)
        secret = security.new_secret()
        security.confirm_enrolment(row, secret, pyotp.TOTP(secret).now())
        token = services.issue_set_password_link(row)
        db.session.commit()
    client = app.test_client()
    new = "a brand new long passphrase"
    response = client.post(f"/set-password/{token}", data={"password": new, "confirm": new})
    assert response.headers["Location"].endswith("/login/second-step")
    assert client.get("/admin/users").status_code == 302  # not logged in yet
    code = pyotp.TOTP(secret).at(utcnow() + timedelta(seconds=30))
    assert client.post("/login/second-step", data={"code": code}).status_code == 302
    assert client.get("/admin/users").status_code == 200


def test_guessing_the_current_password_on_the_account_page_ends_the_session(app, make_user):
    """Review finding 3: a stolen session cannot guess the password without limit."""
    user = make_user()
    client = app.test_client()
    AuthActions(client).login(user)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        response = client.post("/account", data={"current": "not it at all", "password": "x" * 12, "confirm": "x" * 12})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert client.get("/account").status_code == 302
    with app.app_context():
        assert _user(user.email).locked_until is not None


def test_pending_login_cookie_holds_no_secret_of_the_account(app, make_user):
    user = make_user()
    with app.app_context():
        row = _user(user.email)
        security.confirm_enrolment(row, (secret := security.new_secret()), pyotp.TOTP(secret).now())
        db.session.commit()
        token = row.session_token
    client = app.test_client()
    AuthActions(client).login(user)
    with client.session_transaction() as session:
        assert token not in str(dict(session))
        assert session["pending_login"]["user"] == user.id


# -- single-use values are claimed in the database --------------------------------------------
def test_a_code_used_by_another_request_at_the_same_moment_is_refused(app, make_user):
    info = make_user()
    with app.app_context():
        user = db.session.get(User, info.id)
        secret = security.new_secret()
        codes = security.confirm_enrolment(user, secret, pyotp.TOTP(secret).at(utcnow() - timedelta(seconds=30)))
        db.session.commit()
        code = pyotp.TOTP(secret).now()
        step = int(utcnow().timestamp()) // 30
        # another request took this step after ours loaded the account
        db.session.execute(db.update(User).where(User.id == user.id).values(totp_last_step=step + 1)
                           .execution_options(synchronize_session=False))
        assert security.check_second_step(user, code) is None
        db.session.rollback()
        assert codes
        if codes:
            user = db.session.get(User, info.id)
            row = user.recovery_codes[0]
            db.session.execute(db.update(type(row)).where(type(row).id == row.id).values(used_at=utcnow())
                               .execution_options(synchronize_session=False))
            assert security.check_second_step(user, codes[0]) is None


def test_a_set_password_link_used_at_the_same_moment_is_refused(app, client, make_user):
    from dialogue.models import AccountToken

    info = make_user(password=None)
    with app.app_context():
        row = services.find_set_password_token(info.link_token)
        db.session.execute(db.update(AccountToken).where(AccountToken.id == row.id).values(used_at=utcnow())
                           .execution_options(synchronize_session=False))
        with pytest.raises(services.LinkUsed):
            services.set_password(row.user, "correct horse battery staple", token=row)
