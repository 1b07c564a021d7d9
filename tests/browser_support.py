"""Browser tests: the real app on a live server, Debian's Chromium driven by Playwright.

A test module uses the fixtures by importing them::

    from browser_support import chromium_browser, live_server  # noqa: F401 (fixtures)

``live_server`` (once per module) serves a fresh app on 127.0.0.1 and a free port: its own
SQLite file, migrated as ``dialogue init-db`` does, with the demo data
(``dialogue.demo.load_demo``), CSRF on, rate limits off. ``chromium_browser`` (once per
module) is a headless Chromium from ``/usr/bin/chromium``; never a browser that Playwright
downloads.

Without Chromium, Playwright or poppler's tools the tests skip on a developer's machine;
under ``CI=true`` they fail instead (``make system-deps`` installs what is missing).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
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


def screenshot(page, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
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


def log_in(page, email: str, password: str = DEMO_PASSWORD):
    response = page.goto("/login")
    assert response.status == 200
    page.fill("#email", email)
    page.fill("#password", password)
    submit(page, page.locator("main form button[type=submit]"))
    assert page.locator("form[action$='/logout']").count() == 1, f"not logged in as {email}: {page.url}"


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
