"""The case study and the toolkit for a demo dialogue scaled up: time, size, and our share.

    python bench/documents.py [--stakeholders 300] [--commitments 100] [--repeat 3] [--lang en]

Loads the demo, takes the Kenyan dialogue (its narrative, meetings, outcomes, lessons), adds
stakeholders and commitments (with two progress updates each) up to the given numbers, then
for the case study and the dialogue's edition of the toolkit times:

- the whole render as a download does it without the cache (our HTML composition: queries,
  templates, charts; plus WeasyPrint), with a changed narrative each time so the cache never
  answers;
- WeasyPrint alone on the same HTML;

and prints pages, bytes, and the ratio of our total to WeasyPrint's own time. It also prints
the size of the demo case study as the demo ships it (the issue wants it under 1 MB). Run it on
an idle machine; docs/PERFORMANCE.md has the results.
"""
from __future__ import annotations

from common import median_time, pdf_pages, scale_dialogue  # bench/common.py (the script's folder is on sys.path)

import argparse
import os
import tempfile
import time




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stakeholders", type=int, default=300)
    parser.add_argument("--commitments", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    os.environ.setdefault("DIALOGUE_INSTANCE_PATH", tempfile.mkdtemp(prefix="bench-documents-"))

    from dialogue import create_app, pdf
    from dialogue.casestudy import services as casestudy
    from dialogue.casestudy.report import build
    from dialogue.demo import load_demo
    from dialogue.documents import render
    from dialogue.extensions import db
    from dialogue.models import Dialogue
    from dialogue.toolkit import context_for

    app = create_app({"SECRET_KEY": "bench", "RENDER_WORKERS": 0,
                      "DOCUMENT_CACHE_DIR": tempfile.mkdtemp(prefix="bench-cache-")})
    with app.app_context():
        db.create_all()
        load_demo()
        db.session.commit()
        dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.country == "KE"))
        with app.test_request_context():
            demo_case_study, _name = render("case-study", args.lang, dialogue)
        scale_dialogue(dialogue, args.stakeholders, args.commitments)
        db.session.commit()

        counter = iter(range(10**6))
        results = []
        with app.test_request_context():
            def new_narrative():
                record = casestudy.case_study_of(dialogue)
                record.summary = f"Run {next(counter)}. " + (record.summary or "")
                db.session.flush()

            def case_study():
                new_narrative()
                return render("case-study", args.lang, dialogue)[0]

            def toolkit():
                new_narrative()
                dialogue.challenge = f"Run {next(counter)}. " + dialogue.challenge
                db.session.flush()
                return render("toolkit", args.lang, dialogue)[0]

            for name, fn, template, context in (
                    ("case study", case_study, "pdf/case_study.html", lambda: {"report": build(dialogue, args.lang)}),
                    ("toolkit (dialogue edition)", toolkit, "pdf/toolkit.html",
                     lambda: context_for(dialogue, args.lang))):
                data = fn()
                full = median_time(fn, args.repeat)
                start_html = time.perf_counter()
                html = pdf.render_html(template, lang=args.lang, title="Bench", context=context())
                compose = time.perf_counter() - start_html
                weasy = median_time(lambda: pdf.write_pdf(html, app.static_folder), args.repeat)
                results.append((name, full, compose, weasy, len(data), pdf_pages(data)))
            db.session.rollback()

    print(f"Kenyan demo dialogue scaled to {args.stakeholders} stakeholders and {args.commitments} commitments, "
          f"lang={args.lang}, median of {args.repeat}")
    print(f"demo case study as shipped: {len(demo_case_study) / 1024:.0f} KB, {pdf_pages(demo_case_study)} pages")
    for name, full, compose, weasy, size, pages in results:
        print(f"{name:28} total {full:6.2f} s   compose HTML {compose:5.2f} s   WeasyPrint alone {weasy:6.2f} s   "
              f"ratio {full / weasy:4.2f}   {pages} pages   {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
