"""What the benchmark scripts share: a median of wall-clock times and a PDF's page count."""
from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
import time


def median_time(fn, repeat: int) -> float:
    """The median of ``repeat`` runs of ``fn()``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pdf_pages(data: bytes) -> str:
    """The page count pdfinfo reports, or "?" without poppler."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        try:
            info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
        except FileNotFoundError:
            return "?"
    found = re.search(r"Pages:\s+(\d+)", info)
    return found.group(1) if found else "?"


# -- a demo app under gunicorn, for the scripts that drive it over HTTP ------------------------
import contextlib  # noqa: E402
import http.cookiejar  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
import urllib.parse  # noqa: E402
import urllib.request  # noqa: E402
from pathlib import Path  # noqa: E402

#: every demo account's password (dialogue.demo.DEMO_PASSWORD)
DEMO_PASSWORD = "demo-dialogue-2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def database_name(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


@contextlib.contextmanager
def demo_server(workers: int, threads: int, *, extra_env: dict | None = None, scale: tuple[int, int] | None = None):
    """gunicorn serving a fresh demo database on 127.0.0.1; yields ``(base_url, env, tmp_folder)``.

    ``scale=(stakeholders, commitments)`` grows the Kenyan demo dialogue first (``scale_dialogue``).

    SQLite in a temporary folder, or ``DIALOGUE_DATABASE_URL`` when set (``scripts/with-postgres.sh``
    sets it). Rate limits are lifted: a benchmark's logins and public pages all come from one
    address, where a real day's come from many (each would be throttled alone). The server
    is stopped and the folder removed on the way out.
    """
    tmp = Path(tempfile.mkdtemp(prefix="bench-server-"))
    env = dict(os.environ, DIALOGUE_INSTANCE_PATH=str(tmp / "instance"), DIALOGUE_SECRET_KEY="bench" * 8,
               DIALOGUE_DOCUMENT_CACHE_DIR=str(tmp / "documents"), DIALOGUE_RATELIMIT_STORAGE_URI="memory://",
               DIALOGUE_LOGIN_RATE_LIMIT="10000 per minute", DIALOGUE_PUBLIC_RATE_LIMIT="100000 per minute",
               **(extra_env or {}))
    env.setdefault("DIALOGUE_DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite'}")
    bin_dir = Path(sys.executable).parent
    server = None
    try:
        subprocess.run([str(bin_dir / "dialogue"), "init-db"], env=env, check=True, capture_output=True)
        grow = ""
        if scale:
            grow = (f"    import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n"
                    "    from common import scale_dialogue; from dialogue.models import Dialogue\n"
                    "    kenya = db.session.scalar(db.select(Dialogue).where(Dialogue.country == 'KE'))\n"
                    f"    scale_dialogue(kenya, {int(scale[0])}, {int(scale[1])})\n")
        subprocess.run([str(bin_dir / "python"), "-c",
                        "from dialogue import create_app\nfrom dialogue.demo import load_demo\n"
                        "from dialogue.extensions import db\n"
                        "app = create_app()\nwith app.app_context():\n    load_demo()\n" + grow
                        + "    db.session.commit()"],
                       env=env, check=True, capture_output=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([str(bin_dir / "gunicorn"), "-w", str(workers), "--threads", str(threads),
                                   "-b", f"127.0.0.1:{port}", "--timeout", "300", "dialogue:create_app()"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer within 30 s")
        yield base, env, tmp
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)


def scale_dialogue(dialogue, stakeholders: int, commitments: int) -> None:
    """Add stakeholders and commitments (two updates each) to a demo dialogue, up to these numbers.

    A third of the people do not consent to be named, one in 17 is at risk, half are invited,
    one commitment in five is not public: the privacy rules have work to do. Not committed.
    """
    from datetime import timedelta

    from dialogue.models import utcnow
    from phases.followup import services as followup
    from phases.mapping import services as mapping

    lead = dialogue.memberships[0].user
    sectors = ("government", "private_sector", "civil_society", "academia", "media", "community")
    have = len(mapping.stakeholders_of(dialogue))
    mapping.import_stakeholders(dialogue, lead, [
        {"organisation": f"Organisation {i}", "person": f"Person {i}", "sector": sectors[i % 6],
         "invitation": "invited" if i % 2 else "", "consent_named": i % 3 != 0, "at_risk": i % 17 == 0,
         "influence": 1 + i % 5, "interest": 1 + (i * 3) % 5}
        for i in range(max(0, stakeholders - have))])
    people = mapping.stakeholders_of(dialogue)
    start = utcnow() - timedelta(days=120)
    for i in range(max(0, commitments - len(followup.commitments_of(dialogue)))):
        owners = [people[i % len(people)].uuid, people[(i * 7 + 3) % len(people)].uuid]
        c = followup.create_commitment(dialogue, lead, owners=list(dict.fromkeys(owners)),
                                       title=f"Commitment number {i}: repair and run water point {i}",
                                       public=i % 5 != 0)
        followup.add_update(c, status="on_track", progress=30, actor=lead, when=start + timedelta(days=i % 60))
        followup.add_update(c, status="done" if i % 3 == 0 else "on_track", progress=100 if i % 3 == 0 else 60,
                            actor=lead, when=start + timedelta(days=60 + i % 50))


def opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def login(base: str, email: str, password: str = DEMO_PASSWORD) -> urllib.request.OpenerDirector:
    """A cookie-keeping client logged in as ``email``."""
    client = opener()
    page = client.open(f"{base}/login", timeout=30).read().decode()
    data = urllib.parse.urlencode({"csrf_token": csrf_token(page), "email": email, "password": password}).encode()
    client.open(f"{base}/login", data=data, timeout=30).read()
    return client


def session_cookie(client: urllib.request.OpenerDirector) -> str:
    """The ``Cookie:`` header value of a client from ``login``."""
    for handler in client.handlers:
        if isinstance(handler, urllib.request.HTTPCookieProcessor):
            return "; ".join(f"{c.name}={c.value}" for c in handler.cookiejar)
    raise LookupError("no cookie jar")
