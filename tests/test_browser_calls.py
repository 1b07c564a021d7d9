"""Phase 0 in a real browser, on the demo data: an organisation applies in Spanish to the open
call through its public link, a reviewer scores the application, the coordinator selects it,
and the new partner sets a password through their one-time link and finds their dialogue,
pre-filled from the application."""
from __future__ import annotations

import re

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    DESKTOP, SMALL_PHONE, application_reference, chromium_browser, enter_dialogue, fill_application,
    horizontal_overflow, live_server, log_in, open_link, open_review, person, score_application, screenshot,
    select_application, set_password, submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "coordinator@demo.example"
REVIEWER = "reviewer1@demo.example"
OPEN_CALL = "Second call for convening partners"
CHALLENGE = ("La contaminación del río Portoviejo enferma a las familias de la parroquia. Pescadores, "
             "agricultores y el municipio no tienen un plan común.")


def test_apply_review_select_and_the_partner_finds_the_dialogue(live_server, chromium_browser):
    # 1. the coordinator copies the open call's public link
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, COORDINATOR)
        submit(page, page.locator("header nav a", has_text="Calls"))
        submit(page, page.locator("main a", has_text=OPEN_CALL))
        call_url = page.url
        link = page.locator("input.copy").input_value()
        assert re.search(r"/calls/[A-Za-z0-9_-]{20,}/$", link), link

    # 2. an organisation in Ecuador applies in Spanish, on a phone, without an account
    with person(chromium_browser, live_server, **SMALL_PHONE) as page:
        open_link(page, link + "?lang=es")
        assert page.locator("html").get_attribute("lang") == "es"
        assert "Segunda convocatoria de socios convocantes" in page.locator("h1").inner_text()
        submit(page, page.locator("main a.button.primary"))
        assert "/apply" in page.url and "lang=es" in page.url
        fill_application(
            page, country="EC", organisation="Colectivo Río Vivo (ficticio)", contact_person="Marta Zambrano",
            contact_email="marta@riovivo.example", challenge=CHALLENGE,
            why_now="El municipio decide este año su plan de saneamiento.",
            sector_government="GAD municipal de Portoviejo",
            sector_community="Asociaciones de pescadores y juntas de agua",
            how_reached="Por las juntas de agua y la radio parroquial.",
            willingness="Ya reunimos a pescadores y técnicos municipales dos veces.",
            capacity="Cuatro personas y un local comunitario.",
            motivation="Una mesa del río que se reúna cada trimestre.")
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow["culprits"]
        screenshot(page, "calls-01-apply-phone")
        submit(page, page.locator("main form button.primary"))
        reference = application_reference(page)
        assert page.locator("html").get_attribute("lang") == "es"
        screenshot(page, "calls-02-confirmation")

    # 3. a reviewer scores it
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, REVIEWER)
        open_review(page, OPEN_CALL, reference)
        assert "Colectivo Río Vivo" in page.locator("h1").inner_text()
        score_application(page, ("5", "4", "4"), "Un desafío claro, con actores ya dispuestos.",
                          shot="calls-03-review")

    # 4. the coordinator selects it from the ranking
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, COORDINATOR)
        page.goto(call_url)
        invitation = select_application(page, reference, "4.33",  # (5 + 4 + 4) / 3 with equal weights
                                        "A clear challenge and a convening partner trusted on both sides.")
        assert page.locator("main a", has_text="Decision letter").count() == 1
        screenshot(page, "calls-04-selected")

    # 5. the new partner chooses a password and finds the dialogue, already started
    with person(chromium_browser, live_server, **DESKTOP) as page:
        set_password(page, invitation, "rio vivo mesa del agua 2026")
        enter_dialogue(page, "La contaminación del río Portoviejo")
        home = page.locator("main").inner_text()
        assert "Colectivo Río Vivo (ficticio)" in home
        assert "Pescadores, agricultores y el municipio no tienen un plan común." in home
        assert "Ecuador" in home
        screenshot(page, "calls-05-partner-dialogue")
