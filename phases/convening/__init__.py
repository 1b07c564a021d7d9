"""Phase 2: the dialogue itself — meetings, agenda, attendance, the record of what was agreed,
evaluations, and the facilitator's print pack.

Everything of the phase lives in this folder; it builds on phase 1's register (attendance
and walk-ins are stakeholders of the register, shown by its privacy rule). The core learns
about it only through ``PHASE``; phase 1's invitation letters learn the meeting's date and
venue through the registry's ``meeting`` hook.
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
from .package import MEETINGS_SECTION, OUTCOMES_SECTION
from .views import bp, public


def _meetings(dialogue):
    from .services import meetings_of

    return meetings_of(dialogue)


def _facts(dialogue) -> dict:
    """What the steps ask, in three queries, once per request."""
    from dialogue.extensions import db
    from dialogue.registry import per_request

    from .models import Attendance, Meeting, Outcome, AgendaItem

    def load():
        ids = list(db.session.scalars(db.select(Meeting.id).where(Meeting.dialogue_id == dialogue.id)))
        if not ids:
            return {"planned": False, "agenda": False, "attendance": False, "recorded": False}
        return {
            "planned": True,
            "agenda": db.session.scalar(db.select(AgendaItem.id).where(AgendaItem.meeting_id.in_(ids)).limit(1))
            is not None,
            "attendance": db.session.scalar(db.select(Attendance.id).where(Attendance.meeting_id.in_(ids)).limit(1))
            is not None,
            "recorded": db.session.scalar(db.select(Outcome.id).where(Outcome.meeting_id.in_(ids)).limit(1))
            is not None,
        }

    return per_request("convening.steps", dialogue, load)


def _planned(dialogue) -> bool:
    return _facts(dialogue)["planned"]


def _agenda(dialogue) -> bool:
    return _facts(dialogue)["agenda"]


def _attendance(dialogue) -> bool:
    return _facts(dialogue)["attendance"]


def _recorded(dialogue) -> bool:
    return _facts(dialogue)["recorded"]


def _meeting_details(dialogue):
    from .services import main_meeting

    meeting = main_meeting(dialogue)
    if meeting is None:
        return None
    return {"starts_at": meeting.local_start, "venue": ", ".join(p for p in (meeting.venue, meeting.address) if p),
            "timezone": meeting.timezone}


def _last_meeting(dialogue):
    """The day the dialogue's last meeting ends (its own time zone), for the retention period."""
    from .services import meetings_of

    meetings = meetings_of(dialogue)
    return max(m.local_end.date() for m in meetings) if meetings else None


def _demo(dialogue, lead, facilitator) -> None:
    from .demo import load

    load(dialogue, lead, facilitator)


def _items(dialogue):
    return [item for meeting in _meetings(dialogue) for item in meeting.items]


def _outcomes(dialogue):
    from .services import outcomes_of

    return outcomes_of(dialogue)


audit.ACTION_LABELS.update({
    "convening.meeting_created": _l("planned a meeting"),
    "convening.meeting_updated": _l("changed a meeting"),
    "convening.meeting_deleted": _l("deleted a meeting"),
    "convening.checklist_saved": _l("updated a meeting's checklist"),
    "convening.agenda_changed": _l("changed an agenda"),
    "convening.checked_in": _l("checked someone in"),
    "convening.check_in_undone": _l("undid a check-in"),
    "convening.record_saved": _l("recorded notes of a meeting"),
    "convening.outcome_added": _l("recorded what a meeting produced"),
    "convening.outcome_changed": _l("changed what a meeting produced"),
    "convening.outcome_deleted": _l("removed something a meeting produced"),
    "convening.evaluation_link_opened": _l("opened the online evaluation"),
    "convening.evaluation_link_closed": _l("closed the online evaluation"),
    "convening.completed": _l("completed the dialogue phase"),
    "convening.reopened": _l("reopened the dialogue phase"),
})

PHASE = Phase(
    key="convening",
    number=2,
    title=_l("The dialogue"),
    purpose=_l("Bring the stakeholders together in one or more meetings and record what they agree."),
    produces=(
        _l("Meetings with a timed agenda and attendance"),
        _l("Notes, a shared vision, agreements and open disagreements"),
    ),
    steps=(
        Step("meeting", _l("Plan the main meeting"), _planned, endpoint="convening.meetings"),
        Step("agenda", _l("Build the agenda"), _agenda, endpoint="convening.meetings"),
        Step("attendance", _l("Take attendance at the door"), _attendance, endpoint="convening.meetings"),
        Step("record", _l("Record what the meeting produced"), _recorded, endpoint="convening.meetings"),
        Step("complete", _l("Complete the phase"), lambda d: d.phase_index > 1, endpoint="convening.complete"),
    ),
    documents=DOCUMENTS,
    blueprint=bp,
    package=MEETINGS_SECTION,
    more_packages=(OUTCOMES_SECTION,),
    report=_report.report,
    toolkit_chapter="pdf/convening/_toolkit.html",
    toolkit_annexes=lambda dialogue, lang: _documents.toolkit_annexes(dialogue, lang),
    extra={
        "portfolio": lambda dialogues: _portfolio.collect(dialogues),
        "dates": _report.dates,
        "meeting": _meeting_details,
        "last_meeting": _last_meeting,
        "demo": _demo,
        "blueprints": (public,),
        "text_sources": (
            TextSource(content_type="convening_meeting", label=_l("Meeting"),
                       fields={"title": _l("Title"), "ground_rules": _l("Ground rules"),
                               "reflection": _l("The facilitator's reflection")},
                       objects=_meetings,
                       documents=("facilitator-pack", "meeting-agenda", "ground-rules", "case-study", "toolkit")),
            TextSource(content_type="convening_item", label=_l("Agenda item"),
                       fields={"title": _l("Item"), "purpose": _l("Purpose"),
                               "expected_output": _l("Expected output"), "notes": _l("Notes")},
                       objects=_items,
                       documents=("facilitator-pack", "meeting-agenda", "run-sheet", "case-study", "toolkit")),
            TextSource(content_type="convening_outcome", label=_l("What a meeting produced"),
                       fields={"text": _l("Text")}, objects=_outcomes, documents=("case-study",)),
        ),
    },
)
