"""How phase 0's codes read, in the interface and in documents."""
from __future__ import annotations

from flask_babel import lazy_pgettext

from ..i18n import _l
from ..labels import SECTOR_LABELS, lookup  # the DESIGN's sectors, as phase 1 names them

CALL_STATUS_LABELS = {"draft": _l("Draft"), "open": _l("Open"), "closed": _l("Closed")}

#: what a visitor of the public page finds (``Call.state``)
CALL_STATE_LABELS = {
    "draft": _l("Not published"),
    "upcoming": _l("Not open yet"),
    "accepting": _l("Accepting applications"),
    "closed": _l("Closed"),
}

#: an application's status (with a context: "Declined" here is the programme's decision, not
#: an invitee's reply as in phase 1)
APPLICATION_STATUS_LABELS = {
    "submitted": lazy_pgettext("application status", "Submitted"),
    "shortlisted": lazy_pgettext("application status", "Shortlisted"),
    "selected": lazy_pgettext("application status", "Selected"),
    "declined": lazy_pgettext("application status", "Declined"),
}

DECISION_LABELS = {"shortlist": _l("Shortlist"), "select": _l("Select"), "decline": _l("Decline")}

CRITERION_DEFAULT_LABELS = {
    "relevance": _l("Relevance of the proposed challenge"),
    "willingness": _l("Willingness to address it"),
    "motivation": _l("Motivation and interest to establish a lasting local multi-stakeholder platform"),
}


#: the application's questions, as the form, the pages and the documents ask them
ANSWER_LABELS = {
    "organisation": _l("Organisation"),
    "country": _l("Country"),
    "contact_person": _l("Contact person"),
    "contact_email": _l("E-mail address"),
    "contact_phone": _l("Phone (optional)"),
    "challenge": _l("The challenge you propose to address"),
    "why_now": _l("Why it matters locally, and why now"),
    "stakeholders": _l("Who would need to be at the table, by sector"),
    "how_reached": _l("How you would reach them"),
    "willingness": _l("Your willingness to convene them"),
    "capacity": _l("Your capacity to convene them"),
    "motivation": _l("Your motivation for a lasting local multi-stakeholder platform"),
    "experience": _l("Earlier experience (optional)"),
}

#: what a reviewer's review is, for lists
REVIEW_STATE_LABELS = {
    "todo": _l("To review"),
    "submitted": lazy_pgettext("review state", "Reviewed"),  # an application, not a translation
    "conflict": _l("Conflict of interest"),
}

#: the scale of a score
SCORE_LABELS = {1: _l("1 – weak"), 2: "2", 3: _l("3 – adequate"), 4: "4", 5: _l("5 – strong")}

call_status_label = lookup(CALL_STATUS_LABELS)
call_state_label = lookup(CALL_STATE_LABELS)
application_status_label = lookup(APPLICATION_STATUS_LABELS)
decision_label = lookup(DECISION_LABELS)
criterion_default_label = lookup(CRITERION_DEFAULT_LABELS)
call_sector_label = lookup(SECTOR_LABELS)
call_answer_label = lookup(ANSWER_LABELS)
review_state_label = lookup(REVIEW_STATE_LABELS)

TEMPLATE_GLOBALS = {
    "call_status_label": call_status_label,
    "call_state_label": call_state_label,
    "application_status_label": application_status_label,
    "decision_label": decision_label,
    "call_sector_label": call_sector_label,
    "call_answer_label": call_answer_label,
    "review_state_label": review_state_label,
}
