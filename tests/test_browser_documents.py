"""The case study and the toolkit in a real browser: a lead writes part of the narrative, sees
it in the preview, downloads the case study in Portuguese; anyone downloads the general
toolkit from the welcome page in French. Both PDFs are read back with pdftotext."""
from __future__ import annotations

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    DESKTOP, chromium_browser, document_form, download_pdf, enter_dialogue, flat, live_server, log_in, pdf_text,
    person, screenshot, submit, translated,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEAD = "lead.uganda@demo.example"
REFLECTION = "We learned to hold the meetings after the market closes, when young sorters can come."


def download(page, button, name: str) -> str:
    """Download a PDF into tests/artifacts/ (its first page beside it); its text on one line."""
    path = download_pdf(page, button, name, first_page=name.removesuffix(".pdf") + "-page1")
    return flat(pdf_text(path))


def test_write_preview_and_download_the_case_study_and_the_toolkit(live_server, chromium_browser):
    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, LEAD)
        uuid = enter_dialogue(page, "Youth jobs in waste recycling")

        # 1. from the dialogue home to the case study, then its narrative form
        submit(page, page.locator("main a", has_text="The case study"))
        assert page.url.endswith(f"/d/{uuid}/case-study/")
        screenshot(page, "casestudy-01-preview")
        submit(page, page.locator("main a.button", has_text="narrative"))
        page.fill("#reflections", REFLECTION)
        screenshot(page, "casestudy-02-form")
        submit(page, page.locator("main form button.primary"))

        # 2. the preview shows what the PDF will: the narrative and the phases' sections
        main = page.locator("main").inner_text()
        assert REFLECTION in main
        for heading in ("Who was at the table", "What was agreed", "Commitments and their status"):
            assert heading in main, heading
        screenshot(page, "casestudy-03-preview-saved")

        # 3. the PDF in Portuguese: headings in Portuguese, the partner's text as written
        text = download(page, document_form(page, "case-study", "pt"), "casestudy-uganda-pt.pdf")
        assert translated(live_server, "pt", "Who was at the table") in text, text[:800]
        assert "after the market closes" in text

    # 4. the general toolkit from the public welcome page, in French, without an account
    with person(chromium_browser, live_server, **DESKTOP) as page:
        page.goto("/")
        assert page.locator("main form.document-download[action$='/documents/toolkit.pdf']").count() == 1
        button = document_form(page, "toolkit", "fr")
        screenshot(page, "toolkit-01-welcome")
        text = download(page, button, "toolkit-general-fr.pdf")
        for heading in ("About this toolkit", "Staying safe", "Sign-in sheet"):
            assert translated(live_server, "fr", heading) in text, heading
