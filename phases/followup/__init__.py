"""Phase 3: commitments and follow-up."""
from dialogue.i18n import _l
from dialogue.registry import Phase

PHASE = Phase(
    key="followup",
    number=3,
    title=_l("Commitments and follow-up"),
    purpose=_l("Turn agreements into commitments and follow them until they are kept."),
    produces=(
        _l("Commitments: who does what by when, with an indicator"),
        _l("Progress updates, follow-up meetings and lessons learned"),
    ),
)
