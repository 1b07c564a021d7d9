"""The ``dialogue`` command: Flask's CLI plus the toolkit's own commands."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from .extensions import db


def _create_app(*args, **kwargs):
    from . import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=True, add_version_option=False)
def main():
    """Dialogue Toolkit: multi-stakeholder dialogues, from mapping to commitments."""


def write_private(path, data: bytes) -> None:
    """Write a file only its owner can read, from the first byte (exports hold personal data)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_CREAT


def init_app(app) -> None:
    for command in (init_db, create_user, list_dialogues, render, translate, demo, export, import_, audit_group,
                    content_group, backup, restore, notify, purge):
        app.cli.add_command(command)


# -- database ------------------------------------------------------------------------
def upgrade_database() -> None:
    """Create the schema or bring it to the newest migration; never drops data."""
    from flask_migrate import upgrade

    upgrade(directory=current_app.extensions["migrate"].directory)


@click.command("init-db")
@with_appcontext
def init_db():
    """Create the database, or upgrade an existing one to the current schema."""
    upgrade_database()
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")


# -- accounts ------------------------------------------------------------------------
@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(["coordinator", "partner", "reviewer"]), required=True)
@click.option("--name", default="", help="The person's name as shown to others.")
@with_appcontext
def create_user(email, role, name):
    """Create an account; the password comes from a prompt or DIALOGUE_PASSWORD."""
    from . import services

    password = os.environ.get("DIALOGUE_PASSWORD")
    if not password:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    from .security import password_problem

    problem = password_problem(password, (email, name))
    if problem == "length":
        raise click.ClickException(
            f"The password must have between {services.PASSWORD_MIN} and {services.PASSWORD_MAX} characters."
        )
    if problem == "guessable":
        raise click.ClickException(
            "This password is too easy to guess: it is a common password, a word or name, a keyboard pattern "
            "or a sequence. Try a few unrelated words."
        )
    try:
        user, _token = services.create_user(email, role=role, name=name, password=password)
    except services.ServiceError as exc:
        db.session.rollback()
        raise click.ClickException(f"An account for {email} exists already." if exc.field == "email" else exc.message)
    db.session.commit()
    click.echo(f"Created {role} {user.email}")


# -- dialogues -----------------------------------------------------------------------
@click.command("list")
@with_appcontext
def list_dialogues():
    """One line per dialogue: uuid, country, phase, title."""
    from .models import Dialogue

    for dialogue in db.session.scalars(db.select(Dialogue).order_by(Dialogue.created_at)):
        click.echo(f"{dialogue.uuid}\t{dialogue.country}\t{dialogue.phase}\t{dialogue.title}")


def _dialogue_by_uuid(value: str):
    from .models import Dialogue

    dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == value))
    if dialogue is None:
        raise click.ClickException(f"No dialogue with uuid {value}. `dialogue list` shows them.")
    return dialogue


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Say what would be removed or forgotten, change nothing.")
@with_appcontext
def purge(dry_run):
    """Remove dialogues deleted more than 30 days ago; forget the people of dialogues whose
    retention period has passed, and the contact details of applicants not selected a year
    after their call closed. Run it daily from cron."""
    from .extensions import db
    from .lifecycle import purge as run_purge

    counts = run_purge(dry_run=dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    verb = "would be" if dry_run else "were"
    click.echo(f"{counts['dialogues_removed']} deleted dialogue(s) {verb} removed; "
               f"{counts['dialogues_past_retention']} dialogue(s) past their retention period: "
               f"{counts['people_forgotten']} person(s) {'would be ' if dry_run else ''}forgotten; "
               f"the contact details of {counts['applicants_forgotten']} applicant(s) not selected {verb} removed.")


@click.command("notify")
@with_appcontext
def notify():
    """Announce what has fallen due (commitments overdue) to the dialogues' members, once each;
    run it daily from cron."""
    from .extensions import db
    from .notifications import overdue_run

    count = overdue_run()
    db.session.commit()
    click.echo(f"{count} notification(s) sent.")


@click.command("render")
@click.argument("kind")
@click.option("--dialogue", "dialogue_uuid", help="The dialogue's uuid, for documents about one dialogue.")
@click.option("--lang", required=True, help="Language code, e.g. en, fr, es, pt, ar.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option("--option", "options", multiple=True, metavar="NAME=VALUE",
              help="A document's option, e.g. --option meeting=UUID for a meeting's documents.")
@with_appcontext
def render(kind, dialogue_uuid, lang, output, options):
    """Render any document as PDF (KIND: method-overview, ...)."""
    from .documents import render as render_document
    from .i18n import available_languages
    from .registry import get_registry

    registry = get_registry()
    if kind not in registry.documents:
        raise click.ClickException(f"Unknown document {kind!r}. Known: {', '.join(sorted(registry.documents))}.")
    if lang not in available_languages():
        raise click.ClickException(f"Unknown language {lang!r}. Known: {', '.join(available_languages())}.")
    dialogue = _dialogue_by_uuid(dialogue_uuid) if dialogue_uuid else None
    if registry.documents[kind].needs_dialogue and dialogue is None:
        raise click.ClickException(f"{kind} is about one dialogue: give --dialogue UUID.")
    values = {}
    for option in options:
        name, _sep, value = option.partition("=")
        if name not in registry.documents[kind].options:
            known = ", ".join(registry.documents[kind].options) or "none"
            raise click.ClickException(f"{kind} has no option {name!r} (its options: {known}).")
        values[name] = value
    try:
        with current_app.test_request_context():
            data, _name = render_document(kind, lang, dialogue, **values)
    except KeyError as exc:
        raise click.ClickException(f"Not found: {exc.args[0]}") from None
    Path(output).write_bytes(data)
    click.echo(f"Wrote {output} ({len(data)} bytes)")


def _passphrase(confirm: bool) -> str:
    """From DIALOGUE_PASSPHRASE, or asked for (without echo)."""
    passphrase = os.environ.get("DIALOGUE_PASSPHRASE")
    if not passphrase:
        passphrase = click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm, err=True)
    return passphrase


def _read_maybe_encrypted(file, what: str) -> bytes:
    """The file's bytes, decrypted with the passphrase (prompt or DIALOGUE_PASSPHRASE) if it is
    an encrypted one."""
    from . import crypto

    raw = Path(file).read_bytes()
    if not crypto.is_encrypted(raw):
        return raw
    try:
        return crypto.decrypt(raw, _passphrase(confirm=False))
    except crypto.PassphraseError:
        raise click.ClickException(f"The passphrase does not open this {what} (or the file is damaged). "
                                   "Nothing was changed.")


@click.command("export")
@click.argument("dialogue_uuid")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write; default stdout.")
@click.option("--encrypt", is_flag=True,
              help="Encrypt with a passphrase (age format); the passphrase from a prompt or DIALOGUE_PASSPHRASE.")
@with_appcontext
def export(dialogue_uuid, output, encrypt):
    """Write the dialogue package as JSON (encrypted with --encrypt)."""
    from . import audit, crypto, package
    from .registry import people_at_risk

    dialogue = _dialogue_by_uuid(dialogue_uuid)
    text = package.dumps(package.export_dialogue(dialogue)) + "\n"
    at_risk = people_at_risk(dialogue)
    if encrypt:
        if not output:
            raise click.ClickException("An encrypted package is binary: give -o FILE.")
        passphrase = _passphrase(confirm=True)
        problem = crypto.passphrase_problem(passphrase)
        if problem:
            raise click.ClickException(
                "This passphrase is too short or too easy to guess: use at least 12 characters, "
                "a few unrelated words."
            )
        data = crypto.encrypt(text.encode("utf-8"), passphrase)
    else:
        data = text.encode("utf-8")
        if at_risk:
            click.echo(f"Warning: this dialogue records {at_risk} people marked at risk, and the package is "
                       "not encrypted. Use --encrypt, or keep the file on an encrypted disk and delete it "
                       "when it has been imported.", err=True)
    audit.record("dialogue.exported", actor=None, dialogue=dialogue, encrypted=bool(encrypt), via="cli")
    from .package_merge import remember

    remember(dialogue)  # the baseline of the next exchange: what comes back is merged against it
    db.session.commit()
    if output:
        write_private(output, data)
        click.echo(f"Wrote {output}{' (encrypted)' if encrypt else ''}", err=True)
    else:
        click.echo(text, nl=False)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--prefer", type=click.Choice(["theirs", "ours"]),
              help="Settle every conflict for the package (theirs) or for this instance (ours).")
@with_appcontext
def import_(file, prefer):
    """Create a dialogue from a package, or update it by uuid; prints its uuid.

    What changed here since the last exchange is kept; a field changed both here and in the
    package is a conflict: they are listed and nothing is applied, unless --prefer settles them.
    An encrypted package asks for its passphrase (or reads DIALOGUE_PASSPHRASE)."""
    from . import package
    from .package_merge import Conflicts, import_merged

    raw = _read_maybe_encrypted(file, "package")
    try:
        data = package.loads(raw)
        dialogue = import_merged(data, actor=None, choices={"*": prefer} if prefer else None)
        db.session.commit()
    except package.PackageError as exc:
        db.session.rollback()
        for path, message in exc.errors:
            click.echo(f"{path}: {message}", err=True)
        raise click.ClickException("The package was not imported; nothing was changed.")
    except Conflicts as exc:
        db.session.rollback()
        for c in exc.conflicts:
            click.echo(f"conflict {c.key}: here {json.dumps(c.ours, ensure_ascii=False)[:200]} | "
                       f"package {json.dumps(c.theirs, ensure_ascii=False)[:200]}", err=True)
        raise click.ClickException(f"{len(exc.conflicts)} field(s) were changed both here and in the package. "
                                   "Nothing was changed. Import again with --prefer theirs (the package wins) or "
                                   "--prefer ours (this instance wins), or use the import page to choose one by one.")
    click.echo(dialogue.uuid)


# -- what people wrote, for translators ---------------------------------------------
@click.group("content")
def content_group():
    """What people wrote, as XLIFF (or CSV) for translators."""


@content_group.command("export")
@click.option("--dialogue", "dialogue_uuid", required=True, help="The dialogue's uuid.")
@click.option("--lang", required=True, help="The language to translate into.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="FILE.xlf for XLIFF, FILE.csv for a spreadsheet.")
@with_appcontext
def content_export(dialogue_uuid, lang, output):
    """Write a dialogue's texts and their translations into LANG."""
    from . import content

    dialogue = _dialogue_by_uuid(dialogue_uuid)
    if lang not in content.target_languages(dialogue):
        raise click.ClickException(
            f"{lang} is not a language of this dialogue: {', '.join(content.target_languages(dialogue))}."
        )
    data = content.export_csv(dialogue, lang) if output.lower().endswith(".csv") else content.export_xliff(dialogue, lang)
    write_private(output, data)
    click.echo(f"Wrote {output}")


@content_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dialogue", "dialogue_uuid", help="The dialogue's uuid (read from an XLIFF file when not given).")
@click.option("--lang", help="The language of the translations (needed for CSV).")
@with_appcontext
def content_import(file, dialogue_uuid, lang):
    """Apply a translated XLIFF or CSV file; nothing is applied if the file is not valid."""
    import re

    from . import content

    raw = Path(file).read_bytes()
    if not dialogue_uuid:
        match = re.search(rb'original="dialogue-([0-9a-f-]{36})-', raw)
        if not match:
            raise click.ClickException("Give --dialogue UUID: the file does not name its dialogue.")
        dialogue_uuid = match.group(1).decode()
    dialogue = _dialogue_by_uuid(dialogue_uuid)
    try:
        if file.lower().endswith(".csv"):
            if not lang:
                raise click.ClickException("Give --lang LL for a CSV file.")
            report = content.import_csv(dialogue, raw, lang, actor=None)
        else:
            lang, report = content.import_xliff(dialogue, raw, actor=None)
    except content.TranslationFileError as exc:
        db.session.rollback()
        for where, message in exc.errors:
            click.echo(f"{where}: {message}", err=True)
        raise click.ClickException("The file was not applied; nothing was changed.")
    db.session.commit()
    click.echo(f"{lang}: {len(report.applied)} applied, {len(report.unchanged)} unchanged, "
               f"{len(report.empty)} empty, {len(report.stale)} not applied because their original changed")
    for unit in report.stale:
        click.echo(f"  original changed: {unit}")


# -- backup and restore --------------------------------------------------------------
def _sqlite_path() -> Path:
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise click.ClickException(
            "dialogue backup and restore work on the embedded SQLite database. For PostgreSQL use "
            "pg_dump -Fc and pg_restore (see the README)."
        )
    return Path(url.database)


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--encrypt", is_flag=True, help="Encrypt with a passphrase (age format).")
@with_appcontext
def backup(file, encrypt):
    """A consistent copy of the whole database, taken while the app keeps running."""
    import sqlite3
    import tempfile

    from . import crypto

    source_path = _sqlite_path()
    passphrase = None
    if encrypt:
        passphrase = _passphrase(confirm=True)
        if crypto.passphrase_problem(passphrase):
            raise click.ClickException("This passphrase is too short or too easy to guess: use at least 12 "
                                       "characters, a few unrelated words.")
    with tempfile.TemporaryDirectory() as tmp:
        copy_path = Path(tmp) / "backup.sqlite"  # the temporary folder is private (0700)
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
        target = sqlite3.connect(copy_path)
        try:
            source.backup(target)  # SQLite's online backup: a consistent snapshot
        finally:
            source.close()
            target.close()
        data = copy_path.read_bytes()
    if passphrase:
        data = crypto.encrypt(data, passphrase)
    write_private(file, data)
    click.echo(f"Wrote {file} ({len(data)} bytes{', encrypted' if passphrase else ''})")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def restore(file):
    """Bring a backup back into an empty instance (asks for the passphrase of an encrypted one)."""
    import sqlite3
    import tempfile

    from sqlalchemy import inspect

    from .models import Dialogue, User

    target_path = _sqlite_path()
    tables = inspect(db.engine).get_table_names()
    if {"users", "dialogues"} <= set(tables):
        if db.session.scalar(db.select(db.func.count(User.id))) or db.session.scalar(
                db.select(db.func.count(Dialogue.id))):
            raise click.ClickException("This instance already holds accounts or dialogues; restore only into an "
                                       "empty instance (set DIALOGUE_DATABASE_URL or DIALOGUE_INSTANCE_PATH to a new "
                                       "place).")
    db.session.remove()
    db.engine.dispose()
    raw = _read_maybe_encrypted(file, "backup")
    if not raw.startswith(b"SQLite format 3\x00"):
        raise click.ClickException("This is not a backup made by dialogue backup. Nothing was changed.")
    with tempfile.TemporaryDirectory() as tmp:
        copy_path = Path(tmp) / "restore.sqlite"
        copy_path.write_bytes(raw)
        source = sqlite3.connect(copy_path)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise click.ClickException("The backup is damaged (integrity check failed). Nothing was changed.")
            target_path.parent.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(target_path, timeout=30)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    upgrade_database()  # a backup from an older version is brought up to this one
    click.echo(f"Restored {file} into {target_path}")


# -- audit ---------------------------------------------------------------------------
@click.group("audit")
def audit_group():
    """The audit log."""


@audit_group.command("verify")
@with_appcontext
def audit_verify():
    """Check the audit log's hash chain; exits non-zero at the first broken link."""
    from .audit import verify_chain

    report = verify_chain()
    if report.ok:
        click.echo(f"Audit log intact: {report.checked} entries checked.")
        return
    click.echo(f"Audit log broken at entry {report.broken_at}: {report.reason} "
               f"({report.checked} entries before it are intact).", err=True)
    sys.exit(1)


# -- translations --------------------------------------------------------------------
@click.group("translate")
def translate():
    """The Babel workflow for the interface's catalogs."""


def _translations_dir() -> Path:
    """The catalogs of the running app (``TRANSLATIONS_DIR``; by default the shipped ones)."""
    return Path(current_app.config["TRANSLATIONS_DIR"])


def _pybabel(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=False)
    if result.returncode != 0:
        raise click.ClickException(f"pybabel {args[0]} failed")


@translate.command("extract")
@with_appcontext
def translate_extract():
    """Collect the messages of the code and templates into messages.pot."""
    from . import PACKAGE_DIR, TEMPLATES_DIR

    tdir = _translations_dir()
    root = PACKAGE_DIR.parent
    _pybabel("extract", "-F", str(tdir / "babel.cfg"), "-k", "_l", "-k", "lazy_pgettext:1c,2", "--no-location", "--sort-output",
             "--add-comments", "Translators:",
             "--project", "Dialogue Toolkit", "-o", str(tdir / "messages.pot"), str(PACKAGE_DIR),
             str(root / "phases"), str(TEMPLATES_DIR))


@translate.command("update")
@with_appcontext
def translate_update():
    """Extract, then merge new messages into every catalog."""
    translate_extract.callback()
    tdir = _translations_dir()
    _pybabel("update", "-i", str(tdir / "messages.pot"), "-d", str(tdir), "--no-wrap", "--ignore-obsolete")


@translate.command("compile")
@with_appcontext
def translate_compile():
    """Compile every catalog (.po) to .mo."""
    from .i18n import compile_catalogs

    tdir = _translations_dir()
    done = compile_catalogs(tdir, tdir)
    click.echo(f"Compiled: {', '.join(done) if done else 'all up to date'}")


@translate.command("init")
@click.argument("lang")
@with_appcontext
def translate_init(lang):
    """Start a catalog for a new language (then translate it and compile)."""
    tdir = _translations_dir()
    translate_extract.callback()
    _pybabel("init", "-i", str(tdir / "messages.pot"), "-d", str(tdir), "-l", lang, "--no-wrap")


# -- demo ----------------------------------------------------------------------------
@click.command("demo")
@click.option("--load-only", is_flag=True, help="Create the demo database and exit.")
@click.option("--port", default=5000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
def demo(load_only, port, host):
    """A fresh demo database with sample dialogues; prints the logins and serves it."""
    from . import create_app
    from .demo import DEMO_PASSWORD, load_demo

    instance = Path(current_app.instance_path)
    database = instance / "demo.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SECRET_KEY": current_app.config["SECRET_KEY"]})
    with app.app_context():
        upgrade_database()
        logins = load_demo()
        db.session.commit()
    click.echo(f"Demo database: {database}")
    click.echo(f"Every demo account has the password: {DEMO_PASSWORD}")
    for email, what in logins:
        click.echo(f"  {email:<34} {what}")
    if load_only:
        return
    click.echo(f"Open http://{host}:{port}/ (Ctrl+C to stop)")
    # app.run() refuses to block inside a `flask` command; the server it uses is this one
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)
