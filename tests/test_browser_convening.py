"""Phase 2 in a real browser: plan a meeting, build its agenda from a ready-made one and
reorder it, check in two invitees on a phone, record an agreement, download the pack."""
from __future__ import annotations

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    DESKTOP, PHONE, add_agenda_item, agenda_from_template, chromium_browser, document_form, download_pdf,
    enter_dialogue, fill_meeting, horizontal_overflow, live_server, log_in, pdf_pages, pdf_text, person,
    record_agreement, require_tool, screenshot, submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEAD = "lead.kenya@demo.example"
FACILITATOR = "facilitator.kenya@demo.example"


def test_agenda_check_in_on_a_phone_record_and_pack(live_server, chromium_browser):
    require_tool("pdftotext")
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, LEAD)
        uuid = enter_dialogue(page, "Sharing water between herders")

        # 1. plan a meeting
        page.goto(f"/d/{uuid}/meetings/new")
        fill_meeting(page, title="Dry-season review meeting", kind="followup", date="2030-02-10", start="09:00",
                     end="13:00", timezone="Africa/Nairobi")
        screenshot(page, "convening-01-plan")
        submit(page, page.locator("main form button.primary"))
        assert page.url.endswith("/agenda")
        meeting_url = page.url.rsplit("/agenda", 1)[0]

        # 2. a ready-made agenda, one item more, moved up
        items = agenda_from_template(page, "half_day", items=8)
        assert items.first.locator(".when").inner_text().startswith("09:00")
        add_agenda_item(page, "Report from the water committee", "20", "shared_language")
        assert items.count() == 9
        last = items.nth(8)
        assert "Report from the water committee" in last.inner_text()
        assert page.locator("ul.warnings").count() == 1  # shared language after commitment, and past 13:00
        for _ in range(7):
            submit(page, page.locator("ol.agenda-items > li", has_text="Report from the water committee")
                   .locator("button[value=up]"))
        assert "Report from the water committee" in items.nth(1).inner_text()
        screenshot(page, "convening-02-agenda")

    # 3. at the door, on a phone
    with person(chromium_browser, live_server, **PHONE) as page:
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

    # 4. the record and the pack
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, LEAD)
        page.goto(meeting_url + "/record")
        record_agreement(page, "The committee meets before every dry season.")
        page.goto(meeting_url + "/")
        assert "The committee meets before every dry season." in page.locator("main").inner_text()
        pdf = download_pdf(page, document_form(page, "facilitator-pack"), "convening-pack.pdf",
                           first_page="convening-04-pack-page1")
        assert pdf_pages(pdf) >= 6
        text = pdf_text(pdf)
        assert "Dry-season review meeting" in text
        assert "Report from the water committee" in text
        assert names[1].split(",")[0] in text or "Sign-in sheet" in text
        screenshot(page, "convening-05-meeting")
