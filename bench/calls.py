"""A call's ranking and a reviewer's list for many applications: the whole request against
rendering the same template from ready-made data.

    python bench/calls.py [--applications 1000] [--reviewers 2] [--repeat 20]

Builds a temporary SQLite database with one call and N applications (inserted in bulk, with
realistic answers), each reviewed by every reviewer (every criterion scored; one review in 17
a declared conflict of interest). Then, logged in through the test client, prints for the
ranking (as a coordinator) and the reviewer's list (as a reviewer) the median time of a full
GET (login session, access check, the queries, the ranking's arithmetic, the template), of
rendering the same template from data already in memory, their ratio, the number of SQL
queries (which tests/test_calls.py checks does not grow with N) and the page's bytes. Also the
ranking as CSV. Run it on an idle machine.
"""
from __future__ import annotations

from common import median_time  # bench/common.py (the script's folder is on sys.path)

import argparse
import gzip
import logging
import os
import tempfile
from datetime import timedelta

COUNTRIES = ("KE", "UG", "NG", "CV", "EC", "SN", "BR", "MZ", "GH", "PE")
LANGUAGES = ("en", "fr", "es", "pt")


def build(app, count: int, reviewers: int, password: str) -> tuple[str, list[str]]:
    """One open call with ``count`` applications reviewed by ``reviewers`` reviewers; returns the
    call's uuid and the reviewers' e-mails."""
    from sqlalchemy import insert

    from dialogue import services as core
    from dialogue.calls import services
    from dialogue.calls.models import Application, Review, Score
    from dialogue.extensions import db
    from dialogue.models import new_uuid, utcnow

    with app.app_context():
        db.create_all()
        coordinator, _ = core.create_user("coordinator@bench.example", role="coordinator", name="Coordinator",
                                          password=password)
        people = [core.create_user(f"reviewer{n}@bench.example", role="reviewer", name=f"Reviewer {n}",
                                   password=password)[0] for n in range(1, reviewers + 1)]
        now = utcnow()
        call = services.create_call(
            coordinator, titles={code: f"Call for convening partners ({code})" for code in LANGUAGES},
            descriptions={code: "Apply with a challenge." for code in LANGUAGES}, languages=list(LANGUAGES),
            opens_at=now - timedelta(days=60), closes_at=now + timedelta(days=1), timezone="Africa/Nairobi",
            reviewer_ids=[p.id for p in people])
        call.criteria[0].weight = 2
        services.open_call(call, coordinator)
        db.session.commit()
        criteria = [c.id for c in call.criteria]
        applications, reviews, scores = [], [], []
        review_id = 0
        for n in range(1, count + 1):
            applications.append(dict(
                id=n, uuid=new_uuid(), call_id=call.id, reference=f"EOI-2026-{n:04d}", year=2026, number=n,
                language=LANGUAGES[n % 4], organisation=f"Convening organisation {n}", country=COUNTRIES[n % 10],
                contact_person=f"Contact {n}", contact_email=f"contact{n}@example.org",
                challenge="The challenge in a few sentences. " * 12, why_now="Why now. " * 10,
                stakeholders_by_sector={"government": "County office", "community": "Fishers' groups"},
                how_reached="Through the associations.", willingness="Ready.", capacity="Four staff.",
                motivation="A lasting platform.", status=("submitted", "shortlisted", "declined")[n % 3],
                submitted_at=now - timedelta(minutes=n)))
            for r, person in enumerate(people):
                review_id += 1
                conflict = (n + r) % 17 == 0
                reviews.append(dict(id=review_id, uuid=new_uuid(), application_id=n, reviewer_id=person.id,
                                    conflict_of_interest=conflict, comment="A remark.", submitted_at=now))
                if not conflict:
                    scores += [dict(review_id=review_id, criterion_id=cid, value=1 + (n + r + i) % 5, comment="")
                               for i, cid in enumerate(criteria)]
        db.session.execute(insert(Application), applications)
        db.session.execute(insert(Review), reviews)
        db.session.execute(insert(Score), scores)
        db.session.commit()
        return call.uuid, [p.email for p in people]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--reviewers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DIALOGUE_INSTANCE_PATH", tempfile.mkdtemp(prefix="bench-calls-"))

    from flask import render_template
    from flask_login import login_user
    from sqlalchemy import event

    from dialogue import create_app
    from dialogue.calls import services
    from dialogue.calls.models import Call
    from dialogue.calls.views import PAGE_SIZE, RankingFilterForm
    from dialogue.extensions import db
    from dialogue.forms import DocumentForm
    from dialogue.models import User

    password = "correct horse battery staple"
    app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "RENDER_WORKERS": 0})
    logging.getLogger("dialogue").setLevel(logging.WARNING)  # the audit log's lines
    call_uuid, reviewers = build(app, args.applications, args.reviewers, password)

    coordinator = app.test_client()
    coordinator.post("/login", data={"email": "coordinator@bench.example", "password": password})
    reviewer = app.test_client()
    reviewer.post("/login", data={"email": reviewers[0], "password": password})

    with app.app_context():
        engine = db.engine
    statements = []

    def count(*_args):
        statements.append(1)

    def queries(client, url) -> int:
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200, url
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    def template_only(page: str) -> float:
        """Render the page's template from data already loaded, as the view hands it over."""
        url = f"/calls/{call_uuid}/{page}"
        with app.test_request_context(url):
            call = db.session.scalar(db.select(Call).where(Call.uuid == call_uuid))
            call.reviewers, call.criteria  # noqa: B018  (loaded, as the access check loads them)
            if page == "ranking":
                login_user(db.session.scalar(db.select(User).where(User.email == "coordinator@bench.example")))
                data = services.ranking(call)
                form = RankingFilterForm(formdata=None, meta={"csrf": False})
                form.country.choices = [("", "All countries")] + [(c, c) for c in data.countries]
                form.status.choices = [("", "Any status")]
                context = dict(call=call, data=data, rows=data.rows[:PAGE_SIZE], form=form, query={}, page=1,
                               pages=-(-len(data.rows) // PAGE_SIZE), page_url=lambda n: f"?page={n}", lang="en",
                               document_form=DocumentForm(formdata=None, lang="en", meta={"csrf": False}))
                template = "calls/ranking.html"
            else:
                login_user(db.session.scalar(db.select(User).where(User.email == reviewers[0])))
                rows = services.reviewer_list(call, db.session.scalar(db.select(User).where(User.email == reviewers[0])))
                context = dict(call=call, rows=rows[:PAGE_SIZE], total=len(rows), done=len(rows), page=1,
                               pages=-(-len(rows) // PAGE_SIZE), page_url=lambda n: f"?page={n}", lang="en")
                template = "calls/assigned.html"
            render_template(template, **context)
            return median_time(lambda: render_template(template, **context), args.repeat)

    print(f"{args.applications} applications, {args.reviewers} reviewers each, median of {args.repeat}")
    print(f"{'page':<16} {'full GET':>10} {'template only':>14} {'ratio':>6} {'queries':>8} {'bytes (gzip)':>20}")
    for name, client, page in (("ranking", coordinator, "ranking"), ("reviewer's list", reviewer, "assigned")):
        url = f"/calls/{call_uuid}/{page}"
        count_ = queries(client, url)
        full = median_time(lambda: client.get(url), args.repeat)
        only = template_only(page)
        body = client.get(url).data
        print(f"{name:<16} {full * 1000:>8.1f} ms {only * 1000:>11.1f} ms {full / only:>6.2f} {count_:>8} "
              f"{len(body):>10} ({len(gzip.compress(body))})")
    url = f"/calls/{call_uuid}/ranking.csv"
    count_ = queries(coordinator, url)
    full = median_time(lambda: coordinator.get(url), args.repeat)
    body = coordinator.get(url).data
    print(f"{'ranking CSV':<16} {full * 1000:>8.1f} ms {'':>14} {'':>6} {count_:>8} {len(body):>10} "
          f"({len(gzip.compress(body))})")


if __name__ == "__main__":
    main()
