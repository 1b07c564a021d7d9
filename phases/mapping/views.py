"""Phase 1's pages: the challenge, the register (with CSV import and export), the map and
balance check, invitations, and completing the phase. Thin: load and check through
``dialogue.access``, validate a form, call a service, commit once, redirect."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from dialogue.access import dialogue_access
from dialogue.auth import reauth_required
from dialogue.extensions import db
from dialogue.forms import ConfirmForm, DocumentForm, stale_message
from dialogue.i18n import _, current_language, ngettext
from dialogue.models import InvalidTransition
from dialogue.services import ServiceError, StaleEdit

from . import balance, csv_io, grid, services
from .forms import ChallengeForm, CompleteForm, InvitationForm, MappingForm, StakeholderForm, UploadForm
from .labels import INVITATION_LABELS, SECTOR_LABELS
from .models import INVITATION_STATES, SECTORS, STANCES

bp = Blueprint("mapping", __name__, url_prefix="/d/<uuid:dialogue_uuid>/mapping")



def _me():
    return current_user._get_current_object()


# -- the challenge ------------------------------------------------------------------------
@bp.route("/challenge", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def challenge(dialogue):
    record = services.challenge_of(dialogue)
    form = ChallengeForm(obj=record)
    if request.method == "GET":
        form.statement.data = dialogue.challenge
        form.version.data = str(record.version if record else 0)
        form.dialogue_version.data = str(dialogue.version)
    if form.validate_on_submit():
        try:
            services.save_challenge(dialogue, _me(), version=int(form.version.data or 0),
                                    dialogue_version=int(form.dialogue_version.data or 0), **form.values())
        except (ValueError, StaleEdit):
            db.session.rollback()
            form.version.errors.append(stale_message())
        else:
            db.session.commit()
            flash(_("The challenge is saved."), "success")
            return redirect(url_for("main.dialogue_home", dialogue_uuid=dialogue.uuid))
    return render_template("mapping/challenge.html", dialogue=dialogue, form=form), 200 if not form.errors else 422


# -- the register -------------------------------------------------------------------------
SORTS = {
    "number": lambda s: s.number,
    # replaced per request by the name the viewer may see (sorting by a hidden name would leak it)
    "name": lambda s: s.number,
    "sector": lambda s: (SECTORS.index(s.sector), s.number),
    "influence": lambda s: (-s.influence, -s.interest, s.number),
    "interest": lambda s: (-s.interest, -s.influence, s.number),
    "stance": lambda s: (STANCES.index(s.stance) if s.stance in STANCES else 9, s.number),
    "invitation": lambda s: (("", *INVITATION_STATES).index(s.invitation), s.number),
}


def _filtered(stakeholders, args, inside: bool):
    query = (args.get("q") or "").strip().casefold()
    sector = args.get("sector") or ""
    stance = args.get("stance") or ""
    invitation = args.get("invitation")
    at_risk = args.get("at_risk") == "1" and inside
    rows = []
    for s in stakeholders:
        if sector and s.sector != sector:
            continue
        if stance and s.stance != stance:
            continue
        if invitation is not None and invitation != "any" and s.invitation != invitation:
            continue
        if at_risk and not s.at_risk:
            continue
        if query:
            haystack = [s.shown_as(inside)]
            if s.shows_details(inside):
                haystack += [s.role, s.stake]
            if not any(query in (text or "").casefold() for text in haystack):
                continue
        rows.append(s)
    sort = args.get("sort") or "number"
    if sort == "name":
        rows.sort(key=lambda s: (s.shown_as(inside).casefold(), s.number))
    else:
        rows.sort(key=SORTS.get(sort, SORTS["number"]))
    if args.get("desc") == "1":
        rows.reverse()
    return rows


#: rows per page of the register: a page stays light on a slow connection
PAGE_SIZE = 100
#: what the register's links carry from one page to the next
FILTER_ARGS = ("q", "sector", "stance", "invitation", "at_risk", "sort", "desc")


@bp.route("/stakeholders")
@login_required
@dialogue_access("view")
def register(dialogue):
    inside = dialogue.can_see_people(current_user)
    everyone = services.stakeholders_of(dialogue)
    rows = _filtered(everyone, request.args, inside)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    shown = rows[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    query = {k: v for k, v in request.args.items() if k in FILTER_ARGS}

    def page_url(n):
        return url_for("mapping.register", dialogue_uuid=dialogue.uuid, **query, page=n)

    return render_template(
        "mapping/register.html", dialogue=dialogue, stakeholders=shown, matching=len(rows), total=len(everyone),
        inside=inside, args=request.args, sorts=list(SORTS), confirm_form=ConfirmForm(),
        can_edit=dialogue.can_edit(current_user), page=number, pages=pages, page_url=page_url,
    )


@bp.route("/stakeholders/new", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def new_stakeholder(dialogue):
    form = StakeholderForm()
    if request.method == "GET" and not form.preferred_language.data:
        form.preferred_language.data = dialogue.content_language
    if form.validate_on_submit():
        stakeholder = services.add_stakeholder(dialogue, _me(), **form.values())
        db.session.commit()
        flash(_("%(name)s is added to the register.", name=stakeholder.shown_as(True)), "success")
        if request.form.get("another"):
            return redirect(url_for("mapping.new_stakeholder", dialogue_uuid=dialogue.uuid))
        return redirect(url_for("mapping.register", dialogue_uuid=dialogue.uuid))
    return render_template("mapping/stakeholder_form.html", dialogue=dialogue, form=form, stakeholder=None), \
        200 if not form.errors else 422


@bp.route("/stakeholders/<uuid:stakeholder_uuid>/edit", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def edit_stakeholder(dialogue, stakeholder_uuid):
    stakeholder = services.stakeholder_of(dialogue, stakeholder_uuid)
    if stakeholder.erased_at is not None:
        flash(_("This person was forgotten: their entry can no longer be edited."), "info")
        return redirect(url_for("mapping.register", dialogue_uuid=dialogue.uuid))
    form = StakeholderForm(obj=stakeholder)
    if request.method == "GET":
        form.version.data = str(stakeholder.version)
    if form.validate_on_submit():
        try:
            services.update_stakeholder(stakeholder, _me(), version=int(form.version.data or 0), **form.values())
        except (ValueError, StaleEdit):
            db.session.rollback()
            form.version.errors.append(stale_message())
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("mapping.register", dialogue_uuid=dialogue.uuid) + f"#s-{stakeholder.number}")
    return render_template("mapping/stakeholder_form.html", dialogue=dialogue, form=form, stakeholder=stakeholder,
                           confirm_form=ConfirmForm()), 200 if not form.errors else 422


@bp.route("/stakeholders/<uuid:stakeholder_uuid>/forget", methods=["GET", "POST"])
@login_required
@dialogue_access("manage")
@reauth_required
def forget_stakeholder(dialogue, stakeholder_uuid):
    stakeholder = services.stakeholder_of(dialogue, stakeholder_uuid)
    form = ConfirmForm()
    if stakeholder.erased_at is None and form.validate_on_submit():
        services.erase_stakeholder(stakeholder, _me())
        db.session.commit()
        flash(_("The person is forgotten. The entry stays as “%(pseudonym)s” so the counts stay true.",
                pseudonym=stakeholder.pseudonym()), "success")
        return redirect(url_for("mapping.register", dialogue_uuid=dialogue.uuid))
    return render_template("mapping/forget.html", dialogue=dialogue, stakeholder=stakeholder, form=form)


@bp.route("/stakeholders/<uuid:stakeholder_uuid>/delete", methods=["POST"])
@login_required
@dialogue_access("manage")
def delete_stakeholder(dialogue, stakeholder_uuid):
    stakeholder = services.stakeholder_of(dialogue, stakeholder_uuid)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_stakeholder(stakeholder, _me())
        db.session.commit()
        flash(_("The entry is deleted."), "success")
    return redirect(url_for("mapping.register", dialogue_uuid=dialogue.uuid))


@bp.route("/stakeholders.csv")
@login_required
@dialogue_access("view")
@reauth_required
def export_csv(dialogue):
    inside = dialogue.can_see_people(current_user)
    data = csv_io.export(services.stakeholders_of(dialogue), lang=current_language(), inside=inside)
    response = Response(data, mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="stakeholders.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/stakeholders/import", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def import_csv(dialogue):
    form = UploadForm()
    problem = None
    if form.validate_on_submit():
        raw = form.file.data.read(current_app.config["MAX_CONTENT_LENGTH"] + 1)
        try:
            text = csv_io.read(raw)
        except csv_io.UnreadableFile as exc:
            problem = str(exc)
        else:
            parsed = csv_io.parse(text)
            return _preview(dialogue, parsed, text)
    if problem:
        form.file.errors = [problem]
    return render_template("mapping/import.html", dialogue=dialogue, form=form), 200 if not form.errors else 422


def _preview(dialogue, parsed, text: str, status: int | None = None):
    form = MappingForm(formdata=None, text=text, columns=parsed.mapping)
    form.set_choices()
    return render_template("mapping/import_preview.html", dialogue=dialogue, parsed=parsed, form=form,
                           columns=list(zip(parsed.header, form.columns))), \
        status or (200 if parsed.ok else 422)


@bp.route("/stakeholders/import/confirm", methods=["POST"])
@login_required
@dialogue_access("edit")
def confirm_import(dialogue):
    form = MappingForm()
    form.set_choices()
    if not form.validate_on_submit():
        flash(_("The form has expired. Please send the file again."), "error")
        return redirect(url_for("mapping.import_csv", dialogue_uuid=dialogue.uuid))
    parsed = csv_io.parse(form.text.data or "", [entry.data or "" for entry in form.columns])
    if not parsed.ok or request.form.get("recheck"):
        return _preview(dialogue, parsed, form.text.data or "")
    added = services.import_stakeholders(dialogue, _me(), parsed.rows)
    db.session.commit()
    flash(ngettext("%(num)d stakeholder is imported.", "%(num)d stakeholders are imported.", len(added)), "success")
    return redirect(url_for("mapping.register", dialogue_uuid=dialogue.uuid))


# -- the map and the balance check ---------------------------------------------------
@bp.route("/map")
@login_required
@dialogue_access("view")
def stakeholder_map(dialogue):
    inside = dialogue.can_see_people(current_user)
    stakeholders = services.stakeholders_of(dialogue)
    return render_template(
        "mapping/map.html", dialogue=dialogue, grid=grid.build(stakeholders, inside=inside),
        balance=balance.check(stakeholders), stakeholders=stakeholders, inside=inside,
        document_form=DocumentForm(formdata=None, lang=current_language(), meta={"csrf": False}),
    )


# -- invitations ----------------------------------------------------------------------
@bp.route("/invitations", methods=["GET", "POST"])
@login_required
@dialogue_access("edit")
def invitations(dialogue):
    stakeholders = services.stakeholders_of(dialogue)
    form = InvitationForm()
    if form.validate_on_submit():
        changes = {}
        for s in stakeholders:
            value = request.form.get(f"inv-{s.uuid}")
            if value is not None:
                changes[s.uuid] = (request.form.get(f"was-{s.uuid}", s.invitation), value)
        try:
            count = services.set_invitations(dialogue, _me(), changes)
        except StaleEdit:
            db.session.rollback()
            flash(_("Someone else changed an invitation you changed, while you had this page open. Nothing is "
                    "saved: look at the invitations again, then make your changes."), "error")
            return redirect(url_for("mapping.invitations", dialogue_uuid=dialogue.uuid))
        except ServiceError:
            db.session.rollback()
            flash(_("Choose a state from the list for every stakeholder."), "error")
        else:
            db.session.commit()
            flash(ngettext("%(num)d invitation is updated.", "%(num)d invitations are updated.", count), "success")
            return redirect(url_for("mapping.invitations", dialogue_uuid=dialogue.uuid))
    return render_template(
        "mapping/invitations.html", dialogue=dialogue, stakeholders=stakeholders, form=form,
        balance=balance.check(stakeholders), states=["", *INVITATION_STATES], state_labels=INVITATION_LABELS,
        document_form=DocumentForm(formdata=None, lang=current_language(), meta={"csrf": False}),
    )


# -- completing the phase -----------------------------------------------------------------
def _complete_page(dialogue, form, status=200):
    return render_template("mapping/complete.html", dialogue=dialogue, state=services.checklist(dialogue),
                           form=form, record=services.challenge_of(dialogue), confirm_form=ConfirmForm(),
                           sector_labels=SECTOR_LABELS), status


@bp.route("/complete")
@login_required
@dialogue_access("view")
def complete(dialogue):
    return _complete_page(dialogue, CompleteForm())


@bp.route("/complete", methods=["POST"])
@login_required
@dialogue_access("manage")
def mark_complete(dialogue):
    form = CompleteForm()
    if form.validate_on_submit():
        try:
            services.complete_phase(dialogue, _me(), reason=form.reason.data or "")
        except ServiceError as exc:
            db.session.rollback()
            if exc.field == "reason":
                form.reason.errors.append(_("Say why government, the private sector or civil society is "
                                            "missing, or add a stakeholder from it."))
            else:
                form.reason.errors.append(_("The checklist is not complete yet."))
        except InvalidTransition:
            db.session.rollback()
            flash(_("Phase 1 is already complete."), "info")
            return redirect(url_for("mapping.complete", dialogue_uuid=dialogue.uuid))
        else:
            db.session.commit()
            flash(_("Phase 1 is complete. Next: prepare the dialogue itself."), "success")
            return redirect(url_for("main.dialogue_home", dialogue_uuid=dialogue.uuid))
    return _complete_page(dialogue, form, 422)


@bp.route("/reopen", methods=["POST"])
@login_required
@dialogue_access("manage")
def reopen(dialogue):
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.reopen_phase(dialogue, _me())
        except InvalidTransition:
            db.session.rollback()
            flash(_("Phase 1 can be reopened only while the dialogue is in phase 2."), "error")
        else:
            db.session.commit()
            flash(_("Phase 1 is open again."), "success")
    return redirect(url_for("mapping.complete", dialogue_uuid=dialogue.uuid))


@bp.record_once
def _template_globals(state):
    from .labels import TEMPLATE_GLOBALS

    state.app.jinja_env.globals.update(TEMPLATE_GLOBALS, sector_styles=grid.SECTOR_STYLE, share_percent=balance.percent)
    state.app.jinja_env.filters["sector_label"] = TEMPLATE_GLOBALS["sector_label"]
