"""How phase 3's codes read."""
from __future__ import annotations

from dialogue.i18n import _l
from dialogue.labels import lookup

STATUS_LABELS = {
    "not_started": _l("Not started"),
    "on_track": _l("On track"),
    "at_risk": _l("At risk of slipping"),
    "done": _l("Done"),
    "dropped": _l("Dropped"),
}

SOURCE_LABELS = {"member": _l("by a member of the dialogue"), "owner_link": _l("through the owner's link")}

LESSON_PHASE_LABELS = {
    "mapping": _l("Stakeholder mapping"),
    "convening": _l("The dialogue"),
    "followup": _l("Commitments and follow-up"),
}

LESSON_FIELDS = {
    "worked": _l("What worked"),
    "did_not_work": _l("What did not work"),
    "would_change": _l("What we would change"),
    "surprised": _l("What surprised us"),
}

FREQUENCY_LABELS = {
    "monthly": _l("Every month"),
    "quarterly": _l("Every three months"),
    "twice_a_year": _l("Twice a year"),
    "yearly": _l("Once a year"),
    "as_needed": _l("When needed"),
}




status_label = lookup(STATUS_LABELS)
source_label = lookup(SOURCE_LABELS)
lesson_phase_label = lookup(LESSON_PHASE_LABELS)
frequency_label = lookup(FREQUENCY_LABELS)

TEMPLATE_GLOBALS = {
    "status_label": status_label,
    "update_source_label": source_label,
    "lesson_phase_label": lesson_phase_label,
    "frequency_label": frequency_label,
    "lesson_fields": LESSON_FIELDS,
}
