"""In-app notifications, and e-mail when SMTP is configured.

A notification stores a kind and its values, not a sentence: it is worded when shown, in the
reader's language (``MESSAGES``), and in the e-mail in the recipient's language. ``ref`` names
what it is about (a case-study version, a commitment) so the same event is never announced
twice to the same person (``notify`` skips a (user, kind, ref) it has already sent).

Events: a case study submitted (to the coordinators), commented, sent back or approved (to the
dialogue's members), a commitment fallen overdue (to the members; ``dialogue notify``, run
daily by cron, asks each phase's ``extra["overdue"]()`` what is overdue).
"""
from __future__ import annotations

import logging
from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import JSON, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload

from .extensions import db
from .i18n import _, _l, force_locale
from .models import Dialogue, User, UTCDateTime, utcnow

logger = logging.getLogger("dialogue.notifications")

#: kind -> the sentence, with the dialogue's title as %(dialogue)s and the kind's own values
MESSAGES = {
    "case_study_submitted": _l("“%(dialogue)s”: the case study was submitted for review."),
    "case_study_commented": _l("“%(dialogue)s”: a coordinator commented on the case study."),
    "case_study_changes_requested": _l("“%(dialogue)s”: the coordinators asked for changes to the case study."),
    "case_study_approved": _l("“%(dialogue)s”: the case study is approved."),
    "commitment_overdue": _l("“%(dialogue)s”: commitment %(number)s is overdue (due %(due)s)."),
}
#: where each kind leads: an endpoint taking dialogue_uuid
TARGETS = {
    "case_study_submitted": "casestudy.preview",
    "case_study_commented": "casestudy.preview",
    "case_study_changes_requested": "casestudy.preview",
    "case_study_approved": "casestudy.preview",
    "commitment_overdue": "followup.board",
}


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    dialogue_id: Mapped[int | None] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    ref: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    dialogue: Mapped[Dialogue | None] = relationship()
    user: Mapped[User] = relationship()

    def text(self) -> str:
        message = MESSAGES.get(self.kind)
        if message is None:
            return self.kind
        values = dict(self.params or {})
        if values.get("due"):
            from datetime import date

            from flask_babel import format_date

            values["due"] = format_date(date.fromisoformat(values["due"]), "long")
        return str(message) % {"dialogue": self.dialogue.title if self.dialogue else "", **values}

    def target(self) -> str | None:
        endpoint = TARGETS.get(self.kind)
        if endpoint is None or self.dialogue is None:
            return None
        return url_for(endpoint, dialogue_uuid=self.dialogue.uuid)


def coordinators() -> list[User]:
    return list(db.session.scalars(db.select(User).where(User.role == "coordinator", User.active.is_(True))))


def members(dialogue: Dialogue) -> list[User]:
    return [m.user for m in dialogue.memberships if m.user.active]


def notify(users, kind: str, dialogue: Dialogue | None, *, ref: str = "", actor: User | None = None,
           **params) -> list[Notification]:
    """A notification for each of ``users`` (not the one who did it), once per (user, kind, ref);
    an e-mail too when SMTP is configured (sent after the request's data is flushed)."""
    if kind not in MESSAGES:
        raise ValueError(kind)
    recipients = {u.id: u for u in users if u is not None and (actor is None or u.id != actor.id)}
    if ref and recipients:
        already = set(db.session.scalars(db.select(Notification.user_id).where(
            Notification.kind == kind, Notification.ref == ref, Notification.user_id.in_(recipients))))
        recipients = {i: u for i, u in recipients.items() if i not in already}
    made = []
    for user in recipients.values():
        note = Notification(user_id=user.id, dialogue_id=dialogue.id if dialogue else None, kind=kind,
                            params=params, ref=ref)
        db.session.add(note)
        made.append(note)
    db.session.flush()
    _mail(made, dialogue)
    return made


def _mail(notes: list[Notification], dialogue: Dialogue | None) -> None:
    from flask import current_app

    from .mail import mail_enabled, send

    if not notes or not mail_enabled():
        return
    for note in notes:
        user = db.session.get(User, note.user_id)
        lang = user.locale or current_app.config.get("BABEL_DEFAULT_LOCALE", "en")
        with force_locale(lang):
            note.dialogue = dialogue
            text = note.text()
            target = note.target()
            body = text + ("\n\n" + url_for("main.index", _external=True).rstrip("/") + target if target else "")
            send(user.email, _("Dialogue Toolkit: %(what)s", what=text), body)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return db.session.scalar(db.select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


# -- the page ----------------------------------------------------------------------------------
bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.route("/")
@login_required
def index():
    from .forms import ConfirmForm

    notes = list(db.session.scalars(
        db.select(Notification).where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(100)
        .options(selectinload(Notification.dialogue))))
    return render_template("main/notifications.html", notes=notes, form=ConfirmForm())


@bp.route("/read", methods=["POST"])
@login_required
def mark_read():
    from .forms import ConfirmForm

    if ConfirmForm().validate_on_submit():
        now = utcnow()
        for note in db.session.scalars(db.select(Notification).where(
                Notification.user_id == current_user.id, Notification.read_at.is_(None))):
            note.read_at = now
        db.session.commit()
        flash(_("All notifications are marked as read."), "success")
    from .auth import local_path, safe_next

    return redirect(safe_next(local_path(request.referrer), url_for("notifications.index")))


def overdue_run() -> int:
    """Announce every commitment that has fallen overdue, once; for ``dialogue notify``."""
    from .registry import get_registry

    count = 0
    for phase in get_registry().phases:
        hook = phase.extra.get("overdue")
        if hook is None:
            continue
        for dialogue, ref, params in hook():
            count += len(notify(members(dialogue), "commitment_overdue", dialogue, ref=ref, **params))
    return count
