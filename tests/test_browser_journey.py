"""The whole method in one real browser, as its users walk it, on the demo data.

1. The coordinator makes a reviewer's account (Accounts), then a call for expressions of
   interest in English and Portuguese, with that reviewer, and opens it.
2. An organisation in Mozambique opens the call's public link without an account, switches the
   interface to Portuguese and applies in Portuguese.
3. The reviewer chooses a password through their one-time link and scores the application.
4. The coordinator selects it from the ranking, gets the new partner's one-time link and
   downloads the decision letter (PDF, in the applicant's Portuguese).
5. The partner chooses a password and logs in; in Portuguese they import a stakeholder
   spreadsheet (a person at risk among them) and read the balance warnings; in Arabic (right
   to left) they plan the meeting, apply a ready-made agenda and check people in at the door;
   back in English they download the facilitator's pack (PDF, in Portuguese: no trace of the
   person at risk), record an agreement and a commitment, and make its owner's private link.
6. The owner reports progress through that link, without an account.
7. The partner writes the lessons and the case study in Portuguese; sending it is refused until
   the narrative can be read in English, so they translate it on the translations page.
8. The coordinator comments and asks for a change; the partner revises, the English translation
   goes out of date and is brought up to date, the case study goes again; the coordinator
   approves and downloads the frozen PDF/A.
9. The general toolkit (PDF, from the public start page) now has this dialogue's lessons under
   "Lessons from the field", with its country.

Every PDF is read back with pdftotext; every step leaves a screenshot in
tests/artifacts/journey/.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from browser_support import (  # noqa: F401  (chromium_browser and live_server are fixtures)
    ARABIC_LETTER, ARTIFACTS, DESKTOP, add_agenda_item, agenda_from_template, application_reference, approve,
    ask_for_changes, chromium_browser, comment_on_section, document_form, download_pdf, enter_dialogue,
    fill_application, fill_meeting, fill_progress, flat, follow, html_lang_dir, live_server, log_in, one_time_link,
    open_dialogue, open_link, open_review, owner_link, pdf_text, person, record_agreement, require_tool,
    save_commitment, score_application, screenshot, select_application, send_case_study, send_progress, set_password,
    submit, switch_language, translated,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

COORDINATOR = "coordinator@demo.example"
REVIEWER = "avaliadora.journey@example.org"
REVIEWER_PASSWORD = "uma avaliadora atenta 2026"
PARTNER_EMAIL = "lurdes@maosunidas.example"
PARTNER_PASSWORD = "maos unidas contra as cheias 2026"
SHOTS = ARTIFACTS / "journey"

CALL_EN = "Call for convening partners: floods and rivers"
CALL_PT = "Convite a parceiros convocantes: cheias e rios"
ORGANISATION = "Associação Mãos Unidas do Búzi (fictícia)"
CHALLENGE = ("As cheias do rio Búzi destroem as machambas da vila. A autarquia, os camponeses e a açucareira "
             "não têm um plano comum de aviso prévio.")
TITLE = "As cheias do rio Búzi destroem as machambas da vila"  # the challenge's first sentence
DECISION_REASON = "Um desafio claro e uma associação em que todos os lados confiam."

#: the register as a partner in Mozambique keeps it: Portuguese headers and values, one person
#: at risk who has not agreed to be named, nobody from academia, nobody young
AT_RISK_PERSON = "Rosa Cumbe"
STAKEHOLDERS_CSV = (
    "Organização,Pessoa,Setor,Influência (1 a 5),Interesse (1 a 5),Posição,Género,"
    "Consentimento para identificação nos relatórios,Em risco,Convite\r\n"
    "Conselho Municipal da Vila do Búzi,Armando Sitoe,Governo,5,4,A favor,Homem,sim,não,Aceitou\r\n"
    "Açucareira do Búzi (fictícia),Carla Mondlane,Setor privado,4,2,Neutra,Mulher,sim,não,Aceitou\r\n"
    "Associação de Camponeses de Guara-Guara,Fátima Jossias,Sociedade civil,2,5,A favor,Mulher,sim,não,Aceitou\r\n"
    f"Comité Local de Gestão de Risco,{AT_RISK_PERSON},Sociedade civil,2,5,A favor,Mulher,não,sim,Aceitou\r\n"
    "Rádio Comunitária do Búzi,Joaquim Tembe,Meios de comunicação social,3,4,Neutra,Homem,sim,não,Aceitou\r\n"
    "Associação de Pescadores do Estuário,,Comunidade,1,4,Contra,,não,não,\r\n"
)

MEETING = "Reunião do diálogo sobre as cheias do Búzi"
EXTRA_ITEM = "Relato das comunidades ribeirinhas"
AGREEMENT = "A autarquia e os camponeses criam juntos um aviso prévio de cheias por rádio."
COMMITMENT = "Instalar três réguas de medição do nível do rio em Guara-Guara"
OWNER_NOTE = "Duas réguas já estão instaladas; a terceira espera pelo fim das chuvas."
LESSON = "Reunir os camponeses na igreja da vila trouxe mais mulheres à mesa do que a sala da autarquia."

SUMMARY_PT = "Em Búzi, a autarquia, os camponeses e a açucareira acordaram um aviso prévio de cheias."
SUMMARY_EN = "In Búzi, the municipality, the farmers and the sugar company agreed on a flood early warning."
CONTEXT_PT = "O rio Búzi transborda quase todos os anos e as famílias perdem as colheitas."
CONTEXT_EN = "The Búzi river floods almost every year and families lose their harvests."
COMMENT = "Please say who broadcasts the warning and in which languages."
ADDED_PT = "A Rádio Comunitária do Búzi transmite o aviso em português e em ndau."
ADDED_EN = "The Búzi community radio broadcasts the warning in Portuguese and in Ndau."


def shot(page, name: str) -> None:
    screenshot(page, f"journey/{name}")


def download(page, trigger, name: str) -> str:
    """Download a PDF into tests/artifacts/journey/ (its first page beside it); its text on one line."""
    path = download_pdf(page, trigger, f"journey/{name}", first_page=f"journey/{name.removesuffix('.pdf')}-page1")
    return flat(pdf_text(path))


def open_case_study(page) -> None:
    """The journey's dialogue, then its case study."""
    open_dialogue(page, TITLE)
    follow(page, "main a:has-text('The case study')")


def test_the_whole_method_from_call_to_lessons(live_server, chromium_browser, tmp_path):
    require_tool("pdftotext")
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser = chromium_browser
    today = date.today()

    # -- 1. the coordinator: a reviewer's account, then the call --------------------------------
    with person(browser, live_server, **DESKTOP) as page:
        log_in(page, COORDINATOR)
        submit(page, page.locator("header nav a", has_text="Accounts"))
        submit(page, page.locator("main a", has_text="New account"))
        page.fill("#email", REVIEWER)
        page.fill("#name", "Graça Cossa")
        page.select_option("#role", "reviewer")
        submit(page, page.locator("main form button.primary"))
        reviewer_link = one_time_link(page)
        shot(page, "01-coordinator-reviewer-account")

        submit(page, page.locator("header nav a", has_text="Calls"))
        submit(page, page.locator("main a[href$='/calls/new']"))
        page.check("input[name=languages][value=en]")
        page.check("input[name=languages][value=pt]")
        page.fill("#title_en", CALL_EN)
        page.fill("#description_en", "Organisations working where rivers flood may propose a dialogue.")
        page.fill("#title_pt", CALL_PT)
        page.fill("#description_pt", "Organizações que trabalham onde os rios transbordam podem propor um diálogo.")
        page.fill("#opens_on", (today - timedelta(days=1)).isoformat())
        page.fill("#opens_time", "08:00")
        page.fill("#closes_on", (today + timedelta(days=60)).isoformat())
        page.fill("#closes_time", "17:00")
        page.select_option("#timezone", "Africa/Maputo")
        page.locator("li", has_text="Graça Cossa").locator("input[name=reviewer_ids]").check()
        shot(page, "02-coordinator-new-call")
        submit(page, page.locator("main form button.primary"))
        assert re.search(r"/calls/[0-9a-f-]{36}/$", page.url), page.url
        call_url = page.url
        submit(page, page.locator("main form[action$='/open'] button"))
        assert "Graça Cossa" in page.locator("main").inner_text()
        public_link = page.locator("input.copy").input_value()
        assert re.search(r"/calls/[A-Za-z0-9_-]{20,}/$", public_link), public_link
        shot(page, "03-coordinator-call-open")

    # -- 2. an applicant, without an account, in Portuguese --------------------------------------
    with person(browser, live_server, **DESKTOP) as page:
        # they read the method first: the general toolkit, whose lessons do not know Mozambique yet
        page.goto("/")
        toolkit_before = download(page, document_form(page, "toolkit", "en"), "toolkit-before-en.pdf")
        assert "Lessons from the field" in toolkit_before
        assert "Mozambique" not in toolkit_before and LESSON not in toolkit_before

        open_link(page, public_link)
        assert CALL_EN in page.locator("h1").inner_text()  # the browser asks for English
        switch_language(page, "pt")
        assert html_lang_dir(page) == ("pt", "ltr")
        assert CALL_PT in page.locator("h1").inner_text()
        assert "Organizações que trabalham onde os rios transbordam" in page.locator("main").inner_text()
        shot(page, "04-applicant-call-pt")
        submit(page, page.locator("main a.button.primary"))
        assert "/apply" in page.url
        assert html_lang_dir(page) == ("pt", "ltr")
        fill_application(
            page, country="MZ", organisation=ORGANISATION, contact_person="Lurdes Machava",
            contact_email=PARTNER_EMAIL, challenge=CHALLENGE,
            why_now="O distrito prepara este ano o seu plano de redução do risco de desastres.",
            sector_government="Conselho Municipal da Vila do Búzi e o INGD",
            sector_private_sector="A açucareira e os comerciantes do mercado",
            sector_civil_society="Associações de camponeses e comités locais de gestão de risco",
            how_reached="Pelos comités locais e pela rádio comunitária.",
            willingness="Já reunimos camponeses e técnicos do município depois das cheias de 2025.",
            capacity="Cinco pessoas, uma viatura e uma sala na vila.",
            motivation="Um fórum do rio que se reúna antes de cada época das chuvas.")
        shot(page, "05-applicant-form-pt")
        submit(page, page.locator("main form button.primary"))
        reference = application_reference(page)
        assert html_lang_dir(page) == ("pt", "ltr")
        shot(page, "06-applicant-confirmation-pt")

    # -- 3. the reviewer: a password through the link, then the scores ---------------------------
    with person(browser, live_server, **DESKTOP) as page:
        set_password(page, reviewer_link, REVIEWER_PASSWORD)
        open_review(page, CALL_EN, reference)
        assert ORGANISATION in page.locator("h1").inner_text()
        assert "As cheias do rio Búzi" in page.locator("main").inner_text()
        score_application(page, ("5", "4", "5"), "A clear challenge; the farmers and the municipality already meet.",
                          shot="journey/07-reviewer-scores")

    # -- 4. the coordinator selects it; the decision letter in Portuguese ------------------------
    with person(browser, live_server, **DESKTOP) as page:
        log_in(page, COORDINATOR)
        follow(page, "header nav a:has-text('Calls')")
        follow(page, f"main a:has-text('{CALL_EN}')")
        assert page.url == call_url
        partner_link = select_application(page, reference, "4.67", DECISION_REASON)  # (5 + 4 + 5) / 3, equal weights
        shot(page, "08-coordinator-selected")
        text = download(page, page.locator("main a", has_text="Decision letter"), "decision-letter-pt.pdf")
        assert translated(live_server, "pt", "Your organisation is selected") in text  # the applicant's language
        assert ORGANISATION in text and "Moçambique" in text and reference in text
        assert DECISION_REASON in text
        assert "Lurdes Machava" in text

    # -- 5a. the partner: a password, a login, the register in Portuguese ------------------------
    with person(browser, live_server, **DESKTOP) as page:
        set_password(page, partner_link, PARTNER_PASSWORD)
    with person(browser, live_server, **DESKTOP) as page:
        log_in(page, PARTNER_EMAIL, PARTNER_PASSWORD)
        switch_language(page, "pt")
        assert html_lang_dir(page) == ("pt", "ltr")
        enter_dialogue(page, TITLE)
        home = page.locator("main").inner_text()
        assert ORGANISATION in home and "Moçambique" in home
        shot(page, "09-partner-dialogue-home-pt")

        follow(page, "main ol.phases a[href$='/mapping/stakeholders']")  # "Map the stakeholders"
        follow(page, "main a[href$='/mapping/stakeholders/import']")
        csv_file = tmp_path / "partes-interessadas.csv"
        csv_file.write_text(STAKEHOLDERS_CSV, encoding="utf-8")
        page.set_input_files("input[type=file]", str(csv_file))
        submit(page, page.locator("main form button[type=submit]"))
        selects = page.locator("table.import-preview thead select")
        assert [selects.nth(i).input_value() for i in range(selects.count())] == [
            "organisation", "person", "sector", "influence", "interest", "stance", "gender", "consent_named",
            "at_risk", "invitation"]
        shot(page, "10-partner-import-preview-pt")
        submit(page, page.locator("main form button.primary"))
        assert page.url.endswith("/mapping/stakeholders")
        register = page.locator("table.register")
        assert register.locator("tbody tr").count() == 6
        assert "Armando Sitoe" in register.inner_text()
        shot(page, "11-partner-register-pt")

        follow(page, "nav.subnav a[href$='/mapping/map']")
        assert page.locator("svg.grid g.point").count() == 6
        # every name beside its point can be read: inside the picture (those with interest 5
        # too), none over another (two stakeholders share a cell)
        layout = page.evaluate("""() => {
            const box = document.querySelector('svg.grid').getBoundingClientRect();
            const texts = [...document.querySelectorAll('svg.grid g.point text')];
            const rects = texts.map(t => t.getBoundingClientRect());
            const outside = texts.filter((t, i) => rects[i].left < box.left - 0.5 || rects[i].right > box.right + 0.5)
                .map(t => t.textContent);
            const overlapping = [];
            rects.forEach((a, i) => rects.forEach((b, j) => {
                if (i < j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
                    overlapping.push([texts[i].textContent, texts[j].textContent]);
            }));
            return {outside, overlapping};
        }""")
        assert layout == {"outside": [], "overlapping": []}, layout
        warnings = page.locator("ul.warnings").inner_text()
        for message in ("No one from academia or research is mapped yet: the method wants the scientific "
                        "community at the table.", "No invitee is young or represents young people."):
            assert translated(live_server, "pt", message) in warnings, warnings
        shot(page, "12-partner-balance-warnings-pt")

    # -- 5b. in Arabic: the meeting, its agenda, the door ----------------------------------------
    with person(browser, live_server, **DESKTOP) as page:
        log_in(page, PARTNER_EMAIL, PARTNER_PASSWORD)
        assert html_lang_dir(page) == ("pt", "ltr")  # a logged-in user keeps their language
        switch_language(page, "ar")
        assert html_lang_dir(page) == ("ar", "rtl")
        open_dialogue(page, TITLE)
        assert html_lang_dir(page) == ("ar", "rtl")
        follow(page, "main ol.phases a[href$='/meetings/']")  # "Plan the main meeting"
        follow(page, "main a[href$='/meetings/new']")
        assert html_lang_dir(page) == ("ar", "rtl")
        assert ARABIC_LETTER.search(page.locator("main h1").inner_text())
        fill_meeting(page, title=MEETING, kind="main", date=(today + timedelta(days=20)).isoformat(), start="08:30",
                     end="12:30", timezone="Africa/Maputo")
        # what the partner writes in Portuguese (the title; the ready-made ground rules, in the
        # dialogue's language) runs left to right inside the right-to-left page: each paragraph
        # of a text field takes the direction of its own first letter
        bidi = page.evaluate("""() => ['#title', '#ground_rules', '#venue'].map(
            selector => getComputedStyle(document.querySelector(selector)).unicodeBidi)""")
        assert bidi == ["plaintext"] * 3, bidi
        assert page.input_value("#ground_rules").startswith("Regra de Chatham House")
        shot(page, "13-partner-plan-meeting-ar")
        submit(page, page.locator("main form button.primary"))
        assert page.url.endswith("/agenda")
        meeting_url = page.url.rsplit("/agenda", 1)[0]
        items = agenda_from_template(page, "half_day", items=8)
        add_agenda_item(page, EXTRA_ITEM, "15", "divergence")
        assert items.count() == 9
        assert html_lang_dir(page) == ("ar", "rtl")
        assert ARABIC_LETTER.search(page.locator("main h1").inner_text())
        shot(page, "14-partner-agenda-ar")

        follow(page, "nav.subnav a[href$='/attendance']")
        assert html_lang_dir(page) == ("ar", "rtl")
        rows = page.locator("ul.door-list > li")
        assert rows.count() == 5  # the five who accepted
        for name in ("Armando Sitoe", AT_RISK_PERSON, "Fátima Jossias"):
            submit(page, page.locator("ul.door-list > li", has_text=name).locator("button.check-in"))
        assert page.locator("ul.door-list > li.present").count() == 3
        assert ARABIC_LETTER.search(page.locator("main").inner_text())
        shot(page, "15-partner-check-in-ar")

    # -- 5c. back in English: the pack, the record, a commitment and its owner's link ------------
    with person(browser, live_server, **DESKTOP) as page:
        log_in(page, PARTNER_EMAIL, PARTNER_PASSWORD)
        assert html_lang_dir(page) == ("ar", "rtl")
        switch_language(page, "en")
        assert html_lang_dir(page) == ("en", "ltr")
        open_dialogue(page, TITLE)
        follow(page, "main ol.phases a[href$='/meetings/']")
        follow(page, f"main a:has-text('{MEETING}')")
        assert page.url == meeting_url + "/"
        text = download(page, document_form(page, "facilitator-pack", "pt"), "facilitator-pack-pt.pdf")
        for heading in ("Participants' agenda", "Sign-in sheet"):
            assert translated(live_server, "pt", heading) in text, heading
        assert MEETING in text
        assert EXTRA_ITEM in text
        assert "Armando Sitoe" in text  # named with consent on the sign-in sheet and his name card
        # a person at risk is never printed: not by name, not by the organisation that would point to her
        assert AT_RISK_PERSON not in text
        assert "Comité Local de Gestão de Risco" not in text

        follow(page, "nav.subnav a[href$='/record']")
        record_agreement(page, AGREEMENT)
        shot(page, "16-partner-record")

        open_dialogue(page, TITLE)
        follow(page, "main ol.phases a[href$='/followup/']")  # "Record the commitments"
        follow(page, "main a[href$='/followup/commitments/new']")
        page.fill("#title", COMMITMENT)
        page.locator("li", has_text="Armando Sitoe").locator("input[name=owners]").check()
        page.locator("li", has_text="Fátima Jossias").locator("input[name=owners]").check()
        page.fill("#due_date", (today + timedelta(days=200)).isoformat())
        page.fill("#indicator", "As três réguas são lidas todas as manhãs na época das chuvas.")
        shot(page, "17-partner-commitment")
        commitment_url = save_commitment(page)
        link = owner_link(page, page.locator("#owners li", has_text="Armando Sitoe").locator("form button").first)
        shot(page, "18-partner-owner-link")

    # -- 6. the owner, without an account ---------------------------------------------------------
    with person(browser, live_server, **DESKTOP) as page:
        open_link(page, link)
        assert COMMITMENT in page.locator("main").inner_text()
        fill_progress(page, "on_track", "60", OWNER_NOTE)
        shot(page, "19-owner-update")
        send_progress(page)

    # -- 7. the partner: lessons, the case study in Portuguese, its English translation ------------
    with person(browser, live_server, **DESKTOP) as page:
        log_in(page, PARTNER_EMAIL, PARTNER_PASSWORD)
        open_dialogue(page, TITLE)
        follow(page, "main ol.phases a[href$='/followup/']")
        follow(page, f"main a:has-text('{COMMITMENT}')")
        assert page.url == commitment_url
        assert OWNER_NOTE in page.locator("#timeline").inner_text()

        follow(page, "nav.subnav a[href$='/followup/lessons']")
        section = page.locator("main section[id^=lessons-]").first
        section.locator("textarea[name$='-worked']").fill(LESSON)
        submit(page, section.locator("button[type=submit]"))
        assert page.locator("main section[id^=lessons-]").first.locator("textarea[name$='-worked']").input_value() == LESSON
        shot(page, "20-partner-lessons")

        open_case_study(page)
        submit(page, page.locator("main a.button", has_text="narrative"))
        page.select_option("#content_language", "pt")  # the interface is English; they write in Portuguese
        page.fill("#summary", SUMMARY_PT)
        page.fill("#context", CONTEXT_PT)
        shot(page, "21-partner-narrative-pt")
        submit(page, page.locator("main form button.primary"))
        assert SUMMARY_PT in page.locator("main").inner_text()

        # it cannot go yet: coordinators read case studies in English (the page says what to translate)
        assert page.locator("#review button[type=submit]").is_disabled()
        problems = page.locator("#review ul.warnings").inner_text()
        assert "translate these parts first" in problems and "Summary" in problems, problems
        shot(page, "22-partner-submit-refused")

        open_dialogue(page, TITLE)
        follow(page, "main a:has-text('Translations of what you wrote')")
        assert page.locator("#lang-choice").input_value() == "en"  # the review language, offered first
        for original, english in ((SUMMARY_PT, SUMMARY_EN), (CONTEXT_PT, CONTEXT_EN)):
            item = page.locator("ol.translations > li", has_text=original)
            item.locator("textarea").fill(english)
            submit(page, item.locator("form button[type=submit]").first)
        shot(page, "23-partner-translations-en")

        open_case_study(page)
        send_case_study(page, 1)
        shot(page, "24-partner-submitted")

    # -- 8a. the coordinator comments and asks for a change ---------------------------------------
    with person(browser, live_server, **DESKTOP) as page:
        log_in(page, COORDINATOR)
        open_case_study(page)
        assert "Submitted for review" in page.locator("#review").inner_text()
        assert AT_RISK_PERSON not in page.locator("main").inner_text()  # a coordinator sees people as reports do
        assert SUMMARY_EN in page.locator("#cs-summary").inner_text()
        comment_on_section(page, "summary", COMMENT)
        page.fill("#note", "Nearly there: see the comment on the summary.")
        shot(page, "25-coordinator-comment")
        ask_for_changes(page)

    # -- 8b. the partner revises, brings the translation up to date, sends it again ---------------
    with person(browser, live_server, **DESKTOP) as page:
        log_in(page, PARTNER_EMAIL, PARTNER_PASSWORD)
        open_case_study(page)
        assert COMMENT in page.locator("#cs-summary").inner_text()
        submit(page, page.locator("main a.button", has_text="narrative"))
        page.fill("#summary", SUMMARY_PT + " " + ADDED_PT)
        submit(page, page.locator("main form button.primary"))
        # the English summary no longer says what the Portuguese one does: it cannot go yet
        assert page.locator("#review button[type=submit]").is_disabled()
        assert "Summary" in page.locator("#review ul.warnings").inner_text()

        open_dialogue(page, TITLE)
        follow(page, "main a:has-text('Translations of what you wrote')")
        page.select_option("#show-choice", "outdated")
        submit(page, page.locator("main form.toolbar button[type=submit]"))
        item = page.locator("ol.translations > li", has_text=ADDED_PT)
        assert item.count() == 1
        assert "state-outdated" in item.get_attribute("class")
        assert SUMMARY_EN in item.locator("textarea").input_value()  # the old translation, to bring up to date
        item.locator("textarea").fill(SUMMARY_EN + " " + ADDED_EN)
        submit(page, item.locator("form button[type=submit]").first)
        shot(page, "26-partner-translation-updated")

        open_case_study(page)
        send_case_study(page, 2)

    # -- 8c. the coordinator approves; the frozen report in English -------------------------------
    with person(browser, live_server, **DESKTOP) as page:
        log_in(page, COORDINATOR)
        open_case_study(page)
        approve(page)
        shot(page, "27-coordinator-approved")
        text = download(page, page.locator("#review a", has_text="PDF/A"), "case-study-approved-en-pdfa.pdf")
        assert ADDED_EN in text
        assert CONTEXT_EN in text
        assert ADDED_PT not in text  # the English translation, not the Portuguese original
        assert "Mozambique" in text
        # people as the privacy rules allow: named with consent, the person at risk as a pseudonym only
        assert "Armando Sitoe" in text
        assert "Participant 4 (civil society)" in text
        assert AT_RISK_PERSON not in text and "Comité Local de Gestão de Risco" not in text

    # -- 9. anyone: the toolkit now carries this dialogue's lessons -------------------------------
    with person(browser, live_server, **DESKTOP) as page:
        page.goto("/")
        shot(page, "28-welcome-toolkit")
        text = download(page, document_form(page, "toolkit", "en"), "toolkit-en.pdf")
        chapter = text.split("Each lesson names the country it comes from.", 1)
        assert len(chapter) == 2, "the toolkit has no lessons from the field"
        # the partner's lesson as written, marked with its language, under its country (not its organisation)
        assert f"{LESSON} (original in Portuguese) — Mozambique · What worked" in chapter[1], chapter[1][:3000]
        assert AT_RISK_PERSON not in text and ORGANISATION not in text
