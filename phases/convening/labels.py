"""How phase 2's codes read."""
from __future__ import annotations

from dialogue.i18n import _l
from dialogue.labels import lookup

MEETING_KIND_LABELS = {
    "main": _l("Main dialogue meeting"),
    "followup": _l("Follow-up meeting"),
    "other": _l("Other meeting"),
}

METHOD_LABELS = {
    "plenary": _l("Plenary input"),
    "small_groups": _l("Small-group work"),
    "world_cafe": _l("World café"),
    "fishbowl": _l("Fishbowl"),
    "open_space": _l("Open space"),
    "panel": _l("Panel"),
    "bilateral": _l("Bilateral talks"),
    "break": _l("Break"),
    "other": _l("Other method"),
}

STAGE_LABELS = {
    "connection": _l("Connection"),
    "shared_language": _l("Shared language"),
    "divergence": _l("Divergence"),
    "co_creation": _l("Co-creation"),
    "convergence": _l("Convergence"),
    "commitment": _l("Commitment"),
}

STAGE_HELP = {
    "connection": _l("People arrive, meet and start to trust each other."),
    "shared_language": _l("Everyone understands the challenge and the words in the same way."),
    "divergence": _l("All views, interests and ideas are put on the table."),
    "co_creation": _l("Options are built together."),
    "convergence": _l("The group narrows down and agrees."),
    "commitment": _l("Who does what, by when."),
}

CHECKLIST_LABELS = {
    "venue_access": _l("The venue is accessible for people with disabilities"),
    "interpretation": _l("Interpretation is arranged"),
    "materials": _l("Materials are ready (flip charts, markers, name cards, printouts)"),
    "travel_support": _l("Travel support is arranged for those who need it"),
    "dietary_needs": _l("Food and drinks suit everyone's dietary needs"),
    "participant_safety": _l("Participants can come and go safely"),
    "venue_safety": _l("The venue is safe and neutral"),
    "consent_forms": _l("Consent forms are ready"),
}

CHECK_STATE_LABELS = {"": _l("To do"), "done": _l("Done"), "not_needed": _l("Not needed")}

OUTCOME_LABELS = {
    "vision": _l("Shared vision"),
    "agreement": _l("Agreement"),
    "disagreement": _l("Still in disagreement"),
    "proposal": _l("Proposal for action"),
}

OUTCOME_PLURALS = {
    "vision": _l("The shared vision"),
    "agreement": _l("Agreements"),
    "disagreement": _l("Points still in disagreement"),
    "proposal": _l("Proposals for action"),
}

ANSWER_LABELS = {"yes": _l("Yes"), "maybe": _l("Maybe"), "no": _l("No")}

SCALE_LABELS = {1: _l("Not at all"), 2: _l("A little"), 3: _l("Somewhat"), 4: _l("Quite"), 5: _l("Very much")}

#: ready-made ground rules a facilitator can start from
GROUND_RULES = {
    "chatham_house": _l("Chatham House rule: you may use what is said, but not say who said it."),
    "speak_for_yourself": _l("Speak for yourself and your organisation, not for others."),
    "listen": _l("Listen to understand, not to answer."),
    "one_voice": _l("One person speaks at a time."),
    "respect": _l("Criticise ideas, not people."),
    "phones": _l("Phones on silent; no photos or recordings without everyone's consent."),
    "time": _l("Keep to time, so that everyone gets a turn."),
}




meeting_kind_label = lookup(MEETING_KIND_LABELS)
method_label = lookup(METHOD_LABELS)
stage_label = lookup(STAGE_LABELS)
stage_help = lookup(STAGE_HELP)
checklist_label = lookup(CHECKLIST_LABELS)
check_state_label = lookup(CHECK_STATE_LABELS)
outcome_label = lookup(OUTCOME_LABELS)
outcome_plural = lookup(OUTCOME_PLURALS)
answer_label = lookup(ANSWER_LABELS)

TEMPLATE_GLOBALS = {
    "meeting_kind_label": meeting_kind_label,
    "method_label": method_label,
    "stage_label": stage_label,
    "stage_help": stage_help,
    "checklist_label": checklist_label,
    "check_state_label": check_state_label,
    "outcome_label": outcome_label,
    "outcome_plural": outcome_plural,
    "answer_label": answer_label,
}
