"""Phase 3 in a real browser: record a commitment, send its owner a private link, report
through it in a fresh browser without an account, and see the update on the board."""
from __future__ import annotations

import re

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    chromium_browser, horizontal_overflow, live_server, log_in, new_page, screenshot, submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEAD = "lead.uganda@demo.example"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def test_commitment_owner_link_update_on_the_board(live_server, chromium_browser):
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, LEAD)
        page.locator("main a", has_text="Youth jobs in waste recycling").first.click()
        page.wait_for_load_state()
        uuid = re.search(r"/d/([0-9a-f-]{36})/", page.url).group(1)

        # 1. record a commitment held by two stakeholders of different sectors
        page.goto(f"/d/{uuid}/followup/commitments/new")
        page.fill("#title", "Open a second sorting yard for youth groups in Kawempe")
        boxes = page.locator("input[name=owners]")
        assert boxes.count() >= 10
        boxes.nth(0).check()
        boxes.nth(5).check()
        page.fill("#due_date", "2030-06-30")
        page.fill("#indicator", "The yard is open five days a week")
        screenshot(page, "followup-01-new")
        submit(page, page.locator("main form button.primary"))
        assert re.search(r"/followup/commitments/[0-9a-f-]{36}/$", page.url), page.url
        commitment_url = page.url

        # 2. the lead makes the first owner's private link
        submit(page, page.locator("#owners form button").first)
        link = page.locator("input.copy").input_value()
        assert "/r/" in link
        screenshot(page, "followup-02-link")
        watch.check()
    finally:
        context.close()

    # 3. the owner, on a basic phone, without an account
    context, page, watch = new_page(chromium_browser, live_server, **PHONE)
    try:
        response = page.goto(link)
        assert response.status == 200
        assert "Open a second sorting yard" in page.locator("main").inner_text()
        assert page.locator("form[action$='/logout']").count() == 0
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow["culprits"]
        page.select_option("#status", "on_track")
        page.fill("#progress", "35")
        page.fill("#note", "Site found; the city authority agreed in principle.")
        submit(page, page.locator("main form button.primary"))
        assert page.locator(".notice").count() == 1
        screenshot(page, "followup-03-owner-phone")
        size = len(page.content().encode())
        assert size < 20_000, f"the owner's page is {size} bytes"
        watch.check()
    finally:
        context.close()

    # 4. back on the board
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, LEAD)
        page.goto(commitment_url)
        timeline = page.locator("#timeline").inner_text()
        assert "Site found; the city authority agreed in principle." in timeline
        assert "35" in timeline and "link" in timeline
        page.goto(f"/d/{uuid}/followup/")
        assert "Open a second sorting yard" in page.locator("main").inner_text()
        screenshot(page, "followup-04-board")
        watch.check()
    finally:
        context.close()
