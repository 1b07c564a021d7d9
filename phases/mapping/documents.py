"""Phase 1's documents: the blank mapping worksheet (A4 and A3 landscape), the filled map
with its balance check, and the invitation letters; and the toolkit's annexes from this phase
(the blank worksheet in the general edition, the filled map in a dialogue's own).

The filled map can leave the room (it is pinned on walls and sent to coordinators), so it
shows people as the privacy rules allow outside the dialogue. The invitation letters are
addressed to each invitee by name: only the dialogue's members may download them.
"""
from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from dialogue.content import ContentIndex
from dialogue.documents import _slug
from dialogue.i18n import _, _l, available_languages, country_name, force_locale, is_rtl
from dialogue.pdf import render_part, render_pdf
from dialogue.registry import Document, Part, meeting

from . import balance, grid, services


def _dialogue_context(dialogue, lang: str) -> dict:
    if dialogue is None:
        return {}
    index = ContentIndex.for_dialogue(dialogue)
    return {
        "dialogue": dialogue,
        "dialogue_title": index.localized(dialogue, "title", lang),
        "country_name": country_name(dialogue.country, lang),
        "content_index": index,
    }


def _worksheet_context(dialogue, lang: str, size: str) -> dict:
    context = _dialogue_context(dialogue, lang)
    context.update(paper=size, grid=grid.build([], inside=False, size=330 if size == "A4" else 480),
                   rows=11 if size == "A4" else 16)
    return context


def _worksheet(size: str):
    def render(dialogue, lang: str) -> tuple[bytes, str]:
        context = _worksheet_context(dialogue, lang, size)
        title = _("Stakeholder mapping worksheet")
        data = render_pdf("pdf/mapping_worksheet.html", lang=lang, title=title, context=context,
                          author=dialogue.organisation if dialogue is not None else None)
        base = "mapping-worksheet" if dialogue is None else f"mapping-worksheet-{_slug(dialogue.title)}"
        return data, f"{base}-{size.lower()}-{lang}.pdf"

    return render


def _map_context(dialogue, lang: str) -> dict:
    """The filled map's context: it leaves the room, so people as shown outside the dialogue."""
    stakeholders = services.stakeholders_of(dialogue)
    context = _dialogue_context(dialogue, lang)
    context.update(
        grid=grid.build(stakeholders, inside=False, size=420),
        balance=balance.check(stakeholders),
        stakeholders=stakeholders,
        challenge=services.challenge_of(dialogue),
        inside=False,
    )
    return context


def render_map(dialogue, lang: str) -> tuple[bytes, str]:
    context = _map_context(dialogue, lang)
    data = render_pdf("pdf/stakeholder_map.html", lang=lang, title=_("Stakeholder map"), context=context,
                      author=dialogue.organisation)
    return data, f"stakeholder-map-{_slug(dialogue.title)}-{lang}.pdf"


def letter_language(stakeholder, fallback: str) -> str:
    """The invitee's preferred language when the toolkit speaks it, else the document's."""
    preferred = (stakeholder.preferred_language or "").split("-")[0]
    return preferred if preferred in available_languages() else fallback


def render_invitations(dialogue, lang: str) -> tuple[bytes, str]:
    invitees = [s for s in services.stakeholders_of(dialogue)
                if s.invitation in ("invited", "accepted", "no_answer") and s.erased_at is None]
    index = ContentIndex.for_dialogue(dialogue)
    details = meeting(dialogue)
    leads = dialogue.leads
    letters = []
    for s in invitees:
        letter_lang = letter_language(s, lang)
        with force_locale(letter_lang):
            letters.append(Markup(render_template(
                "pdf/_invitation_letter.html",
                s=s, dialogue=dialogue, lang=letter_lang, dir="rtl" if is_rtl(letter_lang) else "ltr",
                dialogue_title=index.localized(dialogue, "title", letter_lang),
                challenge=index.localized(dialogue, "challenge", letter_lang),
                country=country_name(dialogue.country, letter_lang),
                meeting=details, lead=leads[0] if leads else None,
            )))
    context = _dialogue_context(dialogue, lang)
    context.update(letters=letters)
    data = render_pdf("pdf/invitations.html", lang=lang, title=_("Invitation letters"), context=context,
                      author=dialogue.organisation)
    return data, f"invitations-{_slug(dialogue.title)}-{lang}.pdf"


def toolkit_annexes(dialogue, lang: str) -> list[Part]:
    """The toolkit's annexes from phase 1: the blank A4 worksheet in the general edition (no
    dialogue), the dialogue's filled map with its balance check in its own edition, as the
    ``stakeholder-map`` document shows it (people as the privacy rules allow outside the
    dialogue); a dialogue with no stakeholder mapped yet gets the worksheet, headed with its
    title. Each is a section that starts a new page in its own orientation."""
    if dialogue is None or not services.stakeholders_of(dialogue):
        context = _worksheet_context(dialogue, lang, "A4")
        context["annex"] = True
        return [Part(key="mapping-worksheet", title=_("Stakeholder mapping worksheet"),
                     html=render_part("pdf/mapping/_worksheet.html", lang=lang, context=context))]
    context = _map_context(dialogue, lang)
    context["annex"] = True
    return [Part(key="stakeholder-map", title=_("Stakeholder map and balance check"),
                 html=render_part("pdf/mapping/_map.html", lang=lang, context=context))]


DOCUMENTS = (
    Document(kind="mapping-worksheet-a4", title=_l("Stakeholder mapping worksheet (A4)"),
             render=_worksheet("A4"), needs_dialogue=False, public=True),
    Document(kind="mapping-worksheet-a3", title=_l("Stakeholder mapping worksheet (A3)"),
             render=_worksheet("A3"), needs_dialogue=False, public=True),
    Document(kind="stakeholder-map", title=_l("Stakeholder map and balance check"), render=render_map),
    Document(kind="invitations", title=_l("Invitation letters"), render=render_invitations, members_only=True),
)
