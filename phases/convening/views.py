"""Phase 2's pages: meetings, the planning checklist, the agenda, attendance at the door, the
record of what was agreed, evaluations, and the calendar file. Thin: load and check through
``dialogue.access``, validate a form, call a service, commit once, redirect."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from dialogue.access import dialogue_access
from dialogue.extensions import db, limiter
from dialogue.forms import ConfirmForm, DocumentForm, stale_message
from dialogue.i18n import _, current_language, ngettext
from dialogue.services import ServiceError, StaleEdit
from dialogue.text import clean_line
from dialogue.views import public_rate_limit
from phases.mapping import services as mapping

from . import calendar, services
from .forms import (
    AgendaItemForm, ChecklistForm, EvaluationForm, MeetingForm, OutcomeForm, RecordForm, TemplateForm, WalkInForm,
)
from .labels import GROUND_RULES, TEMPLATE_GLOBALS
from .models import CHECKLIST, AgendaItem, Outcome

bp = Blueprint("convening", __name__, url_prefix="/d/<uuid:dialogue_uuid>/meetings")
public = Blueprint("evaluate", __name__)




def _me():
    return current_user._get_current_object()


def _to_meeting(dialogue, meeting, anchor: str = "", endpoint: str = "convening.meeting"):
    return redirect(url_for(endpoint, dialogue_uuid=dialogue.uuid, meeting_uuid=meeting.uuid) + anchor)


def _languages():
    from dialogue.i18n import available_languages

    return available_languages()


def _document_form():
    return DocumentForm(formdata=None, lang=current_language(), meta={"csrf": False})


# -- meetings ------------------------------------------------------------------------------------
@bp.route("/")
@login_required
@dialogue_access("view")
def meetings(dialogue):
    return render_template("convening/meetings.html", dialogue=dialogue, meetings=services.meetings_of(dialogue),
                           can_edit=dialogue.can_edit(current_user))


@bp.route("/new", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def new_meeting(dialogue):
    form = MeetingForm(dialogue)
    if request.method == "GET":
        form.languages.data = list(dialogue.languages or [])
        form.facilitator_ids.data = [m.user_id for m in dialogue.memberships]
        form.kind.data = "followup" if services.count_meetings(dialogue) else "main"
        form.timezone.data = _zone_for(dialogue.country)
        from dialogue.i18n import force_locale

        with force_locale(dialogue.content_language if dialogue.content_language in _languages() else "en"):
            form.ground_rules.data = "\n".join(str(rule) for rule in GROUND_RULES.values())
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(dialogue, _me(), **form.values())
        except ServiceError:
            db.session.rollback()
            form.facilitator_ids.errors.append(_("Choose the facilitators among the dialogue's members."))
        else:
            db.session.commit()
            flash(_("The meeting is planned. Next: build its agenda."), "success")
            return _to_meeting(dialogue, meeting, endpoint="convening.agenda")
    return render_template("convening/meeting_form.html", dialogue=dialogue, form=form, meeting=None,
                           ground_rules=GROUND_RULES), 200 if not form.errors else 422


#: a sensible time zone for a new meeting, by the dialogue's country
ZONES = {"CV": "Atlantic/Cape_Verde", "EC": "America/Guayaquil", "KE": "Africa/Nairobi", "NG": "Africa/Lagos",
         "UG": "Africa/Kampala"}


def _zone_for(country: str) -> str:
    """The country's first time zone in the system's zone table, else UTC."""
    if country in ZONES:
        return ZONES[country]
    from pathlib import Path

    table = Path("/usr/share/zoneinfo/zone.tab")
    if table.is_file():
        for line in table.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[0] == country.upper():
                return parts[2]
    return "UTC"


@bp.route("/<uuid:meeting_uuid>/")
@login_required
@dialogue_access("view")
def meeting(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    inside = dialogue.can_see_people(current_user)
    return render_template(
        "convening/meeting.html", dialogue=dialogue, meeting=meeting, check=services.check_agenda(meeting),
        turnout=services.turnout(dialogue, meeting), summary=services.summarise(meeting), inside=inside,
        can_edit=dialogue.can_edit(current_user), document_form=_document_form(), confirm_form=ConfirmForm(),
        facilitators=[m.user.display_name for m in dialogue.memberships if m.user_id in (meeting.facilitator_ids or [])],
    )


@bp.route("/<uuid:meeting_uuid>/edit", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def edit_meeting(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    form = MeetingForm(dialogue, obj=meeting)
    if request.method == "GET":
        form.fill_from(meeting)
    if form.validate_on_submit():
        try:
            services.update_meeting(meeting, _me(), version=int(form.version.data or 0), **form.values())
        except (ValueError, StaleEdit):
            db.session.rollback()
            form.version.errors.append(stale_message())
        except ServiceError:
            db.session.rollback()
            form.facilitator_ids.errors.append(_("Choose the facilitators among the dialogue's members."))
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return _to_meeting(dialogue, meeting)
    return render_template("convening/meeting_form.html", dialogue=dialogue, form=form, meeting=meeting,
                           ground_rules=GROUND_RULES), 200 if not form.errors else 422


@bp.route("/<uuid:meeting_uuid>/delete", methods=["POST"])
@login_required
@dialogue_access("manage")
def delete_meeting(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    if ConfirmForm().validate_on_submit():
        services.delete_meeting(meeting, _me())
        db.session.commit()
        flash(_("The meeting is deleted."), "success")
    return redirect(url_for("convening.meetings", dialogue_uuid=dialogue.uuid))


@bp.route("/<uuid:meeting_uuid>/checklist", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def checklist(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    form = ChecklistForm()
    if request.method == "GET":
        form.version.data = str(meeting.version)
    if form.validate_on_submit():
        states = {code: request.form.get(f"check-{code}", "") for code in CHECKLIST}
        try:
            services.save_checklist(meeting, _me(), version=int(form.version.data or 0), states=states)
        except (ValueError, StaleEdit):
            db.session.rollback()
            form.version.errors.append(stale_message())
        except ServiceError:
            db.session.rollback()
            form.version.errors.append(_("Choose done, not needed or to do for each item."))
        else:
            db.session.commit()
            flash(_("The checklist is saved."), "success")
            return _to_meeting(dialogue, meeting)
    return render_template("convening/checklist.html", dialogue=dialogue, meeting=meeting, form=form,
                           codes=CHECKLIST), 200 if not form.errors else 422


@bp.route("/<uuid:meeting_uuid>/calendar.ics")
@login_required
@dialogue_access("view")
def calendar_file(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    data = calendar.ics(meeting, url_for("convening.meeting", dialogue_uuid=dialogue.uuid,
                                         meeting_uuid=meeting.uuid, _external=True))
    response = Response(data, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response


# -- completing the phase ----------------------------------------------------------------------------
@bp.route("/complete")
@login_required
@dialogue_access("view")
def complete(dialogue):
    return render_template("convening/complete.html", dialogue=dialogue, state=services.checklist(dialogue),
                           confirm_form=ConfirmForm())


@bp.route("/complete", methods=["POST"])
@login_required
@dialogue_access("manage")
def mark_complete(dialogue):
    from dialogue.models import InvalidTransition

    if ConfirmForm().validate_on_submit():
        try:
            services.complete_phase(dialogue, _me())
        except (ServiceError, InvalidTransition):
            db.session.rollback()
            flash(_("The checklist is not complete yet."), "error")
        else:
            db.session.commit()
            flash(_("Phase 2 is complete. Next: record the commitments."), "success")
            return redirect(url_for("main.dialogue_home", dialogue_uuid=dialogue.uuid))
    return redirect(url_for("convening.complete", dialogue_uuid=dialogue.uuid))


@bp.route("/reopen", methods=["POST"])
@login_required
@dialogue_access("manage")
def reopen(dialogue):
    from dialogue.models import InvalidTransition

    if ConfirmForm().validate_on_submit():
        try:
            services.reopen_phase(dialogue, _me())
        except InvalidTransition:
            db.session.rollback()
            flash(_("Phase 2 can be reopened only while the dialogue is in phase 3."), "error")
        else:
            db.session.commit()
            flash(_("Phase 2 is open again."), "success")
    return redirect(url_for("convening.complete", dialogue_uuid=dialogue.uuid))


# -- the agenda -------------------------------------------------------------------------------------
def _item_of(meeting, item_uuid) -> AgendaItem:
    item = next((i for i in meeting.items if i.uuid == str(item_uuid)), None)
    if item is None:
        abort(404)
    return item


def _agenda_page(dialogue, meeting, form, status=200):
    return render_template("convening/agenda.html", dialogue=dialogue, meeting=meeting, form=form,
                           template_form=TemplateForm(), check=services.check_agenda(meeting),
                           schedule=meeting.schedule(), confirm_form=ConfirmForm(),
                           document_form=_document_form()), status


@bp.route("/<uuid:meeting_uuid>/agenda")
@login_required
@dialogue_access("edit")
def agenda(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    form = AgendaItemForm(formdata=None)
    form.day.data = max((i.day for i in meeting.items), default=1)
    return _agenda_page(dialogue, meeting, form)


@bp.route("/<uuid:meeting_uuid>/agenda", methods=["POST"])
@login_required
@dialogue_access("edit")
def add_item(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    form = AgendaItemForm()
    if form.validate_on_submit():
        try:
            item = services.add_item(meeting, _me(), **form.values())
        except ServiceError:
            db.session.rollback()
            form.day.errors.append(_("Choose a day within the meeting's dates."))
        else:
            db.session.commit()
            flash(_("The item is added."), "success")
            return _to_meeting(dialogue, meeting, f"#item-{item.uuid}", endpoint="convening.agenda")
    return _agenda_page(dialogue, meeting, form, 422)


@bp.route("/<uuid:meeting_uuid>/agenda/<uuid:item_uuid>", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def edit_item(dialogue, meeting_uuid, item_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    item = _item_of(meeting, item_uuid)
    form = AgendaItemForm(obj=item)
    if request.method == "GET":
        form.version.data = str(item.version)
    if form.validate_on_submit():
        try:
            services.update_item(item, _me(), version=int(form.version.data or 0), **form.values())
        except (ValueError, StaleEdit):
            db.session.rollback()
            form.version.errors.append(stale_message())
        except ServiceError:
            db.session.rollback()
            form.day.errors.append(_("Choose a day within the meeting's dates."))
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return _to_meeting(dialogue, meeting, f"#item-{item.uuid}", endpoint="convening.agenda")
    return render_template("convening/item_form.html", dialogue=dialogue, meeting=meeting, item=item, form=form,
                           confirm_form=ConfirmForm()), 200 if not form.errors else 422


@bp.route("/<uuid:meeting_uuid>/agenda/<uuid:item_uuid>/move", methods=["POST"])
@login_required
@dialogue_access("edit")
def move_item(dialogue, meeting_uuid, item_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    item = _item_of(meeting, item_uuid)
    if ConfirmForm().validate_on_submit():
        services.move_item(item, _me(), -1 if request.form.get("direction") == "up" else 1)
        db.session.commit()
    return _to_meeting(dialogue, meeting, f"#item-{item.uuid}", endpoint="convening.agenda")


@bp.route("/<uuid:meeting_uuid>/agenda/<uuid:item_uuid>/delete", methods=["POST"])
@login_required
@dialogue_access("manage")
def delete_item(dialogue, meeting_uuid, item_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    item = _item_of(meeting, item_uuid)
    if ConfirmForm().validate_on_submit():
        services.delete_item(item, _me())
        db.session.commit()
        flash(_("The item is removed."), "success")
    return _to_meeting(dialogue, meeting, endpoint="convening.agenda")


@bp.route("/<uuid:meeting_uuid>/agenda/template", methods=["POST"])
@login_required
@dialogue_access("edit")
def apply_template(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    form = TemplateForm()
    if not form.validate_on_submit():
        flash(_("Choose a ready-made agenda from the list."), "error")
        return _to_meeting(dialogue, meeting, endpoint="convening.agenda")
    try:
        count = services.apply_template(meeting, _me(), form.template.data)
    except ServiceError:
        db.session.rollback()
        flash(_("The agenda already holds notes from the meeting: a ready-made agenda would replace them. "
                "Change the items one by one instead."), "error")
    else:
        db.session.commit()
        flash(ngettext("The agenda now has %(num)d item. Adapt it to your meeting.",
                       "The agenda now has %(num)d items. Adapt them to your meeting.", count), "success")
    return _to_meeting(dialogue, meeting, endpoint="convening.agenda")


# -- attendance ------------------------------------------------------------------------------------
@bp.route("/<uuid:meeting_uuid>/attendance")
@login_required
@dialogue_access("edit")
def attendance(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    present = services.attendance_of(meeting)
    everyone = mapping.stakeholders_of(dialogue)
    shown_query = clean_line(request.args.get("q") or "")  # echoed in the page: the one rule for text
    query = shown_query.strip().casefold()
    listed = [s for s in everyone if (s.invitation and s.invitation != "declined") or s.id in present]
    if query:
        listed = [s for s in everyone if s.erased_at is None and
                  (query in s.person.casefold() or query in s.organisation.casefold())]
    listed.sort(key=lambda s: (s.id in present, (s.person or s.organisation).casefold()))
    return render_template("convening/attendance.html", dialogue=dialogue, meeting=meeting, listed=listed,
                           present=present, query=shown_query,
                           turnout=services.turnout(dialogue, meeting, stakeholders=everyone, present=present),
                           confirm_form=ConfirmForm())


@bp.route("/<uuid:meeting_uuid>/attendance/<uuid:stakeholder_uuid>", methods=["POST"])
@login_required
@dialogue_access("edit")
def check_in(dialogue, meeting_uuid, stakeholder_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    stakeholder = mapping.stakeholder_of(dialogue, stakeholder_uuid)  # another dialogue's: 404
    if ConfirmForm().validate_on_submit():
        try:
            if request.form.get("undo"):
                services.undo_check_in(meeting, _me(), stakeholder)
            else:
                services.check_in(meeting, _me(), stakeholder)
        except (ServiceError, StaleEdit):
            db.session.rollback()
        else:
            db.session.commit()
            if not request.form.get("undo"):
                flash(_("%(name)s is checked in.", name=stakeholder.shown_as(True)), "success")
    query = request.form.get("q")
    url = url_for("convening.attendance", dialogue_uuid=dialogue.uuid, meeting_uuid=meeting.uuid,
                  **({"q": query} if query else {}))
    return redirect(url + f"#s-{stakeholder.number}")


@bp.route("/<uuid:meeting_uuid>/attendance/walk-in", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def walk_in(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    form = WalkInForm()
    if request.method == "GET":
        form.preferred_language.data = dialogue.content_language
    if form.validate_on_submit():
        try:
            stakeholder = services.add_walk_in(meeting, _me(), **{k: v for k, v in form.values().items()
                                                                   if k != "invitation"})
        except StaleEdit:
            db.session.rollback()
            form.version.errors.append(_("Someone else saved at the same moment. Send the form again."))
        else:
            db.session.commit()
            flash(_("%(name)s is added to the register and checked in.", name=stakeholder.shown_as(True)), "success")
            return _to_meeting(dialogue, meeting, endpoint="convening.attendance")
    return render_template("convening/walk_in.html", dialogue=dialogue, meeting=meeting, form=form), \
        200 if not form.errors else 422


# -- the record ----------------------------------------------------------------------------------------
def _record_page(dialogue, meeting, form, outcome_form, status=200):
    return render_template("convening/record.html", dialogue=dialogue, meeting=meeting, form=form,
                           outcome_form=outcome_form, schedule=meeting.schedule(), confirm_form=ConfirmForm()), status


@bp.route("/<uuid:meeting_uuid>/record", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def record(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    form = RecordForm(obj=meeting)
    if request.method == "GET":
        form.version.data = str(meeting.version)
    if form.validate_on_submit():
        try:
            services.save_notes(meeting, _me(), notes=form.notes, reflection=form.reflection.data or "",
                                version=int(form.version.data or 0))
        except (ValueError, StaleEdit, ServiceError):
            db.session.rollback()
            form.version.errors.append(stale_message())
        else:
            db.session.commit()
            flash(_("The record is saved."), "success")
            return _to_meeting(dialogue, meeting, endpoint="convening.record")
    return _record_page(dialogue, meeting, form, OutcomeForm(formdata=None), 200 if not form.errors else 422)


@bp.route("/<uuid:meeting_uuid>/outcomes", methods=["POST"])
@login_required
@dialogue_access("edit")
def add_outcome(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    form = OutcomeForm()
    if form.validate_on_submit():
        services.add_outcome(meeting, _me(), kind=form.kind.data, text=form.text.data)
        db.session.commit()
        flash(_("Added to what the meeting produced."), "success")
        return _to_meeting(dialogue, meeting, "#outcomes", endpoint="convening.record")
    record_form = RecordForm(obj=meeting)
    record_form.version.data = str(meeting.version)
    return _record_page(dialogue, meeting, record_form, form, 422)


def _outcome_of(meeting, outcome_uuid) -> Outcome:
    outcome = next((o for o in meeting.outcomes if o.uuid == str(outcome_uuid)), None)
    if outcome is None:
        abort(404)
    return outcome


@bp.route("/<uuid:meeting_uuid>/outcomes/<uuid:outcome_uuid>", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def edit_outcome(dialogue, meeting_uuid, outcome_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    outcome = _outcome_of(meeting, outcome_uuid)
    form = OutcomeForm(obj=outcome)
    if request.method == "GET":
        form.version.data = str(outcome.version)
    if form.validate_on_submit():
        try:
            services.update_outcome(outcome, _me(), version=int(form.version.data or 0), kind=form.kind.data,
                                    text=form.text.data)
        except (ValueError, StaleEdit, ServiceError):
            db.session.rollback()
            form.version.errors.append(stale_message())
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return _to_meeting(dialogue, meeting, "#outcomes", endpoint="convening.record")
    return render_template("convening/outcome_form.html", dialogue=dialogue, meeting=meeting, outcome=outcome,
                           form=form, confirm_form=ConfirmForm()), 200 if not form.errors else 422


@bp.route("/<uuid:meeting_uuid>/outcomes/<uuid:outcome_uuid>/delete", methods=["POST"])
@login_required
@dialogue_access("manage")
def delete_outcome(dialogue, meeting_uuid, outcome_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    outcome = _outcome_of(meeting, outcome_uuid)
    if ConfirmForm().validate_on_submit():
        services.delete_outcome(outcome, _me())
        db.session.commit()
        flash(_("Removed."), "success")
    return _to_meeting(dialogue, meeting, "#outcomes", endpoint="convening.record")


# -- evaluations -----------------------------------------------------------------------------------------
@bp.route("/<uuid:meeting_uuid>/evaluations", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def evaluations(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    form = EvaluationForm()
    if form.validate_on_submit():
        try:
            services.add_evaluation(meeting, source="paper", **form.values())
        except ServiceError:
            db.session.rollback()
            form.change.errors.append(_("Fill in at least one answer."))
        else:
            db.session.commit()
            flash(_("The evaluation is added. Type in the next one."), "success")
            return _to_meeting(dialogue, meeting, "#enter", endpoint="convening.evaluations")
    return _evaluations_page(dialogue, meeting, form, status=200 if not form.errors else 422)


def _evaluations_page(dialogue, meeting, form, *, link: str | None = None, status: int = 200):
    response = current_app.make_response((render_template(
        "convening/evaluations.html", dialogue=dialogue, meeting=meeting, form=form,
        summary=services.summarise(meeting), link=link, confirm_form=ConfirmForm(), document_form=_document_form(),
    ), status))
    if link:
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/<uuid:meeting_uuid>/evaluations/link", methods=["POST"])
@login_required
@dialogue_access("edit")
def evaluation_link(dialogue, meeting_uuid):
    meeting = services.meeting_of(dialogue, meeting_uuid)
    if ConfirmForm().validate_on_submit():
        if request.form.get("close"):
            services.close_evaluation_link(meeting, _me())
            db.session.commit()
            flash(_("The link no longer works."), "success")
        else:
            token = services.open_evaluation_link(meeting, _me())
            db.session.commit()
            # shown once, in the answer to the request that made it (never kept in the session cookie)
            return _evaluations_page(dialogue, meeting, EvaluationForm(formdata=None),
                                     link=url_for("evaluate.form", token=token, _external=True))
    return _to_meeting(dialogue, meeting, endpoint="convening.evaluations")




@public.route("/evaluate/<token>", methods=["GET", "POST"])
@limiter.limit(public_rate_limit)
def form(token: str):
    """The online evaluation form: no account, no name asked; the link is the meeting's."""
    meeting = services.meeting_for_token(token)
    if meeting is None:
        abort(404)
    form = EvaluationForm()
    if form.validate_on_submit():
        if form.website.data:  # a robot filled the honeypot: thank it and keep nothing
            return render_template("convening/evaluate_thanks.html", meeting=meeting)
        try:
            services.add_evaluation(meeting, source="online", **form.values())
        except ServiceError:
            db.session.rollback()
            form.change.errors.append(_("Fill in at least one answer."))
        else:
            db.session.commit()
            return render_template("convening/evaluate_thanks.html", meeting=meeting)
    response = render_template("convening/evaluate.html", meeting=meeting, form=form)
    return response, 200 if not form.errors else 422


@bp.record_once
def _template_globals(state):
    state.app.jinja_env.globals.update(TEMPLATE_GLOBALS)
    state.app.jinja_env.filters.update(stage_label=TEMPLATE_GLOBALS["stage_label"])
