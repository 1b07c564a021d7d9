"""Logging in and out, setting a password from a one-time link, the account page."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from . import services
from .extensions import db, limiter
from .forms import ChangePasswordForm, LanguageForm, LoginForm, SetPasswordForm
from .i18n import _, available_languages
from .models import utcnow

bp = Blueprint("auth", __name__)


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site; never another host."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def start_session(user) -> None:
    session.clear()
    login_user(user)
    session.permanent = True
    session["login_at"] = utcnow().timestamp()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data)
        if result.user is not None:
            lang = session.get("lang")
            start_session(result.user)
            if not result.user.locale and lang in available_languages():
                services.set_locale(result.user, lang)
            db.session.commit()
            return redirect(safe_next(request.args.get("next"), url_for("main.index")))
        db.session.commit()  # keep the failure count
        if result.locked:
            form.email.errors.append(
                _("Too many failed attempts for this account. Wait %(minutes)d minutes and try again.",
                  minutes=current_app.config["LOGIN_LOCK_MINUTES"])
            )
        else:
            form.password.errors.append(_("The e-mail address or the password is not right."))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.logout(current_user._get_current_object())
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are logged out."), "success")
    return redirect(url_for("auth.login"))


def _private_page(response):
    """Pages behind a secret link: no referrer, not indexed, not cached."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/set-password/<token>", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def set_password(token: str):
    row = services.find_set_password_token(token)
    if row is None:
        response = current_app.make_response(
            (render_template("auth/link_invalid.html"), 404)
        )
        return _private_page(response)
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = row.user
        services.set_password(user, form.password.data, token=row)
        start_session(user)
        db.session.commit()
        flash(_("Your password is set. Welcome!"), "success")
        return redirect(url_for("main.index"))
    response = current_app.make_response(
        (render_template("auth/set_password.html", form=form, user=row.user), 200 if not form.errors else 422)
    )
    return _private_page(response)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        if not services.check_password(user, form.current.data):
            form.current.errors.append(_("This is not your current password."))
        else:
            services.set_password(user, form.password.data)
            start_session(user)
            db.session.commit()
            flash(_("Your password is changed. Your other sessions have ended."), "success")
            return redirect(url_for("auth.account"))
    language_form = LanguageForm(lang=user.locale or "", next=url_for("auth.account"))
    return render_template("auth/account.html", form=form, language_form=language_form), 200 if not form.errors else 422
