"""The dialogue package in the browser: export (encrypted by default when people are at risk)
and upload (create or update a dialogue from a package)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, PasswordField, SubmitField
from wtforms.validators import EqualTo, Length

from . import audit, crypto, package
from .access import dialogue_access
from .forms import Form
from .auth import password_error_message, reauth_required
from .extensions import db
from .i18n import _, _l
from .pdf import safe_filename
from .registry import people_at_risk

bp = Blueprint("packages", __name__)


class ExportForm(Form):
    encrypt = BooleanField(_l("Encrypt the package with a passphrase"))
    passphrase = PasswordField(_l("Passphrase"), validators=[Length(max=128)],
                               description=_l("At least 12 characters; a few unrelated words. Give it to the "
                                              "person who imports the package by another way than the file."),
                               render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Repeat the passphrase"),
                            validators=[Length(max=128),
                                        EqualTo("passphrase", message=_l("The two passphrases are not the same."))],
                            render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Download the package"))


class UploadForm(Form):
    file = FileField(_l("Dialogue package"), validators=[FileRequired(_l("Choose a package file."))])
    passphrase = PasswordField(_l("Passphrase (for an encrypted package)"), validators=[Length(max=128)],
                               render_kw={"autocomplete": "off"})
    submit = SubmitField(_l("Import"))


@bp.route("/d/<uuid:dialogue_uuid>/export", methods=["GET", "POST"])
@login_required
@dialogue_access("export")
@reauth_required
def export(dialogue):
    at_risk = people_at_risk(dialogue)
    form = ExportForm()
    if not form.is_submitted():
        form.encrypt.data = at_risk > 0
    valid = form.validate_on_submit()
    if valid and at_risk and not form.encrypt.data:
        form.encrypt.errors.append(_("This dialogue records people at risk: its package leaves the server encrypted."))
        valid = False
    if valid:
        text = package.dumps(package.export_dialogue(dialogue, inside=dialogue.can_see_people(current_user))) + "\n"
        name = safe_filename(f"dialogue-{dialogue.uuid[:8]}-{dialogue.title}")[:-4]
        if form.encrypt.data:
            problem = crypto.passphrase_problem(form.passphrase.data or "")
            if problem:
                form.passphrase.errors.append(password_error_message(problem))
            else:
                data, name, mimetype = crypto.encrypt(text.encode(), form.passphrase.data), f"{name}.json.age", \
                    "application/octet-stream"
        else:
            data, name, mimetype = text.encode(), f"{name}.json", "application/json"
        if not form.errors:
            audit.record("dialogue.exported", actor=current_user._get_current_object(), dialogue=dialogue,
                         encrypted=bool(form.encrypt.data), via="web")
            if dialogue.can_see_people(current_user):
                from .package_merge import remember

                remember(dialogue)  # the baseline the package is merged against when it comes back
            db.session.commit()
            response = Response(data, mimetype=mimetype)
            response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
            response.headers["Cache-Control"] = "no-store"
            return response
    return render_template("packages/export.html", dialogue=dialogue, form=form, at_risk=at_risk), \
        200 if not form.errors else 422


@bp.route("/packages/import", methods=["GET", "POST"])
@login_required
@reauth_required
def upload():
    if not (current_user.can_create_dialogue() or current_user.is_coordinator):
        abort(403)
    from flask import request

    from .package_merge import Conflicts, import_merged

    form = UploadForm()
    errors: list[tuple[str, str]] = []
    conflicts = []
    choices = {key[len("choice-"):]: value for key, value in request.form.items() if key.startswith("choice-")}
    if request.form.get("all") in ("theirs", "ours"):
        choices["*"] = request.form["all"]
    if form.validate_on_submit():
        raw = form.file.data.read(current_app.config["MAX_CONTENT_LENGTH"] + 1)
        if crypto.is_encrypted(raw):
            try:
                raw = crypto.decrypt(raw, form.passphrase.data or "")
            except crypto.PassphraseError:
                form.passphrase.errors.append(_("This passphrase does not open the package (or the file is damaged)."))
        if not form.errors:
            try:
                dialogue = import_merged(package.loads(raw), actor=current_user._get_current_object(),
                                         choices=choices)
            except package.PackageError as exc:
                db.session.rollback()
                errors = exc.errors
            except Conflicts as exc:
                db.session.rollback()
                conflicts = exc.conflicts
            else:
                db.session.commit()
                flash(_("The package is imported."), "success")
                return redirect(url_for("main.dialogue_home", dialogue_uuid=dialogue.uuid))
    status = 422 if (form.errors or errors) else 409 if conflicts else 200
    return render_template("packages/upload.html", form=form, errors=errors, conflicts=conflicts,
                           choices=choices), status
