"""Coordinators manage accounts: create (link shown or mailed), duplicates, new links, disable."""
from __future__ import annotations

import pytest

from dialogue.extensions import db
from dialogue.models import AccountToken, AuditEntry, User
from support import AuthActions, field_error, is_login_redirect, one_time_tokens


def page(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def coordinator(client, auth, make_user):
    user = make_user(role="coordinator", name="Amina Diallo")
    assert auth.login(user).status_code == 302
    return user


def test_accounts_page_lists_accounts(client, coordinator, make_user):
    partner = make_user(name="Carla Tavares")
    invited = make_user(password=None)
    html = page(client.get("/admin/users"))
    assert partner.email in html and "Carla Tavares" in html
    assert invited.email in html and "invited" in html


def test_coordinator_creates_partner_account_and_gets_the_link(app, client, coordinator):
    response = client.post("/admin/users/new", data={"email": "Lead.Kenya@example.org", "name": "Grace",
                                                     "role": "partner"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/users"
    html = page(client.get("/admin/users"))
    tokens = one_time_tokens(html)
    assert len(tokens) == 1
    assert "lead.kenya@example.org" in html
    assert one_time_tokens(page(client.get("/admin/users"))) == [], "the link is shown once"
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "lead.kenya@example.org"))
        assert (user.role, user.name, user.password_hash) == ("partner", "Grace", None)
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "account.created")
                                  .order_by(AuditEntry.id.desc()).limit(1))
        assert entry.actor_id == coordinator.id and entry.details["user"] == user.uuid
    # the partner uses the link, then logs in
    partner = app.test_client()
    response = partner.post(f"/set-password/{tokens[0]}", data={"password": "partner password 1",
                                                                "confirm": "partner password 1"})
    assert response.status_code == 302
    assert AuthActions(app.test_client()).login("lead.kenya@example.org", "partner password 1").status_code == 302


def test_coordinator_can_create_a_coordinator(app, client, coordinator):
    client.post("/admin/users/new", data={"email": "second@example.org", "role": "coordinator"})
    with app.app_context():
        assert db.session.scalar(db.select(User.role).where(User.email == "second@example.org")) == "coordinator"


class FakeSMTP:
    sent: list = []
    instances: list = []

    def __init__(self, host, port, timeout=None):
        self.host, self.port = host, port
        self.started_tls = False
        self.logged_in = None
        FakeSMTP.instances.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        self.started_tls = True

    def login(self, user, password):
        self.logged_in = (user, password)

    def send_message(self, message):
        FakeSMTP.sent.append(message)


@pytest.fixture
def fake_smtp(monkeypatch):
    import smtplib

    FakeSMTP.sent = []
    FakeSMTP.instances = []
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


@pytest.mark.app_config(SMTP_HOST="smtp.example.org", SMTP_PORT=2525, SMTP_USER="toolkit", SMTP_PASSWORD="s3cret",
                        MAIL_FROM="toolkit@example.org")
def test_with_smtp_the_link_is_mailed_instead(app, client, coordinator, fake_smtp):
    response = client.post("/admin/users/new", data={"email": "partner@example.org", "role": "partner"},
                           follow_redirects=True)
    html = page(response)
    assert "An e-mail with a link to set a password was sent to partner@example.org." in html
    assert one_time_tokens(html) == [], "a mailed link is not shown on screen"
    assert len(fake_smtp.sent) == 1
    smtp = fake_smtp.instances[0]
    assert (smtp.host, smtp.port, smtp.started_tls, smtp.logged_in) == ("smtp.example.org", 2525, True,
                                                                         ("toolkit", "s3cret"))
    message = fake_smtp.sent[0]
    assert message["To"] == "partner@example.org" and message["From"] == "toolkit@example.org"
    tokens = one_time_tokens(message.get_content())
    assert len(tokens) == 1
    assert app.test_client().get(f"/set-password/{tokens[0]}").status_code == 200


@pytest.mark.app_config(SMTP_HOST="smtp.example.org")
def test_when_mail_fails_the_link_is_shown(client, coordinator, monkeypatch):
    import smtplib

    class Broken(FakeSMTP):
        def send_message(self, message):
            raise smtplib.SMTPException("relay refused")

    monkeypatch.setattr(smtplib, "SMTP", Broken)
    response = client.post("/admin/users/new", data={"email": "p2@example.org", "role": "partner"},
                           follow_redirects=True)
    html = page(response)
    assert "The e-mail could not be sent." in html
    assert len(one_time_tokens(html)) == 1


def test_duplicate_email_is_refused(app, client, coordinator, make_user):
    existing = make_user(email="taken@example.org")
    response = client.post("/admin/users/new", data={"email": "TAKEN@example.org", "role": "coordinator"})
    assert response.status_code == 422
    assert field_error(page(response), "email") == "An account with this e-mail address exists already."
    with app.app_context():
        assert db.session.get(User, existing.id).role == "partner"
        assert db.session.scalar(db.select(db.func.count(User.id)).where(User.email == "taken@example.org")) == 1


@pytest.mark.parametrize(("data", "field"), [
    ({"email": "", "role": "partner"}, "email"),
    ({"email": "no-at-sign", "role": "partner"}, "email"),
    ({"email": "a@example.org", "role": "admin"}, "role"),
    ({"email": "a@example.org", "name": "n" * 121, "role": "partner"}, "name"),
])
def test_new_account_validation(app, client, coordinator, data, field):
    response = client.post("/admin/users/new", data=data)
    assert response.status_code == 422
    assert field_error(page(response), field)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_reissued_link_invalidates_the_old_one(app, client, coordinator, make_user):
    invited = make_user(password=None)
    old = invited.link_token
    response = client.post(f"/admin/users/{invited.id}/link")
    assert response.status_code == 302
    tokens = one_time_tokens(page(client.get("/admin/users")))
    assert len(tokens) == 1 and tokens[0] != old
    visitor = app.test_client()
    assert visitor.get(f"/set-password/{old}").status_code == 404
    assert visitor.get(f"/set-password/{tokens[0]}").status_code == 200
    with app.app_context():
        rows = db.session.scalars(db.select(AccountToken).where(AccountToken.user_id == invited.id)).all()
        assert sum(1 for row in rows if row.is_usable()) == 1


def test_new_link_for_an_active_account_resets_its_password(app, client, coordinator, make_user):
    """A forgotten password: the coordinator passes on a new link; the old password keeps working until used."""
    partner = make_user()
    client.post(f"/admin/users/{partner.id}/link")
    token = one_time_tokens(page(client.get("/admin/users")))[0]
    visitor = app.test_client()
    visitor.post(f"/set-password/{token}", data={"password": "the new password!", "confirm": "the new password!"})
    assert AuthActions(app.test_client()).login(partner.email, "the new password!").status_code == 302


def test_disable_account_ends_its_sessions(app, client, coordinator, make_user):
    partner = make_user()
    partner_client = app.test_client()
    AuthActions(partner_client).login(partner)
    assert partner_client.get("/account").status_code == 200

    response = client.post(f"/admin/users/{partner.id}/active", follow_redirects=True)
    assert "The account is disabled; its sessions have ended." in page(response)
    assert is_login_redirect(partner_client.get("/account"))
    assert AuthActions(app.test_client()).login(partner).status_code == 422

    # enabled again, the partner logs in again
    response = client.post(f"/admin/users/{partner.id}/active", follow_redirects=True)
    assert "The account is enabled." in page(response)
    assert AuthActions(app.test_client()).login(partner).status_code == 302


def test_coordinator_cannot_disable_own_account(app, client, coordinator):
    response = client.post(f"/admin/users/{coordinator.id}/active", follow_redirects=True)
    assert "You cannot disable your own account." in page(response)
    with app.app_context():
        assert db.session.get(User, coordinator.id).active
    assert client.get("/admin/users").status_code == 200


def test_unknown_account_is_404(client, coordinator):
    assert client.post("/admin/users/999999/active").status_code == 404
    assert client.post("/admin/users/999999/link").status_code == 404
