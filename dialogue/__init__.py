"""The Dialogue Toolkit: ``create_app`` builds the Flask application."""
from __future__ import annotations

import logging
import os
from datetime import timedelta
from pathlib import Path

from flask import Flask, g, render_template, request, session
from markupsafe import Markup
from flask_login import current_user, logout_user
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .config import ConfigError, engine_options, from_environment
from .extensions import babel, csrf, db, limiter, login_manager, migrate

PACKAGE_DIR = Path(__file__).resolve().parent


def _resource_dir(name: str) -> Path:
    """``templates`` / ``translations``: beside the package in a checkout, inside it when installed."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


TEMPLATES_DIR = _resource_dir("templates")
TRANSLATIONS_DIR = _resource_dir("translations")
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"

#: the method's phases, registered in this order
PHASE_PACKAGES = ("phases.mapping", "phases.convening", "phases.followup")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(TEMPLATES_DIR),
        static_folder=str(PACKAGE_DIR / "static"),
        instance_path=os.environ.get("DIALOGUE_INSTANCE_PATH") or None,
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    settings = from_environment(app.instance_path, secret_key=(config or {}).get("SECRET_KEY"))
    app.config.update(settings)
    if config:
        app.config.update(config)
        if "SQLALCHEMY_DATABASE_URI" in config and "SQLALCHEMY_ENGINE_OPTIONS" not in config:
            # the pool follows the database actually used (an in-memory SQLite takes no pool size)
            app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(config["SQLALCHEMY_DATABASE_URI"])
    app.config.setdefault("ABSOLUTE_SESSION_DAYS", int(os.environ.get("DIALOGUE_ABSOLUTE_SESSION_DAYS", "7")))

    _setup_logging(app)
    if app.config.get("PROXY_HOPS"):
        # behind a reverse proxy: rate limits and secure cookies must see the client's address
        # and scheme, not the proxy's
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    if app.config.get("PRODUCTION") and app.config.get("RATELIMIT_STORAGE_URI", "").startswith("memory"):
        app.logger.warning("DIALOGUE_RATELIMIT_STORAGE_URI is memory://: each process counts login attempts "
                           "on its own. Use redis://… when several processes serve the app.")
    _setup_translations(app)
    _setup_database(app)
    _setup_login(app)
    babel.init_app(app, locale_selector=_select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    _setup_templates(app)
    _setup_registry(app)
    _register_blueprints(app)
    _setup_security(app)
    _setup_errors(app)

    from . import cli

    cli.init_app(app)
    return app


def _setup_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _setup_translations(app: Flask) -> None:
    from .i18n import compile_catalogs, find_catalogs

    source = Path(app.config.setdefault("TRANSLATIONS_DIR", str(TRANSLATIONS_DIR)))
    target = source
    if not os.access(target, os.W_OK):
        target = Path(app.instance_path) / "translations"
    compile_catalogs(source, target)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(target)
    app.config["LANGUAGES"] = find_catalogs(source)


def _select_locale():
    from .i18n import select_locale

    return select_locale()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite for one organisation on one machine: WAL, a busy timeout, foreign keys on."""
    module = type(dbapi_connection).__module__
    if "sqlite" not in module:
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _setup_database(app: Flask) -> None:
    from . import content  # noqa: F401  (its table)
    from .models import render_migration_item

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True,
        render_item=render_migration_item,
    )


def _setup_login(app: Flask) -> None:
    from .i18n import _l
    from .models import User

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(session_token: str):
        return db.session.scalar(db.select(User).where(User.session_token == session_token, User.active.is_(True)))

    @app.before_request
    def end_old_sessions():
        """An absolute limit on a session's age, whatever its activity."""
        started = session.get("login_at")
        if started is None or not current_user.is_authenticated:
            return None
        from .models import utcnow

        limit = timedelta(days=app.config["ABSOLUTE_SESSION_DAYS"]).total_seconds()
        if utcnow().timestamp() - float(started) > limit:
            logout_user()
            session.clear()
        return None


def _setup_templates(app: Flask) -> None:
    from flask_babel import format_date, format_datetime, format_decimal, format_percent

    from .audit import action_label
    from . import labels
    from .i18n import (
        country_name, current_language, is_rtl, language_in_sentence, language_name, list_text, time_local, when,
        when_local,
    )

    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # {% trans %} blocks collapse their whitespace, as the extractor does (babel.cfg: trimmed)
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.globals.update(
        country_name=country_name,
        language_name=language_name,
        language_in_sentence=language_in_sentence,
        is_rtl=is_rtl,
        current_language=current_language,
        action_label=action_label,
        phase_label=labels.phase_label,
        member_role_label=labels.member_role_label,
        user_role_label=labels.user_role_label,
        case_study_status_label=labels.case_study_status_label,
        error_title=labels.error_title,
        error_text=labels.error_text,
        translation_state_label=labels.translation_state_label,
        translation_filter_label=labels.translation_filter_label,
        document_label=labels.document_label,
    )
    app.jinja_env.filters.update(
        datetime=format_datetime,
        date=format_date,
        number=format_decimal,
        percent=format_percent,
        language_name_in=lambda code: language_in_sentence(code, current_language()),
        list_text=list_text,
        when=when,
        when_local=when_local,
        time_local=time_local,
        bdi=lambda text: Markup("<bdi>%s</bdi>") % text,
    )


def _setup_registry(app: Flask) -> None:
    import importlib

    from .documents import METHOD_OVERVIEW
    from .registry import Registry

    from .content import dialogue_text_source, translations_package_section

    from .casestudy.documents import CASE_STUDY
    from .casestudy.package import CASE_STUDY_SECTION, case_study_text_source
    from .toolkit import TOOLKIT

    registry = Registry()
    registry.add_document(METHOD_OVERVIEW)
    registry.add_document(TOOLKIT)
    registry.add_text_source(dialogue_text_source())
    for name in PHASE_PACKAGES:
        registry.add_phase(importlib.import_module(name).PHASE)
    # the report joins every phase: registered after them, so its texts come last too
    registry.add_document(CASE_STUDY)
    registry.add_text_source(case_study_text_source())
    registry.closing_sections.append(CASE_STUDY_SECTION)
    # phase 0: the application a dialogue was born from (a core package: it comes before any phase)
    from .calls import APPLICATION_SECTION

    registry.closing_sections.append(APPLICATION_SECTION)
    registry.closing_sections.append(translations_package_section())
    app.extensions["dialogue.registry"] = registry


def _register_blueprints(app: Flask) -> None:
    from . import admin, auth, content_views, package_views, views
    from .casestudy import views as casestudy_views
    from . import lifecycle, notifications
    from .review import portfolio_views
    from .review import views as review_views

    app.register_blueprint(auth.bp)
    app.register_blueprint(views.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(content_views.bp)
    app.register_blueprint(package_views.bp)
    app.register_blueprint(casestudy_views.bp)
    app.register_blueprint(portfolio_views.bp)
    app.register_blueprint(review_views.bp)
    app.register_blueprint(notifications.bp)
    from . import calls

    app.register_blueprint(calls.bp)
    app.register_blueprint(calls.public)
    app.register_blueprint(lifecycle.bp)
    for phase in app.extensions["dialogue.registry"].phases:
        if phase.blueprint is not None:
            app.register_blueprint(phase.blueprint)
        # a phase's pages outside a dialogue (e.g. a public form reached by a link)
        for blueprint in phase.extra.get("blueprints", ()):
            app.register_blueprint(blueprint)


def _setup_security(app: Flask) -> None:
    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if current_user and current_user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.before_request
    def remember_direction():
        from .i18n import current_language, is_rtl

        g.lang = current_language()
        g.dir = "rtl" if is_rtl(g.lang) else "ltr"


def _setup_errors(app: Flask) -> None:
    from flask_wtf.csrf import CSRFError

    def render_error(status: int):
        def handler(error):
            db.session.rollback()
            return render_template("errors/error.html", status=status), status

        return handler

    for status in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(status, render_error(status))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template("errors/error.html", status=400, csrf=True), 400


__all__ = ["create_app", "ConfigError"]
