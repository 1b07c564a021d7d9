"""How long the method handout takes to render, and what the toolkit adds to WeasyPrint.

    python bench/render.py [--repeat 5]

Prints, per language: WeasyPrint alone on the ready HTML, the toolkit's inline render (HTML
plus WeasyPrint, no cache), a render through the worker pool, and a cache hit through the
download view; and the ratios. Run it on an idle machine; docs/PERFORMANCE.md has results.
"""
from __future__ import annotations

from common import median_time  # bench/common.py (the script's folder is on sys.path)

import argparse
import os
import tempfile



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DIALOGUE_INSTANCE_PATH", tempfile.mkdtemp(prefix="bench-render-"))

    from dialogue import create_app, pdf, render_pool
    from dialogue.documents import download

    inline = create_app({"SECRET_KEY": "bench", "RENDER_WORKERS": 0,
                         "DOCUMENT_CACHE_DIR": tempfile.mkdtemp(prefix="bench-cache-")})
    pooled = create_app({"SECRET_KEY": "bench", "RENDER_WORKERS": 1, "RENDER_WAIT": 60,
                         "DOCUMENT_CACHE_DIR": tempfile.mkdtemp(prefix="bench-cache-")})
    print(f"{'lang':<5} {'weasyprint':>10} {'inline':>8} {'pool':>8} {'cache hit':>10} {'inline/wp':>9} {'pool/wp':>8}")
    for lang in inline.config["LANGUAGES"]:
        with inline.test_request_context():
            html = pdf.render_html("pdf/method_overview.html", lang=lang, title="The method at a glance")
            static = inline.static_folder
            weasy = median_time(lambda: pdf.write_pdf(html, static, None), args.repeat)
            counter = iter(range(10**6))

            def fresh_inline():  # a new title each time, so the cache never answers
                pdf.render_pdf("pdf/method_overview.html", lang=lang, title=f"Method {next(counter)}")

            inline_time = median_time(fresh_inline, args.repeat)
        with pooled.test_request_context():
            counter2 = iter(range(10**6))

            def fresh_pool():
                with render_pool.for_download():
                    pdf.render_pdf("pdf/method_overview.html", lang=lang, title=f"Method {next(counter2)}")

            fresh_pool()  # start and warm the pool
            pool_time = median_time(fresh_pool, args.repeat)
            download("method-overview", lang)  # fill the cache
            hit = median_time(lambda: download("method-overview", lang), args.repeat * 4)
        print(f"{lang:<5} {weasy:>9.3f}s {inline_time:>7.3f}s {pool_time:>7.3f}s {hit * 1000:>8.1f}ms "
              f"{inline_time / weasy:>9.2f} {pool_time / weasy:>8.2f}")
    render_pool.shutdown()


if __name__ == "__main__":
    main()
