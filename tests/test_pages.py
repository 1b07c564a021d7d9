"""Every page the tests can reach: it answers, is small, and is built accessibly.

The pages come from ``app.url_map`` (every GET rule, as anonymous, lead, facilitator and
coordinator, arguments filled from ``support.ARG_FILLERS``) plus a few notable states
(one-time link shown, forms with errors, error pages): see ``support.walk_pages``.
"""
from __future__ import annotations

import pytest

from support import find_all, html_visits, linked_assets, parse_page, unlabelled_controls

#: a page's HTML with its CSS and scripts, before fonts and images
PAGE_BUDGET = 60 * 1024

#: GET endpoints that are not HTML pages
NOT_PAGES = {"main.dialogue_document", "main.public_document", "content.export", "mapping.export_csv",
             "convening.calendar_file", "review.frozen_pdf", "review.frozen_package", "portfolio.export_csv",

             # its link's token is made by the page that shows it (tests/test_convening.py visits it)
             "evaluate.form", "report.form",
             # phase 0: the ranking as CSV, the PDFs, and the confirmation shown only after applying
             "calls.ranking_csv", "calls.review_pack", "calls.letter", "call_public.applied"}


def failures_message(failures):
    return "\n".join(failures)


def test_every_get_page_answers(app, visited_pages):
    """Each GET rule that is a page answers 200 with HTML to at least one role."""
    ok = {v.endpoint for v in visited_pages if v.status == 200 and v.is_html}
    expected = {rule.endpoint for rule in app.url_map.iter_rules()
                if "GET" in (rule.methods or ()) and rule.endpoint != "static"} - NOT_PAGES
    expected.discard("auth.set_password")  # a valid token is its own visit (checked below)
    assert expected - ok == set(), f"pages that never answered 200: {sorted(expected - ok)}"
    assert any(v.label == "set-password with a valid link" and v.status == 200 for v in visited_pages)


def test_no_server_errors(visited_pages):
    bad = [f"{v.label}: {v.status}" for v in visited_pages if v.status >= 500]
    assert not bad, failures_message(bad)


def test_page_weight_under_budget(client, visited_pages):
    failures = []
    asset_sizes: dict[str, int] = {}
    for visit in html_visits(visited_pages):
        html = visit.response.get_data()
        total = len(html)
        for url in linked_assets(parse_page(visit.html)):
            if url not in asset_sizes:
                response = client.get(url)
                assert response.status_code == 200, f"{url} linked from {visit.url} answered {response.status_code}"
                asset_sizes[url] = len(response.get_data())
                response.close()
            total += asset_sizes[url]
        if total > PAGE_BUDGET:
            failures.append(f"{visit.label} ({visit.url}): {total} bytes (HTML {len(html)})")
    assert asset_sizes, "no stylesheet found"
    assert not failures, "pages over 60 KB:\n" + failures_message(failures)


def test_pages_declare_language_and_direction(visited_pages):
    failures = []
    for visit in html_visits(visited_pages):
        page = parse_page(visit.html)
        html = find_all(page, "html")
        if len(html) != 1 or not html[0].attrs.get("lang") or html[0].attrs.get("dir") not in ("ltr", "rtl"):
            failures.append(f"{visit.label}: <html> without lang and dir")
        # the document's <title> (an inline SVG may carry <title>s of its own)
        titles = find_all(parse_page(visit.html.split("</head>", 1)[0]), "title")
        if len(titles) != 1 or not titles[0].text.strip(" ·\n"):
            failures.append(f"{visit.label}: no <title>")
    assert not failures, failures_message(failures)


def test_pages_have_one_h1_and_a_main_landmark(visited_pages):
    failures = []
    for visit in html_visits(visited_pages):
        page = parse_page(visit.html)
        h1 = find_all(page, "h1")
        if len(h1) != 1 or not h1[0].text.strip():
            failures.append(f"{visit.label}: {len(h1)} <h1>")
        mains = find_all(page, "main") + [e for e in page.elements if e.attrs.get("role") == "main"]
        if len(mains) != 1:
            failures.append(f"{visit.label}: {len(mains)} main landmarks")
        if not find_all(page, "nav"):
            failures.append(f"{visit.label}: no <nav>")
    assert not failures, failures_message(failures)


def test_every_form_control_has_a_label(visited_pages):
    failures = []
    for visit in html_visits(visited_pages):
        page = parse_page(visit.html)
        for element in unlabelled_controls(page):
            failures.append(f"{visit.label}: <{element.tag} name={element.attrs.get('name')!r}> has no label")
        for element in find_all(page, "img"):
            if "alt" not in element.attrs:
                failures.append(f"{visit.label}: <img> without alt")
        for element in find_all(page, "button"):
            if not element.text.strip() and not element.attrs.get("aria-label"):
                failures.append(f"{visit.label}: a <button> without text")
    assert not failures, failures_message(failures)


def test_ids_are_unique(visited_pages):
    failures = []
    for visit in html_visits(visited_pages):
        seen = set()
        for element in parse_page(visit.html).elements:
            id_ = element.attrs.get("id")
            # hidden inputs (CSRF token, "next") are never labelled or focused: their ids do not matter
            if id_ is None or (element.tag == "input" and element.attrs.get("type") == "hidden"):
                continue
            if id_ in seen:
                failures.append(f"{visit.label}: id {id_!r} twice")
            seen.add(id_)
    assert not failures, failures_message(failures)


def test_references_point_to_existing_ids(visited_pages):
    """label for=, aria-describedby, aria-labelledby and in-page links name ids the page has."""
    failures = []
    for visit in html_visits(visited_pages):
        page = parse_page(visit.html)
        ids = {e.attrs.get("id") for e in page.elements if e.attrs.get("id")}
        for element in page.elements:
            targets = []
            if element.tag == "label" and element.attrs.get("for"):
                targets.append(element.attrs["for"])
            for name in ("aria-describedby", "aria-labelledby", "aria-controls"):
                targets += (element.attrs.get(name) or "").split()
            href = element.attrs.get("href") or ""
            if element.tag == "a" and href.startswith("#") and len(href) > 1:
                targets.append(href[1:])
            for target in targets:
                if target not in ids:
                    failures.append(f"{visit.label}: <{element.tag}> points to missing id {target!r}")
    assert not failures, failures_message(failures)


def test_skip_link_leads_to_main(client):
    page = parse_page(client.get("/").get_data(as_text=True))
    first_link = find_all(page, "a")[0]
    assert first_link.attrs["href"] == "#main"
    assert find_all(page, "main")[0].attrs.get("id") == "main"


def test_pages_work_without_javascript(visited_pages):
    """Every action is a link or a form; nothing needs a script to work."""
    for visit in html_visits(visited_pages):
        page = parse_page(visit.html)
        for form in find_all(page, "form"):
            assert form.attrs.get("method", "get").lower() in ("get", "post"), visit.label
        for link in find_all(page, "a"):
            href = (link.attrs.get("href") or "").strip().lower()
            assert href and not href.startswith("javascript:") and href != "#", f"{visit.label}: <a href={href!r}>"


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("fr", "ltr"), ("es", "ltr"), ("pt", "ltr"),
                                                 ("ar", "rtl")])
def test_language_switch_sets_lang_and_direction(app, client, lang, direction):
    """The five languages, from the switch on every page; Arabic pages are right to left."""
    with app.app_context():
        assert lang in app.config["LANGUAGES"], f"no catalog for {lang}"
    response = client.post("/language", data={"lang": lang, "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    html = client.get("/login").get_data(as_text=True)
    assert f'<html lang="{lang}" dir="{direction}">' in html


def test_visitor_language_follows_the_browser(app, client):
    html = client.get("/", headers={"Accept-Language": "es-EC,es;q=0.9,en;q=0.5"}).get_data(as_text=True)
    expected = "es" if "es" in app.config["LANGUAGES"] else "en"
    assert f'<html lang="{expected}"' in html


def test_language_is_remembered_per_user(app, make_user):
    from support import AuthActions

    user = make_user()
    first = app.test_client()
    AuthActions(first).login(user)
    first.post("/language", data={"lang": "ar", "next": "/"})
    second = app.test_client()
    AuthActions(second).login(user)
    html = second.get("/account").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html, "the language chosen on one device follows the user"
