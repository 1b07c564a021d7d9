"""How long data lives: deleting and restoring a dialogue, how long its personal data is kept,
``dialogue purge``, and a person's own data to take away.

- A coordinator deletes a dialogue: it disappears for everyone at once (``access.py`` answers
  404) and stays recoverable on the *Deleted dialogues* page for ``DELETED_KEEP_DAYS`` (30);
  ``dialogue purge`` then removes it with everything in it.
- Each dialogue keeps personal data for ``retention_months`` (24 by default) after its last
  meeting (or after it was created, while it has none). A lead sees the date on the dialogue's
  *Personal data* page, may shorten or lengthen the period, or extend it to a date with a
  reason. When the date has passed, ``dialogue purge`` (daily, from cron) forgets every person
  of the dialogue as forgetting one does (each phase's ``extra["forget_people"]``), keeping
  sectors and counts.
- Applicants to a call who were not selected keep their contact details (name, e-mail, phone)
  for ``APPLICATION_RETENTION_MONTHS`` (12 by default) after the call closed; ``dialogue purge``
  then removes them, keeping the organisation, its country and its answers for the ranking.
  A selected applicant's contact became the partner's account and stays.
- Everyone can download their own data (account, memberships, what the audit log records of
  them, notifications) as a plain zip of JSON and CSV.

Every action is in the audit log, with numbers and dates only.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, timedelta

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from wtforms import DateField, IntegerField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from . import audit
from .access import coordinator_required, dialogue_access
from .auth import reauth_required
from .extensions import db
from .forms import ConfirmForm, Form, strip_spaces
from .i18n import _, _l
from .models import AuditEntry, Dialogue, User, utcnow
from .registry import get_registry

DELETED_KEEP_DAYS = 30
RETENTION_MIN, RETENTION_MAX = 1, 120


# -- deleting a dialogue -----------------------------------------------------------------------
def delete_dialogue(dialogue: Dialogue, actor: User) -> None:
    if dialogue.deleted_at is not None:
        return
    dialogue.deleted_at = utcnow()
    db.session.flush()
    audit.record("dialogue.deleted", actor=actor, dialogue=dialogue)


def restore_dialogue(dialogue: Dialogue, actor: User) -> None:
    dialogue.deleted_at = None
    db.session.flush()
    audit.record("dialogue.restored", actor=actor, dialogue=dialogue)


def deleted_dialogues() -> list[Dialogue]:
    return list(db.session.scalars(db.select(Dialogue).where(Dialogue.deleted_at.is_not(None))
                                   .order_by(Dialogue.deleted_at.desc())))


def purge_date(dialogue: Dialogue) -> date | None:
    return (dialogue.deleted_at + timedelta(days=DELETED_KEEP_DAYS)).date() if dialogue.deleted_at else None


# -- retention ---------------------------------------------------------------------------------
def last_meeting(dialogue: Dialogue) -> date | None:
    """The day of the dialogue's last meeting, from the phases (``extra["last_meeting"]``)."""
    days = [d for phase in get_registry().phases if (hook := phase.extra.get("last_meeting"))
            for d in [hook(dialogue)] if d is not None]
    return max(days) if days else None


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def retention_date(dialogue: Dialogue) -> date:
    """The day personal data is forgotten: the period after the last meeting (or after the
    dialogue was created), or the extension a lead gave, whichever is later."""
    start = last_meeting(dialogue) or dialogue.created_at.date()
    end = _add_months(start, dialogue.retention_months or 24)
    if dialogue.retention_extended_until and dialogue.retention_extended_until > end:
        end = dialogue.retention_extended_until
    return end


def set_retention(dialogue: Dialogue, actor: User, *, months: int, extended_until: date | None, reason: str) -> None:
    if not RETENTION_MIN <= months <= RETENTION_MAX:
        raise ValueError("months")
    if extended_until is not None and not reason.strip():
        raise ValueError("reason")
    dialogue.retention_months = months
    dialogue.retention_extended_until = extended_until
    dialogue.retention_reason = reason if extended_until else ""
    db.session.flush()
    audit.record("dialogue.retention_set", actor=actor, dialogue=dialogue, months=months,
                 extended_until=extended_until.isoformat() if extended_until else None)


def forget_everyone(dialogue: Dialogue) -> int:
    """Forget every person of the dialogue, as forgetting one does; returns how many."""
    count = 0
    for phase in get_registry().phases:
        hook = phase.extra.get("forget_people")
        if hook is not None:
            count += hook(dialogue)
    dialogue.personal_data_purged_at = utcnow()
    db.session.flush()
    return count


def forget_applicants(today: date, dry_run: bool = False) -> dict[int, int]:
    """Remove the contact details of applicants not selected whose call closed more than
    ``APPLICATION_RETENTION_MONTHS`` before ``today``; returns {call id: applications}
    (``dry_run``: counts only)."""
    from flask import current_app

    from .calls.models import Application, Call

    months = int(current_app.config.get("APPLICATION_RETENTION_MONTHS", 12))
    counts: dict[int, int] = {}
    rows = db.session.execute(
        db.select(Application, Call.closes_at).join(Call, Application.call_id == Call.id)
        .where(Application.status != "selected", Application.contact_email != "")).all()
    for application, closes_at in rows:
        if _add_months(closes_at.date(), months) <= today:
            if not dry_run:
                application.contact_person = application.contact_email = application.contact_phone = ""
            counts[application.call_id] = counts.get(application.call_id, 0) + 1
    db.session.flush()
    return counts


def purge(today: date | None = None, dry_run: bool = False) -> dict[str, int]:
    """What ``dialogue purge`` does: remove dialogues deleted more than DELETED_KEEP_DAYS ago,
    forget the people of dialogues whose retention has passed, and the contact details of
    applicants not selected past theirs. Returns counts (``dry_run``: changes nothing)."""
    today = today or utcnow().date()
    removed = forgotten = dialogues = 0
    for dialogue in deleted_dialogues():
        if purge_date(dialogue) <= today:
            removed += 1
            if not dry_run:
                uuid = dialogue.uuid
                db.session.delete(dialogue)
                db.session.flush()
                audit.record("dialogue.purged", actor=None, dialogue=None, uuid=uuid)
    for dialogue in db.session.scalars(db.select(Dialogue).where(Dialogue.deleted_at.is_(None),
                                                                 Dialogue.personal_data_purged_at.is_(None))):
        if retention_date(dialogue) <= today:
            dialogues += 1
            if not dry_run:
                count = forget_everyone(dialogue)
                forgotten += count
                audit.record("dialogue.retention_passed", actor=None, dialogue=dialogue, people=count)
    by_call = forget_applicants(today, dry_run=dry_run)
    for call_id, count in by_call.items() if not dry_run else ():
        audit.record("call.applicants_forgotten", actor=None, dialogue=None, call_id=call_id, applications=count)
    return {"dialogues_removed": removed, "dialogues_past_retention": dialogues, "people_forgotten": forgotten,
            "applicants_forgotten": sum(by_call.values())}


# -- one's own data ----------------------------------------------------------------------------
def own_data(user: User) -> bytes:
    """A zip: account.json, memberships.csv, audit.csv and audit.json (what the log records of
    this person's own actions), notifications.json. No password hash, second-step secret or
    session token."""
    from .notifications import Notification

    account = {"email": user.email, "name": user.name, "role": user.role, "language": user.locale,
               "active": user.active, "created_at": user.created_at.isoformat(),
               "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
               "second_step": user.has_two_factor}
    memberships = [{"dialogue": m.dialogue.title, "dialogue_uuid": m.dialogue.uuid, "role": m.role}
                   for m in user.memberships]
    entries = list(db.session.scalars(db.select(AuditEntry).where(AuditEntry.actor_id == user.id)
                                      .order_by(AuditEntry.id)))
    log = [{"at": e.created_at.isoformat(), "action": e.action,
            "dialogue_uuid": e.dialogue_uuid, "details": e.details} for e in entries]
    notes = [{"at": n.created_at.isoformat(), "kind": n.kind, "text": n.text(), "read": n.read_at is not None}
             for n in db.session.scalars(db.select(Notification).where(Notification.user_id == user.id))]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("account.json", json.dumps(account, ensure_ascii=False, indent=2))
        archive.writestr("memberships.csv", _csv(["dialogue", "dialogue_uuid", "role"], memberships))
        archive.writestr("audit.json", json.dumps(log, ensure_ascii=False, indent=2))
        archive.writestr("audit.csv", _csv(["at", "action", "dialogue_uuid", "details"],
                                           [{**row, "details": json.dumps(row["details"], ensure_ascii=False)}
                                            for row in log]))
        archive.writestr("notifications.json", json.dumps(notes, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def _csv(fields: list[str], rows: list[dict]) -> str:
    from .csvfiles import safe

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe("" if row.get(k) is None else str(row.get(k))) for k in fields})
    return "\ufeff" + out.getvalue()


# -- pages -------------------------------------------------------------------------------------
bp = Blueprint("lifecycle", __name__)


class RetentionForm(Form):
    months = IntegerField(_l("Keep personal data for (months after the last meeting)"),
                          validators=[InputRequired(), NumberRange(min=RETENTION_MIN, max=RETENTION_MAX)])
    extended_until = DateField(_l("Or keep it until"), validators=[Optional()],
                               description=_l("Only with a reason, e.g. a court case the records may help."))
    reason = TextAreaField(_l("Reason for keeping it longer"), validators=[Length(max=2000)], filters=[strip_spaces],
                           render_kw={"rows": 2})
    submit = SubmitField(_l("Save"))

    def validate_extended_until(self, field):
        if field.data and field.data <= utcnow().date():
            raise ValidationError(_("Choose a date in the future."))

    def validate_reason(self, field):
        if self.extended_until.data and not (field.data or "").strip():
            raise ValidationError(_("Say why the data must be kept longer."))


@bp.route("/d/<uuid:dialogue_uuid>/personal-data", methods=["GET", "POST"])
@login_required
@dialogue_access("manage")
def retention(dialogue):
    form = RetentionForm(obj=None)
    if not form.is_submitted():
        form.months.data = dialogue.retention_months
        form.extended_until.data = dialogue.retention_extended_until
        form.reason.data = dialogue.retention_reason
    if form.validate_on_submit():
        set_retention(dialogue, current_user._get_current_object(), months=form.months.data,
                      extended_until=form.extended_until.data, reason=form.reason.data or "")
        db.session.commit()
        flash(_("Saved. Personal data is now kept until %(date)s.", date=_date(retention_date(dialogue))), "success")
        return redirect(url_for("lifecycle.retention", dialogue_uuid=dialogue.uuid))
    return render_template("main/retention.html", dialogue=dialogue, form=form, until=retention_date(dialogue),
                           last=last_meeting(dialogue), delete_form=ConfirmForm()), 200 if not form.errors else 422


def _date(day: date) -> str:
    from flask_babel import format_date

    return format_date(day, "long")


@bp.route("/d/<uuid:dialogue_uuid>/delete", methods=["POST"])
@login_required
@dialogue_access("delete")
@reauth_required
def delete(dialogue):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    delete_dialogue(dialogue, current_user._get_current_object())
    db.session.commit()
    flash(_("“%(title)s” is deleted. It can be restored from the deleted dialogues until %(date)s.",
            title=dialogue.title, date=_date(purge_date(dialogue))), "success")
    return redirect(url_for("main.index"))


@bp.route("/deleted/")
@coordinator_required
def deleted():
    return render_template("admin/deleted.html", dialogues=deleted_dialogues(), purge_date=purge_date,
                           form=ConfirmForm())


@bp.route("/deleted/<uuid:deleted_uuid>/restore", methods=["POST"])
@coordinator_required
def restore(deleted_uuid):
    dialogue = db.one_or_404(db.select(Dialogue).where(Dialogue.uuid == str(deleted_uuid),
                                                       Dialogue.deleted_at.is_not(None)))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    restore_dialogue(dialogue, current_user._get_current_object())
    db.session.commit()
    flash(_("“%(title)s” is restored.", title=dialogue.title), "success")
    return redirect(url_for("main.dialogue_home", dialogue_uuid=dialogue.uuid))


@bp.route("/account/my-data.zip", methods=["POST"])
@login_required
@reauth_required
def my_data():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    user = current_user._get_current_object()
    data = own_data(user)
    audit.record("account.data_downloaded", actor=user)
    db.session.commit()
    response = Response(data, mimetype="application/zip")
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.zip"'
    response.headers["Cache-Control"] = "no-store"
    return response
