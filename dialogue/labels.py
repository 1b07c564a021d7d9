"""How stored codes read in the interface. Codes stay English in the database."""
from __future__ import annotations

from .i18n import _l

PHASE_LABELS = {
    "mapping": _l("Stakeholder mapping"),
    "convening": _l("The dialogue"),
    "followup": _l("Commitments and follow-up"),
    "completed": _l("Completed"),
}

MEMBER_ROLE_LABELS = {"lead": _l("Lead"), "facilitator": _l("Facilitator")}

#: where a dialogue's case study stands ("none": not started)
CASE_STUDY_STATUS_LABELS = {
    "none": _l("Not started"),
    "draft": _l("Draft"),
    "submitted": _l("Submitted for review"),
    "changes_requested": _l("Changes requested"),
    "approved": _l("Approved"),
}

USER_ROLE_LABELS = {"coordinator": _l("Coordinator"), "partner": _l("Partner (convening organisation)"),
                    "reviewer": _l("Reviewer (scores applications to calls)")}

ERROR_TITLES = {
    400: _l("Bad request"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("Not allowed"),
    413: _l("The file is too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
}

ERROR_TEXTS = {
    400: _l("The request could not be understood. Go back and try again."),
    403: _l("Your role in this dialogue does not allow this. Ask the dialogue's lead if you need it."),
    404: _l("There is no such page, or you do not have access to it."),
    405: _l("This page cannot be used this way."),
    413: _l("The file you sent is larger than this toolkit accepts. Send a smaller file."),
    429: _l("Too many attempts in a short time. Wait a few minutes and try again."),
    500: _l("The toolkit ran into an error and nothing was saved. Try again; if it happens again, tell your coordinator."),
}

TRANSLATION_STATE_LABELS = {
    "original": _l("original"),
    "missing": _l("missing"),
    "draft": _l("draft"),
    "reviewed": _l("reviewed"),
    "outdated": _l("outdated"),
}

TRANSLATION_FILTER_LABELS = {
    "all": _l("All texts"),
    "missing": _l("Missing"),
    "draft": _l("Drafts"),
    "reviewed": _l("Reviewed"),
    "outdated": _l("Outdated"),
}


def lookup(table):
    """A function giving the label of a code from ``table`` (the code itself when unknown)."""
    def label(code):
        return table.get(code, code)

    return label


phase_label = lookup(PHASE_LABELS)
member_role_label = lookup(MEMBER_ROLE_LABELS)
user_role_label = lookup(USER_ROLE_LABELS)
case_study_status_label = lookup(CASE_STUDY_STATUS_LABELS)
error_title = lookup(ERROR_TITLES)
error_text = lookup(ERROR_TEXTS)
translation_state_label = lookup(TRANSLATION_STATE_LABELS)
translation_filter_label = lookup(TRANSLATION_FILTER_LABELS)


def document_label(kind: str):
    """A document's title from the registry, or its code."""
    from flask import current_app

    document = current_app.extensions["dialogue.registry"].documents.get(kind)
    if document is not None:
        return document.title
    return kind


#: the DESIGN's stakeholder sectors (stable codes), as phase 1 and the calls' application form name them
SECTOR_LABELS = {
    "government": _l("Government"),
    "private_sector": _l("Private sector"),
    "civil_society": _l("Civil society"),
    "academia": _l("Academia and research"),
    "media": _l("Media"),
    "community": _l("Community"),
    "international": _l("International organisations"),
}
