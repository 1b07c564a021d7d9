"""Phase 1: the challenge, the register and its privacy rule, CSV import and export, the grid
and the balance check, invitations and letters, worksheets, completion, the package sections,
scale, the demo data."""
from __future__ import annotations

import csv
import io
import re
import subprocess
import uuid as uuid_module

import pytest

from dialogue import package
from dialogue.extensions import db
from dialogue.models import Dialogue, User
from phases.mapping import balance, csv_io, grid, services
from phases.mapping.models import Stakeholder
from test_package import empty_app  # noqa: F401  (fixture)
from test_pdf import compact, need, page_count, pdftotext


def page(response) -> str:
    return response.get_data(as_text=True)


# -- helpers ----------------------------------------------------------------------------------
def load(app, info) -> Dialogue:
    return db.session.get(Dialogue, info.id)


def add(app, info, actor=None, **values) -> str:
    """A stakeholder added through the service; returns its uuid."""
    fields = {"organisation": "Isiolo County Water Office", "sector": "government"}
    fields.update(values)
    with app.app_context():
        stakeholder = services.add_stakeholder(load(app, info), None, **fields)
        db.session.commit()
        return stakeholder.uuid


def get(app, stakeholder_uuid) -> Stakeholder:
    return db.session.scalar(db.select(Stakeholder).where(Stakeholder.uuid == stakeholder_uuid))


def describe_challenge(app, info):
    with app.app_context():
        dialogue = load(app, info)
        lead = db.session.get(User, info.lead.id)
        services.save_challenge(dialogue, lead, version=None, dialogue_version=dialogue.version,
                                statement=dialogue.challenge, scope="regional",
                                objectives="Agree on water points\nKeep grazing corridors open",
                                reasons=["shared_vision"], context_note="Two dry seasons in a row.",
                                risk_note="Herders' leaders have been threatened.", do_no_harm=["consent"])
        db.session.commit()


def stakeholder_form(**values) -> dict:
    data = {"organisation": "Isiolo Water Users Association", "person": "", "role": "", "sector": "civil_society",
            "level": "local", "stake": "", "influence": "3", "interest": "4", "stance": "supportive", "gender": "",
            "age_group": "", "preferred_language": "", "contact": "", "notes": "", "invitation": ""}
    data.update(values)
    return data


# -- the privacy rule, implemented once ---------------------------------------------------------
@pytest.mark.parametrize(
    ("inside", "consent", "at_risk", "erased", "expected"),
    [
        (True, False, False, False, "Halima Hassan, Water Users"),
        (True, False, True, False, "Halima Hassan, Water Users"),
        (False, True, False, False, "Halima Hassan, Water Users"),
        (False, False, False, False, "Water Users"),
        (False, True, True, False, "Participant 7 (civil society)"),
        (False, False, True, False, "Participant 7 (civil society)"),
        (True, True, False, True, "Participant 7 (civil society)"),
    ],
)
def test_who_sees_a_person(app, inside, consent, at_risk, erased, expected):
    from datetime import datetime, timezone

    s = Stakeholder(number=7, organisation="Water Users", person="Halima Hassan", sector="civil_society",
                    consent_named=consent, at_risk=at_risk,
                    erased_at=datetime.now(timezone.utc) if erased else None)
    with app.test_request_context():
        assert s.shown_as(inside) == expected
        if not inside and at_risk:
            assert not s.shows_details(inside)


def test_coordinator_sees_the_register_as_the_privacy_rules_say(app, client, auth, world):
    add(app, world.dialogue, organisation="Ministry of Water", person="John Ekai", consent_named=True)
    add(app, world.dialogue, organisation="Isiolo Traders", person="Mary Lekuton", consent_named=False,
        sector="private_sector", contact="+254 711 111 111")
    add(app, world.dialogue, organisation="Herders' Rights Network", person="Abdi Guyo", at_risk=True,
        consent_named=True, sector="civil_society")
    auth.login(world.coordinator)
    for path in ("stakeholders", "map", "stakeholders.csv"):
        response = client.get(f"/d/{world.dialogue.uuid}/mapping/{path}")
        assert response.status_code == 200, path
        text = response.get_data(as_text=True)
        assert "John Ekai" in text, path
        assert "Mary Lekuton" not in text and "Isiolo Traders" in text, path
        assert "Abdi Guyo" not in text and "Herders' Rights Network" not in text, path
        assert "+254 711" not in text, path
        assert "Participant 3 (civil society)" in text, path
    # a member sees everyone, with contacts in the export
    auth.logout()
    auth.login(world.facilitator)
    text = client.get(f"/d/{world.dialogue.uuid}/mapping/stakeholders.csv").get_data(as_text=True)
    assert "Abdi Guyo" in text and "Mary Lekuton" in text and "+254 711" in text


def test_printed_map_never_names_people_at_risk(app, world, tmp_path):
    need("pdftotext")
    add(app, world.dialogue, organisation="Herders' Rights Network", person="Abdi Guyo", at_risk=True,
        consent_named=True, sector="civil_society", invitation="invited")
    add(app, world.dialogue, organisation="Ministry of Water", person="John Ekai", consent_named=True)
    from dialogue.documents import render

    with app.app_context():
        with app.test_request_context():
            data, name = render("stakeholder-map", "en", load(app, world.dialogue))
    text = compact(pdftotext(data, tmp_path))
    assert compact("John Ekai") in text
    assert compact("Abdi Guyo") not in text and compact("Rights Network") not in text
    assert compact("Participant 1 (civil society)") in text
    assert name.startswith("stakeholder-map-")


# -- the challenge ------------------------------------------------------------------------------
def test_challenge_form_saves_and_validates(app, client, auth, world):
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/mapping/challenge"
    html = page(client.get(url))
    assert 'name="do_no_harm"' in html and 'name="reasons"' in html
    response = client.post(url, data={"statement": "", "scope": "", "objectives": "", "version": "0",
                                      "dialogue_version": "1"})
    assert response.status_code == 422
    html = page(response)
    assert "Choose the scope." in html
    response = client.post(url, data={
        "statement": "Herders and farmers share one river.", "scope": "regional",
        "objectives": "Agree on water points", "reasons": ["shared_vision", "formal_process"],
        "context_note": "Two droughts.", "risk_note": "Leaders threatened.", "do_no_harm": ["consent", "safe_venue"],
        "version": "0", "dialogue_version": "1"})
    assert response.status_code == 302
    with app.app_context():
        record = services.challenge_of(load(app, world.dialogue))
        assert record.scope == "regional"
        assert record.reasons == ["shared_vision", "formal_process"]
        assert record.do_no_harm == ["consent", "safe_venue"]
        assert record.is_defined


def test_stale_challenge_is_refused(app, client, auth, world):
    describe_challenge(app, world.dialogue)
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/mapping/challenge"
    response = client.post(url, data={"statement": "Changed", "scope": "local", "objectives": "Other",
                                      "version": "0", "dialogue_version": "1"})
    assert response.status_code == 422
    assert "Someone else saved this" in page(response)
    with app.app_context():
        assert services.challenge_of(load(app, world.dialogue)).scope == "regional"


# -- the register ------------------------------------------------------------------------------
def test_add_edit_and_filter_the_register(app, client, auth, world):
    auth.login(world.facilitator)
    base = f"/d/{world.dialogue.uuid}/mapping"
    response = client.post(f"{base}/stakeholders/new", data=stakeholder_form(organisation="", person=""))
    assert response.status_code == 422
    assert "Give the organisation or the person." in page(response)
    response = client.post(f"{base}/stakeholders/new", data=stakeholder_form(influence="9"))
    assert response.status_code == 422 and "Give a number from 1 to 5." in page(response)
    assert client.post(f"{base}/stakeholders/new", data=stakeholder_form(
        person="Halima Hassan", groups=["women", "youth"], consent_named="y")).status_code == 302
    assert client.post(f"{base}/stakeholders/new", data=stakeholder_form(
        organisation="Isiolo Livestock Traders", sector="private_sector", stance="opposed")).status_code == 302
    def table(url):
        html = page(client.get(url))
        return html[html.index("<table"):]

    html = table(f"{base}/stakeholders?sector=private_sector")
    assert "Isiolo Livestock Traders" in html and "Halima Hassan" not in html
    html = table(f"{base}/stakeholders?q=halima")
    assert "Halima Hassan" in html and "Livestock" not in html
    html = table(f"{base}/stakeholders?sort=name&desc=1")
    assert html.index("Isiolo Livestock") < html.index("Halima Hassan")  # by the name shown, descending
    with app.app_context():
        first = services.stakeholders_of(load(app, world.dialogue))[0]
        assert first.groups == ["women", "youth"] and first.consent_named and first.number == 1


def test_two_facilitators_never_overwrite_each_other(app, client, auth, world):
    key = add(app, world.dialogue, organisation="Isiolo Water Users", sector="civil_society")
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/mapping/stakeholders/{key}/edit"
    html = page(client.get(url))
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    # the other facilitator (here, the lead) saves first
    with app.app_context():
        services.update_stakeholder(get(app, key), db.session.get(User, world.lead.id), version=int(version),
                                    stance="opposed")
        db.session.commit()
    response = client.post(url, data=stakeholder_form(organisation="Isiolo Water Users", stance="neutral",
                                                      version=version))
    assert response.status_code == 422
    assert "Someone else saved this" in page(response)
    with app.app_context():
        assert get(app, key).stance == "opposed"


def test_forgetting_a_person_needs_the_password_and_keeps_the_counts(app, client, auth, world):
    from dialogue import content

    key = add(app, world.dialogue, organisation="Herders' Rights Network", person="Abdi Guyo", at_risk=True,
              contact="abdi@example.org", notes="Was threatened in May", sector="civil_society", invitation="accepted")
    with app.app_context():
        content.ContentTranslation  # noqa: B018
        row = content.ContentTranslation(dialogue_id=world.dialogue.id, object_type="mapping_stakeholder",
                                         object_uuid=key, field="stake", language="fr", text="Menacé",
                                         source_hash="0" * 64, source_language="en")
        db.session.add(row)
        db.session.commit()
    url = f"/d/{world.dialogue.uuid}/mapping/stakeholders/{key}/forget"
    auth.login(world.facilitator)
    assert client.get(url).status_code == 403  # a lead forgets people
    auth.logout()
    auth.login(world.lead)
    with client.session_transaction() as session:
        session.pop("reauth_at", None)
    response = client.get(url)
    assert response.status_code == 302 and "/reauth" in response.headers["Location"]
    client.post("/reauth", data={"password": world.lead.password})
    assert "Abdi Guyo" in page(client.get(url))
    assert client.post(url, data={}).status_code == 302
    with app.app_context():
        s = get(app, key)
        assert s.erased_at is not None and s.person == "" and s.organisation == "" and s.contact == "" and s.notes == ""
        assert s.sector == "civil_society" and s.invitation == "accepted"
        assert db.session.scalar(db.select(content.ContentTranslation).where(
            content.ContentTranslation.object_uuid == key)) is None
        from dialogue.models import AuditEntry

        details = [repr(e.details) for e in db.session.scalars(db.select(AuditEntry))]
        assert not any("Abdi" in d or "Herders" in d for d in details)
    html = page(client.get(f"/d/{world.dialogue.uuid}/mapping/stakeholders"))
    assert "Abdi Guyo" not in html and "Participant 1 (civil society)" in html


# -- CSV import -------------------------------------------------------------------------------
FRENCH = (
    "\ufeffOrganisation;Personne;Secteur;Influence (1 à 5);Intérêt (1 à 5);Position;Groupes représentés;"
    "Accord pour être nommé dans les rapports;En danger\r\n"
    "Coopérative des éleveurs;Amina Wario;Société civile;2;5;Favorable;Femmes, Jeunes;oui;non\r\n"
    "Chambre de commerce;;Secteur privé;5;2;Neutre;;non;non\r\n"
    "Radio Isiolo;Jean Lekaada;Médias;3;4;Inconnue;;oui;oui\r\n"
).encode("utf-8")


def test_french_csv_with_semicolons_and_a_bom(app, client, auth, world):
    auth.login(world.facilitator)
    with app.test_request_context():
        parsed = csv_io.parse(csv_io.read(FRENCH))
    assert parsed.ok, parsed.problems
    assert [row["sector"] for row in parsed.rows] == ["civil_society", "private_sector", "media"]
    assert parsed.rows[0]["groups"] == ["women", "youth"] and parsed.rows[0]["consent_named"] is True
    assert parsed.rows[2]["at_risk"] is True and parsed.rows[1]["stance"] == "neutral"
    # through the pages: upload, preview, confirm
    base = f"/d/{world.dialogue.uuid}/mapping/stakeholders"
    response = client.post(f"{base}/import", data={"file": (io.BytesIO(FRENCH), "parties.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    html = page(response)
    assert "3 stakeholders are ready to import" in " ".join(html.split())
    text = re.search(r'name="text" type="hidden" value="([^"]*)"', html)
    assert text, "the file's text travels with the preview"
    import html as html_module

    data = {"text": html_module.unescape(text.group(1))}
    data.update({f"columns-{i}": key for i, key in enumerate(
        ["organisation", "person", "sector", "influence", "interest", "stance", "groups", "consent_named", "at_risk"])})
    assert client.post(f"{base}/import/confirm", data=data).status_code == 302
    with app.app_context():
        rows = services.stakeholders_of(load(app, world.dialogue))
        assert [s.person for s in rows] == ["Amina Wario", "", "Jean Lekaada"]


def test_windows_1252_comma_file_and_headers_mapped_by_hand(app):
    raw = ("Org,Name,Kind,Power,Concern\r\n"
           "Municipalité de Praia,José Tavares,government,4,5\r\n").encode("cp1252")
    with app.test_request_context():
        text = csv_io.read(raw)
        guessed = csv_io.parse(text)
        assert not guessed.ok
        assert any("No column is matched to “Sector”" in message for _line, message in guessed.problems)
        parsed = csv_io.parse(text, ["organisation", "person", "sector", "influence", "interest"])
    assert parsed.ok, parsed.problems
    assert parsed.rows[0]["organisation"] == "Municipalité de Praia" and parsed.rows[0]["influence"] == 4


def test_bad_rows_are_all_listed_and_nothing_is_saved(app, client, auth, world):
    raw = ("Organisation,Sector,Influence (1 to 5),Interest (1 to 5),Stance,At risk,Preferred language\n"
           "Ministry of Water,government,4,5,supportive,no,en\n"
           ",civil_society,3,3,neutral,no,en\n"
           "Traders,banking,3,3,neutral,no,en\n"
           "Radio,media,7,3,neutral,maybe,xx-unknown-language\n").encode()
    auth.login(world.facilitator)
    response = client.post(f"/d/{world.dialogue.uuid}/mapping/stakeholders/import",
                           data={"file": (io.BytesIO(raw), "register.csv")}, content_type="multipart/form-data")
    assert response.status_code == 422
    html = " ".join(page(response).split())
    assert "Line 3: Give the organisation or the person." in html
    assert "Line 4: “banking” is not a known sector." in html
    assert "Line 5: “Influence (1 to 5)” must be a whole number from 1 to 5, not “7”." in html
    assert "Line 5: “At risk” must be yes or no, not “maybe”." in html
    assert "Import these stakeholders" not in html
    with app.app_context():
        assert services.count_stakeholders(load(app, world.dialogue)) == 0


def test_an_unreadable_file_is_refused_next_to_the_field(client, auth, world):
    auth.login(world.facilitator)
    response = client.post(f"/d/{world.dialogue.uuid}/mapping/stakeholders/import",
                           data={"file": (io.BytesIO(b"\x00\x01PK\x03\x04"), "register.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "not a CSV file" in page(response)


# -- CSV export -------------------------------------------------------------------------------
def test_export_opens_in_a_spreadsheet_and_runs_no_formula(app, client, auth, world):
    add(app, world.dialogue, organisation="=HYPERLINK(\"http://evil.example\")", person="+Ali", role="@boss",
        stake="-1 share", contact="+254 700 000 000", sector="private_sector")
    auth.login(world.facilitator)
    raw = client.get(f"/d/{world.dialogue.uuid}/mapping/stakeholders.csv").data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Organisation", "Person", "Role or title", "Sector"]
    cells = rows[1]
    for cell in cells:
        assert not cell or cell[0] not in "=+-@", cell
    assert cells[0] == "'=HYPERLINK(\"http://evil.example\")" and cells[3] == "Private sector"
    # and it imports back as it was
    with app.test_request_context():
        parsed = csv_io.parse(raw.decode("utf-8-sig"))
    assert parsed.ok, parsed.problems
    assert parsed.rows[0]["organisation"].startswith("=HYPERLINK") and parsed.rows[0]["person"] == "+Ali"
    # in French, a spreadsheet there expects semicolons
    client.post("/language", data={"lang": "fr"})
    raw = client.get(f"/d/{world.dialogue.uuid}/mapping/stakeholders.csv").data.decode("utf-8-sig")
    assert raw.splitlines()[0].startswith("Organisation;")


# -- the map and the balance check --------------------------------------------------------------
def test_grid_places_every_stakeholder_in_its_quadrant(app, client, auth, world):
    for influence, interest in ((5, 5), (5, 1), (1, 5), (1, 1), (5, 5)):
        add(app, world.dialogue, influence=influence, interest=interest)
    with app.app_context():
        stakeholders = services.stakeholders_of(load(app, world.dialogue))
        assert [s.quadrant for s in stakeholders] == [
            "manage_closely", "keep_satisfied", "keep_informed", "monitor", "manage_closely"]
        built = grid.build(stakeholders, inside=True)
    positions = {(p.x, p.y) for p in built.points}
    assert len(positions) == 5, "two stakeholders in one cell do not hide each other"
    auth.login(world.facilitator)
    html = page(client.get(f"/d/{world.dialogue.uuid}/mapping/map"))
    assert html.count('<g class="point">') == 5
    for label in ("Manage closely", "Keep satisfied", "Keep informed", "Monitor"):
        assert label in html


def test_balance_warnings_in_plain_words(app, world):
    for sector, invited in [("civil_society", "invited")] * 7 + [("government", "accepted")] * 2 + [
            ("government", "")] + [("academia", "invited"), ("media", "")]:
        add(app, world.dialogue, sector=sector, invitation=invited, gender="man")
    with app.test_request_context():
        result = balance.check(services.stakeholders_of(load(app, world.dialogue)))
    assert "No private-sector stakeholder is mapped yet." in result.warnings
    assert "Civil society is 70% of invitees: the state and business may feel outnumbered." in result.warnings
    assert "Women are 0% of the invitees whose gender is recorded." in result.warnings
    assert "No invitee is young or represents young people." in result.warnings
    assert any("businesses" in prompt for prompt in result.prompts)
    share = {s.sector: s for s in result.shares}
    assert share["civil_society"].mapped == 7 and share["government"].invited == 2


def test_balance_check_is_quiet_when_the_table_is_balanced(app, world):
    for sector in ("government", "private_sector", "civil_society", "academia"):
        add(app, world.dialogue, sector=sector, invitation="invited", gender="woman", age_group="youth")
    with app.test_request_context():
        result = balance.check(services.stakeholders_of(load(app, world.dialogue)))
    assert result.warnings == []


# -- invitations --------------------------------------------------------------------------------
def test_invitations_are_tracked_with_counts_by_sector(app, client, auth, world):
    first = add(app, world.dialogue, sector="government")
    second = add(app, world.dialogue, sector="civil_society", organisation="Women's group")
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/mapping/invitations"
    assert client.post(url, data={f"inv-{first}": "accepted", f"inv-{second}": "declined"}).status_code == 302
    html = " ".join(page(client.get(url)).split())
    assert "Replies by sector" in html
    with app.app_context():
        assert get(app, first).invitation == "accepted" and get(app, second).invitation == "declined"
    response = client.post(url, data={f"inv-{first}": "maybe"})
    assert "Choose a state from the list" in page(response)
    with app.app_context():
        assert get(app, first).invitation == "accepted"


def test_invitation_letters_one_page_each_in_the_invitees_language(app, client, auth, world, tmp_path):
    need("pdftotext")
    add(app, world.dialogue, person="Amina Wario", organisation="Herders' Cooperative", preferred_language="fr",
        invitation="invited", sector="civil_society")
    add(app, world.dialogue, person="Juma Bakari", organisation="Isiolo Water Office", preferred_language="sw",
        invitation="accepted")
    add(app, world.dialogue, person="Lucy Ekai", organisation="Isiolo Traders", preferred_language="kea",
        invitation="invited", sector="private_sector")
    add(app, world.dialogue, person="Not Invited", organisation="Elsewhere")
    from dialogue.documents import render

    with app.test_request_context():
        data, _name = render("invitations", "en", load(app, world.dialogue))
    assert page_count(data, tmp_path) == 3
    pages = [compact(p) for p in pdftotext(data, tmp_path).split("\f") if p.strip()]
    from flask_babel import force_locale, gettext

    def greeting(lang, name):
        with app.test_request_context(), force_locale(lang):
            return compact(gettext("Dear %(name)s,", name=name))

    assert greeting("fr", "x") != greeting("en", "x")
    assert greeting("fr", "Amina Wario") in pages[0]
    assert greeting("sw", "Juma Bakari") in pages[1]
    # a language the toolkit does not speak gets the document's language
    assert greeting("en", "Lucy Ekai") in pages[2]
    assert all(compact("Not Invited") not in p for p in pages)
    # the letters name people: the coordinator may not download them
    auth.login(world.coordinator)
    assert client.get(f"/d/{world.dialogue.uuid}/documents/invitations.pdf").status_code == 403


@pytest.mark.parametrize("kind,size", [("mapping-worksheet-a4", (842, 595)), ("mapping-worksheet-a3", (1191, 842))])
def test_blank_worksheets_are_landscape(app, client, tmp_path, kind, size):
    need("pdfinfo")
    response = client.get(f"/documents/{kind}.pdf?lang=fr")
    assert response.status_code == 200
    path = tmp_path / "sheet.pdf"
    path.write_bytes(response.data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = (round(float(v)) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (width, height) == size
    text = compact(pdftotext(response.data, tmp_path))
    assert compact("Stakeholder mapping worksheet") not in text  # in French
    assert page_count(response.data, tmp_path) == 1


# -- completing the phase -----------------------------------------------------------------------
def test_completing_the_phase_from_the_checklist(app, client, auth, world):
    url = f"/d/{world.dialogue.uuid}/mapping/complete"
    auth.login(world.lead)
    assert client.post(url, data={}).status_code == 422  # nothing described, nobody mapped
    describe_challenge(app, world.dialogue)
    add(app, world.dialogue, sector="government")
    add(app, world.dialogue, sector="civil_society")
    response = client.post(url, data={"reason": ""})
    assert response.status_code == 422
    assert "Say why government, the private sector or civil society is missing" in " ".join(page(response).split())
    auth.logout()
    auth.login(world.facilitator)
    assert client.post(url, data={"reason": "No business works in the corridor."}).status_code == 403
    auth.logout()
    auth.login(world.lead)
    assert client.post(url, data={"reason": "No business works in the corridor."}).status_code == 302
    with app.app_context():
        dialogue = load(app, world.dialogue)
        assert dialogue.phase == "convening"
        assert services.challenge_of(dialogue).sector_gap_reason == "No business works in the corridor."
    assert "No business works in the corridor." in page(client.get(url))
    assert client.post(f"/d/{world.dialogue.uuid}/mapping/reopen", data={}).status_code == 302
    with app.app_context():
        assert load(app, world.dialogue).phase == "mapping"


# -- the dialogue package -------------------------------------------------------------------------
def test_package_carries_challenge_and_register_by_uuid_and_code(app, empty_app, world):
    describe_challenge(app, world.dialogue)
    key = add(app, world.dialogue, person="Amina Wario", sector="civil_society", groups=["women"], at_risk=True,
              invitation="accepted")
    with app.app_context():
        data = package.export_dialogue(load(app, world.dialogue))
        assert package.validate(data) == []
    assert data["challenge"]["scope"] == "regional" and data["challenge"]["reasons"] == ["shared_vision"]
    item = data["stakeholders"][0]
    assert item["uuid"] == key and item["sector"] == "civil_society" and item["groups"] == ["women"]
    with empty_app.app_context():
        imported = package.import_package(package.loads(package.dumps(data).encode()))
        db.session.commit()
        again = package.export_dialogue(imported)
    assert again["stakeholders"] == data["stakeholders"] and again["challenge"] == data["challenge"]
    # an update by uuid, not a copy; a person forgotten here is not brought back by an older package
    data["stakeholders"][0]["stance"] = "opposed"
    with app.app_context():
        services.erase_stakeholder(get(app, key), db.session.get(User, world.lead.id))
        db.session.commit()
        package.import_package(package.loads(package.dumps(data).encode()),
                               actor=db.session.get(User, world.lead.id))
        db.session.commit()
        rows = services.stakeholders_of(load(app, world.dialogue))
        assert len(rows) == 1 and rows[0].person == "" and rows[0].erased_at is not None


def test_package_problems_are_named_by_path(app, world):
    add(app, world.dialogue)
    with app.app_context():
        data = package.export_dialogue(load(app, world.dialogue))
    data["stakeholders"][0]["sector"] = "Gouvernement"
    data["stakeholders"].append(dict(data["stakeholders"][0], sector="government"))
    with app.app_context():
        errors = dict(package.validate(data))
    assert "$.stakeholders[0].sector" in errors
    data["stakeholders"][0]["sector"] = "government"
    with app.app_context():
        errors = dict(package.validate(data))
    assert "$.stakeholders[1].uuid" in errors


def test_people_at_risk_force_an_encrypted_export(app, client, auth, world):
    add(app, world.dialogue, person="Abdi Guyo", at_risk=True, sector="civil_society")
    from dialogue.registry import people_at_risk

    with app.app_context():
        assert people_at_risk(load(app, world.dialogue)) == 1


# -- scale: queries do not grow with the register ---------------------------------------------------
def _fill(app, info, count):
    with app.app_context():
        dialogue = load(app, info)
        rows = [{"organisation": f"Organisation {i}", "person": f"Person {i}", "sector": sector,
                 "influence": 1 + i % 5, "interest": 1 + (i * 3) % 5, "invitation": "invited" if i % 3 else "",
                 "at_risk": i % 17 == 0, "consent_named": i % 2 == 0, "groups": ["women"] if i % 4 == 0 else []}
                for i, sector in zip(range(count), __import__("itertools").cycle(
                    ("government", "private_sector", "civil_society", "academia", "media", "community")))]
        services.import_stakeholders(dialogue, None, rows)
        db.session.commit()


@pytest.mark.parametrize("who", ["facilitator", "coordinator"])
def test_register_and_map_queries_do_not_grow_with_the_register(app, client, auth, make_dialogue, make_user,
                                                                 count_queries, who):
    facilitator = make_user()
    coordinator = make_user(role="coordinator")
    small = make_dialogue(facilitators=[facilitator])
    large = make_dialogue(facilitators=[facilitator])
    _fill(app, small, 10)
    _fill(app, large, 500)
    auth.login(facilitator if who == "facilitator" else coordinator)
    for path in ("stakeholders", "map", "invitations") if who == "facilitator" else ("stakeholders", "map"):
        counts = []
        for info in (small, large):
            client.get(f"/d/{info.uuid}/mapping/{path}")  # warm up
            with count_queries() as q:
                response = client.get(f"/d/{info.uuid}/mapping/{path}")
            assert response.status_code == 200
            counts.append(q.count)
        assert counts[0] == counts[1], (path, counts)
        assert counts[1] <= 12, (path, counts)


# -- demo data -------------------------------------------------------------------------------------
def test_demo_has_a_plausible_register_per_dialogue(app):
    from dialogue.demo import load_demo

    with app.app_context():
        load_demo()
        db.session.commit()
        for dialogue in db.session.scalars(db.select(Dialogue)):
            rows = services.stakeholders_of(dialogue)
            assert 25 <= len(rows) <= 40, dialogue.country
            assert any(s.at_risk for s in rows) and any(not s.consent_named for s in rows)
            assert {"government", "private_sector", "civil_society"} <= {s.sector for s in rows}
            assert services.challenge_of(dialogue).is_defined


def test_a_long_register_comes_in_pages_that_keep_the_filters(app, client, auth, make_dialogue, make_user):
    facilitator = make_user()
    info = make_dialogue(facilitators=[facilitator])
    _fill(app, info, 240)
    auth.login(facilitator)
    url = f"/d/{info.uuid}/mapping/stakeholders"
    first = page(client.get(url))
    assert first.count('<tr id="s-') == 100 and "Page 1 of 3" in first
    assert "240 of 240 stakeholders shown." in first
    last = page(client.get(url + "?sector=government&page=2"))
    assert last.count('<tr id="s-') == 40 and 'class="pager"' not in last  # 40 government rows: one page
    assert "40 of 240 stakeholders shown." in last
    third = page(client.get(url + "?page=3"))
    assert third.count('<tr id="s-') == 40 and 'rel="prev"' in third and 'rel="next"' not in third
    assert len(third.encode()) < 60_000


def test_outsiders_cannot_probe_hidden_names_by_search_sort_or_filter(app, client, auth, world):
    add(app, world.dialogue, organisation="Zulu Herders' Rights Network", person="Abdi Guyo", at_risk=True,
        sector="civil_society")
    add(app, world.dialogue, organisation="Alpha Traders", person="Zara Ekai", consent_named=False,
        sector="private_sector")
    add(app, world.dialogue, organisation="Middle Office", sector="government")
    auth.login(world.coordinator)
    base = f"/d/{world.dialogue.uuid}/mapping/stakeholders"

    def rows(query):
        html = page(client.get(base + query))
        return re.findall(r'<tr id="s-(\d+)">', html)

    assert rows("?q=abdi") == [] and rows("?q=zulu") == [] and rows("?q=zara") == []
    assert rows("?q=alpha") == ["2"]
    # sorted by the names the coordinator sees: "Alpha Traders", "Middle Office", "Participant 1 …"
    assert rows("?sort=name") == ["2", "3", "1"]
    assert rows("?at_risk=1") == ["1", "2", "3"]  # the filter is for members only


# -- what the first review of phase 1 found ----------------------------------------------------------
def test_a_coordinators_package_shows_people_as_the_privacy_rules_say(app, client, auth, world):
    add(app, world.dialogue, organisation="Isiolo Traders", person="Mary Lekuton", consent_named=False,
        contact="+254 711 111 111", notes="Prefers WhatsApp", sector="private_sector")
    add(app, world.dialogue, organisation="Ministry of Water", person="John Ekai", consent_named=True)
    with app.app_context():
        data = package.export_dialogue(load(app, world.dialogue), inside=False)
        assert [path for path, _message in package.validate(data)] == ["$.stakeholders"]
        text = package.dumps(data)
        assert "Mary Lekuton" not in text and "+254 711" not in text and "WhatsApp" not in text
        assert "John Ekai" in data["stakeholders"][1]["organisation"]
        assert all(item["redacted"] for item in data["stakeholders"])
        # such a package cannot update the dialogue it came from
        lead = db.session.get(User, world.lead.id)
        with pytest.raises(package.PackageError) as error:
            package.import_package(package.loads(text.encode()), actor=lead)
        assert "$.stakeholders" in dict(error.value.errors)
        db.session.rollback()
        assert get(app, data["stakeholders"][0]["uuid"]).person == "Mary Lekuton"
    # and through the export page
    auth.login(world.coordinator)
    response = client.post(f"/d/{world.dialogue.uuid}/export", data={"passphrase": "", "confirm": ""})
    body = response.get_data(as_text=True)
    assert "Mary Lekuton" not in body and "+254 711" not in body


def test_invitations_saved_from_an_old_page_do_not_undo_others(app, client, auth, world):
    first = add(app, world.dialogue, sector="government")
    second = add(app, world.dialogue, sector="civil_society", organisation="Women's group")
    auth.login(world.facilitator)
    url = f"/d/{world.dialogue.uuid}/mapping/invitations"
    # the lead accepts the first while the facilitator's page still shows it as not invited
    with app.app_context():
        services.set_invitations(load(app, world.dialogue), db.session.get(User, world.lead.id),
                                 {first: ("", "accepted")})
        db.session.commit()
    response = client.post(url, data={f"inv-{first}": "", f"was-{first}": "",
                                      f"inv-{second}": "invited", f"was-{second}": ""})
    assert response.status_code == 302
    with app.app_context():
        assert get(app, first).invitation == "accepted" and get(app, second).invitation == "invited"
    # changing a row someone else changed in the meantime saves nothing
    response = client.post(url, data={f"inv-{first}": "declined", f"was-{first}": "",
                                      f"inv-{second}": "accepted", f"was-{second}": "invited"})
    assert response.status_code == 302
    with app.app_context():
        assert get(app, first).invitation == "accepted" and get(app, second).invitation == "invited"


def test_a_deleted_entry_keeps_its_number_and_stays_deleted(app, client, auth, world):
    add(app, world.dialogue, organisation="First")
    key = add(app, world.dialogue, organisation="Duplicate of first", person="Some One")
    with app.app_context():
        data = package.export_dialogue(load(app, world.dialogue))
    auth.login(world.lead)
    assert client.post(f"/d/{world.dialogue.uuid}/mapping/stakeholders/{key}/delete", data={}).status_code == 302
    assert client.get(f"/d/{world.dialogue.uuid}/mapping/stakeholders/{key}/edit").status_code == 404
    third = add(app, world.dialogue, organisation="Third")
    with app.app_context():
        assert get(app, third).number == 3
        assert get(app, key).person == "" and get(app, key).deleted_at is not None
        # the older package still holds the entry: it does not come back
        package.import_package(package.loads(package.dumps(data).encode()), actor=db.session.get(User, world.lead.id))
        db.session.commit()
        assert [s.number for s in services.stakeholders_of(load(app, world.dialogue))] == [1, 3]
        assert "Some One" not in package.dumps(package.export_dialogue(load(app, world.dialogue)))


@pytest.mark.parametrize("value", ["nan", "inf", "1e400", "2.5", "0", "-1"])
def test_odd_scores_are_refused_with_a_message(app, value):
    with app.test_request_context():
        parsed = csv_io.parse(f"Organisation,Sector,Influence (1 to 5)\nTraders,government,{value}\n")
    assert not parsed.ok
    assert parsed.problems[0][0] == 2 and "whole number from 1 to 5" in parsed.problems[0][1]


def test_odd_files_get_a_message_not_an_error(app):
    with app.test_request_context():
        huge = csv_io.parse("Organisation,Sector\n\"" + "x" * 200_000 + "\",government\n")
        extra = csv_io.parse("Organisation,Sector\nTraders,government,oops\n")
        header_only = csv_io.parse("Organisation,Sector\n")
    assert huge.problems and huge.problems[0][0] is None
    assert extra.problems[0][0] == 2 and "more cells than the header" in extra.problems[0][1]
    assert "no stakeholders" in header_only.problems[0][1]


def test_the_pager_carries_only_the_filters(app, client, auth, make_dialogue, make_user):
    facilitator = make_user()
    info = make_dialogue(facilitators=[facilitator])
    _fill(app, info, 120)
    auth.login(facilitator)
    response = client.get(f"/d/{info.uuid}/mapping/stakeholders?dialogue_uuid=x&_method=POST&_external=1&q=Person")
    assert response.status_code == 200
    link = re.search(r'<a href="([^"]*)" rel="next">', page(response)).group(1)
    assert link.endswith("?q=Person&amp;page=2"), link


def test_the_spreadsheet_export_asks_for_the_password_again(app, client, auth, world):
    auth.login(world.facilitator)
    with client.session_transaction() as session:
        session.pop("reauth_at", None)
    response = client.get(f"/d/{world.dialogue.uuid}/mapping/stakeholders.csv")
    assert response.status_code == 302 and "/reauth" in response.headers["Location"]


def test_the_coordinators_spreadsheet_holds_no_risk_flags_or_consents(app, client, auth, world):
    add(app, world.dialogue, organisation="Rights Network", person="Abdi Guyo", at_risk=True, groups=["displaced"],
        gender="man", preferred_language="so", sector="civil_society")
    auth.login(world.coordinator)
    raw = client.get(f"/d/{world.dialogue.uuid}/mapping/stakeholders.csv").data.decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(raw)))[1]
    assert row[0] == "Participant 1 (civil society)"
    assert row[9:] == ["", "", "", "", "", "", "", "", "", ""]
