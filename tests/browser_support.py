"""Browser tests: the real app on a live server, Debian's Chromium driven by Playwright.

A test module uses the fixtures by importing them::

    from browser_support import chromium_browser, live_server  # noqa: F401 (fixtures)

``live_server`` (once per module) serves a fresh app on 127.0.0.1 and a free port: its own
SQLite file, migrated as ``dialogue init-db`` does, with the demo data
(``dialogue.demo.load_demo``), CSRF on, rate limits off. ``chromium_browser`` (once per
module) is a headless Chromium from ``/usr/bin/chromium``; never a browser that Playwright
downloads.

Each person in a test has a browser context of their own, checked for script errors, CSP
violations, failed requests and 5xx answers when they are done::

    with person(chromium_browser, live_server, **DESKTOP) as page:
        log_in(page, PARTNER)
        uuid = enter_dialogue(page, "Safe and clean markets")

The steps the tests share (log in, follow a link, send a form, choose a password through a
one-time link, apply to a call and review it, plan a meeting, download a PDF and read it back…)
are the functions below.

Without Chromium, Playwright or poppler's tools the tests skip on a developer's machine;
under ``CI=true`` they fail instead (``make system-deps`` installs what is missing).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dialogue.demo import DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"
#: the flags that make Chromium quiet on a machine whose only network is loopback
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: screenshots and downloads of the browser tests (git-ignored)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFC]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")

#: the logins the browser tests use (demo accounts; every one has DEMO_PASSWORD)
PARTNER = "lead.kenya@demo.example"
PHONE_USER = "lead.uganda@demo.example"

#: the screens the browser tests use (``person(browser, server, **DESKTOP)``)
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
SMALL_PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
               "has_touch": True}


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require(ok: bool, what: str) -> None:
    """Skip when something the test needs is missing; under CI=true, fail instead."""
    if ok:
        return
    message = f"{what} (run `make system-deps`)"
    if under_ci():
        pytest.fail(f"CI=true and {message}: browser tests must not be skipped in CI", pytrace=False)
    pytest.skip(message)


def require_tool(name: str) -> str:
    path = shutil.which(name)
    require(path is not None, f"{name} is not installed (Debian: poppler-utils)")
    return path


# -- the live server ------------------------------------------------------------------------
@dataclass
class LiveServer:
    app: object
    url: str
    database: Path

    def __str__(self) -> str:
        return self.url


class _ServerThread(threading.Thread):
    def __init__(self, app):
        from werkzeug.serving import WSGIRequestHandler, make_server

        class QuietHandler(WSGIRequestHandler):
            """No line per request (errors are still logged)."""

            def log_request(self, *args, **kwargs):
                pass

        super().__init__(name="live-server", daemon=True)
        self.server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        self.port = self.server.server_port

    def run(self):
        self.server.serve_forever(poll_interval=0.1)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.join(timeout=10)


def make_live_app(tmp: Path):
    """The real app on its own SQLite file, migrated and loaded with the demo data."""
    from dialogue import create_app
    from dialogue.cli import upgrade_database
    from dialogue.demo import load_demo
    from dialogue.extensions import db

    database = tmp / "browser.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        # only for building the app: the process's environment is left as it was
        mp.setenv("DIALOGUE_INSTANCE_PATH", str(tmp / "instance"))
        for name in ("DIALOGUE_DATABASE_URL", "DIALOGUE_ENV", "DIALOGUE_SECRET_KEY", "DIALOGUE_SECURE_COOKIES",
                     "DIALOGUE_SMTP_HOST"):
            mp.delenv(name, raising=False)
        app = create_app({
            # TESTING keeps the app from configuring the process's logging; nothing else reads it
            "TESTING": True,
            "SECRET_KEY": "browser-test-secret-key",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "WTF_CSRF_ENABLED": True,
            "RATELIMIT_ENABLED": False,
            "SMTP_HOST": "",
            "SERVER_NAME": None,
        })
    with app.app_context():
        upgrade_database()
        load_demo()
        db.session.commit()
    return app, database


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The app served on http://127.0.0.1:<free port> in a background thread."""
    from dialogue.extensions import db

    tmp = tmp_path_factory.mktemp("live")
    app, database = make_live_app(tmp)
    thread = _ServerThread(app)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{thread.port}", database)
    finally:
        thread.stop()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


# -- the browser ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def chromium_browser():
    """Headless Debian Chromium through Playwright (never `playwright install`)."""
    require(os.path.exists(CHROMIUM), f"{CHROMIUM} is missing (Debian: chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        require(False, "the Python package playwright is not installed (pip install -e '.[test]')")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()


class PageWatch:
    """What went wrong in the page: script errors, CSP violations, failed requests, 5xx answers."""

    def __init__(self, page, base_url: str):
        self.problems: list[str] = []
        self.base_url = base_url
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("console", self._console)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _failed(self, request):
        failure = request.failure or ""
        # a download ends its navigation with net::ERR_ABORTED: that is how Chromium does it
        # …and so does the favicon of a page left before it loaded (the test moved on at once)
        if "ERR_ABORTED" in failure and urlsplit(request.url).path.endswith((".pdf", "/favicon.svg")):
            return
        self.problems.append(f"request failed: {request.url} {failure}")

    def _response(self, response):
        if response.status >= 500:
            self.problems.append(f"{response.status} from {response.url}")
        elif not response.url.startswith(self.base_url) and not response.url.startswith("data:"):
            self.problems.append(f"request outside the app: {response.url}")

    def check(self):
        assert not self.problems, "problems in the browser:\n  " + "\n  ".join(self.problems)


def new_page(browser, server: LiveServer, **context_options):
    context = browser.new_context(base_url=server.url, accept_downloads=True, locale="en-GB", **context_options)
    context.set_default_timeout(20_000)
    context.set_default_navigation_timeout(30_000)
    page = context.new_page()
    return context, page, PageWatch(page, server.url)


@contextmanager
def person(browser, server: LiveServer, **context_options):
    """A page in a browser context of its own (one person); at the end, without an error, no
    problem may have shown in the page (``PageWatch``). The context is always closed."""
    context, page, watch = new_page(browser, server, **context_options)
    try:
        yield page
        watch.check()
    finally:
        context.close()


def screenshot(page, name: str) -> Path:
    """A full-page screenshot as tests/artifacts/<name>.png (``name`` may name a sub-folder)."""
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def submit(page, button):
    """Click a submit button and wait for the page it leads to; returns that response."""
    with page.expect_navigation(wait_until="load") as navigation:
        button.click()
    response = navigation.value
    assert response is not None, "the form led nowhere"
    assert response.status < 400, f"{response.status} from {response.url}"
    return response


def follow(page, selector: str):
    """Follow the first link (or button) that ``selector`` finds, and wait for its page."""
    return submit(page, page.locator(selector).first)


def open_link(page, link: str):
    """Open a page that needs no account (a call's public link, an owner's reporting link):
    it answers 200 and nobody is logged in."""
    response = page.goto(link)
    assert response.status == 200, f"{response.status} from {link}"
    assert page.locator("form[action$='/logout']").count() == 0, f"someone is logged in on {page.url}"
    return response


def log_in(page, email: str, password: str = DEMO_PASSWORD):
    response = page.goto("/login")
    assert response.status == 200
    page.fill("#email", email)
    page.fill("#password", password)
    submit(page, page.locator("main form button[type=submit]"))
    assert page.locator("form[action$='/logout']").count() == 1, f"not logged in as {email}: {page.url}"


def set_password(page, link: str, password: str) -> None:
    """Choose a password through a one-time link (``/set-password/…``); that logs the person in."""
    response = page.goto(link)
    assert response.status == 200
    page.fill("#password", password)
    page.fill("#confirm", password)
    submit(page, page.locator("main form button[type=submit]"))
    assert page.locator("form[action$='/logout']").count() == 1


def one_time_link(page) -> str:
    """The one-time link to choose a password that the page just issued (a new account, a selection)."""
    link = page.locator(".issued-link input.copy").input_value()
    assert "/set-password/" in link, link
    return link


def enter_dialogue(page, title: str) -> str:
    """Follow the first link to the dialogue whose title has ``title``; returns its uuid."""
    submit(page, page.locator("main a", has_text=title).first)
    match = re.search(r"/d/([0-9a-f-]{36})/$", page.url)
    assert match, page.url
    return match.group(1)


def open_dialogue(page, title: str) -> str:
    """From the start page (the dialogues), the dialogue whose title has ``title``; returns its uuid."""
    page.goto("/")
    return enter_dialogue(page, title)


def translated(server: LiveServer, lang: str, message: str) -> str:
    """``message`` as the app says it in ``lang``."""
    from flask_babel import force_locale, gettext

    with server.app.test_request_context(), force_locale(lang):
        return gettext(message)


# -- the forms the phases share ----------------------------------------------------------------
def fill_application(page, *, country: str, **fields: str) -> None:
    """The form to apply to a call: each of ``fields`` into the input of that id, the country
    chosen, the consent box ticked (not sent)."""
    for name, value in fields.items():
        page.fill(f"#{name}", value)
    page.select_option("#country", country)
    page.check("#consent")


def application_reference(page) -> str:
    """The reference (EOI-yyyy-nnnn) that the confirmation of an application gives."""
    confirmation = page.locator("main").inner_text()
    reference = re.search(r"EOI-\d{4}-\d{4}", confirmation)
    assert reference, confirmation
    return reference.group(0)


def open_review(page, call: str, reference: str) -> None:
    """A reviewer, from the header's Calls: the call, their reviews, the application ``reference``."""
    submit(page, page.locator("header nav a", has_text="Calls"))
    submit(page, page.locator("main a", has_text=call))
    submit(page, page.locator("nav.subnav a", has_text="Your reviews"))
    submit(page, page.locator("main a", has_text=reference))


def score_application(page, scores: tuple[str, ...], comment: str, *, shot: str) -> None:
    """On an application to review: one score for each criterion, in order, and the comment; a
    screenshot of the filled form (tests/artifacts/<shot>.png); sent, the comment shows among the reviews."""
    groups = page.locator("fieldset.score")
    assert groups.count() == len(scores)
    for index, value in enumerate(scores):
        groups.nth(index).locator(f"input[value='{value}']").check()
    page.fill("#comment", comment)
    screenshot(page, shot)
    submit(page, page.locator("form[action$='/review'] button.primary"))
    assert comment in page.locator("#reviews").inner_text()


def select_application(page, reference: str, mean: str, reason: str) -> str:
    """The coordinator, on a call: from its ranking (where ``reference`` scores ``mean``) selects
    the application with ``reason``; returns the new partner's one-time link."""
    submit(page, page.locator("nav.subnav a", has_text="Ranking"))
    row = page.locator("table.ranking tr", has_text=reference)
    assert mean in row.inner_text()
    submit(page, row.locator("a").first)
    page.check("input[name=decision][value=select]")
    page.fill("#reason", reason)
    submit(page, page.locator("form[action$='/decide'] button.primary"))
    return one_time_link(page)


def fill_meeting(page, *, title: str, kind: str, date: str, start: str, end: str, timezone: str) -> None:
    """The form of a new meeting (not sent); the time zone is the dialogue's, already chosen."""
    page.fill("#title", title)
    page.select_option("#kind", kind)
    page.fill("#date", date)
    page.fill("#start", start)
    page.fill("#end", end)
    assert page.input_value("#timezone") == timezone


def agenda_from_template(page, template: str, items: int):
    """Apply a ready-made agenda on a meeting's agenda page; returns its items (``items`` of them)."""
    page.select_option("#template", template)
    submit(page, page.locator("form[action$='/agenda/template'] button"))
    located = page.locator("ol.agenda-items > li")
    assert located.count() == items
    return located


def add_agenda_item(page, title: str, minutes: str, stage: str) -> None:
    page.fill("#title", title)
    page.fill("#minutes", minutes)
    page.select_option("#stage", stage)
    submit(page, page.locator("form[action$='/agenda'] button.primary"))


def record_agreement(page, text: str) -> None:
    """On a meeting's record: an agreement, which then shows among the outcomes."""
    page.select_option("#kind", "agreement")
    page.fill("#text", text)
    submit(page, page.locator("form[action$='/outcomes'] button.primary"))
    assert text in page.locator("#outcomes").inner_text()


def save_commitment(page) -> str:
    """Send the filled form of a new commitment; returns the commitment's address."""
    submit(page, page.locator("main form button.primary"))
    assert re.search(r"/followup/commitments/[0-9a-f-]{36}/$", page.url), page.url
    return page.url


def owner_link(page, button) -> str:
    """Issue an owner's private reporting link with ``button`` (on a commitment); returns it."""
    submit(page, button)
    link = page.locator("input.copy").input_value()
    assert "/r/" in link
    return link


def fill_progress(page, status: str, progress: str, note: str) -> None:
    """An owner's update through their private link (not sent)."""
    page.select_option("#status", status)
    page.fill("#progress", progress)
    page.fill("#note", note)


def send_progress(page) -> None:
    submit(page, page.locator("main form button.primary"))
    assert page.locator(".notice").count() == 1


def comment_on_section(page, section: str, comment: str) -> None:
    """The coordinator's comment on a section of a submitted case study (``#cs-<section>``)."""
    box = page.locator(f"#cs-{section}")
    box.locator("textarea").fill(comment)
    submit(page, box.locator("button[type=submit]"))


def ask_for_changes(page) -> None:
    submit(page, page.locator("#review button[name=request_changes]"))
    assert "Changes requested" in page.locator("#review").inner_text()


def approve(page) -> None:
    submit(page, page.locator("#review button[name=approve]"))
    assert "Approved" in page.locator("#review").inner_text()


def send_case_study(page, version: int) -> None:
    """Send the case study for review (again); it becomes version ``version``."""
    submit(page, page.locator("#review button[type=submit]"))
    assert f"Version {version}" in page.locator("main").inner_text()


def switch_language(page, code: str):
    """Use the language switcher in the header (a select and a button: no script needed)."""
    select = page.locator("header form.language-switch select")
    offered = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    assert code in offered, f"the language switcher offers {offered}, not {code!r}"
    select.select_option(code)
    submit(page, page.locator("header form.language-switch button[type=submit]"))


def html_lang_dir(page) -> tuple[str | None, str | None]:
    html = page.locator("html")
    return html.get_attribute("lang"), html.get_attribute("dir")


def horizontal_overflow(page) -> dict:
    """The page's scroll width against the viewport, and the elements that stick out."""
    return page.evaluate(
        """() => {
            const width = window.innerWidth;
            const scroll = document.scrollingElement.scrollWidth;
            const culprits = [];
            if (scroll > width) {
                for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect();
                    if ((r.right > width + 1 || r.left < -1) && r.width > 0) {
                        culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                            (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') +
                            ` [${Math.round(r.left)}..${Math.round(r.right)}]`);
                        if (culprits.length >= 8) break;
                    }
                }
            }
            return {innerWidth: width, scrollWidth: scroll, culprits: culprits};
        }"""
    )


# -- PDFs -------------------------------------------------------------------------------------
def document_form(page, kind: str, lang: str | None = None):
    """The submit button of the (first) form that downloads ``/documents/<kind>.pdf`` on this
    page, its language set to ``lang`` when given."""
    form = page.locator(f"main form.document-download[action$='/documents/{kind}.pdf']").first
    if lang is not None:
        form.locator("select").select_option(lang)
    return form.locator("button[type=submit]")


def download_pdf(page, trigger, name: str, *, first_page: str | None = None, timeout: int = 120_000) -> Path:
    """Click ``trigger``, wait for the PDF it downloads and keep it as tests/artifacts/<name>;
    checked: it came as a download (else the answers seen are told), named .pdf, a PDF.
    ``first_page``: its first page also as tests/artifacts/<first_page>.png, for a person."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    answers = []

    def seen(response):
        answers.append(response)

    page.on("response", seen)
    try:
        with page.expect_download(timeout=timeout) as info:
            trigger.click()
    except PlaywrightTimeout:
        told = [f"{r.status} {r.url} Content-Type={r.headers.get('content-type')!r} "
                f"Content-Disposition={r.headers.get('content-disposition')!r}" for r in answers]
        pytest.fail(f"{name} did not arrive as a download (it needs Content-Disposition: attachment); "
                    f"answers seen: {told or 'none'}")
    finally:
        page.remove_listener("response", seen)
    result = info.value
    assert result.failure() is None, result.failure()
    assert result.suggested_filename.endswith(".pdf"), result.suggested_filename
    path = ARTIFACTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    result.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-"), f"{name} is not a PDF: {data[:20]!r}"
    if first_page is not None:
        pdf_first_page_png(path, first_page)
    return path


def flat(text: str) -> str:
    """pdftotext's text on one line: words split at a line end joined again."""
    return re.sub(r"\s+", " ", text.replace("-\n", "-")).strip()


def pdf_pages(path: Path) -> int:
    out = subprocess.run([require_tool("pdfinfo"), str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, f"pdfinfo refused {path.name}: {out.stderr}"
    match = re.search(r"^Pages:\s+(\d+)", out.stdout, re.M)
    assert match, out.stdout
    return int(match.group(1))


def pdf_text(path: Path) -> str:
    out = subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, f"pdftotext refused {path.name}: {out.stderr}"
    return out.stdout


def pdf_first_page_png(path: Path, name: str) -> Path | None:
    """The first page as a PNG beside the screenshots, for a person to look at (best effort)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    target = ARTIFACTS / name
    subprocess.run([tool, "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(path), str(target)],
                   capture_output=True, timeout=60)
    png = target.with_suffix(".png")
    return png if png.exists() else None
