"""Phase 1: stakeholder mapping — the challenge, the register, the map, the balance check,
invitations.

Everything of the phase lives in this folder: models, services, forms, views (blueprint
``mapping``), documents, its package sections, labels, CSV import and export, demo data. The
core learns about it only through ``PHASE``.
"""
from dialogue import audit
from dialogue.content import TextSource
from dialogue.i18n import _l
from dialogue.registry import Phase, Step

from . import documents as _documents
from . import models  # noqa: F401  (its tables)
from . import portfolio as _portfolio
from . import report as _report
from .documents import DOCUMENTS
from .package import CHALLENGE_SECTION, STAKEHOLDERS_SECTION
from .views import bp


def _challenge_done(dialogue) -> bool:
    from .services import challenge_of

    record = challenge_of(dialogue)
    return bool((dialogue.challenge or "").strip()) and record is not None and record.is_defined


def _register_facts(dialogue) -> tuple[set[str], bool]:
    """(sectors present, anyone invited), in one query, once per request."""
    from dialogue.extensions import db
    from dialogue.registry import per_request

    from .models import Stakeholder

    def load():
        rows = db.session.execute(
            db.select(Stakeholder.sector, Stakeholder.invitation)
            .where(Stakeholder.dialogue_id == dialogue.id, Stakeholder.deleted_at.is_(None))
            .distinct()).all()
        return {sector for sector, _invitation in rows}, any(invitation for _sector, invitation in rows)

    return per_request("mapping.steps", dialogue, load)


def _register_done(dialogue) -> bool:
    return bool(_register_facts(dialogue)[0])


def _balance_done(dialogue) -> bool:
    from .models import BALANCED_SECTORS

    return set(BALANCED_SECTORS) <= _register_facts(dialogue)[0]


def _invited(dialogue) -> bool:
    return _register_facts(dialogue)[1]


def _people_at_risk(dialogue) -> int:
    from .services import count_at_risk

    return count_at_risk(dialogue)


def _forget_people(dialogue) -> int:
    """Forget every person of the register who is not forgotten yet (the retention period has
    passed); returns how many."""
    from .services import empty_personal_fields, stakeholders_of

    people = [s for s in stakeholders_of(dialogue) if s.erased_at is None]
    for stakeholder in people:
        empty_personal_fields(stakeholder)
    return len(people)


def _demo(dialogue, lead, facilitator) -> None:
    from .demo import load

    load(dialogue, lead, facilitator)


def _challenge_objects(dialogue):
    from .services import challenge_of

    record = challenge_of(dialogue)
    return [record] if record is not None else []


audit.ACTION_LABELS.update({
    "mapping.challenge_saved": _l("described the common challenge"),
    "mapping.stakeholder_added": _l("added a stakeholder"),
    "mapping.stakeholder_updated": _l("changed a stakeholder"),
    "mapping.stakeholder_erased": _l("forgot a person in the register"),
    "mapping.stakeholder_deleted": _l("deleted an entry of the register"),
    "mapping.register_imported": _l("imported stakeholders from a file"),
    "mapping.invitations_updated": _l("updated the invitations"),
    "mapping.completed": _l("completed the stakeholder mapping"),
    "mapping.reopened": _l("reopened the stakeholder mapping"),
})

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
        Step("challenge", _l("Describe the common challenge"), _challenge_done, endpoint="mapping.challenge"),
        Step("team", _l("Invite your colleagues"), lambda d: len(d.memberships) > 1, endpoint="main.members"),
        Step("register", _l("Map the stakeholders"), _register_done, endpoint="mapping.register"),
        Step("balance", _l("Check the balance between sectors"), _balance_done, endpoint="mapping.stakeholder_map"),
        Step("invitations", _l("Invite the participants"), _invited, endpoint="mapping.invitations"),
    ),
    documents=DOCUMENTS,
    blueprint=bp,
    package=CHALLENGE_SECTION,
    more_packages=(STAKEHOLDERS_SECTION,),
    report=_report.report,
    toolkit_chapter="pdf/mapping/_toolkit.html",
    toolkit_annexes=lambda dialogue, lang: _documents.toolkit_annexes(dialogue, lang),
    extra={
        "portfolio": lambda dialogues: _portfolio.collect(dialogues),
        "people_at_risk": _people_at_risk,
        "forget_people": _forget_people,
        "demo": _demo,
        "text_sources": (
            TextSource(
                content_type="mapping_challenge",
                label=_l("The common challenge"),
                fields={
                    "objectives": _l("Objectives"),
                    "context_note": _l("Context"),
                    "risk_note": _l("Risks and power imbalances"),
                    "sector_gap_reason": _l("Why a sector is missing"),
                },
                objects=_challenge_objects,
                documents=("stakeholder-map",),
            ),
        ),
    },
)
