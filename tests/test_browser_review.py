"""One full review round in a real browser: the coordinator comments on a section of Nigeria's
submitted case study and asks for changes; the lead sees the comment next to its section,
revises the narrative and sends it again; the coordinator compares the versions and approves;
the approved version's PDF/A downloads as it was."""
from __future__ import annotations

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    DESKTOP, approve, ask_for_changes, chromium_browser, comment_on_section, download_pdf, flat, live_server, log_in,
    open_dialogue, pdf_text, person, screenshot, send_case_study, submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "coordinator@demo.example"
LEAD = "lead.nigeria@demo.example"
COMMENT = "Please say which market associations signed the agreement on cleaning days."
ADDED = "The traders' and butchers' associations both signed the cleaning-day agreement."


def open_case_study(page, title_part: str) -> str:
    uuid = open_dialogue(page, title_part)
    page.goto(f"/d/{uuid}/case-study/")
    return uuid


def test_a_review_round_in_the_browser(live_server, chromium_browser):
    # 1. the coordinator reads the submitted case study, comments on the summary, asks for changes
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, COORDINATOR)
        assert "new" in page.locator("header nav").inner_text()  # told of the submission
        uuid = open_case_study(page, "Safe and clean markets")
        assert "Submitted for review" in page.locator("#review").inner_text()
        comment_on_section(page, "summary", COMMENT)
        assert COMMENT in page.locator("#cs-summary").inner_text()
        page.fill("#note", "Nearly ready: see the comment on the summary.")
        screenshot(page, "review-01-coordinator-comments")
        ask_for_changes(page)

    # 2. the lead sees the comment beside the summary, revises, sends again
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, LEAD)
        open_case_study(page, "Safe and clean markets")
        assert COMMENT in page.locator("#cs-summary").inner_text()
        screenshot(page, "review-02-lead-sees-comment")
        submit(page, page.locator("main a.button", has_text="narrative"))
        summary = page.locator("#summary")
        summary.fill(summary.input_value() + "\n\n" + ADDED)
        submit(page, page.locator("main form button.primary"))
        send_case_study(page, 2)

    # 3. the coordinator sees what changed, approves, and downloads the frozen PDF/A
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, COORDINATOR)
        page.goto(f"/d/{uuid}/case-study/versions/?a=1&b=2")
        assert any("cleaning-day" in text for text in page.locator("main ins").all_inner_texts())
        screenshot(page, "review-03-what-changed")
        page.goto(f"/d/{uuid}/case-study/")
        approve(page)
        path = download_pdf(page, page.locator("#review a", has_text="PDF/A"), "review-approved-pdfa.pdf")
        text = flat(pdf_text(path))
        assert "cleaning-day agreement" in text.replace("- ", "-")
        screenshot(page, "review-04-approved")
