"""The audit log: written by services, chained by hash, verified by ``dialogue audit verify``."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import text

from .extensions import db
from .i18n import _l
from .models import AuditEntry, Dialogue, User, utcnow

logger = logging.getLogger("dialogue.audit")

#: an arbitrary constant: the PostgreSQL advisory lock that serialises appends to the chain
_CHAIN_LOCK = 748_221


#: how each action reads in the history; unknown codes are shown as they are
ACTION_LABELS = {
    "account.created": _l("created an account"),
    "account.login": _l("logged in"),
    "account.logout": _l("logged out"),
    "account.locked": _l("locked an account after failed logins"),
    "account.password_set": _l("set a new password"),
    "account.enabled": _l("enabled an account"),
    "account.disabled": _l("disabled an account"),
    "account.link_issued": _l("issued a set-password link"),
    "account.two_factor_enabled": _l("turned on the second login step"),
    "account.two_factor_disabled": _l("turned off the second login step"),
    "account.two_factor_reset": _l("reset someone's second login step"),
    "account.recovery_code_used": _l("logged in with a recovery code"),
    "account.second_step_failed": _l("gave a wrong code at the second login step"),
    "account.recovery_codes_renewed": _l("made new recovery codes"),
    "content.translated": _l("translated a text"),
    "content.translation_removed": _l("removed a translation"),
    "content.reviewed": _l("reviewed a translation"),
    "dialogue.created": _l("created the dialogue"),
    "dialogue.updated": _l("changed the dialogue's details"),
    "dialogue.imported": _l("imported the dialogue from a package"),
    "dialogue.exported": _l("exported the dialogue package"),
    "dialogue.deleted": _l("deleted the dialogue"),
    "dialogue.restored": _l("restored the dialogue"),
    "dialogue.retention_set": _l("set how long personal data is kept"),
    "dialogue.retention_passed": _l("forgot everyone's personal data: the retention period had passed"),
    "dialogue.purged": _l("removed a deleted dialogue for good"),
    "account.data_downloaded": _l("downloaded their own data"),
    "casestudy.saved": _l("saved the case study's narrative"),
    "review.submitted": _l("sent the case study for review"),
    "review.commented": _l("commented on the case study"),
    "review.changes_requested": _l("asked for changes to the case study"),
    "review.approved": _l("approved the case study"),
    "member.added": _l("added a member"),
    "member.removed": _l("removed a member"),
}


def action_label(code: str):
    return ACTION_LABELS.get(code, code)


def record(action: str, *, actor: User | None, dialogue: Dialogue | None = None, **details) -> AuditEntry:
    """Append one entry. ``details`` must hold no personal data of stakeholders."""
    session = db.session
    if session.get_bind().dialect.name == "postgresql":
        # Two processes appending at once would otherwise both chain onto the same entry.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    session.flush()
    previous = session.scalar(db.select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1))
    entry = AuditEntry(
        created_at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        dialogue_uuid=dialogue.uuid if dialogue is not None else None,
        action=action,
        details=details,
        prev_hash=previous or "",
    )
    entry.entry_hash = entry.compute_hash()
    session.add(entry)
    session.flush()
    logger.info("%s actor=%s dialogue=%s", action, entry.actor_id, entry.dialogue_uuid)
    return entry


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(batch: int = 1000) -> ChainReport:
    """Walk the log in order; report the first entry whose hash or link does not hold."""
    previous = ""
    checked = 0
    last_id = 0
    while True:
        rows = db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            return ChainReport(checked)
        for entry in rows:
            if entry.prev_hash != previous:
                return ChainReport(checked, entry.id, "link to the previous entry does not match")
            if entry.compute_hash() != entry.entry_hash:
                return ChainReport(checked, entry.id, "content does not match its hash")
            previous = entry.entry_hash
            checked += 1
            last_id = entry.id
        db.session.expunge_all()


def history(dialogue: Dialogue, limit: int = 50) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            db.select(AuditEntry)
            .where(AuditEntry.dialogue_uuid == dialogue.uuid)
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        )
    )
