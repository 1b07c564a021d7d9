"""The review's actions and pages, beside the case study's preview (``casestudy.preview``
shows the status, the comments next to their sections and the forms these views answer)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..access import dialogue_access
from ..casestudy.services import case_study_of
from ..extensions import db
from ..forms import ConfirmForm
from ..i18n import _
from ..models import InvalidTransition
from ..services import ServiceError
from . import services
from .forms import CommentForm, CompareForm, DecisionForm

bp = Blueprint("review", __name__, url_prefix="/d/<uuid:dialogue_uuid>/case-study")


def _me():
    return current_user._get_current_object()


def _back(dialogue, anchor: str = ""):
    return redirect(url_for("casestudy.preview", dialogue_uuid=dialogue.uuid) + anchor)


@bp.route("/submit", methods=["POST"])
@login_required
@dialogue_access("submit")
def submit(dialogue):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        version = services.submit(dialogue, _me())
    except services.NotReady as not_ready:
        db.session.rollback()
        for problem in not_ready.problems:
            flash(problem, "error")
        return _back(dialogue, "#review")
    except InvalidTransition:
        db.session.rollback()
        flash(_("The case study is already with the coordinators."), "error")
        return _back(dialogue, "#review")
    db.session.commit()
    flash(_("Version %(number)d is sent to the coordinators for review.", number=version.number), "success")
    return _back(dialogue, "#review")


@bp.route("/comments", methods=["POST"])
@login_required
@dialogue_access("review")
def add_comment(dialogue):
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("Write a comment (at most %(max)d characters).", max=4000), "error")
        return _back(dialogue, f"#cs-{form.section.data or ''}")
    try:
        services.comment(dialogue, _me(), section=form.section.data, text=form.text.data)
    except (ServiceError, InvalidTransition):
        db.session.rollback()
        flash(_("Comments can be added while the case study is under review."), "error")
        return _back(dialogue)
    db.session.commit()
    flash(_("The comment is added."), "success")
    return _back(dialogue, f"#cs-{form.section.data}")


@bp.route("/decision", methods=["POST"])
@login_required
@dialogue_access("review")
def decide(dialogue):
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("The message is too long."), "error")
        return _back(dialogue, "#review")
    try:
        if form.approve.data:
            version = services.approve(dialogue, _me(), note=form.note.data or "")
            message = _("Version %(number)d is approved and kept as it is now.", number=version.number)
        else:
            version = services.request_changes(dialogue, _me(), note=form.note.data or "")
            message = _("Version %(number)d is sent back to the partner with your comments.", number=version.number)
    except InvalidTransition:
        db.session.rollback()
        flash(_("The case study is not under review."), "error")
        return _back(dialogue, "#review")
    db.session.commit()
    flash(message, "success")
    return _back(dialogue, "#review")


@bp.route("/versions/")
@login_required
@dialogue_access("view")
def versions(dialogue):
    record = case_study_of(dialogue)
    all_versions = services.versions_of(record)
    form = CompareForm(request.args, meta={"csrf": False})
    diffs, old, new = None, None, None
    if request.args and form.validate():
        old, new = services.version_of(record, form.a.data), services.version_of(record, form.b.data)
        if old is None or new is None:
            form.b.errors.append(_("There is no such version."))
        else:
            diffs = services.compare(old, new)
    elif not request.args and len(all_versions) >= 2:
        form.a.data, form.b.data = all_versions[-2].number, all_versions[-1].number
    return render_template("review/versions.html", dialogue=dialogue, record=record, versions=all_versions,
                           form=form, diffs=diffs, old=old, new=new), 200 if not form.errors else 422


@bp.route("/versions/<int:number>/case-study.pdf")
@login_required
@dialogue_access("download")
def frozen_pdf(dialogue, number: int):
    from ..documents import serve
    from .models import sha256

    version = services.version_of(case_study_of(dialogue), number)
    if version is None or not version.is_frozen:
        abort(404)

    def produce():
        return (services.frozen_pdf(version),
                f"case-study-{dialogue.uuid[:8]}-v{number}-{version.review_language}-pdfa.pdf")

    response = serve(produce, "case-study")
    if response.mimetype == "application/pdf":
        response.headers["X-Content-SHA256"] = sha256(response.get_data())
    return response


@bp.route("/versions/<int:number>/package.json")
@login_required
@dialogue_access("download")
def frozen_package(dialogue, number: int):
    version = services.version_of(case_study_of(dialogue), number)
    if version is None or not version.is_frozen:
        abort(404)
    response = current_app.response_class(version.package_json, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="dialogue-{dialogue.uuid[:8]}-v{number}.json"'
    response.headers["X-Content-SHA256"] = version.package_sha256
    return response
