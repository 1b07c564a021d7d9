"""Fixtures in the style of Flask's tutorial: ``app``, ``client``, ``runner``, ``auth``, factories.

Database
    Without ``DIALOGUE_DATABASE_URL`` every test gets its own SQLite file, copied from a
    template made once per worker with ``db.create_all()``. With ``DIALOGUE_DATABASE_URL``
    (CI's second run) each pytest-xdist worker gets its own PostgreSQL database on that server
    (``<name>_<worker>``), created at session start; the tables are emptied after every test.

Configuration
    ``TESTING``, a fixed ``SECRET_KEY``, CSRF off and rate limits off by default. A test changes
    any setting with ``@pytest.mark.app_config(KEY=value, ...)``; ``csrf_app``/``csrf_client`` have
    CSRF on. ``DIALOGUE_INSTANCE_PATH`` points into the test's tmp dir.

Queries
    ``count_queries`` counts the SQL statements run inside a ``with`` block::

        with count_queries() as queries:
            client.get(url)
        assert queries.count <= 12
"""
from __future__ import annotations

import itertools
import os
import shutil
from contextlib import contextmanager

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from dialogue import create_app, services
from dialogue.extensions import db, limiter

import support
from support import PASSWORD, AuthActions, DialogueInfo, QueryCount, UserInfo, World, walk_pages

#: the app's own hasher, kept so a test can check what production uses
support.PRODUCTION_HASHER = services._hasher
# argon2 with production parameters costs ~0.1 s a hash; tests make hundreds of accounts.
# The algorithm is the same, only cheaper (nothing in the app's code changes).
services._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

DATABASE_URL = os.environ.get("DIALOGUE_DATABASE_URL", "").strip()
USE_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://", "postgresql+psycopg://"))


def pytest_configure(config):
    config.addinivalue_line("markers", "app_config(**settings): app.config values for this test's app")


def worker_id() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "master")


# -- PostgreSQL: one database per worker ----------------------------------------------------
def _pg_url(database: str | None = None):
    url = make_url(DATABASE_URL)
    url = url.set(drivername="postgresql+psycopg")
    return url.set(database=database) if database else url


def _pg_admin():
    import psycopg

    conninfo = _pg_url("postgres").set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(conninfo, autocommit=True)


def pg_create_database(name: str) -> str:
    """(Re)create an empty database on the test server; returns its SQLAlchemy URL."""
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return _pg_url(name).render_as_string(hide_password=False)


def pg_drop_database(name: str) -> None:
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_base_name() -> str:
    return _pg_url().database or "dialogue_test"


def _base_config(database_uri: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SMTP_HOST": "",
        "SERVER_NAME": None,
        # documents render in the test's process (test_render_pool.py turns the pool on)
        "RENDER_WORKERS": 0,
    }


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """Once per worker: a database with every table (SQLite: a file to copy; PostgreSQL: the DB)."""
    base = tmp_path_factory.mktemp("dbtemplate")
    previous = os.environ.get("DIALOGUE_INSTANCE_PATH")
    os.environ["DIALOGUE_INSTANCE_PATH"] = str(base / "instance")
    try:
        if USE_POSTGRES:
            name = f"{_pg_base_name()}_{worker_id()}"
            uri = pg_create_database(name)
        else:
            name = None
            uri = f"sqlite:///{base / 'template.sqlite'}"
        app = create_app(_base_config(uri))
        with app.app_context():
            db.create_all()
            tables = [t.name for t in db.metadata.sorted_tables]
            db.engine.dispose()
    finally:
        if previous is None:
            os.environ.pop("DIALOGUE_INSTANCE_PATH", None)
        else:
            os.environ["DIALOGUE_INSTANCE_PATH"] = previous
    engine = create_engine(uri, poolclass=NullPool) if USE_POSTGRES else None
    yield {"uri": uri, "path": None if USE_POSTGRES else base / "template.sqlite", "tables": tables, "engine": engine}
    if engine is not None:
        engine.dispose()
    if name:
        pg_drop_database(name)


@pytest.fixture
def database_uri(database_template, tmp_path):
    """This test's database, with every table and no rows."""
    if USE_POSTGRES:
        return database_template["uri"]
    target = tmp_path / "test.sqlite"
    shutil.copyfile(database_template["path"], target)
    return f"sqlite:///{target}"


def _empty_tables(engine, tables) -> None:
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL lock_timeout = '20s'"))
        conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))


@pytest.fixture
def make_app(database_uri, database_template, tmp_path, monkeypatch, request):
    """``make_app(**settings)``: an app on this test's database; the ``app_config`` marker applies too."""
    instance = tmp_path / "instance"
    monkeypatch.setenv("DIALOGUE_INSTANCE_PATH", str(instance))
    # anything in the test that builds an app from the environment uses this test's database
    monkeypatch.setenv("DIALOGUE_DATABASE_URL", database_uri)
    for name in ("DIALOGUE_ENV", "DIALOGUE_SECRET_KEY", "DIALOGUE_SECURE_COOKIES", "DIALOGUE_SMTP_HOST",
                 "DIALOGUE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    marker_settings = {}
    for marker in reversed(list(request.node.iter_markers("app_config"))):
        marker_settings.update(marker.kwargs)
    made = []

    def factory(**settings):
        config = _base_config(database_uri)
        config.update(marker_settings)
        config.update(settings)
        app = create_app(config)
        if app.config.get("RATELIMIT_ENABLED"):
            with app.app_context():
                limiter.reset()
        made.append(app)
        return app

    yield factory

    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    if USE_POSTGRES:
        _empty_tables(database_template["engine"], database_template["tables"])


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def csrf_app(make_app):
    return make_app(WTF_CSRF_ENABLED=True)


@pytest.fixture
def csrf_client(csrf_app):
    return csrf_app.test_client()


@pytest.fixture
def empty_database_uri(tmp_path):
    """A database with no tables at all (for migrations and ``init-db``)."""
    if not USE_POSTGRES:
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    name = f"{_pg_base_name()}_{worker_id()}_empty"
    uri = pg_create_database(name)
    yield uri
    pg_drop_database(name)


# -- factories -------------------------------------------------------------------------------
_sequence = itertools.count(1)


def _user_info(user, password, token=None) -> UserInfo:
    return UserInfo(user.id, user.uuid, user.email, user.role, user.name, password, token)


@pytest.fixture
def make_user(app):
    """``make_user(role="partner", password=PASSWORD, email=None, name=None, active=True)``.

    ``password=None`` makes an invited account: no password yet, ``link_token`` holds its
    one-time set-password token.
    """

    def factory(role: str = "partner", password: str | None = PASSWORD, email: str | None = None,
                name: str | None = None, active: bool = True) -> UserInfo:
        n = next(_sequence)
        email = email or f"{role}{n}@example.org"
        name = f"{role.title()} {n}" if name is None else name
        with app.app_context():
            user, token = services.create_user(email, role=role, name=name, password=password)
            if not active:
                user.active = False
            db.session.commit()
            return _user_info(user, password, token)

    return factory


@pytest.fixture
def make_dialogue(app, make_user):
    """``make_dialogue(lead=None, facilitators=(), co_leads=(), **fields)``: a dialogue made by the services."""

    def factory(lead: UserInfo | None = None, facilitators=(), co_leads=(), **fields) -> DialogueInfo:
        from dialogue.models import Dialogue, User

        lead = lead or make_user()
        n = next(_sequence)
        values = {
            "title": f"Water for the valley {n}",
            "country": "KE",
            "locality": "Isiolo",
            "languages": ["en", "sw"],
            "organisation": "Pamoja Forum",
            "challenge": "Herders and farmers share one river.",
            "content_language": "en",
        }
        values.update(fields)
        with app.app_context():
            owner = db.session.get(User, lead.id)
            dialogue = services.create_dialogue(owner, **values)
            for facilitator in facilitators:
                services.invite_member(dialogue, owner, email=facilitator.email, role="facilitator")
            for co_lead in co_leads:
                services.invite_member(dialogue, owner, email=co_lead.email, role="lead")
            db.session.commit()
            dialogue = db.session.get(Dialogue, dialogue.id)
            return DialogueInfo(
                dialogue.id, dialogue.uuid, dialogue.title, lead, list(facilitators),
                {m.user.email: m.id for m in dialogue.memberships},
            )

    return factory


@pytest.fixture
def world(app, make_user, make_dialogue) -> World:
    """A dialogue with lead and facilitator, a coordinator, and an outsider who leads another dialogue."""
    lead = make_user(name="Grace Lead")
    facilitator = make_user(name="Peter Facilitator")
    coordinator = make_user(role="coordinator", name="Amina Coordinator")
    outsider = make_user(name="Otto Outsider")
    other = make_dialogue(lead=outsider, title="The outsiders own dialogue")
    dialogue = make_dialogue(lead=lead, facilitators=[facilitator], title="Secret valley dialogue")
    return World(app, dialogue, lead, facilitator, coordinator, outsider, other)


@pytest.fixture
def visited_pages(world, stub_documents):
    """Every page the tests can reach (see ``support.walk_pages``); documents are stubbed."""
    return walk_pages(world)


@pytest.fixture
def auth(client):
    return AuthActions(client)


# -- counting queries -------------------------------------------------------------------------
@pytest.fixture
def count_queries(app):
    """``with count_queries() as q: ...`` then ``q.count`` / ``q.statements``."""

    @contextmanager
    def counting(target_app=None):
        with (target_app or app).app_context():
            engine = db.engine
        counter = QueryCount()
        event.listen(engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", counter)

    return counting


@pytest.fixture
def stub_documents(monkeypatch):
    """Make document downloads answer a tiny PDF without rendering (for access and page walks)."""
    from flask import Response

    from dialogue import documents

    def download(kind, lang, *, dialogue=None):
        return Response(b"%PDF-1.7 stub", mimetype="application/pdf")

    monkeypatch.setattr(documents, "download", download)
    return download
