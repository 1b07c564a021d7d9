"""The facilitator's pack: the participants' agenda, the run sheet, the sign-in sheet, name
cards, the ground rules poster and the evaluation form, each on its own and all in one PDF.

Each takes the option ``meeting`` (a meeting's uuid); without it, the next meeting to come (or
the last one held). Sheets that circulate in the room follow the privacy rules: the sign-in
sheet lists a person by name only with their consent to be named and leaves people at risk
off (they sign on a blank row); a person at risk gets a name card only as they consented.

The toolkit's annexes from this phase (``toolkit_annexes``) reuse the same partials: blank
forms in the general edition, each meeting's agenda and sign-in sheet and the main meeting's
run sheet, ground rules and evaluation form in a dialogue's own edition (no name cards there:
they print people by name as they will sit in the room, for members only).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dialogue.content import ContentIndex, LocalText
from dialogue.documents import _slug
from dialogue.i18n import _, _l, country_name
from dialogue.pdf import render_part, render_pdf
from dialogue.registry import Document, Part

from . import labels, services
from .models import Meeting


@dataclass
class Row:
    start: str
    end: str
    minutes: int
    day: int
    title: LocalText
    method: Any
    stage: Any
    lead: str
    purpose: LocalText
    expected_output: LocalText
    materials: str
    is_break: bool


@dataclass
class SignInRow:
    number: int
    name: str
    organisation: str
    sector: Any


@dataclass
class Card:
    name: str
    organisation: str


def _time(value, lang) -> str:
    from babel.dates import format_skeleton

    return format_skeleton("Hm", value, tzinfo=value.tzinfo, locale=lang)


def meeting_when(meeting: Meeting, lang: str) -> str:
    from babel.dates import format_skeleton

    start, end = meeting.local_start, meeting.local_end
    first = format_skeleton("yMMMMEEEEd", start, tzinfo=start.tzinfo, locale=lang)
    if start.date() == end.date():
        return _("%(date)s, %(start)s to %(end)s (%(zone)s)", date=first, start=_time(start, lang),
                 end=_time(end, lang), zone=meeting.timezone)
    last = format_skeleton("yMMMMEEEEd", end, tzinfo=end.tzinfo, locale=lang)
    return _("%(first)s, %(start)s, to %(last)s, %(end)s (%(zone)s)", first=first, start=_time(start, lang),
             last=last, end=_time(end, lang), zone=meeting.timezone)


def _people(dialogue, meeting):
    """Who is expected: the invitees (not those who declined) and whoever came."""
    present = services.attendance_of(meeting)
    from phases.mapping import services as mapping

    return [s for s in mapping.stakeholders_of(dialogue)
            if services.is_invitee(s) or (s.id in present and s.erased_at is None)]


def sign_in_rows(people) -> list[SignInRow]:
    rows = []
    for s in sorted((p for p in people if not p.at_risk), key=lambda p: (p.organisation or p.person).casefold()):
        rows.append(SignInRow(number=0, name=s.person if s.consent_named else "", organisation=s.organisation,
                              sector=labels_sector(s.sector)))
    for index, row in enumerate(rows, start=1):
        row.number = index
    return rows


def labels_sector(code):
    from phases.mapping.labels import sector_label

    return sector_label(code)


def name_cards(people) -> list[Card]:
    cards = []
    for s in people:
        if s.at_risk:
            cards.append(Card(name=s.person if s.consent_named else "", organisation=""))
        else:
            cards.append(Card(name=s.person, organisation=s.organisation))
    return cards


def context_for(dialogue, meeting: Meeting, lang: str) -> dict:
    index = ContentIndex.for_dialogue(dialogue)
    rows = []
    for item, start, end in meeting.schedule():
        rows.append(Row(
            start=_time(start, lang), end=_time(end, lang), minutes=item.minutes, day=item.day,
            title=index.localized(item, "title", lang), method=labels.method_label(item.method),
            stage=labels.stage_label(item.stage) if item.stage else "", lead=item.lead,
            purpose=index.localized(item, "purpose", lang),
            expected_output=index.localized(item, "expected_output", lang), materials=item.materials,
            is_break=item.method == "break",
        ))
    people = _people(dialogue, meeting)
    members = {m.user_id: m.user.display_name for m in dialogue.memberships}
    return {
        "dialogue": dialogue,
        "dialogue_title": index.localized(dialogue, "title", lang),
        "country_name": country_name(dialogue.country, lang),
        "meeting": meeting,
        "meeting_title": index.localized(meeting, "title", lang),
        "when": meeting_when(meeting, lang),
        "schedule": rows,
        "facilitators": [members[i] for i in (meeting.facilitator_ids or []) if i in members],
        "ground_rules": index.localized(meeting, "ground_rules", lang),
        "sign_in_rows": sign_in_rows(people),
        "blank_rows": max(10, len(people) // 5),
        "cards": name_cards(people),
        "scale": [(value, str(labels.SCALE_LABELS[value])) for value in range(1, 6)],
    }


@dataclass
class BlankMeeting:
    """What the pack's partials read of a meeting, empty: for the blank forms of the toolkit."""

    kind: str = "main"
    venue: str = ""
    address: str = ""
    online_link: str = ""
    languages: list[str] = field(default_factory=list)
    interpretation: str = ""


def _blank_text(lang: str, text: str = "") -> LocalText:
    return LocalText(text=text, lang=lang, is_original=True, status="original", wanted=lang)


def blank_context(lang: str, dialogue=None) -> dict:
    """The pack's context for blank forms to fill by hand (no meeting): the partials print
    lines where a meeting's title, date and place would be, empty rows for the agenda, the run
    sheet and the sign-in sheet, one blank name card, and the ground rules the app proposes for
    a new meeting; the dialogue's title where it is given (a dialogue with no meeting yet), a
    line to fill where not. Call inside ``force_locale(lang)``."""
    return {
        "blank": True,
        "dialogue": dialogue,
        "dialogue_title": (ContentIndex.for_dialogue(dialogue).localized(dialogue, "title", lang)
                           if dialogue is not None else _blank_text(lang)),
        "country_name": country_name(dialogue.country, lang) if dialogue is not None else "",
        "meeting": BlankMeeting(),
        "meeting_title": _blank_text(lang),
        "when": "",
        "schedule": [],
        "blank_agenda_rows": 11,
        "blank_run_rows": 6,
        "facilitators": [],
        "ground_rules": _blank_text(lang, "\n".join(str(rule) for rule in labels.GROUND_RULES.values())),
        "sign_in_rows": [],
        "blank_rows": 17,
        "cards": [Card(name="", organisation="")],
        "scale": [(value, str(labels.SCALE_LABELS[value])) for value in range(1, 6)],
    }


#: the pack's documents as annexes: (kind, partial, title)
_ANNEXES = {
    "meeting-agenda": ("pdf/convening/_agenda.html", _l("Participants' agenda")),
    "run-sheet": ("pdf/convening/_run_sheet.html", _l("Facilitator's run sheet")),
    "sign-in-sheet": ("pdf/convening/_sign_in.html", _l("Sign-in sheet")),
    "name-cards": ("pdf/convening/_name_cards.html", _l("Name cards")),
    "ground-rules": ("pdf/convening/_ground_rules.html", _l("Ground rules")),
    "evaluation-form": ("pdf/convening/_evaluation_form.html", _l("Evaluation form")),
}


def _annex(kind: str, lang: str, context: dict, meeting: Meeting | None = None) -> Part:
    template, title = _ANNEXES[kind]
    if meeting is None:
        return Part(key=kind, title=str(title), html=render_part(template, lang=lang, context=context))
    return Part(key=f"{kind}-{meeting.uuid}",
                title=_("%(document)s: %(meeting)s", document=str(title), meeting=context["meeting_title"].text),
                html=render_part(template, lang=lang, context=context))


def toolkit_annexes(dialogue, lang: str) -> list[Part]:
    """The toolkit's annexes from phase 2, in the order of the facilitator's pack.

    General edition (``dialogue`` None): the blank participants' agenda, run sheet, sign-in
    sheet, one name card, the proposed ground rules and the evaluation form. A dialogue's
    edition: for each of its meetings, in date order, the participants' agenda and the sign-in
    sheet (as the privacy rules allow, as printed alone), and for the main meeting (or else the
    one a document prints by default) the run sheet, the ground rules and the evaluation form
    as well; with no meeting yet, the blanks headed with the dialogue's title. Never a name
    card in a dialogue's edition: they are for the dialogue's members only.
    """
    meetings = services.meetings_of(dialogue) if dialogue is not None else []
    if not meetings:
        context = blank_context(lang, dialogue)
        return [_annex(kind, lang, context) for kind in _ANNEXES
                if dialogue is None or kind != "name-cards"]
    main = services.main_meeting(dialogue) or services.default_meeting(dialogue)
    parts = []
    for found in meetings:
        context = context_for(dialogue, found, lang)
        kinds = ("meeting-agenda", "run-sheet", "sign-in-sheet", "ground-rules", "evaluation-form") \
            if found.id == main.id else ("meeting-agenda", "sign-in-sheet")
        parts.extend(_annex(kind, lang, context, found) for kind in kinds)
    return parts


def _meeting(dialogue, meeting: str | None) -> Meeting | None:
    if meeting:
        found = next((m for m in services.meetings_of(dialogue) if m.uuid == meeting), None)
        if found is None:
            raise KeyError(meeting)
        return found
    return services.default_meeting(dialogue)


def _document(kind: str, template: str, title, members_only: bool = False):
    def render(dialogue, lang: str, meeting: str | None = None) -> tuple[bytes, str]:
        found = _meeting(dialogue, meeting)
        name = f"{kind}-{_slug(dialogue.title)}-{lang}.pdf"
        if found is None:
            context = {"dialogue": dialogue,
                       "dialogue_title": ContentIndex.for_dialogue(dialogue).localized(dialogue, "title", lang)}
            data = render_pdf("pdf/convening/no_meeting.html", lang=lang, title=str(title), context=context,
                              author=dialogue.organisation)
            return data, name
        data = render_pdf(template, lang=lang, title=str(title), context=context_for(dialogue, found, lang),
                          author=dialogue.organisation)
        return data, f"{kind}-{_slug(found.title)}-{lang}.pdf"

    return Document(kind=kind, title=title, render=render, options=("meeting",), members_only=members_only)


DOCUMENTS = (
    # the pack and the name cards print people by name as they will sit in the room: members only
    _document("facilitator-pack", "pdf/convening/pack.html", _l("The facilitator's pack (everything)"),
              members_only=True),
    _document("meeting-agenda", "pdf/convening/agenda.html", _l("Participants' agenda")),
    _document("run-sheet", "pdf/convening/run_sheet.html", _l("Facilitator's run sheet")),
    _document("sign-in-sheet", "pdf/convening/sign_in.html", _l("Sign-in sheet")),
    _document("name-cards", "pdf/convening/name_cards.html", _l("Name cards"), members_only=True),
    _document("ground-rules", "pdf/convening/ground_rules.html", _l("Ground rules")),
    _document("evaluation-form", "pdf/convening/evaluation_form.html", _l("Evaluation form")),
)
