"""Packages encrypted with a passphrase (age format) on their way out of the server."""
from __future__ import annotations

import json

import pytest

from dialogue.extensions import db
from dialogue.models import AuditEntry, Dialogue

PASSPHRASE = "river herders county market"


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_encrypted_export_hides_the_dialogue_and_imports_with_the_passphrase(app, runner, make_dialogue, tmp_path,
                                                                           monkeypatch):
    info = make_dialogue(title="Secret water talks of Isiolo", organisation="Pamoja Water Forum")
    target = tmp_path / "dialogue.age"
    monkeypatch.setenv("DIALOGUE_PASSPHRASE", PASSPHRASE)
    result = runner.invoke(args=["export", info.uuid, "-o", str(target), "--encrypt"])
    assert result.exit_code == 0, result.output
    blob = target.read_bytes()
    assert blob.startswith(b"age-encryption.org/v1\n")
    for secret in (b"Secret water talks", b"Pamoja", info.uuid.encode(), b"dialogue-package"):
        assert secret not in blob

    # into an empty database: delete the dialogue, then import the encrypted file
    with app.app_context():
        db.session.delete(db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == info.uuid)))
        db.session.commit()
    result = runner.invoke(args=["import", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == info.uuid
    with app.app_context():
        dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == info.uuid))
        assert dialogue.title == "Secret water talks of Isiolo"


def test_wrong_passphrase_is_refused_and_changes_nothing(app, runner, make_dialogue, tmp_path, monkeypatch):
    info = make_dialogue()
    target = tmp_path / "dialogue.age"
    monkeypatch.setenv("DIALOGUE_PASSPHRASE", PASSPHRASE)
    assert runner.invoke(args=["export", info.uuid, "-o", str(target), "--encrypt"]).exit_code == 0
    with app.app_context():
        before = (count(Dialogue), count(AuditEntry))
    monkeypatch.setenv("DIALOGUE_PASSPHRASE", "another passphrase entirely")
    result = runner.invoke(args=["import", str(target)])
    assert result.exit_code != 0
    assert "passphrase does not open this package" in result.output
    with app.app_context():
        assert (count(Dialogue), count(AuditEntry)) == before


def test_passphrase_from_a_prompt(runner, make_dialogue, tmp_path, monkeypatch):
    monkeypatch.delenv("DIALOGUE_PASSPHRASE", raising=False)
    info = make_dialogue()
    target = tmp_path / "dialogue.age"
    result = runner.invoke(args=["export", info.uuid, "-o", str(target), "--encrypt"],
                           input=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["import", str(target)], input=f"{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("weak", ["password", "short", "123456789012"])
def test_weak_passphrase_is_refused(runner, make_dialogue, tmp_path, monkeypatch, weak):
    info = make_dialogue()
    monkeypatch.setenv("DIALOGUE_PASSPHRASE", weak)
    target = tmp_path / "dialogue.age"
    result = runner.invoke(args=["export", info.uuid, "-o", str(target), "--encrypt"])
    assert result.exit_code != 0 and "too short or too easy to guess" in result.output
    assert not target.exists()


def test_plain_export_warns_when_people_at_risk(app, runner, make_dialogue, monkeypatch, tmp_path):
    info = make_dialogue()
    registry = app.extensions["dialogue.registry"]
    phase = registry.phases[0]
    monkeypatch.setitem(phase.extra, "people_at_risk", lambda dialogue: 3)
    result = runner.invoke(args=["export", info.uuid, "-o", str(tmp_path / "plain.json")])
    assert result.exit_code == 0
    assert "3 people marked at risk" in result.output
    assert json.loads((tmp_path / "plain.json").read_text())["dialogue"]["uuid"] == info.uuid


def test_export_is_audited(app, runner, make_dialogue):
    info = make_dialogue()
    assert runner.invoke(args=["export", info.uuid]).exit_code == 0
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).order_by(AuditEntry.id.desc()))
        assert entry.action == "dialogue.exported" and entry.dialogue_uuid == info.uuid
