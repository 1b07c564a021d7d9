"""The stakeholder register and map pages for a large register: the whole request against
rendering the same template from ready-made data.

    python bench/register.py [--stakeholders 500] [--repeat 20]

For the register and the map page of one dialogue with N stakeholders, prints the median
time of a full GET through the app (login session, access check, queries, filtering, the
grid and balance check, template) and of rendering the same template from data already in
memory; and their ratio, which is what the toolkit adds to the template. Run it on an idle
machine; docs/PERFORMANCE.md has results.
"""
from __future__ import annotations

from common import median_time  # bench/common.py (the script's folder is on sys.path)

import argparse
import itertools
import os
import tempfile



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stakeholders", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DIALOGUE_INSTANCE_PATH", tempfile.mkdtemp(prefix="bench-register-"))

    from flask import render_template

    from dialogue import create_app, services
    from dialogue.extensions import db
    from dialogue.forms import ConfirmForm, DocumentForm
    from phases.mapping import balance, grid
    from phases.mapping import services as mapping
    from phases.mapping.views import PAGE_SIZE, SORTS

    password = "correct horse battery staple"
    app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "RENDER_WORKERS": 0})
    with app.app_context():
        db.create_all()
        lead, _ = services.create_user("lead@bench.example", role="partner", name="Lead", password=password)
        dialogue = services.create_dialogue(lead, title="Bench", country="KE", languages=["en"],
                                            organisation="Bench", challenge="A challenge", content_language="en")
        sectors = itertools.cycle(("government", "private_sector", "civil_society", "academia", "media", "community"))
        rows = [{"organisation": f"Organisation {i}", "person": f"Person {i}", "role": "Chair",
                 "sector": next(sectors), "influence": 1 + i % 5, "interest": 1 + (i * 3) % 5,
                 "stance": ("supportive", "neutral", "opposed", "unknown")[i % 4],
                 "invitation": "invited" if i % 3 else "", "at_risk": i % 17 == 0, "consent_named": i % 2 == 0,
                 "gender": ("woman", "man", "")[i % 3], "groups": ["women"] if i % 4 == 0 else []}
                for i in range(args.stakeholders)]
        mapping.import_stakeholders(dialogue, lead, rows)
        db.session.commit()
        uuid = dialogue.uuid

    client = app.test_client()
    client.post("/login", data={"email": "lead@bench.example", "password": password})
    print(f"{args.stakeholders} stakeholders, median of {args.repeat}")
    print(f"{'page':<10} {'full GET':>10} {'template only':>14} {'ratio':>6}")
    for name, path in (("register", "stakeholders"), ("map", "map")):
        url = f"/d/{uuid}/mapping/{path}"
        assert client.get(url).status_code == 200
        full = median_time(lambda: client.get(url), args.repeat)
        with app.test_request_context(url):
            from flask_login import login_user

            from dialogue.models import Dialogue, User

            user = db.session.scalar(db.select(User))
            login_user(user)
            dialogue = db.session.scalar(db.select(Dialogue))
            stakeholders = mapping.stakeholders_of(dialogue)
            dialogue.memberships  # noqa: B018  (loaded, as the access check loads them)
            if name == "register":
                ordered = sorted(stakeholders, key=SORTS["number"])[:PAGE_SIZE]
                context = dict(dialogue=dialogue, stakeholders=ordered, matching=len(stakeholders),
                               total=len(stakeholders), inside=True, args={}, sorts=list(SORTS),
                               confirm_form=ConfirmForm(), can_edit=True, page=1,
                               pages=-(-len(stakeholders) // PAGE_SIZE), page_url=lambda n: f"?page={n}")
                template = "mapping/register.html"
            else:
                context = dict(dialogue=dialogue, grid=grid.build(stakeholders, inside=True),
                               balance=balance.check(stakeholders), stakeholders=stakeholders, inside=True,
                               document_form=DocumentForm(formdata=None, lang="en", meta={"csrf": False}))
                template = "mapping/map.html"
            render_template(template, **context)
            only = median_time(lambda: render_template(template, **context), args.repeat)
        print(f"{name:<10} {full * 1000:>8.1f} ms {only * 1000:>11.1f} ms {full / only:>6.2f}")
    import gzip

    print("bytes of HTML (gzipped)")
    for path in ("stakeholders", "map", "invitations"):
        body = client.get(f"/d/{uuid}/mapping/{path}").data
        print(f"{path:<13} {len(body):>8} ({len(gzip.compress(body))})")


if __name__ == "__main__":
    main()
