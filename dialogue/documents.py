"""The core's documents and the one download path for every registered document."""
from __future__ import annotations

import re

from flask import abort

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
)

#: documents anyone may download without an account
PUBLIC_KINDS = {"method-overview"}


def render(kind: str, lang: str, dialogue=None) -> tuple[bytes, str]:
    """Render a registered document; raises KeyError for an unknown kind or language."""
    document = get_registry().documents.get(kind)
    if document is None:
        raise KeyError(kind)
    if lang not in available_languages():
        raise KeyError(lang)
    if document.needs_dialogue and dialogue is None:
        raise KeyError(kind)
    from .i18n import force_locale

    with force_locale(lang):
        return document.render(dialogue, lang)


def download(kind: str, lang: str | None, *, dialogue=None):
    if dialogue is None and kind not in PUBLIC_KINDS:
        abort(404)
    lang = lang or current_language()
    try:
        data, filename = render(kind, lang, dialogue)
    except KeyError:
        abort(404)
    from .pdf import pdf_response

    return pdf_response(data, filename)
