"""Settings, read from ``DIALOGUE_*`` environment variables.

Every setting has a default that makes ``dialogue run`` work on a laptop: SQLite in the
instance folder, a secret key generated once and kept in the instance folder. In
production mode (``DIALOGUE_ENV=production``) nothing is guessed: a missing secret key
refuses to start.
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and how to fix it."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc


def _secret_key(instance_path: Path, production: bool, given: str | None = None) -> str:
    key = given or os.environ.get("DIALOGUE_SECRET_KEY")
    if key:
        return key
    if production:
        raise ConfigError(
            "DIALOGUE_SECRET_KEY is not set. In production mode the session key must come from "
            "the environment: generate one with `python -c 'import secrets; print(secrets.token_hex(32))'` "
            "and set DIALOGUE_SECRET_KEY to it (the same value in every app process)."
        )
    # Development and the demo: one key per instance folder, kept across restarts.
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def engine_options(database_url: str) -> dict:
    """Connection pool: on a server database, one connection per gunicorn thread stays open.

    SQLAlchemy keeps 5 by default and opens (then closes) the rest for each request, so that
    under load every thread beyond the fifth paid for a new PostgreSQL connection
    (bench/load.py). ``DIALOGUE_DB_POOL_SIZE`` should be at least gunicorn's ``--threads``.
    """
    options: dict = {"pool_pre_ping": True}
    if not database_url.startswith("sqlite"):
        options["pool_size"] = _int("DIALOGUE_DB_POOL_SIZE", 10)
        options["max_overflow"] = _int("DIALOGUE_DB_MAX_OVERFLOW", 10)
    return options


def from_environment(instance_path: str, secret_key: str | None = None) -> dict:
    """The configuration mapping for ``app.config``, from the environment."""
    instance = Path(instance_path)
    env = os.environ.get("DIALOGUE_ENV", "development").strip().lower()
    production = env == "production"
    database_url = os.environ.get("DIALOGUE_DATABASE_URL") or f"sqlite:///{instance / 'dialogue.sqlite'}"
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url[len("postgres://"):]
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    secure_cookies = _bool(os.environ.get("DIALOGUE_SECURE_COOKIES"), default=production)
    return {
        "DIALOGUE_ENV": env,
        "PRODUCTION": production,
        "SECRET_KEY": _secret_key(instance, production, secret_key),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url),
        # Sessions: signed cookie, never readable by scripts, not sent on cross-site posts.
        "SESSION_COOKIE_NAME": "__Host-session" if secure_cookies else "session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=_int("DIALOGUE_SESSION_HOURS", 8)),
        "MAX_CONTENT_LENGTH": _int("DIALOGUE_MAX_UPLOAD_MB", 20) * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        #: how many reverse proxies set X-Forwarded-For/-Proto/-Host in front of the app (0: none)
        "PROXY_HOPS": _int("DIALOGUE_PROXY_HOPS", 1 if production else 0),
        "RATELIMIT_STORAGE_URI": os.environ.get("DIALOGUE_RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        #: downloads anyone may make without an account (the public handout), per address
        "PUBLIC_RATE_LIMIT": os.environ.get("DIALOGUE_PUBLIC_RATE_LIMIT", "30 per minute"),
        #: months after a call closes that applicants not selected keep their contact details
        "APPLICATION_RETENTION_MONTHS": _int("DIALOGUE_APPLICATION_RETENTION_MONTHS", 12),
        #: a second login step is required of coordinators and leads (on by default in production)
        "REQUIRE_2FA": _bool(os.environ.get("DIALOGUE_REQUIRE_2FA"), default=production),
        #: how long ago the password may have been given for the riskiest actions
        "REAUTH_MINUTES": _int("DIALOGUE_REAUTH_MINUTES", 15),
        "LOGIN_RATE_LIMIT": os.environ.get("DIALOGUE_LOGIN_RATE_LIMIT", "20 per 10 minutes"),
        "LOGIN_MAX_FAILURES": _int("DIALOGUE_LOGIN_MAX_FAILURES", 5),
        "LOGIN_LOCK_MINUTES": _int("DIALOGUE_LOGIN_LOCK_MINUTES", 15),
        "SET_PASSWORD_HOURS": _int("DIALOGUE_SET_PASSWORD_HOURS", 72),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "REVIEW_LANGUAGE": os.environ.get("DIALOGUE_REVIEW_LANGUAGE", "en"),
        "SMTP_HOST": os.environ.get("DIALOGUE_SMTP_HOST", ""),
        "SMTP_PORT": _int("DIALOGUE_SMTP_PORT", 587),
        "SMTP_USER": os.environ.get("DIALOGUE_SMTP_USER", ""),
        "SMTP_PASSWORD": os.environ.get("DIALOGUE_SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _bool(os.environ.get("DIALOGUE_SMTP_STARTTLS"), default=True),
        "MAIL_FROM": os.environ.get("DIALOGUE_MAIL_FROM", "dialogue-toolkit@localhost"),
        "BASE_URL": os.environ.get("DIALOGUE_BASE_URL", ""),
        "PREFERRED_URL_SCHEME": "https" if secure_cookies else "http",
        # Documents (dialogue/render_pool.py): finished PDFs are files in a folder that every app
        # process (and machine) of one instance shares, deleted when not read for some days.
        "DOCUMENT_CACHE_DIR": os.environ.get("DIALOGUE_DOCUMENT_CACHE_DIR") or str(instance / "documents"),
        "DOCUMENT_CACHE_DAYS": _int("DIALOGUE_DOCUMENT_CACHE_DAYS", 30),
        #: renders at once on this machine, in worker processes; 0 renders in the web process
        "RENDER_WORKERS": _int("DIALOGUE_RENDER_WORKERS", max(1, (os.cpu_count() or 2) // 2)),
        #: seconds a render may take, and the address space (MB) of a render worker
        "RENDER_TIMEOUT": _float("DIALOGUE_RENDER_TIMEOUT", 120),
        "RENDER_MEMORY_MB": _int("DIALOGUE_RENDER_MEMORY_MB", 1024),
        #: seconds a download waits for its render before answering "being prepared"
        "RENDER_WAIT": _float("DIALOGUE_RENDER_WAIT", 5),
    }
