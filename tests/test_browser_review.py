"""One full review round in a real browser: the coordinator comments on a section of Nigeria's
submitted case study and asks for changes; the lead sees the comment next to its section,
revises the narrative and sends it again; the coordinator compares the versions and approves;
the approved version's PDF/A downloads as it was."""
from __future__ import annotations

import re

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    ARTIFACTS, chromium_browser, live_server, log_in, new_page, pdf_text, screenshot, submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "coordinator@demo.example"
LEAD = "lead.nigeria@demo.example"
COMMENT = "Please say which market associations signed the agreement on cleaning days."
ADDED = "The traders' and butchers' associations both signed the cleaning-day agreement."


def open_case_study(page, title_part: str) -> str:
    page.goto("/")
    page.locator("main a", has_text=title_part).first.click()
    page.wait_for_load_state()
    uuid = re.search(r"/d/([0-9a-f-]{36})/", page.url).group(1)
    page.goto(f"/d/{uuid}/case-study/")
    return uuid


def test_a_review_round_in_the_browser(live_server, chromium_browser):
    # 1. the coordinator reads the submitted case study, comments on the summary, asks for changes
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, COORDINATOR)
        assert "new" in page.locator("header nav").inner_text()  # told of the submission
        uuid = open_case_study(page, "Safe and clean markets")
        assert "Submitted for review" in page.locator("#review").inner_text()
        summary = page.locator("#cs-summary")
        summary.locator("textarea").fill(COMMENT)
        submit(page, summary.locator("button[type=submit]"))
        assert COMMENT in page.locator("#cs-summary").inner_text()
        page.fill("#note", "Nearly ready: see the comment on the summary.")
        screenshot(page, "review-01-coordinator-comments")
        submit(page, page.locator("#review button[name=request_changes]"))
        assert "Changes requested" in page.locator("#review").inner_text()
        watch.check()
    finally:
        context.close()

    # 2. the lead sees the comment beside the summary, revises, sends again
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, LEAD)
        open_case_study(page, "Safe and clean markets")
        assert COMMENT in page.locator("#cs-summary").inner_text()
        screenshot(page, "review-02-lead-sees-comment")
        submit(page, page.locator("main a.button", has_text="narrative"))
        summary = page.locator("#summary")
        summary.fill(summary.input_value() + "\n\n" + ADDED)
        submit(page, page.locator("main form button.primary"))
        submit(page, page.locator("#review button[type=submit]"))
        assert "Version 2" in page.locator("main").inner_text()
        watch.check()
    finally:
        context.close()

    # 3. the coordinator sees what changed, approves, and downloads the frozen PDF/A
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, COORDINATOR)
        page.goto(f"/d/{uuid}/case-study/versions/?a=1&b=2")
        assert any("cleaning-day" in text for text in page.locator("main ins").all_inner_texts())
        screenshot(page, "review-03-what-changed")
        page.goto(f"/d/{uuid}/case-study/")
        submit(page, page.locator("#review button[name=approve]"))
        assert "Approved" in page.locator("#review").inner_text()
        with page.expect_download(timeout=120_000) as info:
            page.locator("#review a", has_text="PDF/A").click()
        path = ARTIFACTS / "review-approved-pdfa.pdf"
        info.value.save_as(path)
        text = re.sub(r"\s+", " ", pdf_text(path))
        assert "cleaning-day agreement" in text.replace("- ", "-")
        screenshot(page, "review-04-approved")
        watch.check()
    finally:
        context.close()
