"""Phase 2: the dialogue itself."""
from dialogue.i18n import _l
from dialogue.registry import Phase

PHASE = Phase(
    key="convening",
    number=2,
    title=_l("The dialogue"),
    purpose=_l("Bring the stakeholders together in one or more meetings and record what they agree."),
    produces=(
        _l("Meetings with a timed agenda and attendance"),
        _l("Notes, a shared vision, agreements and open disagreements"),
    ),
)
