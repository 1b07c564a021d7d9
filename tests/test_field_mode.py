"""Field mode: a dialogue goes to a laptop and comes back. What changed on one side is kept,
what changed on both sides is a conflict shown with both values and applied only as chosen,
and the same package imported twice changes nothing the second time."""
from __future__ import annotations

import json

import pytest

from dialogue import package
from dialogue.extensions import db
from dialogue.models import Dialogue, User
from dialogue.package_merge import Conflicts, import_merged, remember
from phases.mapping import services as mapping
from phases.mapping.models import Stakeholder
from test_package import empty_app  # noqa: F401  (fixture)


def dialogue_in(app, uuid) -> Dialogue:
    return db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == uuid))


def stakeholder(app, uuid) -> Stakeholder:
    return db.session.scalar(db.select(Stakeholder).where(Stakeholder.uuid == uuid))


def export(app, uuid) -> dict:
    """Export as the export page and `dialogue export` do: the baseline is kept."""
    with app.app_context():
        dialogue = dialogue_in(app, uuid)
        data = package.export_dialogue(dialogue)
        remember(dialogue)
        db.session.commit()
        return json.loads(package.dumps(data))


def import_into(app, data, **choices):
    with app.app_context():
        try:
            dialogue = import_merged(json.loads(json.dumps(data)), actor=None, choices=choices or None)
            db.session.commit()
            return dialogue.uuid
        except Exception:
            db.session.rollback()
            raise


def edit(app, uuid, **values):
    with app.app_context():
        s = stakeholder(app, uuid)
        mapping.update_stakeholder(s, None, version=s.version, **values)
        db.session.commit()


@pytest.fixture
def central(app, world):
    """The central instance's dialogue with two stakeholders."""
    with app.app_context():
        dialogue = db.session.get(Dialogue, world.dialogue.id)
        lead = db.session.get(User, world.lead.id)
        a = mapping.add_stakeholder(dialogue, lead, organisation="County Water Office", sector="government")
        b = mapping.add_stakeholder(dialogue, lead, organisation="Herders' Association", sector="civil_society",
                                    role="Chair")
        db.session.commit()
        return {"dialogue": dialogue.uuid, "a": a.uuid, "b": b.uuid}


def test_changes_on_each_side_both_survive_the_round_trip(app, empty_app, central):
    laptop = empty_app
    import_into(laptop, export(app, central["dialogue"]))
    # at the venue
    edit(laptop, central["a"], organisation="County Water and Sanitation Office")
    with laptop.app_context():
        added = mapping.add_stakeholder(dialogue_in(laptop, central["dialogue"]), None, organisation="Walk-in farmers",
                                        sector="community").uuid
        db.session.commit()
    # meanwhile at the central office
    edit(app, central["b"], role="Secretary")
    back = export(laptop, central["dialogue"])
    import_into(app, back)
    with app.app_context():
        assert stakeholder(app, central["a"]).organisation == "County Water and Sanitation Office"
        assert stakeholder(app, central["b"]).role == "Secretary"  # not undone by the laptop's older copy
        assert stakeholder(app, added).organisation == "Walk-in farmers"


def test_a_field_changed_on_both_sides_is_a_conflict_and_nothing_is_applied(app, empty_app, central):
    laptop = empty_app
    import_into(laptop, export(app, central["dialogue"]))
    edit(laptop, central["a"], organisation="Laptop name", role="Engineer")
    edit(app, central["a"], organisation="Central name")
    back = export(laptop, central["dialogue"])
    with pytest.raises(Conflicts) as caught:
        import_into(app, back)
    [conflict] = caught.value.conflicts
    assert conflict.section == "stakeholders" and conflict.field == "organisation"
    assert (conflict.ours, conflict.theirs) == ("Central name", "Laptop name")
    assert conflict.record == "#1"
    with app.app_context():
        s = stakeholder(app, central["a"])
        assert (s.organisation, s.role) == ("Central name", "")  # nothing applied, not even the role
    # one by one: the package wins this one; the role (changed only there) comes too
    import_into(app, back, **{conflict.key: "theirs"})
    with app.app_context():
        s = stakeholder(app, central["a"])
        assert (s.organisation, s.role) == ("Laptop name", "Engineer")


def test_all_conflicts_at_once_for_this_side(app, empty_app, central):
    laptop = empty_app
    import_into(laptop, export(app, central["dialogue"]))
    edit(laptop, central["a"], organisation="Laptop A")
    edit(laptop, central["b"], organisation="Laptop B")
    edit(app, central["a"], organisation="Central A")
    edit(app, central["b"], organisation="Central B")
    import_into(app, export(laptop, central["dialogue"]), **{"*": "ours"})
    with app.app_context():
        assert stakeholder(app, central["a"]).organisation == "Central A"
        assert stakeholder(app, central["b"]).organisation == "Central B"


def test_the_same_package_twice_changes_nothing_the_second_time(app, empty_app, central):
    from dialogue.models import AuditEntry

    laptop = empty_app
    import_into(laptop, export(app, central["dialogue"]))
    edit(laptop, central["a"], organisation="From the venue")
    back = export(laptop, central["dialogue"])
    import_into(app, back)
    with app.app_context():
        entries = db.session.scalar(db.select(db.func.count(AuditEntry.id)))
        before = package.export_dialogue(dialogue_in(app, central["dialogue"]))
    import_into(app, back)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == entries
        after = package.export_dialogue(dialogue_in(app, central["dialogue"]))
    before.pop("exported_at"), after.pop("exported_at")
    assert before == after


def test_the_cli_lists_conflicts_and_applies_nothing_unless_told(app, empty_app, central, runner, tmp_path):
    laptop = empty_app
    import_into(laptop, export(app, central["dialogue"]))
    edit(laptop, central["a"], organisation="Laptop name")
    edit(app, central["a"], organisation="Central name")
    path = tmp_path / "back.json"
    path.write_text(package.dumps(export(laptop, central["dialogue"])))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code != 0
    assert "Laptop name" in result.output and "Central name" in result.output and "--prefer" in result.output
    with app.app_context():
        assert stakeholder(app, central["a"]).organisation == "Central name"
    result = runner.invoke(args=["import", str(path), "--prefer", "theirs"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert stakeholder(app, central["a"]).organisation == "Laptop name"


def test_the_upload_page_shows_both_values_and_takes_a_choice(app, empty_app, central, client, auth, world):
    import io

    laptop = empty_app
    import_into(laptop, export(app, central["dialogue"]))
    edit(laptop, central["a"], organisation="Laptop name")
    edit(app, central["a"], organisation="Central name")
    raw = package.dumps(export(laptop, central["dialogue"])).encode()
    auth.login(world.lead)
    response = client.post("/packages/import", data={"file": (io.BytesIO(raw), "back.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Laptop name" in html and "Central name" in html
    key = html.split('name="choice-', 1)[1].split('"', 1)[0]
    response = client.post("/packages/import", data={"file": (io.BytesIO(raw), "back.json"),
                                                     f"choice-{key}": "ours"},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        assert stakeholder(app, central["a"]).organisation == "Central name"
