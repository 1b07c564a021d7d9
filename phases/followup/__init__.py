"""Phase 3: commitments and follow-up — who does what by when, progress over time, the
lasting platform, lessons learned.

Everything of the phase lives in this folder; commitments are held by stakeholders of phase
1's register and may come from phase 2's agreements and proposals. The core learns about it
only through ``PHASE``.
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
from .package import COMMITMENTS_SECTION, LESSONS_SECTION, PLATFORM_SECTION
from .views import bp, public


def _facts(dialogue) -> dict:
    from dialogue.extensions import db
    from dialogue.registry import per_request

    from .models import Commitment, Lesson, Platform, Update

    def load():
        ids = list(db.session.scalars(db.select(Commitment.id).where(Commitment.dialogue_id == dialogue.id)))
        return {
            "commitments": bool(ids),
            "updates": bool(ids) and db.session.scalar(
                db.select(Update.id).where(Update.commitment_id.in_(ids)).limit(1)) is not None,
            "platform": db.session.scalar(db.select(Platform.established).where(Platform.dialogue_id == dialogue.id))
            is True,
            "lessons": db.session.scalar(db.select(Lesson.id).where(Lesson.dialogue_id == dialogue.id).limit(1))
            is not None,
        }

    return per_request("followup.steps", dialogue, load)


def _commitments(dialogue):
    from .services import commitments_of

    return commitments_of(dialogue)


def _lessons(dialogue):
    from .services import lessons_of

    return list(lessons_of(dialogue).values())


def _demo(dialogue, lead, facilitator) -> None:
    from .demo import load

    load(dialogue, lead, facilitator)


audit.ACTION_LABELS.update({
    "followup.commitment_created": _l("recorded a commitment"),
    "followup.commitment_updated": _l("changed a commitment"),
    "followup.progress_reported": _l("reported progress on a commitment"),
    "followup.link_issued": _l("sent a reporting link"),
    "followup.link_revoked": _l("revoked a reporting link"),
    "followup.platform_saved": _l("recorded the lasting platform"),
    "followup.lessons_saved": _l("recorded lessons learned"),
})

PHASE = Phase(
    key="followup",
    number=3,
    title=_l("Commitments and follow-up"),
    purpose=_l("Turn agreements into commitments and follow them until they are kept."),
    produces=(
        _l("Commitments: who does what by when, with an indicator"),
        _l("Progress updates, follow-up meetings and lessons learned"),
    ),
    steps=(
        Step("commitments", _l("Record the commitments"), lambda d: _facts(d)["commitments"],
             endpoint="followup.board"),
        Step("progress", _l("Follow their progress"), lambda d: _facts(d)["updates"], endpoint="followup.board"),
        Step("platform", _l("Set up a lasting platform"), lambda d: _facts(d)["platform"],
             endpoint="followup.platform"),
        Step("lessons", _l("Write down the lessons learned"), lambda d: _facts(d)["lessons"],
             endpoint="followup.lessons"),
    ),
    documents=DOCUMENTS,
    blueprint=bp,
    package=COMMITMENTS_SECTION,
    more_packages=(PLATFORM_SECTION, LESSONS_SECTION),
    report=_report.report,
    toolkit_chapter="pdf/followup/_toolkit.html",
    toolkit_annexes=lambda dialogue, lang: _documents.toolkit_annexes(dialogue, lang),
    extra={
        "portfolio": lambda dialogues: _portfolio.collect(dialogues),
        "dates": _report.dates,
        "field_lessons": _report.field_lessons,
        "overdue": _report.overdue,
        "demo": _demo,
        "blueprints": (public,),
        "text_sources": (
            TextSource(content_type="followup_commitment", label=_l("Commitment"),
                       fields={"title": _l("What will be done"), "indicator": _l("How we will see it is done")},
                       objects=_commitments,
                       documents=("commitments-list", "followup-tracker", "case-study", "toolkit")),
            TextSource(content_type="followup_lesson", label=_l("Lessons learned"),
                       fields={"worked": _l("What worked"), "did_not_work": _l("What did not work"),
                               "would_change": _l("What we would change"), "surprised": _l("What surprised us")},
                       objects=_lessons, documents=("case-study", "toolkit")),
        ),
    },
)
