"""Phase 1: stakeholder mapping."""
from dialogue.i18n import _l
from dialogue.registry import Phase, Step

PHASE = Phase(
    key="mapping",
    number=1,
    title=_l("Stakeholder mapping"),
    purpose=_l("Agree on the common challenge and find the people who need to be at the table, in the right balance."),
    produces=(
        _l("The common challenge"),
        _l("A stakeholder register and an influence/interest map"),
        _l("A sector-balance check and the invitations"),
    ),
    steps=(
        Step("challenge", _l("Describe the common challenge"), lambda d: bool((d.challenge or "").strip()),
             endpoint="main.edit_dialogue"),
        Step("team", _l("Invite your colleagues"), lambda d: len(d.memberships) > 1, endpoint="main.members"),
    ),
)
