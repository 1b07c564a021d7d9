"""Core services: accounts and dialogues. They add and flush; the request commits once.

Services take model objects and plain values (never ``request``) and the acting user as a
parameter, so the CLI and the tests call them exactly as the views do.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from sqlalchemy import func
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from . import audit
from .extensions import db
from .models import MEMBER_ROLES, ROLES, AccountToken, Dialogue, Membership, User, hash_token, utcnow

_hasher = PasswordHasher()

PASSWORD_MIN = 12
PASSWORD_MAX = 128


class ServiceError(ValueError):
    """A request the data does not allow; ``field`` names the form field it concerns."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEdit(ServiceError):
    """Someone else saved the same record since this form was opened."""


def flush_or_stale() -> None:
    """Flush; a row changed (version column) or created (unique key) by someone else at the
    same moment is a stale edit, which the page reports as such."""
    from sqlalchemy.exc import IntegrityError

    try:
        db.session.flush()
    except (StaleDataError, IntegrityError) as exc:
        raise StaleEdit("stale") from exc


class LinkUsed(ServiceError):
    """A one-time link used by another request at the same moment."""


# -- passwords -----------------------------------------------------------------------
def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(user: User, password: str) -> bool:
    if not user.password_hash:
        return False
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return True


# A dummy hash to spend the same time on unknown accounts as on known ones.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalise_email(email)))


@dataclass
class LoginResult:
    user: User | None
    locked: bool = False


def authenticate(email: str, password: str) -> LoginResult:
    """Check a login; count failures per account and lock it for a while after too many."""
    user = find_user(email)
    if user is None:
        try:
            _hasher.verify(_DUMMY_HASH, password or "-")
        except (VerifyMismatchError, VerificationError):
            pass
        return LoginResult(None)
    if is_locked(user):
        return LoginResult(None, locked=True)
    if not user.active or not check_password(user, password):
        return LoginResult(None, locked=count_failure(user))
    # the failure count is cleared only when a session really starts (record_login): a right
    # password followed by wrong second-step codes keeps counting towards the lock
    return LoginResult(user)


def count_failure(user: User) -> bool:
    """Count a failed password or second step; after too many the account is locked for a
    while. Returns True when it is now locked."""
    now = utcnow()
    user.failed_logins = (user.failed_logins or 0) + 1
    if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
        user.locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
        user.failed_logins = 0
        audit.record("account.locked", actor=None, user=user.uuid)
        db.session.flush()
        return True
    db.session.flush()
    return False


def is_locked(user: User) -> bool:
    return bool(user.locked_until and user.locked_until > utcnow())


def record_login(user: User, *, method: str = "password") -> bool:
    """A session starts. Returns True when a coordinator reset the user's second step since
    their last login (so the page can tell them)."""
    reset = user.two_factor_reset_at
    told = bool(reset and (user.last_login_at is None or reset > user.last_login_at))
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    audit.record("account.login", actor=user, method=method)
    return told


def logout(user: User) -> None:
    """End every session of the account, on every device."""
    user.end_all_sessions()
    audit.record("account.logout", actor=user)


# -- accounts --------------------------------------------------------------------------
def create_user(
    email: str, *, role: str, name: str = "", created_by: User | None = None, password: str | None = None
) -> tuple[User, str | None]:
    """A new account. Without a password it gets a one-time set-password link (returned)."""
    email = normalise_email(email)
    if role not in ROLES:
        raise ServiceError(f"unknown role {role!r}", "role")
    if find_user(email) is not None:
        raise ServiceError("exists", "email")
    user = User(email=email, name=(name or "").strip(), role=role)
    db.session.add(user)
    token = None
    if password is not None:
        user.password_hash = hash_password(password)
    else:
        token = issue_set_password_link(user, created_by=created_by)
    db.session.flush()
    audit.record("account.created", actor=created_by, user=user.uuid, role=role)
    return user, token


def issue_set_password_link(user: User, *, created_by: User | None = None) -> str:
    """Invalidate the user's earlier links and issue a new one; returns the token to pass on."""
    for old in db.session.scalars(
        db.select(AccountToken).where(AccountToken.user_id == user.id, AccountToken.used_at.is_(None))
    ) if user.id else []:
        old.used_at = utcnow()
    row, token = AccountToken.issue(user, hours=current_app.config["SET_PASSWORD_HOURS"], created_by=created_by)
    db.session.add(row)
    db.session.flush()
    return token


def find_set_password_token(token: str) -> AccountToken | None:
    row = db.session.scalar(db.select(AccountToken).where(AccountToken.token_hash == hash_token(token or "")))
    if row is None or not row.is_usable():
        return None
    return row


def set_password(user: User, password: str, *, token: AccountToken | None = None) -> None:
    """Set a new password; every other session of the account ends."""
    from .security import password_problem

    problem = password_problem(password, (user.email, user.name))
    if problem:
        raise ServiceError(problem, "password")
    if token is not None:
        # claimed in the database first: two requests with the same link cannot both set a password
        now = utcnow()
        claimed = db.session.execute(
            db.update(AccountToken).where(AccountToken.id == token.id, AccountToken.used_at.is_(None))
            .values(used_at=now).execution_options(synchronize_session=False)).rowcount == 1
        if not claimed:
            raise LinkUsed("used")
        from sqlalchemy.orm.attributes import set_committed_value

        set_committed_value(token, "used_at", now)
    user.password_hash = hash_password(password)
    user.end_all_sessions()
    user.failed_logins = 0
    user.locked_until = None
    audit.record("account.password_set", actor=user)


def set_locale(user: User, locale: str) -> None:
    user.locale = locale


def set_active(user: User, active: bool, *, actor: User) -> None:
    if user.id == actor.id and not active:
        raise ServiceError("self", "active")
    user.active = active
    if not active:
        user.end_all_sessions()
        # a disabled account cannot be brought back through an old link
        for token in db.session.scalars(
            db.select(AccountToken).where(AccountToken.user_id == user.id, AccountToken.used_at.is_(None))
        ):
            token.used_at = utcnow()
    audit.record("account.enabled" if active else "account.disabled", actor=actor, user=user.uuid)


# -- dialogues -------------------------------------------------------------------------
DIALOGUE_FIELDS = ("title", "country", "locality", "languages", "organisation", "challenge", "content_language")


def create_dialogue(owner: User, **fields) -> Dialogue:
    """A new dialogue, with ``owner`` as its lead."""
    dialogue = Dialogue(**{k: v for k, v in fields.items() if k in DIALOGUE_FIELDS})
    dialogue.memberships.append(Membership(user=owner, role="lead"))
    db.session.add(dialogue)
    db.session.flush()
    audit.record("dialogue.created", actor=owner, dialogue=dialogue, country=dialogue.country)
    return dialogue


def update_dialogue(dialogue: Dialogue, actor: User, *, version: int, **fields) -> list[str]:
    """Save the dialogue's settings unless someone saved since ``version`` was read."""
    if version != dialogue.version:
        raise StaleEdit("stale")
    changed = []
    for key, value in fields.items():
        if key in DIALOGUE_FIELDS and getattr(dialogue, key) != value:
            setattr(dialogue, key, value)
            changed.append(key)
    if changed:
        try:
            db.session.flush()
        except StaleDataError as exc:  # saved by someone else between our read and our write
            raise StaleEdit("stale") from exc
        audit.record("dialogue.updated", actor=actor, dialogue=dialogue, fields=sorted(changed))
    return changed


def invite_member(
    dialogue: Dialogue, actor: User, *, email: str, name: str = "", role: str = "facilitator"
) -> tuple[Membership, str | None]:
    """Add a colleague; a new account gets a one-time set-password link (returned)."""
    if role not in MEMBER_ROLES:
        raise ServiceError("role", "role")
    user = find_user(email)
    token = None
    if user is None:
        user, token = create_user(email, role="partner", name=name, created_by=actor)
    elif dialogue.is_member(user):
        raise ServiceError("member", "email")
    membership = Membership(dialogue=dialogue, user=user, role=role)
    db.session.add(membership)
    db.session.flush()
    audit.record("member.added", actor=actor, dialogue=dialogue, user=user.uuid, role=role)
    return membership, token


def remove_member(dialogue: Dialogue, actor: User, membership: Membership) -> None:
    if membership.dialogue_id != dialogue.id:
        raise ServiceError("member")
    if membership.role == "lead" and sum(1 for m in dialogue.memberships if m.role == "lead") <= 1:
        raise ServiceError("last_lead")
    user_uuid = membership.user.uuid
    dialogue.memberships.remove(membership)
    db.session.flush()
    audit.record("member.removed", actor=actor, dialogue=dialogue, user=user_uuid)


def dialogues_for(user: User) -> list[Dialogue]:
    """The dialogues a user may open: all for coordinators, their own for everyone else."""
    query = db.select(Dialogue).where(Dialogue.deleted_at.is_(None)).order_by(Dialogue.created_at.desc())
    if not user.is_coordinator:
        query = query.join(Membership).where(Membership.user_id == user.id)
    return list(db.session.scalars(query.options(selectinload(Dialogue.memberships))))


def count_users() -> int:
    return db.session.scalar(db.select(func.count(User.id))) or 0
