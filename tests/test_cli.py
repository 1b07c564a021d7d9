"""The ``dialogue`` command: init-db, create-user, list, audit verify, demo, translate compile.

(``render``, ``export`` and ``import`` are tested with the PDF and package code.)
"""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from dialogue.cli import main
from dialogue.extensions import db
from dialogue.models import AuditEntry, Dialogue, User


def test_init_db_on_an_empty_database(make_app, empty_database_uri):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_uri)
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "Database ready:" in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_create_user_with_password_from_environment(app, runner, monkeypatch):
    monkeypatch.setenv("DIALOGUE_PASSWORD", "a long enough password")
    result = runner.invoke(args=["create-user", "Coord@Example.org", "--role", "coordinator", "--name", "Amina"])
    assert result.exit_code == 0, result.output
    assert "Created coordinator coord@example.org" in result.output
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "coord@example.org"))
        assert (user.role, user.name) == ("coordinator", "Amina")
        assert user.password_hash.startswith("$argon2")
    response = app.test_client().post("/login", data={"email": "coord@example.org",
                                                      "password": "a long enough password"})
    assert response.status_code == 302


def test_create_user_password_from_prompt(app, runner, monkeypatch):
    monkeypatch.delenv("DIALOGUE_PASSWORD", raising=False)
    result = runner.invoke(args=["create-user", "p@example.org", "--role", "partner"],
                           input="prompted password\nprompted password\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(db.select(User.role).where(User.email == "p@example.org")) == "partner"


def test_create_user_refuses_a_short_password(app, runner, monkeypatch):
    monkeypatch.setenv("DIALOGUE_PASSWORD", "too short")
    result = runner.invoke(args=["create-user", "short@example.org", "--role", "partner"])
    assert result.exit_code != 0
    assert "between 12 and 128 characters" in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_create_user_refuses_a_duplicate_and_a_bad_role(app, runner, make_user, monkeypatch):
    make_user(email="dup@example.org")
    monkeypatch.setenv("DIALOGUE_PASSWORD", "a long enough password")
    result = runner.invoke(args=["create-user", "DUP@example.org", "--role", "partner"])
    assert result.exit_code != 0 and "exists already" in result.output
    result = runner.invoke(args=["create-user", "x@example.org", "--role", "admin"])
    assert result.exit_code != 0


def test_list(runner, make_dialogue):
    first = make_dialogue(title="Água para a agricultura", country="CV")
    second = make_dialogue(title="Youth jobs in recycling", country="UG")
    result = runner.invoke(args=["list"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines == [
        f"{first.uuid}\tCV\tmapping\tÁgua para a agricultura",
        f"{second.uuid}\tUG\tmapping\tYouth jobs in recycling",
    ]


def test_list_empty(runner):
    result = runner.invoke(args=["list"])
    assert result.exit_code == 0 and result.output == ""


def test_audit_verify_passes_then_detects_tampering(app, runner, make_dialogue):
    make_dialogue(facilitators=[])
    make_dialogue()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    match = re.search(r"Audit log intact: (\d+) entries checked", result.output)
    assert match and int(match.group(1)) >= 4

    with app.app_context():
        target = db.session.scalars(db.select(AuditEntry.id).order_by(AuditEntry.id)).all()[2]
        db.session.execute(update(AuditEntry).where(AuditEntry.id == target).values(action="dialogue.deleted"))
        db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"Audit log broken at entry {target}" in result.output
    assert "content does not match its hash" in result.output


def test_audit_verify_detects_a_removed_entry(app, runner, make_dialogue):
    make_dialogue()
    make_dialogue()
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id)).all()
        db.session.delete(entries[1])
        db.session.commit()
        following = entries[2].id
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"broken at entry {following}" in result.output
    assert "link to the previous entry does not match" in result.output


def test_audit_verify_detects_a_rehashed_edit(app, runner, make_dialogue):
    """Editing an entry and recomputing its own hash still breaks the next entry's link."""
    make_dialogue()
    make_dialogue()
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id)).all()
        entry = entries[0]
        entry.details = {**entry.details, "country": "XX"}
        entry.entry_hash = entry.compute_hash()
        db.session.commit()
        following = entries[1].id
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and f"broken at entry {following}" in result.output


def test_demo_load_only(tmp_path, monkeypatch, make_app):
    """Through the real ``dialogue`` command group, as a user types it."""
    make_app()  # sets DIALOGUE_INSTANCE_PATH and DIALOGUE_DATABASE_URL for this test
    instance = tmp_path / "instance"
    result = CliRunner().invoke(main, ["demo", "--load-only"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    output = result.output
    assert f"Demo database: {instance / 'demo.sqlite'}" in output
    assert "Every demo account has the password: " in output
    assert "coordinator@demo.example" in output
    logins = re.findall(r"^\s+(\S+@demo\.example)\s", output, re.M)
    assert len(logins) == 13  # one coordinator, a lead and a facilitator per dialogue, two reviewers of the calls
    assert (instance / "demo.sqlite").exists()

    from dialogue import create_app
    from dialogue.demo import DEMO_PASSWORD

    demo_app = create_app({"TESTING": True, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False,
                           "RATELIMIT_ENABLED": False, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'demo.sqlite'}"})
    try:
        with demo_app.app_context():
            countries = sorted(db.session.scalars(db.select(Dialogue.country)))
            assert countries == ["CV", "EC", "KE", "NG", "UG"]
            for dialogue in db.session.scalars(db.select(Dialogue)):
                roles = sorted(m.role for m in dialogue.memberships)
                assert roles == ["facilitator", "lead"]
            languages = {d.country: d.content_language for d in db.session.scalars(db.select(Dialogue))}
            assert languages["CV"] == "pt" and languages["EC"] == "es" and languages["KE"] == "en"
        client = demo_app.test_client()
        for email in logins:
            response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
            assert response.status_code == 302, f"{email} cannot log in"
            client.post("/logout")
    finally:
        with demo_app.app_context():
            db.engine.dispose()
    # run again: a fresh demo, not a second copy
    result = CliRunner().invoke(main, ["demo", "--load-only"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_translate_compile(runner):
    result = runner.invoke(args=["translate", "compile"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Compiled: ")


def test_the_command_group_has_flask_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("init-db", "create-user", "demo", "list", "render", "translate", "export", "import", "audit",
                    "routes", "shell", "run"):
        assert re.search(rf"^\s+{command}\b", result.output, re.M), f"`dialogue {command}` is missing"


@pytest.mark.parametrize("command", [["list"], ["audit", "verify"]])
def test_commands_through_the_real_group(make_app, database_uri, command):
    make_app()
    result = CliRunner().invoke(main, command, catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_create_user_makes_a_reviewer(app, runner, monkeypatch):
    monkeypatch.setenv("DIALOGUE_PASSWORD", "a long enough password")
    result = runner.invoke(args=["create-user", "panel@example.org", "--role", "reviewer"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "panel@example.org"))
        assert user.is_reviewer and not user.can_create_dialogue()
