"""Phase 0's documents: the decision letter to an applicant (in the applicant's language) and
the review pack of a call (one application per page section, for an offline panel meeting).

Both go through ``dialogue.pdf.render_pdf`` with print templates under ``templates/pdf/calls/``.
They are served from phase 0's own pages (not the registry's document list, which is about
dialogues), through :func:`download`, which keeps the render pool's "being prepared" page.
"""
from __future__ import annotations

from ..i18n import _, available_languages, country_name, force_locale, language_in_sentence
from ..models import utcnow
from ..pdf import render_pdf
from . import services
from .models import ANSWER_FIELDS, Application, Call

#: which letter each status gets (a submitted application has none yet)
LETTER_STATUSES = ("shortlisted", "selected", "declined")


def letter_language(application: Application) -> str:
    """The applicant's language when the toolkit speaks it (it always does for a call's), else English."""
    return application.language if application.language in available_languages() else "en"


def render_letter(application: Application) -> tuple[bytes, str]:
    """The decision letter, in the applicant's language."""
    if application.status not in LETTER_STATUSES:
        raise KeyError(application.status)
    lang = letter_language(application)
    call = application.call
    with force_locale(lang):
        title = _("Your application %(reference)s", reference=application.reference)
        context = {
            "application": application,
            "call": call,
            "call_title": call.title_in(lang) if call else "",
            "call_lang": call.shown_language(lang) if call else lang,
            "country": country_name(application.country, lang),
            "decided_on": application.decided_at or utcnow(),
            "zone": call.zone if call else None,
        }
        data = render_pdf("pdf/calls/letter.html", lang=lang, title=title, context=context)
    return data, f"decision-{application.reference or application.uuid}-{lang}.pdf"


def render_review_pack(call: Call, lang: str, *, with_scores: bool, country: str = "", status: str = "") -> tuple[bytes, str]:
    """Every application of the call shown (the ranking's filters apply), one per page
    section, with its answers; with the score summary for coordinators only."""
    if lang not in available_languages():
        raise KeyError(lang)
    ranked = services.ranking(call, country=country, status=status)
    ids = [row.application.id for row in ranked.rows]
    from ..extensions import db

    full = {a.id: a for a in db.session.scalars(db.select(Application).where(Application.id.in_(ids)))} if ids else {}
    entries = [(row, full[row.application.id]) for row in ranked.rows]
    if not with_scores:  # reviewers: in the order the applications came, and no numbers
        entries.sort(key=lambda pair: (pair[1].submitted_at, pair[1].id))
    with force_locale(lang):
        title = _("Review pack: %(call)s", call=call.title_in(lang))
        context = {
            "call": call,
            "call_title": call.title_in(lang),
            "call_lang": call.shown_language(lang),
            "criteria": ranked.criteria,
            "entries": entries,
            "with_scores": with_scores,
            "answer_fields": ANSWER_FIELDS,
            "sector_answers": services.sector_answers,
            "country_name": lambda code: country_name(code, lang),
            "language_name": lambda code: language_in_sentence(code, lang),
            "total": ranked.total,
            "printed_on": utcnow(),
        }
        data = render_pdf("pdf/calls/review_pack.html", lang=lang, title=title, context=context)
    return data, f"review-pack-{call.uuid[:8]}-{lang}.pdf"


def download(render, title: str):
    """A PDF of a call as a download, through the render pool like every other document."""
    from ..documents import serve

    return serve(render, title)
