"""Logging in and out, the second login step, re-authentication, setting a password from a
one-time link, and the account page."""
from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import (
    Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from . import audit, security, services
from .extensions import db, limiter
from .forms import (
    ChangePasswordForm, ConfirmForm, LanguageForm, LoginForm, ReauthForm, SecondStepForm, SetPasswordForm,
    TwoFactorSetupForm,
)
from .i18n import _, available_languages, current_language, ngettext
from .models import User, utcnow

bp = Blueprint("auth", __name__)

#: how long the password step of a login stays valid while the second step is asked
PENDING_SECONDS = 300
#: pages a user who must set up a second step may still open
SETUP_ALLOWED = {"auth.two_factor", "auth.logout", "main.set_language", "static", "auth.login"}


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


def start_session(user: User, method: str = "password") -> None:
    """A fresh session for ``user`` (the old session's contents are dropped)."""
    lang = session.get("lang")
    session.clear()
    told = services.record_login(user, method=method)
    login_user(user)
    session.permanent = True
    now = utcnow().timestamp()
    session["login_at"] = now
    session["reauth_at"] = now
    if lang:
        session["lang"] = lang
    if told:
        flash(_("A coordinator reset your second login step. Set it up again on your account page."), "warning")


def _private_page(response):
    """Pages behind a secret link: no referrer, not indexed, not cached."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data)
        if result.user is not None:
            user = result.user
            lang = session.get("lang")
            if not user.locale and lang in available_languages():
                services.set_locale(user, lang)
            if user.has_two_factor:
                begin_second_step(user, request.args.get("next"))
                db.session.commit()
                return redirect(url_for("auth.second_step"))
            start_session(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next"), url_for("main.index")))
        db.session.commit()  # keep the failure count
        if result.locked:
            form.email.errors.append(locked_message())
        else:
            form.password.errors.append(_("The e-mail address or the password is not right."))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


def locked_message() -> str:
    return ngettext("Too many failed attempts for this account. Wait %(num)d minute and try again.",
                    "Too many failed attempts for this account. Wait %(num)d minutes and try again.",
                    current_app.config["LOGIN_LOCK_MINUTES"])


def begin_second_step(user: User, next_url: str | None) -> None:
    """The password was right; the session starts only after the second step. The cookie
    names the account by id (no secret of the account goes into the cookie)."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session["pending_login"] = {"user": user.id, "at": utcnow().timestamp(), "next": next_url}


def _pending_user() -> tuple[User | None, dict | None]:
    pending = session.get("pending_login")
    if not pending or utcnow().timestamp() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None, None
    user = db.session.get(User, pending.get("user")) if isinstance(pending.get("user"), int) else None
    if user is None or not user.is_active or not user.has_two_factor:
        return None, None
    return user, pending


@bp.route("/login/second-step", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def second_step():
    user, pending = _pending_user()
    if user is None:
        session.pop("pending_login", None)
        flash(_("Please log in again."), "info")
        return redirect(url_for("auth.login"))
    form = SecondStepForm()
    if form.validate_on_submit():
        if services.is_locked(user):
            form.code.errors.append(locked_message())
        else:
            method = security.check_second_step(user, form.code.data)
            if method:
                start_session(user, method=method)
                if method == "recovery":
                    flash(ngettext("You used a recovery code. %(num)d is left; make new ones on your account page.",
                                   "You used a recovery code. %(num)d are left; make new ones on your account page.",
                                   security.remaining_recovery_codes(user)), "warning")
                db.session.commit()
                return redirect(safe_next(pending.get("next"), url_for("main.index")))
            audit.record("account.second_step_failed", actor=None, user=user.uuid)
            services.count_failure(user)
            db.session.commit()
            form.code.errors.append(_("This code is not right, or it was used already. Try the next code."))
    return render_template("auth/second_step.html", form=form), 200 if not form.errors else 422


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.logout(current_user._get_current_object())
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are logged out."), "success")
    return redirect(url_for("auth.login"))


# -- re-authentication before the riskiest actions ------------------------------------------
def recently_authenticated() -> bool:
    at = session.get("reauth_at")
    if at is None:
        return False
    return utcnow().timestamp() - float(at) <= current_app.config["REAUTH_MINUTES"] * 60


def reauth_required(view):
    """Ask for the password (or a code) again when the last one is older than REAUTH_MINUTES."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user.is_authenticated and not recently_authenticated():
            back = request.referrer if request.method != "GET" else request.full_path
            flash(_("For your safety, confirm it is you before doing this."), "info")
            return redirect(url_for("auth.reauth", next=local_path(back)))
        return view(*args, **kwargs)

    wrapped.requires_reauth = True
    return wrapped


def local_path(url: str | None) -> str | None:
    """The path and query of a URL on this site (a Referer, say); None for another site."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != request.host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@bp.route("/reauth", methods=["GET", "POST"])
@login_required
@limiter.limit(_login_rate_limit, methods=["POST"])
def reauth():
    user = current_user._get_current_object()
    form = ReauthForm()
    if form.validate_on_submit():
        ok = False
        if form.password.data:
            ok = services.check_password(user, form.password.data)
        elif form.code.data and user.has_two_factor:
            ok = security.check_second_step(user, form.code.data) is not None
        if ok:
            session["reauth_at"] = utcnow().timestamp()
            db.session.commit()
            flash(_("Thank you. You can go ahead now."), "success")
            return redirect(safe_next(request.args.get("next"), url_for("main.index")))
        locked = services.count_failure(user)
        db.session.commit()
        if locked:
            logout_user()
            session.clear()
            return redirect(url_for("auth.login"))
        form.password.errors.append(_("This is not right. Try again."))
    return render_template("auth/reauth.html", form=form), 200 if not form.errors else 422


# -- one-time links ----------------------------------------------------------------------------
def password_error_message(code: str) -> str:
    from .services import PASSWORD_MAX, PASSWORD_MIN

    if code == "guessable":
        return _("This password is too easy to guess: it is a common password, a word or name, "
                 "a keyboard pattern or a sequence. Try a few unrelated words.")
    return _("Use between %(min)d and %(max)d characters.", min=PASSWORD_MIN, max=PASSWORD_MAX)


@bp.route("/set-password/<token>", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def set_password(token: str):
    row = services.find_set_password_token(token)
    if row is None:
        response = current_app.make_response((render_template("auth/link_invalid.html"), 404))
        return _private_page(response)
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = row.user
        try:
            services.set_password(user, form.password.data, token=row)
        except services.LinkUsed:
            db.session.rollback()
            response = current_app.make_response((render_template("auth/link_invalid.html"), 404))
            return _private_page(response)
        except services.ServiceError as exc:
            db.session.rollback()
            form.password.errors.append(password_error_message(exc.message))
        else:
            if user.has_two_factor:  # a link is not a second step
                begin_second_step(user, None)
                db.session.commit()
                flash(_("Your password is set. Now give the code from your authenticator app."), "success")
                return redirect(url_for("auth.second_step"))
            start_session(user)
            db.session.commit()
            flash(_("Your password is set. Welcome!"), "success")
            return redirect(url_for("main.index"))
    response = current_app.make_response(
        (render_template("auth/set_password.html", form=form, user=row.user), 200 if not form.errors else 422)
    )
    return _private_page(response)


# -- the account page ---------------------------------------------------------------------------
@bp.route("/account", methods=["GET", "POST"])
@login_required
@limiter.limit(_login_rate_limit, methods=["POST"])
def account():
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        if not services.check_password(user, form.current.data):
            if services.count_failure(user):  # guessing with a stolen session ends it
                db.session.commit()
                logout_user()
                session.clear()
                return redirect(url_for("auth.login"))
            db.session.commit()
            form.current.errors.append(_("This is not your current password."))
        else:
            try:
                services.set_password(user, form.password.data)
            except services.ServiceError as exc:
                db.session.rollback()
                form.password.errors.append(password_error_message(exc.message))
            else:
                start_session(user)
                db.session.commit()
                flash(_("Your password is changed. Your other sessions have ended."), "success")
                return redirect(url_for("auth.account"))
    language_form = LanguageForm(lang=user.locale or current_language(), next=url_for("auth.account"))
    return render_template(
        "auth/account.html", form=form, language_form=language_form, confirm_form=ConfirmForm(),
        two_factor_required=security.is_required_for(user, current_app.config),
        recovery_left=security.remaining_recovery_codes(user),
    ), 200 if not form.errors else 422


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
def two_factor():
    """Set up the second step: scan the QR code (or type the secret), confirm with a code."""
    user = current_user._get_current_object()
    if user.has_two_factor:
        return redirect(url_for("auth.account"))
    secret = session.get("enrol_secret") or security.new_secret()
    session["enrol_secret"] = secret
    form = TwoFactorSetupForm()
    if form.validate_on_submit():
        codes = security.confirm_enrolment(user, secret, form.code.data)
        if codes:
            session.pop("enrol_secret", None)
            db.session.commit()
            return _show_recovery_codes(codes)
        form.code.errors.append(_("This code does not match. Check the time on your phone and try the next code."))
    uri = security.provisioning_uri(user, secret)
    response = current_app.make_response((render_template(
        "auth/two_factor.html", form=form, secret=secret, qr=security.qr_svg(uri),
        required=security.is_required_for(user, current_app.config),
    ), 200 if not form.errors else 422))
    return _private_page(response)


@bp.route("/account/two-factor/recovery-codes", methods=["POST"])
@login_required
@reauth_required
def new_recovery_codes():
    user = current_user._get_current_object()
    if not user.has_two_factor or not ConfirmForm().validate_on_submit():
        abort(400)
    codes = security.regenerate_recovery_codes(user)
    db.session.commit()
    return _show_recovery_codes(codes)


def _show_recovery_codes(codes: list[str]):
    """Recovery codes are shown once, in the answer to the POST that made them: never stored
    in the session cookie, never cached."""
    return _private_page(current_app.make_response(render_template("auth/recovery_codes.html", codes=codes)))


@bp.route("/account/two-factor/off", methods=["POST"])
@login_required
@reauth_required
def two_factor_off():
    user = current_user._get_current_object()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if security.is_required_for(user, current_app.config):
        flash(_("Your role requires a second login step; it cannot be turned off."), "error")
        return redirect(url_for("auth.account"))
    security.turn_off(user, actor=user)
    db.session.commit()
    flash(_("The second login step is off."), "success")
    return redirect(url_for("auth.account"))


@bp.before_app_request
def require_second_step():
    """Coordinators and leads without a second step, where it is required, may only set it up."""
    if not current_user.is_authenticated or request.endpoint in SETUP_ALLOWED or request.endpoint is None:
        return None
    user = current_user._get_current_object()
    if user.has_two_factor or not security.is_required_for(user, current_app.config):
        return None
    g.setup_required = True
    flash(_("Your role requires a second login step. Set it up now: it takes two minutes."), "warning")
    return redirect(url_for("auth.two_factor"))
