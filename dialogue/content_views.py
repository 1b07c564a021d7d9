"""The translation page of a dialogue: originals and translations side by side, review,
and files for translators (XLIFF, CSV)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from . import content
from .access import dialogue_access
from .forms import Form, VersionField
from .extensions import db
from .i18n import _, _l, current_language, language_name, ngettext

bp = Blueprint("content", __name__)

FILTERS = ("all", "missing", "draft", "reviewed", "outdated")


class TranslationForm(Form):
    unit = HiddenField(validators=[DataRequired()])
    lang = HiddenField(validators=[DataRequired()])
    version = VersionField()
    text = TextAreaField(_l("Translation"), validators=[Length(max=content.TRANSLATION_MAX)])
    submit = SubmitField(_l("Save translation"))


class ReviewForm(Form):
    unit = HiddenField(validators=[DataRequired()])
    lang = HiddenField(validators=[DataRequired()])
    submit = SubmitField(_l("Mark reviewed"))


class UploadForm(Form):
    file = FileField(_l("Translated file (XLIFF or CSV)"), validators=[FileRequired()])
    lang = SelectField(_l("Language of the translations (for a CSV file)"))
    submit = SubmitField(_l("Upload"))


def _chosen_language(dialogue) -> str:
    languages = content.target_languages(dialogue)
    lang = request.values.get("lang")
    if lang in languages:
        return lang
    current = current_language()
    if current in languages and current != dialogue.content_language:
        return current
    others = [code for code in languages if code != dialogue.content_language]
    return (others or languages)[0]


def _back_to(dialogue, lang: str, ref=None):
    """Back to the translation page in ``lang``, at the text just worked on."""
    url = url_for("content.page", dialogue_uuid=dialogue.uuid, lang=lang)
    return redirect(url + (f"#t-{ref.obj.uuid}-{ref.field}" if ref is not None else ""))


def _ref_for(dialogue, unit_id: str):
    for ref in content.texts_of(dialogue):
        if ref.unit_id == unit_id:
            return ref
    abort(404)


@bp.route("/d/<uuid:dialogue_uuid>/translations")
@login_required
@dialogue_access("view")
def page(dialogue):
    lang = _chosen_language(dialogue)
    show = request.args.get("show", "all")
    if show not in FILTERS:
        show = "all"
    index = content.ContentIndex.for_dialogue(dialogue)
    text_states = content.states(dialogue, lang, index)
    summary = content.progress(dialogue, lang, text_states)
    shown = [s for s in text_states if show == "all" or s.state == show or (show == "reviewed" and s.state == "original")]
    upload = UploadForm()
    upload.lang.choices = [(code, language_name(code, current_language())) for code in content.target_languages(dialogue)]
    upload.lang.data = lang
    return render_template(
        "content/translations.html", dialogue=dialogue, lang=lang, show=show, filters=FILTERS,
        states=shown, summary=summary, languages=content.target_languages(dialogue), upload=upload,
        can_edit=dialogue.can_edit(current_user), can_review=content.can_review,
        form_class=TranslationForm, review_form=ReviewForm(),
    )


@bp.route("/d/<uuid:dialogue_uuid>/translations/save", methods=["POST"])
@login_required
@dialogue_access("edit")
def save(dialogue):
    form = TranslationForm()
    if not form.validate_on_submit():
        flash(_("The translation was not saved: %(reason)s",
                reason="; ".join(e for errors in form.errors.values() for e in errors)), "error")
        return redirect(url_for("content.page", dialogue_uuid=dialogue.uuid, lang=form.lang.data))
    ref = _ref_for(dialogue, form.unit.data)
    try:
        version = int(form.version.data) if form.version.data else None
        content.save_translation(ref.obj, ref.field, form.lang.data, form.text.data or "",
                                 actor=current_user._get_current_object(), expected_version=version)
    except content.ContentError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("Translation saved as a draft. Another member can now review it."), "success")
    return _back_to(dialogue, form.lang.data, ref)


@bp.route("/d/<uuid:dialogue_uuid>/translations/review", methods=["POST"])
@login_required
@dialogue_access("edit")
def review(dialogue):
    form = ReviewForm()
    if not form.validate_on_submit():
        abort(400)
    ref = _ref_for(dialogue, form.unit.data)
    row = content.ContentIndex.for_dialogue(dialogue).get(ref.obj, ref.field, form.lang.data)
    if row is None:
        abort(404)
    try:
        content.mark_reviewed(row, ref.obj, actor=current_user._get_current_object())
    except content.ContentError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("Marked as reviewed."), "success")
    return _back_to(dialogue, form.lang.data, ref)


@bp.route("/d/<uuid:dialogue_uuid>/translations/export.<fmt>")
@login_required
@dialogue_access("download")
def export(dialogue, fmt: str):
    lang = _chosen_language(dialogue)
    if fmt == "xlf":
        data, mimetype = content.export_xliff(dialogue, lang), "application/x-xliff+xml"
    elif fmt == "csv":
        data, mimetype = content.export_csv(dialogue, lang), "text/csv; charset=utf-8"
    else:
        abort(404)
    filename = f"dialogue-{dialogue.uuid[:8]}-{dialogue.content_language}-{lang}.{fmt}"
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/d/<uuid:dialogue_uuid>/translations/import", methods=["POST"])
@login_required
@dialogue_access("edit")
def upload(dialogue):
    form = UploadForm()
    form.lang.choices = [(code, code) for code in content.target_languages(dialogue)]
    lang = form.lang.data
    if not form.validate_on_submit():
        flash(_("Choose a translated file to upload."), "error")
        return redirect(url_for("content.page", dialogue_uuid=dialogue.uuid, lang=lang))
    raw = form.file.data.read()
    name = (form.file.data.filename or "").lower()
    actor = current_user._get_current_object()
    try:
        if name.endswith(".csv"):
            report = content.import_csv(dialogue, raw, lang, actor=actor)
        else:
            lang, report = content.import_xliff(dialogue, raw, actor=actor)
    except content.TranslationFileError as exc:
        db.session.rollback()
        return render_template("content/import_errors.html", dialogue=dialogue, lang=lang, errors=exc.errors), 422
    db.session.commit()
    flash(_("Translations applied: %(applied)d. Unchanged: %(unchanged)d. Left empty in the file: %(empty)d.",
            applied=len(report.applied), unchanged=len(report.unchanged), empty=len(report.empty)), "success")
    if report.stale:
        flash(ngettext(
            "%(num)d text was not applied because its original changed after the file was made: %(ids)s. "
            "Download a new file for it.",
            "%(num)d texts were not applied because their original changed after the file was made: %(ids)s. "
            "Download a new file for them.",
            len(report.stale), ids=", ".join(report.stale)), "warning")
    return redirect(url_for("content.page", dialogue_uuid=dialogue.uuid, lang=lang))
