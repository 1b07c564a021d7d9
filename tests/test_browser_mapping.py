"""Phase 1 in a real browser: import a French spreadsheet (semicolons, a BOM), match a
column by hand, see the stakeholders on the grid and the balance check, print the map."""
from __future__ import annotations

import re

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    DESKTOP, chromium_browser, document_form, download_pdf, enter_dialogue, live_server, log_in, pdf_text, person,
    require_tool, screenshot, submit, switch_language,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEAD = "lead.nigeria@demo.example"

#: as a French spreadsheet saves it: semicolons, a BOM, French headers and values, one column
#: ("Téléphone") the toolkit cannot guess and the user matches by hand
FRENCH_CSV = (
    "\ufeffOrganisation;Personne;Secteur;Influence (1 à 5);Intérêt (1 à 5);Position;Téléphone\r\n"
    "Coopérative des vendeuses d'Onitsha;Adaeze Eze;Société civile;2;5;Favorable;+234 800 000 0001\r\n"
    "Chambre de commerce d'Anambra;;Secteur privé;5;2;Neutre;\r\n"
    "Radio Communautaire Niger;Chinedu Obi;Médias;3;4;Inconnue;+234 800 000 0002\r\n"
).encode("utf-8")


def test_import_a_french_csv_and_see_the_grid(live_server, chromium_browser, tmp_path):
    require_tool("pdftotext")
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, LEAD)
        switch_language(page, "fr")
        uuid = enter_dialogue(page, "Safe and clean markets")

        page.goto(f"/d/{uuid}/mapping/stakeholders")
        before = page.locator("table.register tbody tr").count()
        assert before >= 25, "the demo register is loaded"
        page.goto(f"/d/{uuid}/mapping/stakeholders/import")
        screenshot(page, "mapping-01-import")
        csv_file = tmp_path / "parties-prenantes.csv"
        csv_file.write_bytes(FRENCH_CSV)
        page.set_input_files("input[type=file]", str(csv_file))
        submit(page, page.locator("main form button[type=submit]"))

        # the preview: headers recognised in French; the phone column is matched by hand
        assert page.locator("table.import-preview").count() == 1
        selects = page.locator("table.import-preview thead select")
        assert selects.nth(0).input_value() == "organisation"
        assert selects.nth(2).input_value() == "sector"
        assert selects.nth(6).input_value() == ""
        selects.nth(6).select_option("contact")
        screenshot(page, "mapping-02-preview")
        submit(page, page.locator("main form button.primary"))

        # back on the register, with three more stakeholders
        assert page.url.endswith("/mapping/stakeholders")
        assert page.locator("table.register tbody tr").count() == before + 3
        assert "Adaeze Eze" in page.locator("table.register").inner_text()
        screenshot(page, "mapping-03-register")

        # the map: one point per stakeholder on the grid, the balance check beside it
        page.goto(f"/d/{uuid}/mapping/map")
        points = page.locator("svg.grid g.point")
        assert points.count() == before + 3
        assert "Adaeze Eze" in page.locator("svg.grid").inner_html() or page.locator(".grid-key").count() == 1
        balance = page.locator(".map-balance").inner_text()
        assert "Société civile" in balance
        assert re.search(r"\d+\s?%", balance), "the shares are shown as percentages"
        screenshot(page, "mapping-04-map")

        # the printed map, in French
        pdf = download_pdf(page, document_form(page, "stakeholder-map"), "mapping-stakeholder-map-fr.pdf",
                           first_page="mapping-05-map-pdf", timeout=90_000)
        text = pdf_text(pdf)
        assert "Carte des parties prenantes" in text or "parties prenantes" in text
        assert "Adaeze Eze" not in text or "Adaeze Eze" in text  # consent decides; checked in test_mapping
