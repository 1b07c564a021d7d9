"""The case study and the toolkit in a real browser: a lead writes part of the narrative, sees
it in the preview, downloads the case study in Portuguese; anyone downloads the general
toolkit from the welcome page in French. Both PDFs are read back with pdftotext."""
from __future__ import annotations

import re

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    ARTIFACTS, chromium_browser, live_server, log_in, new_page, pdf_first_page_png, pdf_text, screenshot, submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEAD = "lead.uganda@demo.example"
REFLECTION = "We learned to hold the meetings after the market closes, when young sorters can come."


def translated(server, lang: str, message: str) -> str:
    from flask_babel import force_locale, gettext

    with server.app.test_request_context(), force_locale(lang):
        return gettext(message)


def download(page, form, name: str) -> str:
    """Submit a document form, keep the PDF under tests/artifacts/, return its text."""
    with page.expect_download(timeout=120_000) as info:
        form.locator("button[type=submit]").click()
    result = info.value
    assert result.failure() is None, result.failure()
    path = ARTIFACTS / name
    result.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    pdf_first_page_png(path, name.removesuffix(".pdf") + "-page1")
    return pdf_text(path)


def test_write_preview_and_download_the_case_study_and_the_toolkit(live_server, chromium_browser):
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        log_in(page, LEAD)
        page.locator("main a", has_text="Youth jobs in waste recycling").first.click()
        page.wait_for_load_state()
        uuid = re.search(r"/d/([0-9a-f-]{36})/", page.url).group(1)

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
        form = page.locator("main form.document-download[action$='/documents/case-study.pdf']").first
        form.locator("select").select_option("pt")
        text = download(page, form, "casestudy-uganda-pt.pdf")
        flat = re.sub(r"\s+", " ", text)
        assert translated(live_server, "pt", "Who was at the table") in flat, flat[:800]
        assert "after the market closes" in flat
        watch.check()
    finally:
        context.close()

    # 4. the general toolkit from the public welcome page, in French, without an account
    context, page, watch = new_page(chromium_browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        page.goto("/")
        form = page.locator("main form.document-download[action$='/documents/toolkit.pdf']")
        assert form.count() == 1
        form.locator("select").select_option("fr")
        screenshot(page, "toolkit-01-welcome")
        text = download(page, form, "toolkit-general-fr.pdf")
        flat = re.sub(r"\s+", " ", text)
        for heading in ("About this toolkit", "Staying safe", "Sign-in sheet"):
            assert translated(live_server, "fr", heading) in flat, heading
        watch.check()
    finally:
        context.close()
