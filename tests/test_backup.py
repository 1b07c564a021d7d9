"""dialogue backup and restore: a consistent copy of a running instance, brought back whole."""
from __future__ import annotations

import os

import pytest

from dialogue import create_app
from dialogue.extensions import db
from dialogue.models import AuditEntry, Dialogue, User

pytestmark = pytest.mark.skipif(os.environ.get("DIALOGUE_DATABASE_URL", "").startswith("postgres"),
                                reason="backup and restore of the embedded database (PostgreSQL uses pg_dump)")
PASSPHRASE = "river herders county market"


def app_on(path, monkeypatch, tmp_path):
    monkeypatch.setenv("DIALOGUE_INSTANCE_PATH", str(tmp_path / "instance"))
    return create_app({"SECRET_KEY": "x", "TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                       "RENDER_WORKERS": 0})


def run(app, *args, env=None):
    return app.test_cli_runner().invoke(args=list(args), env=env)


@pytest.fixture
def source(tmp_path, monkeypatch):
    from dialogue.demo import load_demo

    app = app_on(tmp_path / "source.sqlite", monkeypatch, tmp_path)
    assert run(app, "init-db").exit_code == 0
    with app.app_context():
        load_demo()
        db.session.commit()
    return app


def snapshot(app):
    with app.app_context():
        return (
            sorted(db.session.scalars(db.select(User.email))),
            sorted(db.session.scalars(db.select(Dialogue.title))),
            db.session.scalar(db.select(db.func.count(AuditEntry.id))),
        )


def test_backup_and_restore_into_an_empty_instance(source, tmp_path, monkeypatch):
    backup = tmp_path / "backup.sqlite"
    result = run(source, "backup", str(backup))
    assert result.exit_code == 0, result.output
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    target = app_on(tmp_path / "target.sqlite", monkeypatch, tmp_path)
    result = run(target, "restore", str(backup))
    assert result.exit_code == 0, result.output
    assert snapshot(target) == snapshot(source)
    assert run(target, "audit", "verify").exit_code == 0


def test_encrypted_backup(source, tmp_path, monkeypatch):
    backup = tmp_path / "backup.age"
    env = {"DIALOGUE_PASSPHRASE": PASSPHRASE}
    assert run(source, "backup", str(backup), "--encrypt", env=env).exit_code == 0
    blob = backup.read_bytes()
    assert blob.startswith(b"age-encryption.org/v1") and b"SQLite format 3" not in blob
    assert b"demo.example" not in blob
    target = app_on(tmp_path / "target.sqlite", monkeypatch, tmp_path)
    wrong = run(target, "restore", str(backup), env={"DIALOGUE_PASSPHRASE": "another passphrase entirely"})
    assert wrong.exit_code != 0 and "does not open this backup" in wrong.output
    assert run(target, "restore", str(backup), env=env).exit_code == 0
    assert snapshot(target) == snapshot(source)


def test_restore_refuses_an_instance_with_data(source, tmp_path):
    backup = tmp_path / "backup.sqlite"
    assert run(source, "backup", str(backup)).exit_code == 0
    result = run(source, "restore", str(backup))
    assert result.exit_code != 0 and "empty instance" in result.output


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, monkeypatch):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all")
    target = app_on(tmp_path / "target.sqlite", monkeypatch, tmp_path)
    result = run(target, "restore", str(junk))
    assert result.exit_code != 0 and "not a backup" in result.output


def test_backup_while_the_app_writes(source, tmp_path):
    """The copy is consistent even while another connection keeps writing."""
    import threading

    from dialogue import services

    stop = threading.Event()

    def writer():
        with source.app_context():
            user = db.session.scalar(db.select(User).where(User.email == "lead.kenya@demo.example"))
            dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.country == "KE"))
            n = 0
            while not stop.is_set():
                services.update_dialogue(dialogue, user, version=dialogue.version, locality=f"Isiolo {n}")
                db.session.commit()
                n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        backups = []
        for n in range(3):
            path = tmp_path / f"backup{n}.sqlite"
            assert run(source, "backup", str(path)).exit_code == 0
            backups.append(path)
    finally:
        stop.set()
        thread.join()
    import sqlite3

    for path in backups:
        connection = sqlite3.connect(path)
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()
