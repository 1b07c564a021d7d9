"""Phase 3: commitments, updates and their rules, owners' private links, the board, the balance
between sectors, the platform, lessons, documents, the package, scale, demo data."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest

from dialogue import package
from dialogue.extensions import db
from dialogue.models import Dialogue, User, utcnow
from phases.followup import services
from phases.followup.models import Commitment
from phases.mapping import services as mapping
from test_package import empty_app  # noqa: F401  (fixture)
from test_pdf import compact, need, pdftotext


def page(response) -> str:
    return response.get_data(as_text=True)


def load(info) -> Dialogue:
    return db.session.get(Dialogue, info.id)


def person(app, info, **values) -> str:
    fields = {"organisation": "Isiolo Water Users", "sector": "civil_society"}
    fields.update(values)
    with app.app_context():
        s = mapping.add_stakeholder(load(info), None, **fields)
        db.session.commit()
        return s.uuid


def commit(app, info, owners, **values) -> str:
    fields = {"title": "Open the water points at dawn"}
    fields.update(values)
    with app.app_context():
        c = services.create_commitment(load(info), db.session.get(User, info.lead.id), owners=owners, **fields)
        db.session.commit()
        return c.uuid


def get(uuid) -> Commitment:
    return db.session.scalar(db.select(Commitment).where(Commitment.uuid == uuid))


def test_record_a_joint_commitment(app, client, auth, world):
    county = person(app, world.dialogue, organisation="County Water Office", sector="government")
    herders = person(app, world.dialogue, organisation="Herders' Association", person="Abdi Guyo")
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/followup/commitments/new"
    response = client.post(url, data={"title": "", "owners": []})
    assert response.status_code == 422
    html = page(response)
    assert "Choose at least one stakeholder who commits." in html
    response = client.post(url, data={"title": "Reopen two water points", "owners": [county, herders],
                                      "due_date": "2030-01-31", "indicator": "Both points open", "public": "y"})
    assert response.status_code == 302
    with app.app_context():
        c = services.commitments_of(load(world.dialogue))[0]
        assert c.number == 1 and {o.stakeholder.sector for o in c.owners} == {"government", "civil_society"}
        assert c.status == "not_started" and c.public


def test_a_due_date_before_its_meeting_needs_a_confirmation(app, client, auth, world):
    from phases.convening import services as convening

    owner = person(app, world.dialogue)
    with app.app_context():
        meeting = convening.create_meeting(
            load(world.dialogue), db.session.get(User, world.lead.id), title="Main", kind="main", timezone="UTC",
            starts_at=datetime(2030, 5, 12, 9, tzinfo=timezone.utc), ends_at=datetime(2030, 5, 12, 12, tzinfo=timezone.utc))
        outcome = convening.add_outcome(meeting, None, kind="agreement", text="Open the points")
        db.session.commit()
        outcome_uuid = outcome.uuid
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/followup/commitments/new"
    data = {"title": "Open the points", "owners": [owner], "outcome": outcome_uuid, "due_date": "2030-05-01"}
    response = client.post(url, data=data)
    assert response.status_code == 422 and "before the meeting the commitment comes from" in page(response)
    with app.app_context():
        assert services.commitments_of(load(world.dialogue)) == []
    assert client.post(url, data=dict(data, confirm_early="y")).status_code == 302


def test_updates_follow_the_rules(app, client, auth, world):
    owner = person(app, world.dialogue)
    uuid = commit(app, world.dialogue, [owner])
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/followup/commitments/{uuid}/updates"
    response = client.post(url, data={"status": "on_track", "progress": "120"})
    assert response.status_code == 422 and "Give the progress from 0 to 100." in page(response)
    assert client.post(url, data={"status": "on_track", "progress": "40", "note": "Committee met"}).status_code == 302
    assert client.post(url, data={"status": "dropped", "progress": "40"}).status_code == 302
    response = client.post(url, data={"status": "on_track", "progress": "50"})
    assert response.status_code == 422 and "dropped: it takes no more updates" in page(response)
    with app.app_context():
        c = get(uuid)
        assert [u.status for u in c.updates] == ["on_track", "dropped"] and c.status == "dropped"
        assert c.updates[0].author_id == world.facilitator.id and c.updates[0].source == "member"


def test_an_owners_link_reaches_one_commitment_and_nothing_else(app, client, auth, world):
    owner = person(app, world.dialogue, person="Abdi Guyo")
    uuid = commit(app, world.dialogue, [owner])
    other = commit(app, world.dialogue, [owner], title="Another commitment")
    auth.login(world.facilitator)
    base = f"/d/{world.dialogue.uuid}/followup/commitments/{uuid}"
    assert client.post(f"{base}/owners/{owner}/link", data={}).status_code == 403  # leads send links
    auth.logout()
    auth.login(world.lead)
    html = page(client.post(f"{base}/owners/{owner}/link", data={}))
    link = re.search(r'value="(http://[^"]+/r/[^"]+)"', html).group(1)
    path = link.split("localhost", 1)[-1]
    auth.logout()
    # a fresh visitor with the link: the form for this commitment only
    visitor = app.test_client()
    html = page(visitor.get(path))
    assert "Open the water points at dawn" in html and "Another commitment" not in html
    assert "Secret valley dialogue" not in html and "Abdi Guyo" not in html
    assert visitor.post(path, data={"status": "on_track", "progress": "101"}).status_code == 422
    assert visitor.post(path, data={"status": "at_risk", "progress": "30", "note": "Rains are late"}).status_code == 200
    assert visitor.get(f"/d/{world.dialogue.uuid}/followup/").status_code == 302  # to the login page
    with app.app_context():
        c = get(uuid)
        assert c.status == "at_risk" and c.updates[-1].source == "owner_link"
        assert c.updates[-1].owner_stakeholder.uuid == owner and get(other).updates == []
    # reissued: the old link stops working; revoked: no link works
    auth.login(world.lead)
    client.post(f"{base}/owners/{owner}/link", data={})
    assert visitor.get(path).status_code == 404
    assert visitor.post(path, data={"status": "done", "progress": "100"}).status_code == 404
    client.post(f"{base}/owners/{owner}/link", data={"revoke": "1"})
    with app.app_context():
        assert get(uuid).owners[0].link_hash == "" and get(uuid).status == "at_risk"


def test_the_board_the_balance_and_the_chart(app, client, auth, world):
    county = person(app, world.dialogue, organisation="County", sector="government")
    ngo = person(app, world.dialogue, organisation="NGO", sector="civil_society")
    today = utcnow().date()
    late = commit(app, world.dialogue, [county], title="Late one", due_date=today - timedelta(days=3))
    soon = commit(app, world.dialogue, [ngo], title="Soon one", due_date=today + timedelta(days=10))
    risky = commit(app, world.dialogue, [county, ngo], title="Risky one", due_date=today + timedelta(days=90))
    done = commit(app, world.dialogue, [ngo], title="Done one")
    with app.app_context():
        services.add_update(get(risky), status="at_risk", progress=20, when=utcnow() - timedelta(days=5))
        services.add_update(get(done), status="done", progress=100, when=utcnow() - timedelta(days=1))
        db.session.commit()
        commitments = services.commitments_of(load(world.dialogue))
        result = services.board(commitments, today)
        assert [c.uuid for c in result.overdue] == [late] and [c.uuid for c in result.due_soon] == [soon]
        assert [c.uuid for c in result.at_risk] == [risky]
        assert services.sector_balance(commitments) == [("government", 2, 0), ("civil_society", 3, 1)]
        assert len(services.progress_series(commitments)) == 2
    auth.login(world.coordinator)
    html = " ".join(page(client.get(f"/d/{world.dialogue.uuid}/followup/")).split())
    assert "Late one" in html and "Who commits, who delivers" in html and '<svg class="chart"' in html


def test_platform_and_lessons(app, client, auth, world):
    member = person(app, world.dialogue)
    auth.login(world.facilitator)
    base = f"/d/{world.dialogue.uuid}/followup"
    with app.app_context():
        member_id = db.session.scalar(db.select(mapping.Stakeholder.id).where(mapping.Stakeholder.uuid == member))
    assert client.post(f"{base}/platform", data={"established": "y", "name": "Isiolo Water Forum",
                                                 "member_ids": [str(member_id)], "frequency": "quarterly",
                                                 "version": "0"}).status_code == 302
    response = client.post(f"{base}/platform", data={"established": "y", "version": "0"})
    assert response.status_code == 422  # stale
    assert client.post(f"{base}/lessons", data={"phase": "mapping", "mapping-worked": "Mapping with elders",
                                                "mapping-version": "0"}).status_code == 302
    with app.app_context():
        assert services.platform_of(load(world.dialogue)).name == "Isiolo Water Forum"
        assert services.lessons_of(load(world.dialogue))["mapping"].worked == "Mapping with elders"


def test_printed_commitments_respect_consent(app, world, tmp_path):
    need("pdftotext")
    named = person(app, world.dialogue, person="John Ekai", organisation="County Water Office", consent_named=True,
                   sector="government")
    hidden = person(app, world.dialogue, person="Abdi Guyo", organisation="Rights Network", at_risk=True)
    commit(app, world.dialogue, [named, hidden], title="Reopen the water points", due_date=date(2030, 1, 31))
    from dialogue.documents import render

    for kind in ("commitments-list", "followup-tracker", "commitment-form"):
        with app.test_request_context(), app.app_context():
            data, _name = render(kind, "en", load(world.dialogue))
        text = compact(pdftotext(data, tmp_path, f"{kind}.pdf"))
        assert compact("Abdi Guyo") not in text and compact("Rights Network") not in text, kind
        if kind != "commitment-form":
            assert compact("John Ekai") in text and compact("Reopen the water points") in text, kind


def test_package_carries_commitments_platform_and_lessons_but_never_links(app, empty_app, world):  # noqa: F811
    owner = person(app, world.dialogue)
    uuid = commit(app, world.dialogue, [owner], due_date=date(2030, 1, 31))
    with app.app_context():
        c = get(uuid)
        services.issue_link(c.owners[0], db.session.get(User, world.lead.id))
        services.add_update(c, status="on_track", progress=30, owner=c.owners[0])
        services.save_lesson(load(world.dialogue), None, phase="followup", version=None, worked="Monthly calls")
        db.session.commit()
        data = package.export_dialogue(load(world.dialogue))
        assert package.validate(data) == []
    text = package.dumps(data)
    assert "link" not in text.replace("owner_link", "")
    assert data["commitments"][0]["updates"][0]["owner_uuid"] == owner
    with empty_app.app_context():
        imported = package.import_package(package.loads(text.encode()))
        db.session.commit()
        again = package.export_dialogue(imported)
    assert again["commitments"] == data["commitments"] and again["lessons"] == data["lessons"]
    data["commitments"][0]["owners"] = ["00000000-0000-4000-8000-000000000000"]
    data["commitments"][0]["progress"] = 150
    with app.app_context():
        errors = dict(package.validate(data))
    assert "$.commitments[0].progress" in errors


def test_the_board_queries_do_not_grow_with_commitments(app, client, auth, make_dialogue, make_user, count_queries):
    facilitator = make_user()
    counts = []
    for size in (5, 200):
        info = make_dialogue(facilitators=[facilitator])
        with app.app_context():
            dialogue = load(info)
            mapping.import_stakeholders(dialogue, None, [
                {"organisation": f"Org {i}", "sector": ("government", "civil_society", "private_sector")[i % 3]}
                for i in range(10)])
            people = [s.uuid for s in mapping.stakeholders_of(dialogue)]
            for i in range(size):
                c = services.create_commitment(dialogue, None, owners=people[i % 10:i % 10 + 2], title=f"Do {i}",
                                               due_date=date(2030, 1, 1) + timedelta(days=i))
                for k in range(10):
                    services.add_update(c, status="on_track", progress=k * 10,
                                        when=utcnow() - timedelta(days=30 - k))
            db.session.commit()
        auth.login(facilitator)
        url = f"/d/{info.uuid}/followup/"
        client.get(url)
        with count_queries() as q:
            assert client.get(url).status_code == 200
        counts.append(q.count)
    assert counts[0] == counts[1], counts


def test_demo_has_commitments_in_varied_states_and_lessons(app):
    from dialogue.demo import load_demo

    with app.app_context():
        load_demo()
        db.session.commit()
        for dialogue in db.session.scalars(db.select(Dialogue)):
            commitments = services.commitments_of(dialogue)
            assert 8 <= len(commitments) <= 20, dialogue.country
            assert len({c.status for c in commitments}) >= 3, dialogue.country
            assert sum(len(c.updates) for c in commitments) >= len(commitments), dialogue.country
            assert services.lessons_of(dialogue), dialogue.country


def test_a_forgotten_owners_link_stops_working(app, client, world):
    owner = person(app, world.dialogue, person="Abdi Guyo")
    uuid = commit(app, world.dialogue, [owner])
    with app.app_context():
        lead = db.session.get(User, world.lead.id)
        token = services.issue_link(get(uuid).owners[0], lead)
        db.session.commit()
        assert services.owner_for_link(token) is not None
        mapping.erase_stakeholder(mapping.stakeholder_of(load(world.dialogue), owner), lead)
        db.session.commit()
    assert client.get(f"/r/{token}").status_code == 404
