"""Account safety: the second login step (TOTP, RFC 6238), recovery codes, password strength.

Services: they flush, never commit, and write the audit log.
"""
from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy.orm.attributes import set_committed_value

from . import audit
from .extensions import db
from .models import RecoveryCode, User, hash_token, utcnow

ISSUER = "Dialogue Toolkit"
RECOVERY_CODES = 10
#: zxcvbn's score (0-4) a password must reach
MIN_STRENGTH = 3


# -- passwords -------------------------------------------------------------------------
def password_problem(password: str, user_inputs: list[str] | tuple = ()) -> str | None:
    """``None`` when the password may be used, else a code: ``length`` or ``guessable``.

    NIST SP 800-63B: 12 to 128 characters of any kind, no composition rules, and not a common
    or easily guessed password (checked with zxcvbn, which knows common passwords, names,
    words, keyboard patterns, sequences and repeats, and the user's own e-mail and name).
    """
    from .services import PASSWORD_MAX, PASSWORD_MIN

    if not PASSWORD_MIN <= len(password or "") <= PASSWORD_MAX:
        return "length"
    from zxcvbn import zxcvbn

    inputs = [str(value) for value in user_inputs if value]
    inputs += [part for value in inputs for part in value.replace("@", " ").replace(".", " ").split()]
    # zxcvbn is slow on very long inputs; the first 64 characters decide whether it is guessable
    if zxcvbn(password[:64], user_inputs=inputs)["score"] < MIN_STRENGTH:
        return "guessable"
    return None


# -- the second step ---------------------------------------------------------------------
def new_secret() -> str:
    import pyotp

    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    import pyotp

    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG (no image request, no script)."""
    import segno

    return segno.make(uri, error="m").svg_inline(scale=5, dark="#1d2730", light="#ffffff")


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).lower()


def _totp_step(secret: str, code: str, last_step: int | None) -> int | None:
    """The time step a valid code belongs to (±1 step of drift), never one already used."""
    import pyotp

    code = _normalise(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = utcnow()
    for offset in (0, -1, 1):
        moment = now + timedelta(seconds=30 * offset)
        if secrets.compare_digest(totp.at(moment), code):
            step = totp.timecode(moment)
            if last_step is not None and step <= last_step:
                return None
            return step
    return None


def confirm_enrolment(user: User, secret: str, code: str) -> list[str] | None:
    """Turn the second step on if ``code`` matches ``secret``; returns the recovery codes."""
    step = _totp_step(secret, code, None)
    if step is None:
        return None
    user.totp_secret = secret
    user.totp_enabled_at = utcnow()
    user.totp_last_step = step
    codes = _new_recovery_codes(user)
    audit.record("account.two_factor_enabled", actor=user)
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    for old in list(user.recovery_codes):
        user.recovery_codes.remove(old)
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_hex(5)  # 40 bits each, ten of them, used once, behind a password
        code = f"{raw[:5]}-{raw[5:]}"
        codes.append(code)
        user.recovery_codes.append(RecoveryCode(code_hash=hash_token(_normalise(code))))
    db.session.flush()
    return codes


def regenerate_recovery_codes(user: User) -> list[str]:
    codes = _new_recovery_codes(user)
    audit.record("account.recovery_codes_renewed", actor=user)
    return codes


def check_second_step(user: User, code: str) -> str | None:
    """``"totp"`` or ``"recovery"`` when the code is right (a recovery code is then used up)."""
    if not user.has_two_factor:
        return None
    step = _totp_step(user.totp_secret, code, user.totp_last_step)
    if step is not None:
        if user.id is None:  # an account not saved yet (nothing to race with)
            user.totp_last_step = step
            return "totp"
        # claimed in the database, so two requests with the same code at once cannot both pass
        if _claim(db.update(User).where(
                User.id == user.id,
                (User.totp_last_step.is_(None)) | (User.totp_last_step < step)).values(totp_last_step=step)):
            set_committed_value(user, "totp_last_step", step)
            return "totp"
        return None
    wanted = hash_token(_normalise(code))
    for row in user.recovery_codes:
        if row.used_at is None and secrets.compare_digest(row.code_hash, wanted):
            now = utcnow()
            if not _claim(db.update(RecoveryCode).where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None))
                          .values(used_at=now)):
                return None
            set_committed_value(row, "used_at", now)
            audit.record("account.recovery_code_used", actor=user)
            return "recovery"
    return None


def _claim(statement) -> bool:
    """Run a conditional UPDATE that marks a single-use value used; True when this request got it."""
    result = db.session.execute(statement.execution_options(synchronize_session=False))
    return result.rowcount == 1


def remaining_recovery_codes(user: User) -> int:
    return sum(1 for row in user.recovery_codes if row.used_at is None)


def turn_off(user: User, *, actor: User) -> None:
    """Remove the second step. By someone else (a coordinator's reset): the user is told at
    their next login, and every session of theirs ends."""
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    for row in list(user.recovery_codes):
        user.recovery_codes.remove(row)
    if actor.id != user.id:
        user.two_factor_reset_at = utcnow()
        user.end_all_sessions()
        audit.record("account.two_factor_reset", actor=actor, user=user.uuid)
    else:
        audit.record("account.two_factor_disabled", actor=user)
    db.session.flush()


def is_required_for(user: User, config) -> bool:
    """Coordinators, leads and reviewers (who read applicants' personal data) must use a second
    step when the instance says so."""
    return bool(config.get("REQUIRE_2FA")) and (user.is_coordinator or user.leads_a_dialogue
                                             or user.is_reviewer)
