"""The document cache and the render pool (dialogue/render_pool.py).

Tests that start the pool spawn worker processes (about a second and a half each time a pool
of a new shape starts); the pool is shared by the tests of one xdist worker and stopped at the
end of the module.
"""
from __future__ import annotations

import logging
import os
import re
import threading
import time
from concurrent.futures import Future

import pytest

from dialogue import pdf, render_pool
from dialogue.render_pool import DocumentCache

from test_pdf import pdftotext

PUBLIC = "/documents/method-overview.pdf"


@pytest.fixture(scope="module", autouse=True)
def stop_pool_at_end():
    yield
    render_pool.shutdown()


@pytest.fixture
def renders(monkeypatch):
    """Counts WeasyPrint runs in this process (inline renders)."""
    calls = []
    real = pdf.write_pdf

    def counting(html, static_root, variant=None):
        calls.append(html)
        return real(html, static_root, variant)

    monkeypatch.setattr(pdf, "write_pdf", counting)
    return calls


def pdf_files(folder) -> list:
    return sorted(p.name for p in folder.glob("*.pdf")) if folder.exists() else []


def settle(seconds: float = 5) -> None:
    """Wait for the pool's done-callbacks (they run just after the requests see the result)."""
    deadline = time.monotonic() + seconds
    while render_pool._jobs and time.monotonic() < deadline:
        time.sleep(0.02)


def rendered_logs(caplog) -> list:
    return [r for r in caplog.records if r.name == "dialogue.render" and r.getMessage().startswith("rendered document")]


# -- the cache --------------------------------------------------------------------------------
def test_same_document_twice_renders_once(app, client, renders, tmp_path):
    first = client.get(PUBLIC + "?lang=en")
    second = client.get(PUBLIC + "?lang=en")
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and first.data.startswith(b"%PDF")
    assert len(renders) == 1
    cache_dir = tmp_path / "instance" / "documents"
    assert len(pdf_files(cache_dir)) == 1
    assert oct(cache_dir.stat().st_mode & 0o777) == "0o700"
    # another language is another document
    assert client.get(PUBLIC + "?lang=fr").status_code == 200
    assert len(renders) == 2


def test_change_to_the_data_renders_anew(app, client, auth, make_dialogue, renders):
    from dialogue.extensions import db
    from dialogue.models import Dialogue

    info = make_dialogue(title="Water for the valley")
    auth.login(info.lead)
    url = f"/d/{info.uuid}/documents/method-overview.pdf?lang=en"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert len(renders) == 1
    with app.app_context():
        dialogue = db.session.get(Dialogue, info.id)
        dialogue.title = "Water and grazing for the valley"
        db.session.commit()
    changed = client.get(url)
    assert changed.status_code == 200 and len(renders) == 2
    assert "Water and grazing for the valley" in renders[-1]
    assert client.get(url).data == changed.data and len(renders) == 2


def test_two_app_instances_share_the_cache_folder(make_app, renders, tmp_path):
    shared = tmp_path / "shared-documents"
    first = make_app(DOCUMENT_CACHE_DIR=str(shared))
    second = make_app(DOCUMENT_CACHE_DIR=str(shared))
    a = first.test_client().get(PUBLIC + "?lang=es")
    b = second.test_client().get(PUBLIC + "?lang=es")
    assert a.status_code == b.status_code == 200 and a.data == b.data
    assert len(renders) == 1 and len(pdf_files(shared)) == 1


def test_key_covers_html_variant_and_print_stylesheet(app, tmp_path):
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "print.css").write_text("body { color: black }")
    key = render_pool.cache_key("<p>x</p>", None, str(static))
    assert key == render_pool.cache_key("<p>x</p>", None, str(static))
    assert key != render_pool.cache_key("<p>y</p>", None, str(static))
    assert key != render_pool.cache_key("<p>x</p>", "pdf/a-3b", str(static))
    (static / "css" / "print.css").write_text("body { color: navy }")
    assert key != render_pool.cache_key("<p>x</p>", None, str(static))
    assert re.fullmatch(r"[0-9a-f]{64}", key)


def test_cleanup_deletes_what_was_not_read_for_a_month(tmp_path):
    cache = DocumentCache(tmp_path / "docs", days=30)
    cache.write("old", b"%PDF old")
    cache.write("recent", b"%PDF recent")
    (tmp_path / "docs" / ".x.tmp").write_bytes(b"half")
    now = time.time()
    month_ago = now - 31 * 86400
    os.utime(cache.path("old"), (month_ago, month_ago))
    os.utime(tmp_path / "docs" / ".x.tmp", (now - 2 * 86400, now - 2 * 86400))
    assert cache.cleanup() == 0  # ran at the first write: at most once an hour
    assert cache.cleanup(force=True) == 1
    assert cache.read("old") is None and cache.read("recent") == b"%PDF recent"
    assert not (tmp_path / "docs" / ".x.tmp").exists()


def test_pending_marker_is_claimed_once_and_taken_over_when_stale(tmp_path):
    cache = DocumentCache(tmp_path / "docs")
    assert cache.claim("k", stale_after=60) is True
    assert cache.claim("k", stale_after=60) is False
    old = time.time() - 120
    os.utime(cache.path("k", ".pending"), (old, old))
    assert cache.claim("k", stale_after=60) is True
    cache.release("k")
    assert not cache.is_pending("k")


def test_slots_bound_renders_across_processes(tmp_path):
    """A slot held elsewhere (here: by this test) keeps a worker waiting; freeing it lets it in."""
    held = render_pool.acquire_slot(tmp_path, 1, time.monotonic())
    assert held is not None
    started = time.monotonic()
    assert render_pool.acquire_slot(tmp_path, 1, time.monotonic() + 0.2) is None
    assert time.monotonic() - started >= 0.2
    os.close(held)
    again = render_pool.acquire_slot(tmp_path, 1, time.monotonic())
    assert again is not None
    os.close(again)


def test_settings_from_the_environment(monkeypatch, tmp_path):
    from dialogue.config import ConfigError, from_environment

    monkeypatch.setenv("DIALOGUE_SECRET_KEY", "x")
    settings = from_environment(str(tmp_path))
    assert settings["DOCUMENT_CACHE_DIR"] == str(tmp_path / "documents")
    assert settings["RENDER_WORKERS"] == max(1, (os.cpu_count() or 2) // 2)
    assert (settings["RENDER_TIMEOUT"], settings["RENDER_MEMORY_MB"], settings["RENDER_WAIT"]) == (120, 1024, 5)
    monkeypatch.setenv("DIALOGUE_RENDER_WORKERS", "0")
    monkeypatch.setenv("DIALOGUE_RENDER_TIMEOUT", "30.5")
    monkeypatch.setenv("DIALOGUE_DOCUMENT_CACHE_DIR", "/srv/shared/documents")
    settings = from_environment(str(tmp_path))
    assert (settings["RENDER_WORKERS"], settings["RENDER_TIMEOUT"]) == (0, 30.5)
    assert settings["DOCUMENT_CACHE_DIR"] == "/srv/shared/documents"
    monkeypatch.setenv("DIALOGUE_RENDER_TIMEOUT", "soon")
    with pytest.raises(ConfigError):
        from_environment(str(tmp_path))


# -- a render under way -----------------------------------------------------------------------
def test_pending_page_then_the_document_rendered_elsewhere(make_app, renders, tmp_path):
    """Another process is rendering (its marker is there): 202 and a page that asks again, no script.

    When that process has written the PDF into the shared folder, the download is served from it.
    """
    shared = tmp_path / "shared"
    pooled = make_app(DOCUMENT_CACHE_DIR=str(shared), RENDER_WORKERS=1, RENDER_WAIT=0.3)
    inline = make_app(DOCUMENT_CACHE_DIR=str(shared))
    # learn the key: render once inline, then forget the file and mark it "under way"
    assert inline.test_client().get(PUBLIC + "?lang=en").status_code == 200
    [name] = pdf_files(shared)
    key = name[:-4]
    cache = DocumentCache(shared)
    cache.path(key).unlink()
    assert cache.claim(key, stale_after=600)

    response = pooled.test_client().get(PUBLIC + "?lang=en&retry=1")
    assert response.status_code == 202
    page = response.get_data(as_text=True)
    assert re.search(r'<meta http-equiv="refresh" content="3; url=/documents/method-overview.pdf\?lang=en">', page)
    assert "<script" not in page and page.count("<h1") == 1
    assert "is being prepared" in page
    assert 'href="/documents/method-overview.pdf?lang=en"' in page  # try again now, without retry
    assert response.headers["Cache-Control"] == "no-store"
    assert len(renders) == 1  # nothing rendered here

    # the other process finishes
    cache.release(key)
    assert inline.test_client().get(PUBLIC + "?lang=en").status_code == 200
    assert len(renders) == 2
    done = pooled.test_client().get(PUBLIC + "?lang=en")
    assert done.status_code == 200 and done.mimetype == "application/pdf"
    assert len(renders) == 2


def test_fake_worker_failure_gives_the_clear_message(make_app, monkeypatch, caplog):
    """Whatever kills a worker for its memory (MemoryError, or the process dying) reads the same."""
    from pebble import ProcessExpired

    app = make_app(RENDER_WORKERS=1, RENDER_WAIT=2)
    for error in (MemoryError(), ProcessExpired("Abnormal termination", code=-6)):
        failed = Future()
        failed.set_exception(error)
        monkeypatch.setattr(render_pool, "_start", lambda *args, failed=failed: failed)
        with caplog.at_level(logging.WARNING, logger="dialogue.documents"):
            response = app.test_client().get(PUBLIC + "?lang=en")
        assert response.status_code == 503
        page = response.get_data(as_text=True)
        assert "needed more memory than the toolkit allows" in page and "Nothing is wrong with your data." in page
        assert "retry=1" in page and "<script" not in page
        assert any("could not be prepared" in r.getMessage() and "memory" in r.getMessage() for r in caplog.records)
        caplog.clear()


# -- the pool (spawns worker processes) -------------------------------------------------------
@pytest.mark.slow
def test_two_requests_at_once_render_once(make_app, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="dialogue.render")
    app = make_app(RENDER_WORKERS=1, RENDER_WAIT=60)
    results = []
    barrier = threading.Barrier(2)

    def download():
        client = app.test_client()
        barrier.wait()
        results.append(client.get(PUBLIC + "?lang=pt"))

    threads = [threading.Thread(target=download) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [r.status_code for r in results] == [200, 200]
    assert results[0].data == results[1].data
    settle()
    assert len(rendered_logs(caplog)) == 1
    cache_dir = tmp_path / "instance" / "documents"
    assert len(pdf_files(cache_dir)) == 1
    assert not list(cache_dir.glob("*.pending"))


@pytest.mark.slow
def test_pool_renders_the_same_as_inline(make_app, tmp_path):
    pooled = make_app(RENDER_WORKERS=1, RENDER_WAIT=60, DOCUMENT_CACHE_DIR=str(tmp_path / "a"))
    inline = make_app(DOCUMENT_CACHE_DIR=str(tmp_path / "b"))
    from_pool = pooled.test_client().get(PUBLIC + "?lang=ar")
    from_inline = inline.test_client().get(PUBLIC + "?lang=ar")
    assert from_pool.status_code == from_inline.status_code == 200
    assert pdftotext(from_pool.data, tmp_path, "p.pdf") == pdftotext(from_inline.data, tmp_path, "i.pdf")
    assert from_pool.data == from_inline.data


@pytest.mark.slow
def test_render_over_the_time_limit_is_stopped(make_app, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    app = make_app(RENDER_WORKERS=1, RENDER_WAIT=60, RENDER_TIMEOUT=0.01)
    client = app.test_client()
    response = client.get(PUBLIC + "?lang=en")
    assert response.status_code == 503
    settle()
    page = response.get_data(as_text=True)
    assert "took longer than the toolkit allows" in page and "Nothing is wrong with your data." in page
    assert "tell your coordinator" in page and page.count("<h1") == 1
    stopped = [r for r in caplog.records if r.name == "dialogue.render" and r.levelno == logging.ERROR]
    assert stopped and "timeout" in stopped[0].getMessage()
    assert any(r.name == "dialogue.documents" and "timeout" in r.getMessage() for r in caplog.records)
    cache_dir = tmp_path / "instance" / "documents"
    assert pdf_files(cache_dir) == [] and not list(cache_dir.glob("*.pending"))
    # a page that refreshes itself does not start it again and again: the failure is remembered
    caplog.clear()
    assert client.get(PUBLIC + "?lang=en").status_code == 503
    assert not [r for r in caplog.records if r.name == "dialogue.render"]
    # "try again" does start it again (and with a sane limit it succeeds)
    app.config["RENDER_TIMEOUT"] = 120
    assert client.get(PUBLIC + "?lang=en&retry=1").status_code == 200


@pytest.mark.slow
def test_render_over_the_memory_limit_is_stopped(make_app, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    app = make_app(RENDER_WORKERS=1, RENDER_WAIT=60, RENDER_MEMORY_MB=64)
    response = app.test_client().get(PUBLIC + "?lang=en")
    assert response.status_code == 503
    assert "needed more memory than the toolkit allows" in response.get_data(as_text=True)
    settle()
    assert any(r.name == "dialogue.render" and r.levelno == logging.ERROR and "memory" in r.getMessage()
               for r in caplog.records)
    assert pdf_files(tmp_path / "instance" / "documents") == []


def test_clear_cache_forgets_every_document(app, client, renders):
    assert client.get(PUBLIC + "?lang=en").status_code == 200
    assert render_pool.clear_cache(app) == 1
    assert client.get(PUBLIC + "?lang=en").status_code == 200
    assert len(renders) == 2
