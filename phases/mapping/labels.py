"""How the mapping phase's codes read, in the interface and in documents."""
from __future__ import annotations

from flask_babel import pgettext

from dialogue.i18n import _, _l
from dialogue.labels import SECTOR_LABELS, lookup  # noqa: F401  (the DESIGN's sectors, shared with the calls)

#: the sector inside a sentence or a pseudonym ("Participant 7 (civil society)")
SECTOR_IN_TEXT = {
    "government": _l("government"),
    "private_sector": _l("private sector"),
    "civil_society": _l("civil society"),
    "academia": _l("academia"),
    "media": _l("media"),
    "community": _l("community"),
    "international": _l("international"),
}

LEVEL_LABELS = {
    "local": _l("Local"),
    "regional": _l("Regional"),
    "national": _l("National"),
    "international": _l("International"),
}

STANCE_LABELS = {
    "supportive": _l("Supportive"),
    "neutral": _l("Neutral"),
    "opposed": _l("Opposed"),
    "unknown": _l("Unknown"),
}

GENDER_LABELS = {"woman": _l("Woman"), "man": _l("Man"), "other": _l("Another gender")}

AGE_GROUP_LABELS = {"youth": _l("Youth (up to 35)"), "adult": _l("Adult (36 to 59)"), "older": _l("Older (60 and over)")}

GROUP_LABELS = {
    "women": _l("Women"),
    "youth": _l("Youth"),
    "disability": _l("People with disabilities"),
    "minorities": _l("Minorities"),
    "displaced": _l("Displaced people"),
    "other": _l("Other groups"),
}

INVITATION_LABELS = {
    "": _l("Not invited"),
    "invited": _l("Invited, no reply yet"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "no_answer": _l("No answer"),
}

SCOPE_LABELS = {"local": _l("Local"), "regional": _l("Regional"), "national": _l("National")}

REASON_LABELS = {
    "shared_vision": _l("A shared vision is needed"),
    "no_shared_solution": _l("There is no shared understanding of the solution"),
    "formal_process": _l("A formal process would bring in people who would otherwise stay away"),
}

DO_NO_HARM_LABELS = {
    "risk_assessed": _l("We have asked who could be harmed by taking part, and how to protect them"),
    "consent": _l("Everyone knows how what they say will be used, and agrees to it"),
    "safe_venue": _l("The venue is safe, neutral and accessible for everyone invited"),
    "power_balance": _l("Less powerful groups can speak without fear of reprisal"),
    "data_minimal": _l("We record only the personal data we need, and mark people at risk"),
    "conflict_sensitive": _l("Taking part does not deepen divisions or give one side an advantage"),
}

QUADRANT_LABELS = {
    "manage_closely": _l("Manage closely"),
    "keep_satisfied": _l("Keep satisfied"),
    "keep_informed": _l("Keep informed"),
    "monitor": _l("Monitor"),
}

QUADRANT_HELP = {
    "manage_closely": _l("High influence, high interest: involve them fully."),
    "keep_satisfied": _l("High influence, low interest: consult them and keep them on board."),
    "keep_informed": _l("Low influence, high interest: keep them informed and give them a voice."),
    "monitor": _l("Low influence, low interest: keep an eye on them."),
}




sector_label = lookup(SECTOR_LABELS)
sector_in_text = lookup(SECTOR_IN_TEXT)
level_label = lookup(LEVEL_LABELS)
stance_label = lookup(STANCE_LABELS)
gender_label = lookup(GENDER_LABELS)
age_group_label = lookup(AGE_GROUP_LABELS)
group_label = lookup(GROUP_LABELS)
invitation_label = lookup(INVITATION_LABELS)
scope_label = lookup(SCOPE_LABELS)
reason_label = lookup(REASON_LABELS)
do_no_harm_label = lookup(DO_NO_HARM_LABELS)
quadrant_label = lookup(QUADRANT_LABELS)
quadrant_help = lookup(QUADRANT_HELP)


def pseudonym(number: int, sector: str) -> str:
    return _("Participant %(number)d (%(sector)s)", number=number, sector=sector_in_text(sector))


def yes_no(value: bool) -> str:
    return pgettext("answer", "yes") if value else pgettext("answer", "no")


TEMPLATE_GLOBALS = {
    "sector_label": sector_label,
    "sector_in_text": sector_in_text,
    "level_label": level_label,
    "stance_label": stance_label,
    "gender_label": gender_label,
    "age_group_label": age_group_label,
    "group_label": group_label,
    "invitation_label": invitation_label,
    "scope_label": scope_label,
    "reason_label": reason_label,
    "do_no_harm_label": do_no_harm_label,
    "quadrant_label": quadrant_label,
    "quadrant_help": quadrant_help,
    "yes_no": yes_no,
}
