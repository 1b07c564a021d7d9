"""No document can reach outside the app, whatever people type or import.

Every text a user can type (and every imported package field) is filled with markup that would
read a server file, embed it as an attachment, or call an address, if it were ever rendered as
HTML. Every registered document kind is rendered in every language: the PDF holds no embedded
file, the listener saw no connection, and pdftotext shows the markup as literal text.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from dialogue import content, package
from dialogue.documents import render
from dialogue.extensions import db
from dialogue.models import Dialogue
from test_pdf import inflated, listener  # noqa: F401  (the loopback listener fixture)


def hostile(port: int, tag: str) -> str:
    return (f'{tag}<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">'
            f'<img src="http://127.0.0.1:{port}/{tag}"><i style="background:url(http://127.0.0.1:{port}/s)">'
            f'@import url(http://127.0.0.1:{port}/i);')


#: documents of one meeting that name the meeting, not the dialogue
MEETING_SHEETS = {"sign-in-sheet", "name-cards", "ground-rules", "evaluation-form", "run-sheet", "commitment-form"}


def test_every_document_from_hostile_typed_and_imported_text(app, make_user, make_dialogue, listener, tmp_path):
    port, seen = listener
    lead = make_user()
    facilitator = make_user()
    info = make_dialogue(lead=lead, facilitators=[facilitator], content_language="en", languages=["en", "fr", "ar"],
                         title=hostile(port, "T")[:200], locality=hostile(port, "L")[:120],
                         organisation=hostile(port, "O")[:200], challenge=hostile(port, "C"))
    with app.app_context():
        dialogue = db.session.scalar(db.select(Dialogue).where(Dialogue.uuid == info.uuid))
        from dialogue.models import User

        actor = db.session.get(User, lead.id)
        content.save_translation(dialogue, "title", "fr", hostile(port, "TR"), actor=actor)
        # phase 1: the challenge's details and an invited stakeholder, every text hostile
        from phases.mapping import services as mapping

        mapping.save_challenge(dialogue, actor, version=None, dialogue_version=dialogue.version,
                               statement=dialogue.challenge, scope="local", objectives=hostile(port, "OB"),
                               reasons=["shared_vision"], context_note=hostile(port, "CN"),
                               risk_note=hostile(port, "RN"), do_no_harm=[])
        for at_risk in (False, True):
            mapping.add_stakeholder(dialogue, actor, organisation=hostile(port, "SO")[:200],
                                    person=hostile(port, "SP")[:120], role=hostile(port, "SR")[:120],
                                    sector="government", stake=hostile(port, "SS"), notes=hostile(port, "SN"),
                                    contact=hostile(port, "SC")[:200], consent_named=True, at_risk=at_risk,
                                    preferred_language="fr", invitation="invited")
        # phase 2: a meeting, its agenda and what it produced, every text hostile
        from datetime import datetime, timezone

        from phases.convening import services as convening

        meeting = convening.create_meeting(
            dialogue, actor, title=hostile(port, "MT")[:200], kind="main", timezone="Africa/Nairobi",
            starts_at=datetime(2030, 5, 12, 6, tzinfo=timezone.utc), ends_at=datetime(2030, 5, 12, 9, tzinfo=timezone.utc),
            venue=hostile(port, "MV")[:200], address=hostile(port, "MA")[:400], online_link="https://example.org/x",
            languages=["en"], interpretation=hostile(port, "MI"), facilitator_ids=[actor.id],
            ground_rules=hostile(port, "GR") + "\n" + hostile(port, "GS"))
        convening.add_item(meeting, actor, title=hostile(port, "IT")[:200], minutes=30, method="plenary",
                           stage="connection", lead=hostile(port, "IL")[:120], purpose=hostile(port, "IP"),
                           expected_output=hostile(port, "IO"), materials=hostile(port, "IM"))
        convening.add_outcome(meeting, actor, kind="agreement", text=hostile(port, "OA"))
        for s in mapping.stakeholders_of(dialogue):
            convening.check_in(meeting, actor, s)
        # phase 3: a commitment with an update, every text hostile
        from phases.followup import services as followup

        commitment = followup.create_commitment(
            dialogue, actor, owners=[s.uuid for s in mapping.stakeholders_of(dialogue)],
            title=hostile(port, "CT"), indicator=hostile(port, "CI"), support=hostile(port, "CS")[:200])
        followup.add_update(commitment, status="on_track", progress=40, note=hostile(port, "UN"),
                            evidence=hostile(port, "UE")[:200], actor=actor)
        db.session.commit()
        # the same text arriving through an imported package
        data = package.export_dialogue(dialogue)
        data["dialogue"]["uuid"] = "5f0d7a51-92a4-4d8e-9b41-5b1c2f0e9a11"
        data["dialogue"]["title"] = hostile(port, "P")[:200]
        data["translations"] = []
        import uuid as uuid_module

        data["challenge"]["uuid"] = str(uuid_module.uuid4())
        renamed = {}
        for item in data["stakeholders"]:
            new = str(uuid_module.uuid4())
            renamed[item["uuid"]] = new
            item["uuid"] = new
        meeting_ids = {}
        for m in data["meetings"]:
            new = str(uuid_module.uuid4())
            meeting_ids[m["uuid"]] = new
            m["uuid"] = new
            for row in m["agenda"] + m["attendance"] + m["evaluations"]:
                row["uuid"] = str(uuid_module.uuid4())
            for row in m["attendance"]:
                row["stakeholder_uuid"] = renamed[row["stakeholder_uuid"]]
        for o in data["outcomes"]:
            o["uuid"] = str(uuid_module.uuid4())
            o["meeting_uuid"] = meeting_ids.get(o["meeting_uuid"], o["meeting_uuid"])
        for c in data["commitments"]:
            c["uuid"] = str(uuid_module.uuid4())
            c["outcome_uuid"] = None
            c["owners"] = [renamed[u] for u in c["owners"]]
            for u in c["updates"]:
                u["uuid"] = str(uuid_module.uuid4())
        imported = package.import_package(package.loads(package.dumps(data).encode()))
        db.session.commit()
        kinds = list(app.extensions["dialogue.registry"].documents)
        assert kinds, "no document is registered"
        for subject in (dialogue, imported):
            for kind in kinds:
                for lang in app.config["LANGUAGES"]:
                    with app.test_request_context():
                        pdf_bytes, _ = render(kind, lang, subject)
                    body = inflated(pdf_bytes)
                    assert b"/EmbeddedFile" not in body, (kind, lang)
                    assert b"root:x:0:0" not in body, (kind, lang)
                    if lang == "fr" and subject is dialogue and shutil.which("pdftotext"):
                        path = tmp_path / f"{kind}-{lang}.pdf"
                        path.write_bytes(pdf_bytes)
                        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                              check=True).stdout
                        # what was typed prints as text (the French title where the document shows it)
                        assert '<img src="file:///etc/passwd">' in text, kind
                        if kind not in MEETING_SHEETS:
                            assert 'TR<img src="file:///etc/passwd">' in text, kind
    assert seen == []
