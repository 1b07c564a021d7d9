"""The core's documents and the one download path for every registered document."""
from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from flask import abort, current_app, render_template, request
from flask_login import current_user

from .i18n import _, _l, available_languages, country_name, current_language
from .registry import Document, get_registry


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:40] or "dialogue"


def render_method_overview(dialogue, lang: str) -> tuple[bytes, str]:
    from .content import ContentIndex

    context = {"dialogue": dialogue}
    if dialogue is not None:
        context["country_name"] = country_name(dialogue.country, lang)
        context["dialogue_title"] = ContentIndex.for_dialogue(dialogue).localized(dialogue, "title", lang)
    from .pdf import render_pdf

    title = _("The method at a glance")
    data = render_pdf(
        "pdf/method_overview.html",
        lang=lang,
        title=title,
        context=context,
        author=dialogue.organisation if dialogue is not None else None,
    )
    name = f"method-overview-{lang}.pdf" if dialogue is None else f"method-overview-{_slug(dialogue.title)}-{lang}.pdf"
    return data, name


METHOD_OVERVIEW = Document(
    kind="method-overview",
    title=_l("The method at a glance"),
    render=render_method_overview,
    needs_dialogue=False,
    public=True,
)


def render(kind: str, lang: str, dialogue=None, **options) -> tuple[bytes, str]:
    """Render a registered document; raises KeyError for an unknown kind, language or option."""
    document = get_registry().documents.get(kind)
    if document is None:
        raise KeyError(kind)
    if lang not in available_languages():
        raise KeyError(lang)
    if document.needs_dialogue and dialogue is None:
        raise KeyError(kind)
    from .i18n import force_locale

    if any(name not in document.options for name in options):
        raise KeyError(kind)
    with force_locale(lang):
        return document.render(dialogue, lang, **options)


logger = logging.getLogger("dialogue.documents")


def _this_url(**changes) -> str:
    """The document's URL with ``changes`` to its query (a value of None drops the parameter)."""
    args = request.args.to_dict()
    args.update(changes)
    query = urlencode({k: v for k, v in args.items() if v is not None})
    return request.script_root + request.path + ("?" + query if query else "")


def _status_page(kind: str, state: str, status: int):
    """The "being prepared" page (202), or why the document could not be prepared (503)."""
    html = render_template(
        "main/document_pending.html",
        kind=kind,
        state=state,
        refresh_url=_this_url(retry=None),
        retry_url=_this_url(retry="1"),
    )
    response = current_app.response_class(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Retry-After"] = "3" if state == "pending" else "60"
    return response


def download(kind: str, lang: str | None, *, dialogue=None):
    """The document as a download: from the cache, or rendered in the render pool.

    A render not finished within ``RENDER_WAIT`` seconds answers 202 with a page that asks
    again by itself; a render stopped for its time or memory limit answers 503 with a page
    that says so (``dialogue/render_pool.py`` tells the whole story).
    """
    document = get_registry().documents.get(kind)
    if document is None or (dialogue is None and not document.public):
        abort(404)
    if dialogue is not None and document.members_only and not dialogue.can_see_people(current_user):
        abort(403)
    lang = lang or current_language()

    def produce():
        options = {name: request.args[name] for name in document.options if request.args.get(name)}
        return render(kind, lang, dialogue, **options)

    return serve(produce, kind)


def serve(produce, kind: str):
    """``produce() -> (bytes, filename)`` as a PDF download through the render pool: the one
    place every route that hands out a PDF goes (registered documents, a call's letters and
    review pack, an approved case study's frozen PDF/A). ``kind`` names the document on the
    "being prepared" page (a registered kind, or a title). ``produce`` raises KeyError for
    something that does not exist (404)."""
    from .pdf import pdf_response
    from .render_pool import DocumentPending, RenderFailed, for_download

    try:
        with for_download(wait=current_app.config.get("RENDER_WAIT", 5), retry=request.args.get("retry") == "1"):
            data, filename = produce()
    except KeyError:
        abort(404)
    except DocumentPending:
        return _status_page(kind, "pending", 202)
    except RenderFailed as failure:
        logger.warning("document %s could not be prepared for %s: %s %s", kind, request.path,
                       failure.reason, failure.detail)
        if failure.reason not in ("timeout", "memory"):
            abort(500)
        return _status_page(kind, failure.reason, 503)
    return pdf_response(data, filename)
