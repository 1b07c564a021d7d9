"""Phase 3 in a real browser: record a commitment, send its owner a private link, report
through it in a fresh browser without an account, and see the update on the board."""
from __future__ import annotations

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    DESKTOP, SMALL_PHONE, chromium_browser, enter_dialogue, fill_progress, horizontal_overflow, live_server, log_in,
    open_link, owner_link, person, save_commitment, screenshot, send_progress,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEAD = "lead.uganda@demo.example"


def test_commitment_owner_link_update_on_the_board(live_server, chromium_browser):
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, LEAD)
        uuid = enter_dialogue(page, "Youth jobs in waste recycling")

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
        commitment_url = save_commitment(page)

        # 2. the lead makes the first owner's private link
        link = owner_link(page, page.locator("#owners form button").first)
        screenshot(page, "followup-02-link")

    # 3. the owner, on a basic phone, without an account
    with person(chromium_browser, live_server, **SMALL_PHONE) as page:
        open_link(page, link)
        assert "Open a second sorting yard" in page.locator("main").inner_text()
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow["culprits"]
        fill_progress(page, "on_track", "35", "Site found; the city authority agreed in principle.")
        send_progress(page)
        screenshot(page, "followup-03-owner-phone")
        size = len(page.content().encode())
        assert size < 20_000, f"the owner's page is {size} bytes"

    # 4. back on the board
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, LEAD)
        page.goto(commitment_url)
        timeline = page.locator("#timeline").inner_text()
        assert "Site found; the city authority agreed in principle." in timeline
        assert "35" in timeline and "link" in timeline
        page.goto(f"/d/{uuid}/followup/")
        assert "Open a second sorting yard" in page.locator("main").inner_text()
        screenshot(page, "followup-04-board")
