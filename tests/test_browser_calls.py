"""Phase 0 in a real browser, on the demo data: an organisation applies in Spanish to the open
call through its public link, a reviewer scores the application, the coordinator selects it,
and the new partner sets a password through their one-time link and finds their dialogue,
pre-filled from the application."""
from __future__ import annotations

import re

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    chromium_browser, horizontal_overflow, live_server, log_in, new_page, screenshot, submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "coordinator@demo.example"
REVIEWER = "reviewer1@demo.example"
OPEN_CALL = "Second call for convening partners"
CHALLENGE = ("La contaminación del río Portoviejo enferma a las familias de la parroquia. Pescadores, "
             "agricultores y el municipio no tienen un plan común.")
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def test_apply_review_select_and_the_partner_finds_the_dialogue(live_server, chromium_browser):
    # 1. the coordinator copies the open call's public link
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, COORDINATOR)
        page.locator("header nav a", has_text="Calls").click()
        page.wait_for_load_state()
        page.locator("main a", has_text=OPEN_CALL).click()
        page.wait_for_load_state()
        call_url = page.url
        link = page.locator("input.copy").input_value()
        assert re.search(r"/calls/[A-Za-z0-9_-]{20,}/$", link), link
        watch.check()
    finally:
        context.close()

    # 2. an organisation in Ecuador applies in Spanish, on a phone, without an account
    context, page, watch = new_page(chromium_browser, live_server, **PHONE)
    try:
        response = page.goto(link + "?lang=es")
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == "es"
        assert "Segunda convocatoria de socios convocantes" in page.locator("h1").inner_text()
        assert page.locator("form[action$='/logout']").count() == 0
        page.locator("main a.button.primary").click()
        page.wait_for_load_state()
        assert "/apply" in page.url and "lang=es" in page.url
        page.fill("#organisation", "Colectivo Río Vivo (ficticio)")
        page.select_option("#country", "EC")
        page.fill("#contact_person", "Marta Zambrano")
        page.fill("#contact_email", "marta@riovivo.example")
        page.fill("#challenge", CHALLENGE)
        page.fill("#why_now", "El municipio decide este año su plan de saneamiento.")
        page.fill("#sector_government", "GAD municipal de Portoviejo")
        page.fill("#sector_community", "Asociaciones de pescadores y juntas de agua")
        page.fill("#how_reached", "Por las juntas de agua y la radio parroquial.")
        page.fill("#willingness", "Ya reunimos a pescadores y técnicos municipales dos veces.")
        page.fill("#capacity", "Cuatro personas y un local comunitario.")
        page.fill("#motivation", "Una mesa del río que se reúna cada trimestre.")
        page.check("#consent")
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow["culprits"]
        screenshot(page, "calls-01-apply-phone")
        submit(page, page.locator("main form button.primary"))
        confirmation = page.locator("main").inner_text()
        reference = re.search(r"EOI-\d{4}-\d{4}", confirmation)
        assert reference, confirmation
        reference = reference.group(0)
        assert page.locator("html").get_attribute("lang") == "es"
        screenshot(page, "calls-02-confirmation")
        watch.check()
    finally:
        context.close()

    # 3. a reviewer scores it
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, REVIEWER)
        page.locator("header nav a", has_text="Calls").click()
        page.wait_for_load_state()
        page.locator("main a", has_text=OPEN_CALL).click()
        page.wait_for_load_state()
        page.locator("nav.subnav a", has_text="Your reviews").click()
        page.wait_for_load_state()
        page.locator("main a", has_text=reference).click()
        page.wait_for_load_state()
        assert "Colectivo Río Vivo" in page.locator("h1").inner_text()
        groups = page.locator("fieldset.score")
        assert groups.count() == 3
        for index, value in enumerate(("5", "4", "4")):
            groups.nth(index).locator(f"input[value='{value}']").check()
        page.fill("#comment", "Un desafío claro, con actores ya dispuestos.")
        screenshot(page, "calls-03-review")
        submit(page, page.locator("form[action$='/review'] button.primary"))
        assert "Un desafío claro" in page.locator("#reviews").inner_text()
        watch.check()
    finally:
        context.close()

    # 4. the coordinator selects it from the ranking
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, COORDINATOR)
        page.goto(call_url)
        page.locator("nav.subnav a", has_text="Ranking").click()
        page.wait_for_load_state()
        row = page.locator("table.ranking tr", has_text=reference)
        assert "4.33" in row.inner_text()  # (5 + 4 + 4) / 3 with equal weights
        row.locator("a").click()
        page.wait_for_load_state()
        page.check("input[name=decision][value=select]")
        page.fill("#reason", "A clear challenge and a convening partner trusted on both sides.")
        submit(page, page.locator("form[action$='/decide'] button.primary"))
        invitation = page.locator(".issued-link input.copy").input_value()
        assert "/set-password/" in invitation
        assert page.locator("main a", has_text="Decision letter").count() == 1
        screenshot(page, "calls-04-selected")
        watch.check()
    finally:
        context.close()

    # 5. the new partner chooses a password and finds the dialogue, already started
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        response = page.goto(invitation)
        assert response.status == 200
        page.fill("#password", "rio vivo mesa del agua 2026")
        page.fill("#confirm", "rio vivo mesa del agua 2026")
        submit(page, page.locator("main form button[type=submit]"))
        assert page.locator("form[action$='/logout']").count() == 1
        page.locator("main a", has_text="La contaminación del río Portoviejo").click()
        page.wait_for_load_state()
        home = page.locator("main").inner_text()
        assert "Colectivo Río Vivo (ficticio)" in home
        assert "Pescadores, agricultores y el municipio no tienen un plan común." in home
        assert "Ecuador" in home
        screenshot(page, "calls-05-partner-dialogue")
        watch.check()
    finally:
        context.close()
