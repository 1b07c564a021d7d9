"""In a real browser: log in, switch to Arabic, create a dialogue, download the handout; and a phone.

Debian's Chromium (``/usr/bin/chromium``) driven by Playwright against the real app on a live
server (see ``browser_support``). Screenshots of every step land in ``tests/artifacts/``.
"""
from __future__ import annotations

import re

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    ARABIC_LETTER, DESKTOP, LATIN_LETTER, PARTNER, PHONE, PHONE_USER, chromium_browser, download_pdf, follow,
    html_lang_dir, horizontal_overflow, live_server, log_in, pdf_pages, pdf_text, person, require_tool, screenshot,
    submit, switch_language,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

DIALOGUE_HOME = re.compile(r"/d/[0-9a-f-]{36}/$")

TITLE = "حوار حول مياه الري في واحة سيوة"
ORGANISATION = "جمعية أصدقاء الواحة (وهمية)"
LOCALITY = "سيوة، مطروح"
CHALLENGE = (
    "تتناقص المياه الجوفية في الواحة وتزداد ملوحتها. يحتاج المزارعون والبلدية وشركة المياه "
    "والجامعة إلى رؤية مشتركة لتقاسم المياه وترشيد استهلاكها."
)


def arabic_share(text: str) -> tuple[int, int]:
    return len(ARABIC_LETTER.findall(text)), len(LATIN_LETTER.findall(text))


def test_partner_works_in_arabic_and_downloads_the_handout(live_server, chromium_browser):
    # the PDF check needs poppler: fail (CI) or skip early rather than after the browser work
    require_tool("pdftotext")
    require_tool("pdfinfo")
    with person(chromium_browser, live_server, **DESKTOP) as page:
        # 1. log in as a partner (English: the browser asks for en-GB)
        page.goto("/login")
        screenshot(page, "arabic-01-login")
        log_in(page, PARTNER)
        assert html_lang_dir(page) == ("en", "ltr")
        screenshot(page, "arabic-02-dialogues-en")

        # 2. the language switcher in the header: Arabic, right to left
        switch_language(page, "ar")
        assert html_lang_dir(page) == ("ar", "rtl"), "the Arabic interface must be <html lang=ar dir=rtl>"
        heading = page.locator("main h1").first.inner_text()
        assert ARABIC_LETTER.search(heading), f"the page heading is not in Arabic: {heading!r}"
        screenshot(page, "arabic-03-dialogues-ar")

        # 3. a new dialogue through the form, with the country from the Arabic list
        follow(page, "main a[href$='/dialogues/new']")
        assert html_lang_dir(page) == ("ar", "rtl")
        page.fill("#title", TITLE)
        page.fill("#organisation", ORGANISATION)
        page.fill("#locality", LOCALITY)
        egypt = page.locator("#country option[value='EG']")
        assert ARABIC_LETTER.search(egypt.inner_text()), f"the country list is not in Arabic: {egypt.inner_text()!r}"
        page.select_option("#country", "EG")
        page.check("input[name=languages][value=ar]")
        page.check("input[name=languages][value=en]")
        assert page.input_value("#content_language") == "ar", "what a user writes defaults to the interface language"
        page.fill("#challenge", CHALLENGE)
        screenshot(page, "arabic-04-new-dialogue")
        submit(page, page.locator("main form button[type=submit]"))

        # 4. the dialogue's home
        assert DIALOGUE_HOME.search(page.url), f"expected the dialogue home, got {page.url}"
        assert html_lang_dir(page) == ("ar", "rtl")
        assert page.locator("main h1").first.inner_text().strip() == TITLE
        assert "مصر" in page.locator("main .page-head").inner_text()
        screenshot(page, "arabic-05-dialogue-home")

        # 5. the "method at a glance" handout from the documents on the dialogue home
        form = page.locator("main form.document-download[action*='/documents/method-overview.pdf']")
        assert form.count() == 1, "no download form for the method handout on the dialogue home"
        assert form.locator("select").input_value() == "ar", "documents default to the interface language"
        form.scroll_into_view_if_needed()
        screenshot(page, "arabic-06-documents")
        pdf = download_pdf(page, form.locator("button[type=submit]"), "arabic-method-overview.pdf",
                           first_page="arabic-07-handout-page1", timeout=90_000)
        assert pdf_pages(pdf) >= 1
        text = pdf_text(pdf)
        arabic, latin = arabic_share(text)
        assert arabic >= 50 and arabic > latin, (
            f"the handout's text is not Arabic ({arabic} Arabic letters, {latin} Latin):\n{text[:600]}"
        )
        screenshot(page, "arabic-08-after-download")


def test_dialogue_home_fits_a_phone(live_server, chromium_browser):
    with person(chromium_browser, live_server, **PHONE) as page:
        log_in(page, PHONE_USER)
        follow(page, "main table a[href*='/d/']")
        assert DIALOGUE_HOME.search(page.url), page.url
        home = page.url
        languages = page.locator("header form.language-switch select option").evaluate_all(
            "options => options.map(o => o.value)"
        )
        too_wide = []
        for code in languages:
            if html_lang_dir(page)[0] != code:
                switch_language(page, code)
            assert page.url == home, f"the language switcher should come back to the page: {page.url}"
            screenshot(page, f"phone-{code}-dialogue-home")
            result = horizontal_overflow(page)
            if result["scrollWidth"] > result["innerWidth"]:
                too_wide.append(f"{code}: scrollWidth {result['scrollWidth']} > innerWidth {result['innerWidth']}; "
                                f"sticking out: {', '.join(result['culprits']) or '?'}")
        assert not too_wide, "the dialogue home scrolls sideways on a phone:\n  " + "\n  ".join(too_wide)
