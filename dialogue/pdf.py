"""Every PDF of the toolkit goes through here.

``render_pdf`` renders a Jinja print template (``templates/pdf/``) inside ``force_locale(lang)``
and hands the HTML to WeasyPrint with:

- the print stylesheet and bundled fonts (Noto Sans and Noto Naskh Arabic, SIL OFL), which
  cover every shipped language; WeasyPrint embeds only the glyphs used (subsetting);
- a URL fetcher that serves only files under the app's static folder, through the private
  ``dialogue-static:`` scheme, and refuses everything else (``file:``, ``http:``, ``https:``,
  ``data:``, ``ftp:``, path traversal). Text a user typed can therefore never make a document
  read a server file, embed an attachment or call an address;
- the document's title, language and author as PDF metadata, and a running header with the
  title and a footer "page X of Y" in the document's language.

The same function serves the browser's download, the CLI and the tests, so the same inputs
give the same text everywhere.

The work is split in two: ``render_html`` needs the app (database, locale) and runs where the
request runs; ``write_pdf`` is WeasyPrint alone (the HTML string and the static folder) and
can run in a worker process. ``render_pdf`` joins them through ``dialogue.render_pool``, which
keeps every finished PDF in the document cache and, for downloads, renders in a pool of
worker processes with a time and memory limit.
"""
from __future__ import annotations

import logging
import mimetypes
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import Response, current_app, render_template
from markupsafe import Markup

from .i18n import force_locale, is_rtl

logger = logging.getLogger("dialogue.pdf")
# WeasyPrint narrates every step at INFO; keep its warnings only
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

#: the only scheme the fetcher answers; templates use ``print_static(path)`` to build URLs
SCHEME = "dialogue-static"
BASE_URL = f"{SCHEME}:/"

#: the stylesheet every print template gets
PRINT_CSS = "css/print.css"


def print_static(path: str) -> str:
    """The URL of a static file for a print template."""
    return f"{SCHEME}:/{path.lstrip('/')}"


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        """Answers ``dialogue-static:/<path>`` from the static folder; refuses everything else."""

        def __init__(self, root: Path):
            super().__init__(allowed_protocols={SCHEME}, allow_redirects=False, timeout=1)
            self.root = root.resolve()
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != SCHEME or parts.netloc or parts.query:
                return self._refuse(url)
            relative = unquote(parts.path).lstrip("/")
            path = (self.root / relative).resolve()
            if not path.is_relative_to(self.root) or not path.is_file():
                return self._refuse(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

        def _refuse(self, url: str):
            self.refused.append(url[:200])
            logger.warning("refused a resource in a document: %.120s", url)
            raise ValueError(f"resource refused: {url[:80]}")

    return LocalOnlyFetcher


def make_fetcher(root: str | Path | None = None):
    """The local-only fetcher for ``root`` (default: the current app's static folder)."""
    return _fetcher_class()(Path(root if root is not None else current_app.static_folder))


_PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def _css_string(text: str) -> str:
    """A CSS string literal that cannot end the string, the rule or the ``<style>`` element.

    Control characters go (bidi marks stay); ``\\`` and ``"`` are escaped, and ``<`` ``>`` ``&``
    become CSS hex escapes, so a translation containing ``</style>`` stays text.
    """
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\u200e\u200f")
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    for char, escape in (("<", "\\3c "), (">", "\\3e "), ("&", "\\26 ")):
        text = text.replace(char, escape)
    return '"' + text + '"'


def page_counter_css() -> Markup:
    """The CSS ``content`` value of the footer, from the translated "Page X of Y"."""
    from flask_babel import gettext

    translated = gettext("Page %(page)s of %(pages)s", page="%(page)s", pages="%(pages)s")
    pieces = []
    position = 0
    for match in _PLACEHOLDER.finditer(translated):
        if match.start() > position:
            pieces.append(_css_string(translated[position:match.start()]))
        pieces.append(f"counter({match.group(1)})")
        position = match.end()
    if position < len(translated):
        pieces.append(_css_string(translated[position:]))
    return Markup(" ".join(pieces) or 'counter(page) " / " counter(pages)')


def render_html(template: str, *, lang: str, title: str, context: dict | None = None,
                author: str | None = None) -> str:
    """The print template as HTML, in ``lang``; what ``render_pdf`` hands to WeasyPrint."""
    with force_locale(lang):
        return render_template(
            template,
            **(context or {}),
            pdf_title=title,
            pdf_lang=lang,
            pdf_dir="rtl" if is_rtl(lang) else "ltr",
            pdf_author=author or "",
            page_counter=page_counter_css(),
            print_static=print_static,
        )


def render_part(template: str, *, lang: str, context: dict | None = None) -> Markup:
    """A partial print template as Markup, for a composed document (the toolkit's chapters and
    annexes, the case study's sections, and its on-screen preview): the same globals as
    ``render_html`` gives a whole document, without a title of its own."""
    with force_locale(lang):
        return Markup(render_template(
            template,
            **(context or {}),
            pdf_lang=lang,
            pdf_dir="rtl" if is_rtl(lang) else "ltr",
            print_static=print_static,
        ))


def render_pdf(template: str, *, lang: str, title: str, context: dict | None = None,
               author: str | None = None, variant: str | None = None) -> bytes:
    """Render a print template to PDF bytes. Must run inside an app context.

    ``variant`` is WeasyPrint's ``pdf_variant`` (e.g. ``pdf/a-3b`` for archiving). The PDF
    comes from the document cache when the same HTML was rendered before; inside
    ``render_pool.for_download`` it is rendered in the worker pool, elsewhere (CLI, tests)
    in this process.
    """
    from . import render_pool

    html = render_html(template, lang=lang, title=title, context=context, author=author)
    return render_pool.pdf_for(html, variant=variant)


def write_pdf(html: str, static_root: str | Path, variant: str | None = None) -> bytes:
    """WeasyPrint's HTML-to-PDF step alone: no app, no database; what a render worker runs."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = make_fetcher(static_root)
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    options = {"font_config": fonts, "uncompressed_pdf": False}
    if variant:
        options["pdf_variant"] = variant
    return document.write_pdf(**options)


def safe_filename(name: str) -> str:
    """An ASCII file name for Content-Disposition."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.") or "document"
    if not ascii_name.lower().endswith(".pdf"):
        ascii_name += ".pdf"
    return ascii_name[:120]


def pdf_response(data: bytes, filename: str) -> Response:
    """A download of the PDF (attachment, so browsers save it instead of opening a viewer)."""
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    response.headers["Content-Length"] = str(len(data))
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
