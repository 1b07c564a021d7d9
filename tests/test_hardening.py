"""Structural guarantees: no GET changes anything, and SQLite holds up under concurrent edits."""
from __future__ import annotations

import os
import re
import threading
import time

import pytest
from sqlalchemy import event

from dialogue.extensions import db
from support import PASSWORD, AuthActions, _get_rules, build_url

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|REPLACE)\b", re.I)


def test_no_get_request_writes_to_the_database(world, stub_documents):
    """Walk every GET rule of app.url_map as every role: not one INSERT, UPDATE or DELETE."""
    app = world.app
    writes: list[str] = []

    def watch(conn, cursor, statement, parameters, context, executemany):
        if WRITE.match(statement):
            writes.append(statement.split("\n")[0][:80])

    clients = {"anonymous": app.test_client()}
    for role in ("lead", "facilitator", "coordinator", "outsider"):
        clients[role] = app.test_client()
        assert AuthActions(clients[role]).login(getattr(world, role)).status_code == 302
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", watch)
    try:
        failures = []
        for rule in _get_rules(app):
            url = build_url(world, rule.endpoint, rule.arguments)
            for role, client in clients.items():
                before = len(writes)
                client.get(url)
                if len(writes) > before:
                    failures.append(f"{role} GET {url}: {writes[before:]}")
    finally:
        event.remove(engine, "before_cursor_execute", watch)
    assert not failures, "\n".join(failures)


@pytest.mark.slow
def test_sqlite_concurrent_edits_never_lock(make_app, tmp_path):
    """Eight threads saving through the app at once: zero "database is locked" errors."""
    if os.environ.get("DIALOGUE_DATABASE_URL", "").startswith("postgres"):
        pytest.skip("this is about SQLite")
    seconds = float(os.environ.get("DIALOGUE_CONCURRENCY_SECONDS", "8"))
    database = tmp_path / "concurrent.sqlite"
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}")
    with app.app_context():
        db.create_all()
    from dialogue import services

    uuids = []
    with app.app_context():
        for n in range(8):
            user, _ = services.create_user(f"concurrent{n}@example.org", role="partner", password=PASSWORD)
            dialogue = services.create_dialogue(user, title=f"Dialogue {n}", country="KE", languages=["en"],
                                                organisation="Org", challenge="Water", content_language="en")
            uuids.append(dialogue.uuid)
        db.session.commit()
    errors: list[str] = []
    saves = [0] * 8
    deadline = time.monotonic() + seconds

    def editor(n: int):
        client = app.test_client()
        AuthActions(client).login(f"concurrent{n}@example.org", PASSWORD)
        # everyone edits their own dialogue, and all of them write the shared audit log
        while time.monotonic() < deadline:
            page = client.get(f"/d/{uuids[n]}/edit")
            if page.status_code != 200:
                errors.append(f"GET {page.status_code}")
                continue
            version = re.search(r'name="version" type="hidden" value="(\d+)"', page.get_data(as_text=True))
            response = client.post(f"/d/{uuids[n]}/edit", data={
                "title": f"Dialogue {n} save {saves[n]}", "country": "KE", "languages": ["en"],
                "content_language": "en", "organisation": "Org", "challenge": f"Water {saves[n]}",
                "version": version.group(1) if version else "1",
            })
            body = response.get_data(as_text=True)
            if response.status_code != 302 or "locked" in body.lower():
                errors.append(f"POST {response.status_code}")
            else:
                saves[n] += 1

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [], errors[:5]
    assert all(count > 0 for count in saves), saves
    with app.app_context():
        from dialogue.audit import verify_chain

        assert verify_chain().ok  # the chain held under concurrent appends


@pytest.mark.app_config(RATELIMIT_ENABLED=True, PUBLIC_RATE_LIMIT="3 per minute")
def test_public_downloads_are_rate_limited(client, stub_documents):
    answers = [client.get("/documents/method-overview.pdf?lang=en").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    page = client.get("/documents/method-overview.pdf?lang=en").get_data(as_text=True)
    assert "Too many attempts" in page
