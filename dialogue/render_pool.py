"""Where PDFs are rendered and kept: the document cache and the render pool.

The document cache
    A finished PDF is a file ``<key>.pdf`` in ``DOCUMENT_CACHE_DIR`` (default
    ``<instance>/documents``). The key is a SHA-256 over the print HTML (which already holds
    the data and the language), the PDF variant, ``RENDERER_VERSION``, WeasyPrint's version
    and a fingerprint of the static folder (print.css, fonts): the same document downloaded
    twice renders once, and any change to its data changes the HTML and so the key. Files are
    written to a temporary name and moved into place with ``os.replace``, so several app
    processes, or several machines sharing the folder, never see half a file. Each read
    touches the file; a file not read for ``DOCUMENT_CACHE_DAYS`` (default 30) is deleted by
    the clean-up that runs at most once an hour after a write. The folder holds personal data:
    it is created readable by the app's user only.

The render pool
    Downloads (``for_download``) hand WeasyPrint's step to a ``pebble.ProcessPool`` of
    ``RENDER_WORKERS`` warm worker processes (spawned, not forked; started on first use in each
    app process, so it is safe after gunicorn forks; stopped at exit). A worker runs at a lower
    priority (nice 10) with an address-space limit of ``RENDER_MEMORY_MB``, and each render
    has ``RENDER_TIMEOUT`` seconds: an alarm inside the worker stops it, and pebble kills the
    worker as a backstop. Before rendering, a worker takes one of ``RENDER_WORKERS`` slot lock
    files (``flock``) in ``<cache>/slots-<hostname>/``, so all app processes of one machine
    together run at most that many renders; it waits for a slot at most ``RENDER_TIMEOUT``.
    The worker writes the PDF into the cache itself, so it lands there even when the request
    that asked for it is gone.

    A render in progress is marked by ``<key>.pending`` (created with ``O_EXCL``, so the same
    document asked for twice at once, in any process, renders once; a marker older than the
    longest a render can take, plus 30 s, is stale and taken over). A render stopped
    for its time or memory limit leaves ``<key>.failed`` with its reason for ``FAILED_SECONDS``,
    so a page that refreshes itself does not start it again and again; ``retry`` clears it.

    Everywhere else (``dialogue render``, tests, ``RENDER_WORKERS=0``) the PDF is rendered in
    the calling process, through the same cache.

    Workers are started with ``spawn``, which imports the program's main module again in each
    worker: ``gunicorn``, ``dialogue run`` and ``flask run`` are fine; a script of your own that
    builds the app and downloads documents must keep that under ``if __name__ == "__main__":``.
"""
from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import logging
import os
import signal
import socket
import tempfile
import threading
import time
from concurrent.futures import CancelledError
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import wait as wait_futures
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger("dialogue.render")

#: bump when the HTML-to-PDF step (``pdf.write_pdf``) changes what it makes; print.css and the
#: fonts are in the key already (``static_fingerprint``), and so is WeasyPrint's version
RENDERER_VERSION = "1"

#: how long a failed render is remembered (a self-refreshing page shows the error, not a loop)
FAILED_SECONDS = 300
#: how often, at most, the cache folder is swept for old files
CLEANUP_EVERY_SECONDS = 3600
#: files bigger than this count in the static fingerprint by name and size, not content
_FINGERPRINT_CONTENT_LIMIT = 256 * 1024
MB = 1024 * 1024


class RenderFailed(Exception):
    """A render was stopped or failed; ``reason`` is ``timeout``, ``memory`` or ``error``."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


class DocumentPending(Exception):
    """The document is being rendered and was not ready within the wait."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


class RenderTimeout(Exception):
    """Raised inside a worker when its render (or its wait for a slot) takes too long."""


# -- settings ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    cache_dir: Path
    cache_days: int
    static_root: str
    workers: int
    timeout: float
    memory_mb: int
    wait: float

    @classmethod
    def from_app(cls, app) -> "Settings":
        config = app.config
        return cls(
            cache_dir=Path(config.get("DOCUMENT_CACHE_DIR") or Path(app.instance_path) / "documents"),
            cache_days=int(config.get("DOCUMENT_CACHE_DAYS", 30)),
            static_root=str(app.static_folder),
            workers=int(config.get("RENDER_WORKERS", 0)),
            timeout=float(config.get("RENDER_TIMEOUT", 120)),
            memory_mb=int(config.get("RENDER_MEMORY_MB", 1024)),
            wait=float(config.get("RENDER_WAIT", 5)),
        )

    @property
    def task_timeout(self) -> float:
        """pebble's hard limit for one task: a wait for a slot, the render, and some grace."""
        return 2 * self.timeout + 10

    @property
    def stale_after(self) -> float:
        """A ``.pending`` marker older than this belongs to a render that is gone."""
        return self.task_timeout + 30


# -- the cache key ----------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _fingerprint(root: str, listing: tuple) -> str:
    digest = hashlib.sha256()
    for relative, size, _mtime in listing:
        digest.update(f"{relative}\0{size}\0".encode())
        if size <= _FINGERPRINT_CONTENT_LIMIT:
            digest.update(Path(root, relative).read_bytes())
    return digest.hexdigest()


def static_fingerprint(root: str) -> str:
    """A hash of the static folder: small files (print.css) by content, fonts by name and size."""
    listing = []
    for path in sorted(Path(root).rglob("*")):
        if path.is_file():
            stat = path.stat()
            listing.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return _fingerprint(str(root), tuple(listing))


@lru_cache(maxsize=1)
def _weasyprint_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("weasyprint")
    except PackageNotFoundError:  # pragma: no cover
        return "?"


def cache_key(html: str, variant: str | None, static_root: str) -> str:
    digest = hashlib.sha256()
    for part in ("dialogue-pdf", RENDERER_VERSION, _weasyprint_version(), static_fingerprint(static_root),
                 variant or ""):
        digest.update(part.encode() + b"\0")
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


# -- the cache folder -------------------------------------------------------------------------
def _ensure_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file, no file, or all of it."""
    _ensure_dir(path.parent)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


class DocumentCache:
    def __init__(self, root: Path, days: int = 30):
        self.root = Path(root)
        self.days = days

    def path(self, key: str, suffix: str = ".pdf") -> Path:
        return self.root / f"{key}{suffix}"

    def read(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > 3600:
                os.utime(path)  # "last read", for the clean-up
        return data

    def write(self, key: str, data: bytes) -> None:
        write_atomic(self.path(key), data)
        self.cleanup()

    def clear(self) -> int:
        """Delete every cached PDF (e.g. after erasing a person); returns how many."""
        count = 0
        for path in self.root.glob("*.pdf"):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                count += 1
        return count

    # a render under way
    def claim(self, key: str, stale_after: float) -> bool:
        """Mark ``key`` as being rendered; False when another render of it is under way."""
        _ensure_dir(self.root)
        path = self.path(key, ".pending")
        for _attempt in range(2):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                try:
                    age = time.time() - path.stat().st_mtime
                except FileNotFoundError:
                    continue  # it just finished: try again
                if age <= stale_after:
                    return False
                logger.warning("taking over a stale document render %s (%.0f s old)", key[:12], age)
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                continue
            with os.fdopen(fd, "w") as fh:
                fh.write(f"{socket.gethostname()} {os.getpid()}\n")
            return True
        return False

    def is_pending(self, key: str) -> bool:
        return self.path(key, ".pending").exists()

    def release(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(key, ".pending").unlink()

    # a render that failed
    def mark_failed(self, key: str, reason: str) -> None:
        write_atomic(self.path(key, ".failed"), reason.encode())

    def failure(self, key: str) -> str | None:
        path = self.path(key, ".failed")
        try:
            if time.time() - path.stat().st_mtime > FAILED_SECONDS:
                path.unlink()
                return None
            return path.read_text().strip() or "error"
        except FileNotFoundError:
            return None

    def clear_failure(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(key, ".failed").unlink()

    def cleanup(self, now: float | None = None, force: bool = False) -> int:
        """Delete PDFs not read for ``days`` days and leftovers; at most once an hour unless forced."""
        now = time.time() if now is None else now
        stamp = self.root / ".cleanup"
        try:
            if not force and now - stamp.stat().st_mtime < CLEANUP_EVERY_SECONDS:
                return 0
        except FileNotFoundError:
            pass
        _ensure_dir(self.root)
        stamp.touch()
        removed = 0
        limits = {".pdf": self.days * 86400 if self.days > 0 else None, ".tmp": 86400, ".pending": 86400,
                  ".failed": FAILED_SECONDS}
        for path in self.root.iterdir():
            limit = limits.get(path.suffix)
            if limit is None or not path.is_file():
                continue
            with contextlib.suppress(FileNotFoundError):
                if now - path.stat().st_mtime > limit:
                    path.unlink()
                    removed += path.suffix == ".pdf"
        if removed:
            logger.info("document cache: removed %d PDF(s) not read for %d days", removed, self.days)
        return removed


# -- the worker side --------------------------------------------------------------------------
def slots_dir(cache_dir: str | Path) -> Path:
    """The slot lock files of this machine (a shared cache folder has one set per machine)."""
    return Path(cache_dir) / f"slots-{socket.gethostname()}"


def acquire_slot(directory: Path, slots: int, deadline: float) -> int | None:
    """Lock one of ``slots`` files in ``directory``; the open descriptor, or None at ``deadline``.

    The lock goes with the descriptor: closing it, or the process ending (even killed), frees it.
    """
    import fcntl

    _ensure_dir(directory)
    delay = 0.02
    while True:
        for index in range(max(1, slots)):
            fd = os.open(directory / f"{index}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                os.close(fd)
        if time.monotonic() >= deadline:
            return None
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def _init_worker(memory_mb: int, static_root: str) -> None:
    """A worker's start: warm WeasyPrint up, then lower its priority and cap its memory.

    Nothing here may raise: pebble would restart a worker whose initializer fails, forever.
    """
    try:
        os.nice(10)
    except OSError:  # pragma: no cover
        pass
    try:
        from .pdf import write_pdf

        write_pdf("<html><body><p>warm</p></body></html>", static_root)
    except Exception:  # pragma: no cover - the render will say what is wrong
        logger.exception("render worker: warming up failed")
    if memory_mb > 0:
        import resource

        try:
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = memory_mb * MB
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ValueError, OSError):  # pragma: no cover
            logger.exception("render worker: could not set the memory limit")


class _TimeLimit:
    """``RenderTimeout`` in this process after ``seconds``, and again every 50 ms until it is out.

    A signal handler's exception can land where Python swallows it (a ``__del__``), so the
    alarm repeats; leaving the block disarms it even when an alarm interrupts the leaving.
    """

    def __init__(self, seconds: float):
        self.seconds = max(seconds, 0.001)
        self.active = False

    def _alarm(self, signum, frame):
        if self.active:
            raise RenderTimeout("the render took too long")

    def __enter__(self):
        self.previous = signal.signal(signal.SIGALRM, self._alarm)
        self.active = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.05)
        return self

    def __exit__(self, *exc):
        while True:
            try:
                self.active = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, self.previous)
                return False
            except RenderTimeout:  # pragma: no cover - an alarm between two of the lines above
                continue


def render_job(html: str, static_root: str, variant: str | None, cache_dir: str, key: str,
               slots: int, timeout: float) -> int:
    """In a worker: take a slot, render within ``timeout``, write the PDF into the cache."""
    from .pdf import write_pdf

    fd = acquire_slot(slots_dir(cache_dir), slots, time.monotonic() + timeout)
    if fd is None:
        raise RenderTimeout("no render slot became free")
    try:
        with _TimeLimit(timeout):
            data = write_pdf(html, static_root, variant)
    finally:
        os.close(fd)
    cache = DocumentCache(Path(cache_dir))
    write_atomic(cache.path(key), data)
    cache.release(key)
    return len(data)


# -- the pool, one per app process ------------------------------------------------------------
_lock = threading.Lock()
_pool = None
_pool_shape: tuple | None = None
_pool_pid: int | None = None
_jobs: dict[str, object] = {}
_atexit_registered = False


def _get_pool(settings: Settings):
    """This process's pool, started on first use (never at import: safe after a fork)."""
    global _pool, _pool_shape, _pool_pid, _atexit_registered
    import multiprocessing

    from pebble import ProcessPool

    shape = (settings.workers, settings.memory_mb, settings.static_root)
    if _pool is not None and _pool_pid != os.getpid():
        _pool = None  # inherited through a fork: its threads and workers are the parent's
        _jobs.clear()
    if _pool is not None and (_pool_shape != shape or not _pool.active):
        old, _pool = _pool, None
        old.close()  # running renders finish; a new pool takes the new settings
    if _pool is None:
        _pool = ProcessPool(
            max_workers=settings.workers,
            initializer=_init_worker,
            initargs=(settings.memory_mb, settings.static_root),
            context=multiprocessing.get_context("spawn"),
        )
        _pool_shape, _pool_pid = shape, os.getpid()
        if not _atexit_registered:
            atexit.register(shutdown)
            _atexit_registered = True
        logger.info("render pool started: %d worker(s), %.0f s, %d MB", settings.workers, settings.timeout,
                    settings.memory_mb)
    return _pool


def shutdown(timeout: float = 5) -> None:
    """Stop this process's pool (at exit, and in tests)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
        _jobs.clear()
    if pool is not None and _pool_pid == os.getpid():
        pool.stop()
        with contextlib.suppress(Exception):
            pool.join(timeout)


def classify(error: BaseException) -> str:
    from pebble import ProcessExpired

    if isinstance(error, (FutureTimeout, TimeoutError, RenderTimeout)):
        return "timeout"
    if isinstance(error, (MemoryError, ProcessExpired)):
        return "memory"
    return "error"


def _finished(key: str, settings: Settings, started: float, future) -> None:
    """Done-callback in the web process: log, remember a failure, free the marker."""
    cache = DocumentCache(settings.cache_dir, settings.cache_days)
    try:
        error = CancelledError() if future.cancelled() else future.exception()
        if error is None:
            logger.info("rendered document %s (%d bytes) in %.1f s", key[:12], future.result(),
                        time.monotonic() - started)
        else:
            reason = classify(error)
            logger.error("document render %s stopped after %.1f s: %s (%s: %s)", key[:12],
                         time.monotonic() - started, reason, type(error).__name__, str(error)[:200])
            if reason in ("timeout", "memory"):  # remembered; an unexpected error is tried again
                with contextlib.suppress(OSError):
                    cache.mark_failed(key, reason)
        cache.release(key)
        with contextlib.suppress(OSError):
            cache.cleanup()
    finally:
        with _lock:
            if _jobs.get(key) is future:
                del _jobs[key]


def _start(key: str, html: str, variant: str | None, settings: Settings, cache: DocumentCache):
    """This process's render of ``key``: one under way, a new one, or None (another process has it)."""
    with _lock:
        future = _jobs.get(key)
        if future is not None and not future.done() and _pool_pid == os.getpid():
            return future
        if not cache.claim(key, settings.stale_after):
            return None
        started = time.monotonic()
        try:
            pool = _get_pool(settings)
            future = pool.schedule(
                render_job,
                args=(html, settings.static_root, variant, str(settings.cache_dir), key, settings.workers,
                      settings.timeout),
                timeout=settings.task_timeout,
            )
        except BaseException:
            cache.release(key)
            raise
        _jobs[key] = future
    future.add_done_callback(functools.partial(_finished, key, settings, started))
    return future


def clear_cache(app=None) -> int:
    """Delete every cached PDF of ``app`` (default: the current app); returns how many.

    Call it after erasing a person, so no cached document still names them.
    """
    from flask import current_app

    settings = Settings.from_app(app or current_app)
    return DocumentCache(settings.cache_dir).clear()


# -- what pdf.render_pdf calls ----------------------------------------------------------------
@dataclass(frozen=True)
class _Mode:
    pool: bool = False
    wait: float | None = None
    retry: bool = False


_mode: ContextVar[_Mode] = ContextVar("dialogue_render_mode", default=_Mode())


@contextlib.contextmanager
def for_download(wait: float | None = None, retry: bool = False):
    """Render in the pool; raise ``DocumentPending`` after ``wait`` seconds if not ready yet."""
    token = _mode.set(_Mode(pool=True, wait=wait, retry=retry))
    try:
        yield
    finally:
        _mode.reset(token)


def pdf_for(html: str, variant: str | None = None) -> bytes:
    """The PDF of ``html``: from the cache, or rendered (in the pool inside ``for_download``)."""
    from flask import current_app

    from .pdf import write_pdf

    settings = Settings.from_app(current_app)
    cache = DocumentCache(settings.cache_dir, settings.cache_days)
    key = cache_key(html, variant, settings.static_root)
    data = cache.read(key)
    if data is not None:
        return data
    mode = _mode.get()
    if not mode.pool or settings.workers <= 0:
        data = write_pdf(html, settings.static_root, variant)
        try:
            cache.write(key, data)
        except OSError:
            logger.exception("document cache: could not write %s", cache.root)
        return data
    if mode.retry:
        cache.clear_failure(key)
    wait = settings.stale_after if mode.wait is None else mode.wait
    return _wait(key, html, variant, settings, cache, time.monotonic() + wait)


def _wait(key, html, variant, settings: Settings, cache: DocumentCache, deadline: float) -> bytes:
    future = None
    while True:
        if future is not None and future.done():
            error = CancelledError() if future.cancelled() else future.exception()
            if error is not None:
                raise RenderFailed(classify(error), str(error)[:200])
            data = cache.read(key)
            if data is not None:
                return data
            raise RenderFailed("error", "the rendered file is missing from the cache")
        data = cache.read(key)
        if data is not None:
            return data
        if future is None:
            failure = cache.failure(key)
            if failure:
                raise RenderFailed(failure)
            future = _start(key, html, variant, settings, cache)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DocumentPending(key)
        if future is not None:
            wait_futures([future], timeout=min(remaining, 0.5))
        else:
            time.sleep(min(remaining, 0.1))
