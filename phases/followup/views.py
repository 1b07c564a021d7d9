"""Phase 3's pages: the follow-up board, commitments and their updates, owners' private links,
the lasting platform, lessons learned; and the owner's reporting page (no account needed).
Thin: load and check through ``dialogue.access``, validate, call a service, commit once."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from dialogue.access import dialogue_access
from dialogue.content import ContentIndex
from dialogue.extensions import db, limiter
from dialogue.forms import ConfirmForm, DocumentForm, stale_message
from dialogue.i18n import _, current_language
from dialogue.models import utcnow
from dialogue.services import ServiceError, StaleEdit
from dialogue.views import public_rate_limit
from phases.convening import services as convening
from phases.mapping import services as mapping

from . import services
from .forms import CommitmentForm, LessonForm, PlatformForm, UpdateForm
from .labels import TEMPLATE_GLOBALS
from .models import LESSON_PHASES, Owner

bp = Blueprint("followup", __name__, url_prefix="/d/<uuid:dialogue_uuid>/followup")
public = Blueprint("report", __name__)


def _me():
    return current_user._get_current_object()




def _today(dialogue) -> date:
    return utcnow().date()


def _outcomes(dialogue):
    return [o for o in convening.outcomes_of(dialogue) if o.kind in ("agreement", "proposal")]


# -- the board ------------------------------------------------------------------------------------
@bp.route("/")
@login_required
@dialogue_access("view")
def board(dialogue):
    commitments = services.commitments_of(dialogue)
    inside = dialogue.can_see_people(current_user)
    return render_template(
        "followup/board.html", dialogue=dialogue, commitments=commitments, inside=inside,
        board=services.board(commitments, _today(dialogue)), balance=services.sector_balance(commitments),
        series=services.progress_series(commitments), can_edit=dialogue.can_edit(current_user),
        platform=services.platform_of(dialogue),
        document_form=DocumentForm(formdata=None, lang=current_language(), meta={"csrf": False}),
    )


# -- commitments ------------------------------------------------------------------------------------
def _form(dialogue, *args, **kwargs) -> CommitmentForm:
    return CommitmentForm(mapping.stakeholders_of(dialogue), _outcomes(dialogue), *args, **kwargs)


def _values(form, dialogue) -> dict:
    outcome_id = None
    if form.outcome.data:
        outcome = next((o for o in _outcomes(dialogue) if o.uuid == form.outcome.data), None)
        if outcome is None:
            raise ServiceError("outcome", "outcome")
        outcome_id = outcome.id
    return {"title": form.title.data, "outcome_id": outcome_id, "due_date": form.due_date.data,
            "indicator": form.indicator.data or "", "resources": form.resources.data or "",
            "support": form.support.data or "", "public": bool(form.public.data)}


def _save_errors(form, exc: ServiceError) -> None:
    if exc.field == "due_date":
        form.due_date.errors.append(_("This date is before the meeting the commitment comes from. Tick the box "
                                      "below to confirm it, or change the date."))
    elif exc.field == "owners":
        form.owners.errors.append(_("Choose the stakeholders among the register."))
    else:
        form.outcome.errors.append(_("Choose an agreement or a proposal from the list."))


@bp.route("/commitments/new", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def new_commitment(dialogue):
    form = _form(dialogue)
    if request.method == "GET" and request.args.get("outcome"):
        form.outcome.data = request.args["outcome"]
    if form.validate_on_submit():
        try:
            commitment = services.create_commitment(dialogue, _me(), owners=form.owners.data,
                                                    confirm_early=bool(form.confirm_early.data),
                                                    **_values(form, dialogue))
        except ServiceError as exc:
            db.session.rollback()
            _save_errors(form, exc)
        except StaleEdit:
            db.session.rollback()
            form.version.errors.append(_("Someone else saved at the same moment. Send the form again."))
        else:
            db.session.commit()
            flash(_("Commitment %(number)d is recorded.", number=commitment.number), "success")
            return redirect(url_for("followup.commitment", dialogue_uuid=dialogue.uuid,
                                    commitment_uuid=commitment.uuid))
    return render_template("followup/commitment_form.html", dialogue=dialogue, form=form, commitment=None), \
        200 if not form.errors else 422


@bp.route("/commitments/<uuid:commitment_uuid>/edit", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def edit_commitment(dialogue, commitment_uuid):
    commitment = services.commitment_of(dialogue, commitment_uuid)
    form = _form(dialogue, obj=commitment)
    if request.method == "GET":
        form.owners.data = [o.stakeholder.uuid for o in commitment.owners]
        form.outcome.data = commitment.outcome.uuid if commitment.outcome else ""
        form.version.data = str(commitment.version)
    if form.validate_on_submit():
        try:
            services.update_commitment(commitment, _me(), version=int(form.version.data or 0),
                                       owners=form.owners.data, confirm_early=bool(form.confirm_early.data),
                                       **_values(form, dialogue))
        except (ValueError, StaleEdit):
            db.session.rollback()
            form.version.errors.append(stale_message())
        except ServiceError as exc:
            db.session.rollback()
            _save_errors(form, exc)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("followup.commitment", dialogue_uuid=dialogue.uuid,
                                    commitment_uuid=commitment.uuid))
    return render_template("followup/commitment_form.html", dialogue=dialogue, form=form, commitment=commitment), \
        200 if not form.errors else 422


def _commitment_page(dialogue, commitment, form, *, link=None, link_owner=None, status=200):
    response = current_app.make_response((render_template(
        "followup/commitment.html", dialogue=dialogue, commitment=commitment, form=form,
        inside=dialogue.can_see_people(current_user), can_edit=dialogue.can_edit(current_user),
        can_manage=dialogue.can_manage(current_user), confirm_form=ConfirmForm(), today=_today(dialogue),
        link=link, link_owner=link_owner,
    ), status))
    if link:
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/commitments/<uuid:commitment_uuid>/")
@login_required
@dialogue_access("view")
def commitment(dialogue, commitment_uuid):
    commitment = services.commitment_of(dialogue, commitment_uuid)
    form = UpdateForm(formdata=None, status=commitment.status, progress=commitment.progress)
    return _commitment_page(dialogue, commitment, form)


@bp.route("/commitments/<uuid:commitment_uuid>/updates", methods=["POST"])
@login_required
@dialogue_access("edit")
def add_update(dialogue, commitment_uuid):
    commitment = services.commitment_of(dialogue, commitment_uuid)
    form = UpdateForm()
    if form.validate_on_submit():
        try:
            services.add_update(commitment, status=form.status.data, progress=form.progress.data,
                                note=form.note.data or "", evidence=form.evidence.data or "", actor=_me())
        except ServiceError:
            db.session.rollback()
            form.status.errors.append(_("This commitment was dropped: it takes no more updates."))
        except StaleEdit:
            db.session.rollback()
            form.status.errors.append(stale_message())
        else:
            db.session.commit()
            flash(_("The update is recorded."), "success")
            return redirect(url_for("followup.commitment", dialogue_uuid=dialogue.uuid,
                                    commitment_uuid=commitment.uuid) + "#timeline")
    return _commitment_page(dialogue, commitment, form, status=422)


def _owner_of(commitment, stakeholder_uuid) -> Owner:
    owner = next((o for o in commitment.owners if o.stakeholder.uuid == str(stakeholder_uuid)), None)
    if owner is None:
        abort(404)
    return owner


@bp.route("/commitments/<uuid:commitment_uuid>/owners/<uuid:stakeholder_uuid>/link", methods=["POST"])
@login_required
@dialogue_access("manage")
def owner_link(dialogue, commitment_uuid, stakeholder_uuid):
    commitment = services.commitment_of(dialogue, commitment_uuid)
    owner = _owner_of(commitment, stakeholder_uuid)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if request.form.get("revoke"):
        services.revoke_link(owner, _me())
        db.session.commit()
        flash(_("The link no longer works."), "success")
        return redirect(url_for("followup.commitment", dialogue_uuid=dialogue.uuid,
                                commitment_uuid=commitment.uuid) + "#owners")
    token = services.issue_link(owner, _me())
    db.session.commit()
    form = UpdateForm(formdata=None, status=commitment.status, progress=commitment.progress)
    # shown once, in the answer to the request that made it
    return _commitment_page(dialogue, commitment, form, link=url_for("report.form", token=token, _external=True),
                            link_owner=owner)


# -- the platform and lessons --------------------------------------------------------------------
@bp.route("/platform", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def platform(dialogue):
    record = services.platform_of(dialogue)
    form = PlatformForm(mapping.stakeholders_of(dialogue), obj=record)
    if request.method == "GET":
        form.version.data = str(record.version if record else 0)
    if form.validate_on_submit():
        try:
            services.save_platform(dialogue, _me(), version=int(form.version.data or 0),
                                   established=bool(form.established.data), name=form.name.data or "",
                                   member_ids=list(form.member_ids.data or []), frequency=form.frequency.data or "",
                                   next_meeting=form.next_meeting.data, notes=form.notes.data or "")
        except (ValueError, StaleEdit):
            db.session.rollback()
            form.version.errors.append(stale_message())
        except ServiceError:
            db.session.rollback()
            form.member_ids.errors.append(_("Choose the members among the register."))
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("followup.board", dialogue_uuid=dialogue.uuid) + "#platform")
    return render_template("followup/platform.html", dialogue=dialogue, form=form,
                           meetings=[m for m in convening.meetings_of(dialogue) if m.kind == "followup"]), \
        200 if not form.errors else 422


@bp.route("/lessons", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def lessons(dialogue):
    existing = services.lessons_of(dialogue)
    forms = {}
    status = 200
    for phase in LESSON_PHASES:
        row = existing.get(phase)
        posted = request.method == "POST" and request.form.get("phase") == phase
        form = LessonForm(prefix=phase, obj=row, formdata=None if not posted else request.form)
        if not posted:
            form.version.data = str(row.version if row else 0)
        forms[phase] = form
        if posted and form.validate():
            try:
                services.save_lesson(dialogue, _me(), phase=phase, version=int(form.version.data or 0),
                                     **{k: getattr(form, k).data for k in ("worked", "did_not_work", "would_change",
                                                                            "surprised")})
            except (ValueError, StaleEdit):
                db.session.rollback()
                form.version.errors.append(stale_message())
                status = 422
            else:
                db.session.commit()
                flash(_("The lessons are saved."), "success")
                return redirect(url_for("followup.lessons", dialogue_uuid=dialogue.uuid) + f"#lessons-{phase}")
        elif posted:
            status = 422
    return render_template("followup/lessons.html", dialogue=dialogue, forms=forms), status


# -- the owner's page, reached by a private link -----------------------------------------------------


@public.route("/r/<token>", methods=["GET", "POST"])
@limiter.limit(public_rate_limit)
def form(token: str):
    """One commitment's update form, for one of its owners; nothing else of the dialogue."""
    owner = services.owner_for_link(token)
    if owner is None:
        response = current_app.make_response((render_template("followup/report_invalid.html"), 404))
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
    commitment = owner.commitment
    form = UpdateForm(status=commitment.status, progress=commitment.progress) if request.method == "GET" \
        else UpdateForm()
    done = False
    if form.validate_on_submit():
        try:
            services.add_update(commitment, status=form.status.data, progress=form.progress.data,
                                note=form.note.data or "", evidence=form.evidence.data or "", owner=owner)
        except ServiceError:
            db.session.rollback()
            form.status.errors.append(_("This commitment was dropped: it takes no more updates."))
        except StaleEdit:
            db.session.rollback()
            form.status.errors.append(_("Someone else sent an update at the same moment. Send yours again."))
        else:
            db.session.commit()
            done = True
    title = ContentIndex.for_dialogue(commitment.dialogue).localized(commitment, "title", current_language())
    response = current_app.make_response((render_template(
        "followup/report.html", commitment=commitment, title=title, form=form, done=done,
    ), 422 if form.errors else 200))
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.record_once
def _template_globals(state):
    state.app.jinja_env.globals.update(TEMPLATE_GLOBALS)
    state.app.jinja_env.filters["shown_name"] = lambda stakeholder, inside: stakeholder.shown_as(inside)
