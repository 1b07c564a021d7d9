"""The export and upload pages of the dialogue package."""
from __future__ import annotations

import io
import json
from datetime import timedelta

from dialogue.extensions import db
from dialogue.models import AuditEntry, Dialogue, utcnow
from support import AuthActions

PASSPHRASE = "river herders county market"


def encrypt_box(page: str) -> str:
    import re

    return re.search(r'<input[^>]*name="encrypt"[^>]*>', page).group(0)


def test_export_page_plain_and_encrypted(app, client, make_dialogue, monkeypatch):
    info = make_dialogue(title="Water of the valley")
    AuthActions(client).login(info.lead)
    page = client.get(f"/d/{info.uuid}/export")
    assert page.status_code == 200
    assert "checked" not in encrypt_box(page.get_data(as_text=True))

    plain = client.post(f"/d/{info.uuid}/export", data={})
    assert plain.status_code == 200 and plain.mimetype == "application/json"
    assert json.loads(plain.data)["dialogue"]["uuid"] == info.uuid

    weak = client.post(f"/d/{info.uuid}/export", data={"encrypt": "y", "passphrase": "password",
                                                        "confirm": "password"})
    assert weak.status_code == 422
    sealed = client.post(f"/d/{info.uuid}/export", data={"encrypt": "y", "passphrase": PASSPHRASE,
                                                          "confirm": PASSPHRASE})
    assert sealed.status_code == 200 and sealed.data.startswith(b"age-encryption.org/v1")
    assert b"Water of the valley" not in sealed.data
    assert sealed.headers["Content-Disposition"].endswith('.json.age"')
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "dialogue.exported")
                                      .order_by(AuditEntry.id)).all()
        assert [e.details["encrypted"] for e in entries] == [False, True]


def test_export_is_encrypted_by_default_when_people_are_at_risk(app, client, make_dialogue, monkeypatch):
    info = make_dialogue()
    monkeypatch.setitem(app.extensions["dialogue.registry"].phases[0].extra, "people_at_risk", lambda d: 2)
    AuthActions(client).login(info.lead)
    page = client.get(f"/d/{info.uuid}/export").get_data(as_text=True)
    assert "2 people marked at risk" in page
    assert "checked" in encrypt_box(page)


def test_export_asks_for_the_password_again_after_a_while(app, client, make_dialogue):
    info = make_dialogue()
    AuthActions(client).login(info.lead)
    with client.session_transaction() as session:
        session["reauth_at"] = (utcnow() - timedelta(minutes=20)).timestamp()
    response = client.get(f"/d/{info.uuid}/export")
    assert response.status_code == 302 and "/reauth" in response.headers["Location"]


def test_upload_creates_updates_and_refuses(app, client, make_dialogue, make_user):
    info = make_dialogue(title="Original title")
    AuthActions(client).login(info.lead)
    sealed = client.post(f"/d/{info.uuid}/export", data={"encrypt": "y", "passphrase": PASSPHRASE,
                                                          "confirm": PASSPHRASE}).data
    data = json.loads(client.post(f"/d/{info.uuid}/export", data={}).data)

    # an update by uuid
    data["dialogue"]["title"] = "Title changed at the venue"
    response = client.post("/packages/import", data={"file": (io.BytesIO(json.dumps(data).encode()), "p.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 302 and info.uuid in response.headers["Location"]
    with app.app_context():
        assert db.session.scalar(db.select(Dialogue.title).where(Dialogue.uuid == info.uuid)) == \
            "Title changed at the venue"

    # an invalid package: every problem listed with its path, nothing changed
    data["dialogue"]["country"] = "XX"
    data["dialogue"]["title"] = "Should not be saved"
    bad = client.post("/packages/import", data={"file": (io.BytesIO(json.dumps(data).encode()), "p.json")},
                      content_type="multipart/form-data")
    assert bad.status_code == 422 and "$.dialogue.country" in bad.get_data(as_text=True)

    # an encrypted package: wrong passphrase refused, right one imports (back to the old title)
    wrong = client.post("/packages/import", data={"file": (io.BytesIO(sealed), "p.json.age"),
                                                  "passphrase": "not the right one at all"},
                        content_type="multipart/form-data")
    assert wrong.status_code == 422 and "does not open the package" in wrong.get_data(as_text=True)
    right = client.post("/packages/import", data={"file": (io.BytesIO(sealed), "p.json.age"),
                                                  "passphrase": PASSPHRASE}, content_type="multipart/form-data")
    assert right.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Dialogue.title).where(Dialogue.uuid == info.uuid)) == "Original title"

    # someone else's dialogue cannot be updated through a package
    other = make_user()
    AuthActions(client).logout()
    AuthActions(client).login(other)
    refused = client.post("/packages/import", data={"file": (io.BytesIO(json.dumps(
        dict(data, dialogue=dict(data["dialogue"], country="KE"))).encode()), "p.json")},
        content_type="multipart/form-data")
    assert refused.status_code == 422 and "Only a lead of this dialogue" in refused.get_data(as_text=True)


def test_export_refuses_plain_packages_when_people_are_at_risk(app, client, make_dialogue, monkeypatch):
    info = make_dialogue()
    monkeypatch.setitem(app.extensions["dialogue.registry"].phases[0].extra, "people_at_risk", lambda d: 1)
    AuthActions(client).login(info.lead)
    refused = client.post(f"/d/{info.uuid}/export", data={})
    assert refused.status_code == 422 and "leaves the server encrypted" in refused.get_data(as_text=True)


def test_coordinators_cannot_update_a_dialogue_through_a_package(app, client, make_dialogue, make_user):
    info = make_dialogue(title="Kept as it is")
    AuthActions(client).login(info.lead)
    data = json.loads(client.post(f"/d/{info.uuid}/export", data={}).data)
    AuthActions(client).logout()
    AuthActions(client).login(make_user(role="coordinator"))
    data["dialogue"]["title"] = "Changed by a coordinator"
    refused = client.post("/packages/import", data={"file": (io.BytesIO(json.dumps(data).encode()), "p.json")},
                          content_type="multipart/form-data")
    assert refused.status_code == 422
    with app.app_context():
        assert db.session.scalar(db.select(Dialogue.title).where(Dialogue.uuid == info.uuid)) == "Kept as it is"
