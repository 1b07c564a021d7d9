"""The facilitator's "print everything" PDF for a meeting with many invitees.

    python bench/pack.py [--invitees 300] [--repeat 3] [--lang en]

Fills one dialogue with N invitees and a full-day agenda, then times the pack's render
(inline, no cache: template plus WeasyPrint) and WeasyPrint alone on the same HTML, and prints
the page count and size. Run it on an idle machine; docs/PERFORMANCE.md has results.
"""
from __future__ import annotations

from common import median_time  # bench/common.py (the script's folder is on sys.path)

import argparse
import os
import tempfile
from datetime import datetime, timezone



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invitees", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    os.environ.setdefault("DIALOGUE_INSTANCE_PATH", tempfile.mkdtemp(prefix="bench-pack-"))

    from dialogue import create_app, pdf
    from dialogue import services as core
    from dialogue.extensions import db
    from phases.convening import documents, services
    from phases.mapping import services as mapping

    app = create_app({"SECRET_KEY": "bench", "RENDER_WORKERS": 0,
                      "DOCUMENT_CACHE_DIR": tempfile.mkdtemp(prefix="bench-cache-")})
    with app.app_context():
        db.create_all()
        lead, _ = core.create_user("lead@bench.example", role="partner", name="Lead", password="x" * 20)
        dialogue = core.create_dialogue(lead, title="Bench", country="KE", languages=["en"], organisation="Bench",
                                        challenge="A challenge", content_language="en")
        sectors = ("government", "private_sector", "civil_society", "academia", "media", "community")
        mapping.import_stakeholders(dialogue, lead, [
            {"organisation": f"Organisation {i}", "person": f"Person {i}", "sector": sectors[i % 6],
             "invitation": "invited", "consent_named": i % 3 != 0, "at_risk": i % 17 == 0}
            for i in range(args.invitees)])
        meeting = services.create_meeting(
            dialogue, lead, title="Main meeting", kind="main", timezone="Africa/Nairobi",
            starts_at=datetime(2026, 5, 12, 6, tzinfo=timezone.utc), ends_at=datetime(2026, 5, 12, 13, 30,
                                                                                       tzinfo=timezone.utc),
            venue="Hall", address="Road", online_link="", languages=["en"], interpretation="",
            facilitator_ids=[lead.id], ground_rules="Listen\nOne voice at a time")
        services.apply_template(meeting, lead, "full_day")
        db.session.commit()
        counter = iter(range(10**6))
        with app.test_request_context():
            def fresh():  # a new title each time, so the cache never answers
                meeting.title = f"Main meeting {next(counter)}"
                return documents.DOCUMENTS[0].render(dialogue, args.lang, meeting=meeting.uuid)

            data, _name = fresh()
            full = median_time(fresh, args.repeat)
            html = pdf.render_html("pdf/convening/pack.html", lang=args.lang, title="Pack",
                                   context=documents.context_for(dialogue, meeting, args.lang))
            weasy = median_time(lambda: pdf.write_pdf(html, app.static_folder), args.repeat)
    import re
    import subprocess

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    pages = re.search(r"Pages:\s+(\d+)", info).group(1) if "Pages:" in info else "?"
    print(f"{args.invitees} invitees, {args.lang}, median of {args.repeat}")
    print(f"pack render: {full:.2f} s   WeasyPrint alone: {weasy:.2f} s   ratio {full / weasy:.2f}")
    print(f"PDF: {len(data) / 1024:.0f} KB, {pages} pages")


if __name__ == "__main__":
    main()
