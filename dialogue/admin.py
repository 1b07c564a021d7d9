"""Accounts, for coordinators: create partner and coordinator accounts, pass on their links."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from . import audit, security, services
from .access import coordinator_required
from .auth import reauth_required
from .extensions import db
from .forms import ConfirmForm, UserForm
from .i18n import _
from .models import User
from .views import _deliver_link, take_link

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
@coordinator_required
def users():
    rows = db.session.scalars(db.select(User).order_by(User.role, User.email)).all()
    return render_template("admin/users.html", users=rows, issued=take_link(), confirm_form=ConfirmForm())


def _user_form() -> UserForm:
    """The account form, with the reviewers' role of phase 0 (calls) among its roles."""
    from .labels import USER_ROLE_LABELS

    form = UserForm()
    form.role.choices = [*form.role.choices, ("reviewer", USER_ROLE_LABELS["reviewer"])]
    return form


@bp.route("/users/new", methods=["GET", "POST"])
@coordinator_required
def new_user():
    form = _user_form()
    if form.validate_on_submit():
        try:
            user, token = services.create_user(
                form.email.data, role=form.role.data, name=form.name.data, created_by=current_user._get_current_object()
            )
        except services.ServiceError:
            db.session.rollback()
            form.email.errors.append(_("An account with this e-mail address exists already."))
        else:
            db.session.commit()
            _deliver_link(user, token)
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form), 200 if not form.errors else 422


@bp.route("/users/<int:user_id>/link", methods=["POST"])
@coordinator_required
@reauth_required
def issue_link(user_id: int):
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    token = services.issue_set_password_link(user, created_by=current_user._get_current_object())
    audit.record("account.link_issued", actor=current_user._get_current_object(), user=user.uuid)
    db.session.commit()
    _deliver_link(user, token)
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@coordinator_required
@reauth_required
def toggle_active(user_id: int):
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.set_active(user, not user.active, actor=current_user._get_current_object())
    except services.ServiceError:
        db.session.rollback()
        flash(_("You cannot disable your own account."), "error")
    else:
        db.session.commit()
        flash(_("The account is enabled.") if user.active else _("The account is disabled; its sessions have ended."),
              "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/reset-two-factor", methods=["POST"])
@coordinator_required
@reauth_required
def reset_two_factor(user_id: int):
    """For someone who lost their phone and their recovery codes; their sessions end."""
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if user.id == current_user.id or not user.has_two_factor:
        flash(_("There is no second step to reset for this account."), "error")
        return redirect(url_for("admin.users"))
    security.turn_off(user, actor=current_user._get_current_object())
    db.session.commit()
    from .mail import mail_enabled, send

    if mail_enabled():
        send(user.email, _("Your second login step was reset"),
             _("A coordinator reset the second login step of your Dialogue Toolkit account. "
               "If you did not ask for this, tell your coordinator at once."))
    flash(_("The second login step of %(email)s is reset. They will be told at their next login and "
            "asked to set it up again.", email=user.email), "success")
    return redirect(url_for("admin.users"))
