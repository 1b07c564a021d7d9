"""A server process killed in the middle of an import leaves a database that passes its
integrity check and holds all or nothing of that import (SQLite, the field laptop's database).

The import runs in a real `dialogue import` process that is killed with SIGKILL at several
moments while it writes a large package; after each kill the database is checked."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from dialogue import create_app, package
from dialogue.extensions import db

PEOPLE = 1500


@pytest.mark.slow
def test_an_import_killed_midway_leaves_all_or_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGUE_INSTANCE_PATH", str(tmp_path / "instance"))
    database = tmp_path / "laptop.sqlite"
    app = create_app({"SECRET_KEY": "x", "TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                      "RENDER_WORKERS": 0})
    assert app.test_cli_runner().invoke(args=["init-db"]).exit_code == 0
    # a real package of a dialogue with many people, made by the app itself
    from phases.mapping import services as mapping

    from dialogue import services

    with app.app_context():
        lead, _ = services.create_user("lead@crash.example", role="partner", name="Lead", password="x" * 20)
        source = services.create_dialogue(lead, title="Crash test", country="KE", languages=["en"],
                                          organisation="Pamoja", challenge="Water", content_language="en")
        mapping.import_stakeholders(source, lead, [
            {"organisation": f"Organisation {i}", "person": f"Person {i}", "sector": "community",
             "notes": "n" * 200} for i in range(PEOPLE)])
        data = package.export_dialogue(source)
        db.session.rollback()  # the source dialogue is never stored: the package is the only copy
        db.engine.dispose()
    command = shutil.which("dialogue") or str(Path(sys.executable).with_name("dialogue"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGUE_")}
    env.update(DIALOGUE_INSTANCE_PATH=str(tmp_path / "instance"), DIALOGUE_DATABASE_URL=f"sqlite:///{database}",
               DIALOGUE_SECRET_KEY="x")
    outcomes = set()
    whole = None  # how long a whole import takes here: the first one runs to its end
    for attempt, fraction in enumerate((None, 0.3, 0.5, 0.7, 0.8, 0.9, 0.97)):
        data["dialogue"]["uuid"] = str(uuid.uuid4())
        for section in ("stakeholders",):
            for row in data[section]:
                row["uuid"] = str(uuid.uuid4())
        path = tmp_path / f"package-{attempt}.json"
        path.write_text(package.dumps(data), encoding="utf-8")
        started = time.monotonic()
        process = subprocess.Popen([command, "import", str(path)], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        if fraction is None:
            assert process.wait(timeout=120) == 0
            whole = time.monotonic() - started
        else:
            time.sleep(whole * fraction)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            row = connection.execute("SELECT id FROM dialogues WHERE uuid = ?", (data["dialogue"]["uuid"],)).fetchone()
            people = connection.execute("SELECT count(*) FROM mapping_stakeholders WHERE dialogue_id = ?",
                                        (row[0] if row else -1,)).fetchone()[0]
        assert (row is None and people == 0) or (row is not None and people == PEOPLE), (fraction, row, people)
        outcomes.add("complete" if row else "nothing")
    # the kills came before, during and after the write: both outcomes were seen
    assert outcomes == {"complete", "nothing"}, outcomes
