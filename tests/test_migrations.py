"""The migrations build exactly the models' schema, and ``init-db`` never loses data."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from dialogue.extensions import db
from dialogue.models import User, render_migration_item


@pytest.fixture
def empty_app(make_app, empty_database_uri):
    return make_app(SQLALCHEMY_DATABASE_URI=empty_database_uri)


def schema_differences(app) -> list:
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True, "render_item": render_migration_item},
        )
        return compare_metadata(context, db.metadata)


def test_migrations_match_the_models(empty_app):
    from flask_migrate import upgrade

    with empty_app.app_context():
        assert inspect(db.engine).get_table_names() == []
        upgrade(directory=empty_app.extensions["migrate"].directory)
        tables = set(inspect(db.engine).get_table_names())
        db.session.remove()
    assert {t.name for t in db.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables
    differences = schema_differences(empty_app)
    assert differences == [], (
        "the models differ from the migrations; write a migration "
        "(`flask --app dialogue db migrate -m ...` or by hand):\n" + "\n".join(map(str, differences))
    )


def test_migrations_have_one_head(empty_app):
    from alembic.script import ScriptDirectory

    with empty_app.app_context():
        config = empty_app.extensions["migrate"].migrate.get_config(empty_app.extensions["migrate"].directory)
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_init_db_twice_keeps_the_data(empty_app):
    from dialogue import services

    runner = empty_app.test_cli_runner()
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "Database ready" in result.output
    with empty_app.app_context():
        user, _ = services.create_user("keep@example.org", role="partner", password="x" * 12)
        services.create_dialogue(user, title="Kept", country="NG", organisation="O", languages=["en"], challenge="c")
        db.session.commit()
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    with empty_app.app_context():
        assert db.session.scalar(db.select(User.email)) == "keep@example.org"
        from dialogue.models import Dialogue

        assert db.session.scalar(db.select(Dialogue.title)) == "Kept"
        db.session.remove()
    assert schema_differences(empty_app) == []
