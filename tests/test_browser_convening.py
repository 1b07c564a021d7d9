"""Phase 2 in a real browser: plan a meeting, build its agenda from a ready-made one and
reorder it, check in two invitees on a phone, record an agreement, download the pack."""
from __future__ import annotations

import re

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    ARTIFACTS, chromium_browser, horizontal_overflow, live_server, log_in, new_page, pdf_first_page_png, pdf_pages,
    pdf_text, require_tool, screenshot, submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEAD = "lead.kenya@demo.example"
FACILITATOR = "facilitator.kenya@demo.example"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def test_agenda_check_in_on_a_phone_record_and_pack(live_server, chromium_browser):
    require_tool("pdftotext")
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, LEAD)
        page.locator("main a", has_text="Sharing water between herders").first.click()
        page.wait_for_load_state()
        uuid = re.search(r"/d/([0-9a-f-]{36})/", page.url).group(1)

        # 1. plan a meeting
        page.goto(f"/d/{uuid}/meetings/new")
        page.fill("#title", "Dry-season review meeting")
        page.select_option("#kind", "followup")
        page.fill("#date", "2030-02-10")
        page.fill("#start", "09:00")
        page.fill("#end", "13:00")
        assert page.input_value("#timezone") == "Africa/Nairobi"
        screenshot(page, "convening-01-plan")
        submit(page, page.locator("main form button.primary"))
        assert page.url.endswith("/agenda")
        meeting_url = page.url.rsplit("/agenda", 1)[0]

        # 2. a ready-made agenda, one item more, moved up
        page.select_option("#template", "half_day")
        submit(page, page.locator("form[action$='/agenda/template'] button"))
        items = page.locator("ol.agenda-items > li")
        assert items.count() == 8
        assert items.first.locator(".when").inner_text().startswith("09:00")
        page.fill("#title", "Report from the water committee")
        page.fill("#minutes", "20")
        page.select_option("#stage", "shared_language")
        submit(page, page.locator("form[action$='/agenda'] button.primary"))
        assert items.count() == 9
        last = items.nth(8)
        assert "Report from the water committee" in last.inner_text()
        assert page.locator("ul.warnings").count() == 1  # shared language after commitment, and past 13:00
        for _ in range(7):
            submit(page, page.locator("ol.agenda-items > li", has_text="Report from the water committee")
                   .locator("button[value=up]"))
        assert "Report from the water committee" in items.nth(1).inner_text()
        screenshot(page, "convening-02-agenda")
        watch.check()
    finally:
        context.close()

    # 3. at the door, on a phone
    context, page, watch = new_page(chromium_browser, live_server, **PHONE)
    try:
        log_in(page, FACILITATOR)
        page.goto(meeting_url + "/attendance")
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow["culprits"]
        rows = page.locator("ul.door-list > li")
        assert rows.count() >= 10
        names = []
        for index in range(2):
            row = page.locator("ul.door-list > li:not(.present)").first
            names.append(row.locator("div").first.inner_text().split("\n")[0])
            submit(page, row.locator("button.check-in"))
        present = page.locator("ul.door-list > li.present")
        assert present.count() == 2
        assert "2 came of" in page.locator("main").inner_text()
        page.fill("#q", names[0].split(",")[0].split()[-1])
        submit(page, page.locator("form.door-search button"))
        assert page.locator("ul.door-list > li.present").count() >= 1
        screenshot(page, "convening-03-door-phone")
        watch.check()
    finally:
        context.close()

    # 4. the record and the pack
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, LEAD)
        page.goto(meeting_url + "/record")
        page.select_option("#kind", "agreement")
        page.fill("#text", "The committee meets before every dry season.")
        submit(page, page.locator("form[action$='/outcomes'] button.primary"))
        assert "The committee meets before every dry season." in page.locator("#outcomes").inner_text()
        page.goto(meeting_url + "/")
        assert "The committee meets before every dry season." in page.locator("main").inner_text()
        form = page.locator("main form.document-download[action$='/facilitator-pack.pdf']")
        with page.expect_download(timeout=120_000) as download_info:
            form.locator("button[type=submit]").click()
        pdf = ARTIFACTS / "convening-pack.pdf"
        download_info.value.save_as(pdf)
        assert pdf_pages(pdf) >= 6
        text = pdf_text(pdf)
        assert "Dry-season review meeting" in text
        assert "Report from the water committee" in text
        assert names[1].split(",")[0] in text or "Sign-in sheet" in text
        pdf_first_page_png(pdf, "convening-04-pack-page1")
        screenshot(page, "convening-05-meeting")
        watch.check()
    finally:
        context.close()
