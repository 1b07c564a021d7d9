"""The core pages: start page, language, dialogues, their home, settings and members."""
from __future__ import annotations

from flask import (
    Blueprint, abort, current_app, flash, g, has_request_context, redirect, render_template, request, session, url_for,
)
from flask_login import current_user, login_required

from . import audit, content, documents, services
from .access import dialogue_access
from .auth import local_path, safe_next
from .extensions import db, limiter
from .forms import ConfirmForm, DialogueForm, DocumentForm, LanguageForm, MemberForm
from .i18n import _, available_languages, current_language
from .models import Membership
from .registry import get_registry, progress

bp = Blueprint("main", __name__)

#: key under which a freshly issued one-time link waits to be shown once
LINK_KEY = "issued_link"


def remember_link(email: str, token: str) -> None:
    session[LINK_KEY] = {"email": email, "url": url_for("auth.set_password", token=token, _external=True)}


def take_link() -> dict | None:
    return session.pop(LINK_KEY, None)


@bp.route("/")
def index():
    document_form = DocumentForm(formdata=None, lang=current_language(), meta={"csrf": False})
    if not current_user.is_authenticated:
        return render_template("main/welcome.html", document_form=document_form)
    dialogues = services.dialogues_for(current_user)
    return render_template("main/index.html", dialogues=dialogues, document_form=document_form)


@bp.route("/language", methods=["POST"])
def set_language():
    form = LanguageForm()
    target = safe_next(form.next.data or local_path(request.referrer), url_for("main.index"))
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            services.set_locale(current_user._get_current_object(), form.lang.data)
            db.session.commit()
    return redirect(target)


@bp.route("/dialogues/new", methods=["GET", "POST"])
@login_required
def new_dialogue():
    if not current_user.can_create_dialogue():
        abort(403)
    form = DialogueForm()
    if request.method == "GET":
        form.content_language.data = current_language()
        form.languages.data = [current_language()]
    if form.validate_on_submit():
        dialogue = services.create_dialogue(current_user._get_current_object(), **form.values())
        db.session.commit()
        flash(_("The dialogue is created. Invite your colleagues next."), "success")
        return redirect(url_for("main.dialogue_home", dialogue_uuid=dialogue.uuid))
    return render_template("main/dialogue_form.html", form=form, dialogue=None), 200 if not form.errors else 422


@bp.route("/d/<uuid:dialogue_uuid>/")
@login_required
@dialogue_access("view")
def dialogue_home(dialogue):
    phases, next_step = progress(dialogue)
    index = content.ContentIndex.for_dialogue(dialogue)
    lang = current_language()
    return render_template(
        "main/dialogue_home.html",
        dialogue=dialogue,
        shown_title=index.localized(dialogue, "title", lang),
        shown_challenge=index.localized(dialogue, "challenge", lang),
        phases=phases,
        next_step=next_step,
        history=audit.history(dialogue, limit=30),
        document_form=DocumentForm(formdata=None, lang=current_language(), meta={"csrf": False}),
        dialogue_documents=[d for d in get_registry().documents.values()
                            if not d.members_only or dialogue.can_see_people(current_user)],
    )


@bp.route("/d/<uuid:dialogue_uuid>/edit", methods=["GET", "POST"])
@login_required
@dialogue_access("manage")
def edit_dialogue(dialogue):
    form = DialogueForm(obj=dialogue)
    if request.method == "GET":
        form.version.data = str(dialogue.version)
    if form.validate_on_submit():
        try:
            version = int(form.version.data or 0)
            services.update_dialogue(dialogue, current_user._get_current_object(), version=version, **form.values())
        except (ValueError, services.StaleEdit):
            db.session.rollback()
            form.version.errors.append(
                _("Someone else saved this dialogue while you were editing it. "
                  "Your changes are not saved: open the page again to see theirs, then make yours.")
            )
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("main.dialogue_home", dialogue_uuid=dialogue.uuid))
    return render_template("main/dialogue_form.html", form=form, dialogue=dialogue), 200 if not form.errors else 422


@bp.route("/d/<uuid:dialogue_uuid>/members")
@login_required
@dialogue_access("view")
def members(dialogue):
    form = MemberForm() if dialogue.can_manage_members(current_user) else None
    return render_template("main/members.html", dialogue=dialogue, form=form, issued=take_link(),
                           confirm_form=ConfirmForm())


@bp.route("/d/<uuid:dialogue_uuid>/members/invite", methods=["POST"])
@login_required
@dialogue_access("manage_members")
def invite_member(dialogue):
    form = MemberForm()
    if form.validate_on_submit():
        try:
            membership, token = services.invite_member(
                dialogue, current_user._get_current_object(),
                email=form.email.data, name=form.name.data, role=form.role.data,
            )
        except services.ServiceError as exc:
            db.session.rollback()
            message = {
                "member": _("This person is already a member of the dialogue."),
                "role": _("Choose a role from the list."),
            }.get(exc.message, _("This invitation could not be made."))
            getattr(form, exc.field or "email").errors.append(message)
        else:
            db.session.commit()
            if token:
                _deliver_link(membership.user, token)
            else:
                flash(_("%(name)s is now a member of this dialogue.", name=membership.user.display_name), "success")
            return redirect(url_for("main.members", dialogue_uuid=dialogue.uuid))
    return render_template("main/members.html", dialogue=dialogue, form=form, issued=None,
                           confirm_form=ConfirmForm()), 422


def _deliver_link(user, token: str) -> None:
    """Send the one-time link by mail when SMTP is set up; otherwise show it once to pass on."""
    from .mail import mail_enabled, send

    url = url_for("auth.set_password", token=token, _external=True)
    hours = current_app.config["SET_PASSWORD_HOURS"]
    if mail_enabled():
        body = _("You have been invited to the Dialogue Toolkit. Choose your password here "
                 "(the link works once and for %(hours)d hours): %(url)s", hours=hours, url=url)
        if send(user.email, _("Your Dialogue Toolkit account"), body):
            flash(_("An e-mail with a link to set a password was sent to %(email)s.", email=user.email), "success")
            return
        flash(_("The e-mail could not be sent. Pass the link below on yourself."), "warning")
    remember_link(user.email, token)


@bp.route("/d/<uuid:dialogue_uuid>/members/<int:membership_id>/remove", methods=["POST"])
@login_required
@dialogue_access("manage_members")
def remove_member(dialogue, membership_id: int):
    membership = db.get_or_404(Membership, membership_id)
    if membership.dialogue_id != dialogue.id:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.remove_member(dialogue, current_user._get_current_object(), membership)
        except services.ServiceError:
            db.session.rollback()
            flash(_("A dialogue needs at least one lead. Make someone else lead first."), "error")
        else:
            db.session.commit()
            flash(_("The member is removed."), "success")
    return redirect(url_for("main.members", dialogue_uuid=dialogue.uuid))


@bp.route("/d/<uuid:dialogue_uuid>/documents/<kind>.pdf")
@login_required
@dialogue_access("download")
def dialogue_document(dialogue, kind: str):
    return documents.download(kind, request.args.get("lang"), dialogue=dialogue)


def public_rate_limit() -> str:
    """The per-address limit of pages open to anyone (also a phase's public forms)."""
    return current_app.config["PUBLIC_RATE_LIMIT"]


@bp.route("/documents/<kind>.pdf")
@limiter.limit(public_rate_limit)
def public_document(kind: str):
    """Documents anyone may download: the method at a glance, the general toolkit, the blank worksheets."""
    return documents.download(kind, request.args.get("lang"), dialogue=None)


@bp.app_context_processor
def layout_context():
    if not has_request_context():
        return {}
    from .notifications import unread_count

    # once per request: a composed page (the case study's preview) renders a dozen partials
    if "unread_notifications" not in g:
        g.unread_notifications = unread_count(current_user)
    return {
        "language_form": LanguageForm(formdata=None, lang=current_language(), next=request.full_path.rstrip("?")),
        "languages": available_languages(),
        "unread_notifications": g.unread_notifications,
    }
