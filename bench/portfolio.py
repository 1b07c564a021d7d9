"""The coordinators' portfolio, its spreadsheet and the comparison for many dialogues.

    python bench/portfolio.py [--dialogues 200] [--repeat 10]

Builds a temporary SQLite database with N dialogues made through the services, each with a
register (24 stakeholders across the sectors, two thirds invited), a main meeting with
attendance, commitments held by one to three stakeholders with progress reported on several
days, and a case study (some approved, with lessons learned). Then, logged in as a coordinator
through the test client, prints for GET /portfolio/, /portfolio/portfolio.csv and
/portfolio/compare (twelve dialogues chosen; and none chosen, so all are asked and twelve
shown): the median time of the whole request, the bytes (gzipped) and the number of SQL
queries, which must not grow with N (tests/test_portfolio.py checks that from 3 to 30). Run
it on an idle machine.
"""
from __future__ import annotations

from common import median_time  # bench/common.py (the script's folder is on sys.path)

import argparse
import gzip
import itertools
import logging
import os
import tempfile
import time
from datetime import datetime, timedelta, timezone

SECTORS = ("government", "private_sector", "civil_society", "academia", "media", "community", "international")
COUNTRIES = ("KE", "EC", "CV", "NG", "UG", "SN", "BR", "MZ")
STATUSES = ("draft", "submitted", "changes_requested", "approved", None)
PHASES = ("mapping", "convening", "followup", "completed")


def build(app, count: int, password: str) -> list[str]:
    """``count`` dialogues with realistic data; returns their uuids."""
    from dialogue import services
    from dialogue.casestudy import services as casestudy
    from dialogue.extensions import db
    from phases.convening import services as convening
    from phases.followup import services as followup
    from phases.mapping import services as mapping

    uuids = []
    with app.app_context():
        db.create_all()
        services.create_user("coordinator@bench.example", role="coordinator", name="Coordinator", password=password)
        lead, _ = services.create_user("lead@bench.example", role="partner", name="Lead", password=password)
        db.session.commit()
        sectors = itertools.cycle(SECTORS[:6])
        start = datetime(2025, 3, 4, 6, 0, tzinfo=timezone.utc)
        for n in range(count):
            dialogue = services.create_dialogue(
                lead, title=f"Dialogue {n}: water and land in the valley", country=COUNTRIES[n % len(COUNTRIES)],
                languages=["en"], organisation=f"Convening partner {n}", challenge="A shared challenge.",
                content_language="en")
            dialogue.phase = PHASES[n % len(PHASES)]
            rows = [{"organisation": f"Organisation {n}-{i}", "person": f"Person {n}-{i}", "role": "Chair",
                     "sector": next(sectors), "invitation": "accepted" if i % 3 else "",
                     "at_risk": i % 11 == 0, "consent_named": i % 2 == 0} for i in range(24)]
            people = mapping.import_stakeholders(dialogue, lead, rows)
            meeting = convening.create_meeting(
                dialogue, lead, title="Main dialogue meeting", kind="main", starts_at=start + timedelta(days=n),
                ends_at=start + timedelta(days=n, hours=7), timezone="Africa/Nairobi", venue="Community hall")
            for person in people[:16]:
                convening.check_in(meeting, lead, person)
            for c in range(6):
                owners = [p.uuid for p in people[c * 3:c * 3 + 1 + c % 3]]
                commitment = followup.create_commitment(dialogue, lead, owners=owners, title=f"Commitment {c}")
                for step, day in enumerate((10, 40, 90)[: 1 + (n + c) % 3]):
                    status = "done" if step == 2 and c % 2 == 0 else ("dropped" if c == 5 and step else "on_track")
                    followup.add_update(commitment, status=status, progress=30 * (step + 1), actor=lead,
                                        when=start + timedelta(days=n + day))
                    if status == "dropped":
                        break
            status = STATUSES[n % len(STATUSES)]
            if status:
                record = casestudy.save_narrative(dialogue, lead, version=None, content_language="en",
                                                  summary="What happened, in a few paragraphs.")
                if status == "approved":
                    followup.save_lesson(dialogue, lead, phase="convening", version=None,
                                         worked="Meeting at dawn, before the heat", surprised="Who came")
                record.status = status
            db.session.commit()
            uuids.append(dialogue.uuid)
    return uuids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialogues", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-portfolio-")
    logging.getLogger("dialogue").setLevel(logging.WARNING)  # the audit log's lines, thousands of them
    os.environ.setdefault("DIALOGUE_INSTANCE_PATH", folder)

    from sqlalchemy import event

    from dialogue import create_app
    from dialogue.extensions import db

    password = "correct horse battery staple"
    app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "RENDER_WORKERS": 0, "REQUIRE_2FA": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{os.path.join(folder, 'bench.sqlite')}"})
    began = time.perf_counter()
    uuids = build(app, args.dialogues, password)
    print(f"{args.dialogues} dialogues built in {time.perf_counter() - began:.1f} s; median of {args.repeat}")

    client = app.test_client()
    response = client.post("/login", data={"email": "coordinator@bench.example", "password": password})
    assert response.status_code == 302, "the coordinator could not log in"
    with app.app_context():
        engine = db.engine
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

    pages = (
        ("portfolio", "/portfolio/"),
        ("CSV", "/portfolio/portfolio.csv"),
        ("compare 12", "/portfolio/compare?" + "&".join(f"d={u}" for u in uuids[:12])),
        ("compare all", "/portfolio/compare"),  # every dialogue asked: the first 12, and a notice
    )
    print(f"{'page':<11} {'median':>10} {'bytes':>9} {'gzipped':>9} {'queries':>8}")
    for name, url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        statements.clear()
        body = client.get(url).get_data()
        queries = len(statements)
        median = median_time(lambda: client.get(url), args.repeat)
        print(f"{name:<11} {median * 1000:>7.1f} ms {len(body):>9} {len(gzip.compress(body)):>9} {queries:>8}")


if __name__ == "__main__":
    main()
