"""The case study's pages: the preview (the same content as the PDF, in any language) and
the narrative form. Review (submit, comment, approve) lives in ``dialogue/review/``."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..access import dialogue_access
from ..extensions import db
from ..forms import DocumentForm, stale_message
from ..i18n import _, available_languages, current_language, is_rtl
from ..services import ServiceError, StaleEdit
from . import services
from .forms import NarrativeForm
from .models import NARRATIVE
from .report import build

bp = Blueprint("casestudy", __name__, url_prefix="/d/<uuid:dialogue_uuid>/case-study")


@bp.route("/")
@login_required
@dialogue_access("view")
def preview(dialogue):
    lang = request.args.get("lang") or current_language()
    if lang not in available_languages():
        lang = current_language()
    from ..forms import ConfirmForm
    from ..review import services as review
    from ..review.forms import CommentForm, DecisionForm

    record = services.case_study_of(dialogue)
    report = build(dialogue, lang, screen=True, case_study=record)
    versions = review.versions_of(record)  # once: the current one is the last
    version = versions[-1] if versions else None
    comments: dict[str, list] = {}
    for comment in (version.comments if version else []):
        comments.setdefault(comment.section, []).append(comment)
    status = record.status if record else "none"
    can_submit = dialogue.can_submit(current_user) and status in ("none", "draft", "changes_requested")
    return render_template(
        "casestudy/preview.html", dialogue=dialogue, report=report, record=record, status=status,
        report_dir="rtl" if is_rtl(lang) else "ltr",
        can_write=dialogue.can_edit(current_user) and services.can_write(record),
        can_submit=can_submit, problems=review.readiness(dialogue, record) if can_submit else [],
        can_review=dialogue.can_review(current_user) and status == "submitted",
        version=version, comments=comments, frozen=[v for v in versions if v.is_frozen],
        confirm_form=ConfirmForm(), comment_form=CommentForm(), decision_form=DecisionForm(),
        document_form=DocumentForm(formdata=None, lang=lang, meta={"csrf": False}),
    )


@bp.route("/edit", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def edit(dialogue):
    record = services.case_study_of(dialogue)
    form = NarrativeForm(obj=record)
    if request.method == "GET":
        form.version.data = str(record.version if record else 0)
        if record is None:
            form.content_language.data = current_language()
    locked = not services.can_write(record)
    if locked:
        flash(_("The case study is with the coordinators for review: it cannot be changed now."), "error")
        return redirect(url_for("casestudy.preview", dialogue_uuid=dialogue.uuid))
    if form.validate_on_submit():
        try:
            services.save_narrative(dialogue, current_user._get_current_object(),
                                    version=int(form.version.data or 0),
                                    content_language=form.content_language.data,
                                    **{name: getattr(form, name).data or "" for name in NARRATIVE})
        except StaleEdit:
            db.session.rollback()
            form.version.errors.append(stale_message())
        except ServiceError:
            db.session.rollback()
            flash(_("The case study is with the coordinators for review: it cannot be changed now."), "error")
            return redirect(url_for("casestudy.preview", dialogue_uuid=dialogue.uuid))
        else:
            db.session.commit()
            flash(_("The narrative is saved."), "success")
            return redirect(url_for("casestudy.preview", dialogue_uuid=dialogue.uuid))
    return render_template("casestudy/edit.html", dialogue=dialogue, form=form, record=record), \
        200 if not (form.errors or form.version.errors) else 422
