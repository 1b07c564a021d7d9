"""A dialogue's home page while documents render: does one user's PDF slow another's page?

    python bench/pdf_under_load.py [--workers 4] [--threads 8] [--renders 4] [--seconds 20] [--document case-study]
                                   [--scale 300 100]
    bash scripts/with-postgres.sh python bench/pdf_under_load.py      # the same on PostgreSQL

Starts gunicorn (several workers) on a fresh demo database (SQLite in a temporary folder, or
DIALOGUE_DATABASE_URL when set), logs in as a lead, and measures the home page of their dialogue
from loopback: first idle, then while ``--renders`` clients keep asking for documents that are
not cached (the cache folder is emptied continuously). Reports p50/p95 and the ratio
loaded ÷ idle; the goal is a p95 ratio of at most 2. Every request loop is bounded.
"""
from __future__ import annotations

import argparse
import re
import statistics
import threading
import time

from common import database_name, demo_server, login, percentile  # bench/common.py (the script's folder is on sys.path)

LANGS = ["en", "fr", "es", "pt", "ar", "sw"]


def timed_get(client, url: str) -> float:
    start = time.perf_counter()
    with client.open(url, timeout=300) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--renders", type=int, default=4, help="clients rendering documents at once")
    parser.add_argument("--seconds", type=float, default=20, help="length of each phase")
    parser.add_argument("--document", default="case-study",
                        help="the document the rendering clients ask for (case-study, toolkit, method-overview)")
    parser.add_argument("--scale", type=int, nargs=2, metavar=("STAKEHOLDERS", "COMMITMENTS"),
                        help="grow the Kenyan dialogue first (e.g. 300 100) and render only its documents")
    args = parser.parse_args()

    stop = threading.Event()
    with demo_server(args.workers, args.threads, scale=args.scale) as (base, env, tmp):
        lead = login(base, "lead.kenya@demo.example")
        home_page = lead.open(base + "/", timeout=30).read().decode()
        home = base + re.search(r'href="(/d/[0-9a-f-]+/)"', home_page).group(1)
        for _ in range(10):
            timed_get(lead, home)  # warm up
        def sample() -> list[float]:
            """Home page requests, one every 50 ms, for the length of a phase (bounded)."""
            times = []
            end = time.monotonic() + args.seconds
            while time.monotonic() < end and len(times) < 10_000:
                times.append(timed_get(lead, home))
                time.sleep(0.05)
            return times

        idle = sample()

        rendered = []
        errors = []

        def renderer(n: int) -> None:
            client = login(base, "coordinator@demo.example")
            dialogues = re.findall(r'href="(/d/[0-9a-f-]+/)"', client.open(base + "/", timeout=30).read().decode())
            if args.scale:
                dialogues = [home[len(base):]]  # the scaled (Kenyan) dialogue's documents only
            i = n
            while not stop.is_set():
                url = f"{base}{dialogues[i % len(dialogues)]}documents/{args.document}.pdf?lang={LANGS[i % len(LANGS)]}"
                try:
                    with client.open(url, timeout=300) as response:
                        response.read()
                        rendered.append(response.status)
                except Exception as exc:  # noqa: BLE001 - counted and reported
                    errors.append(str(exc))
                i += args.renders

        def cache_cleaner() -> None:
            folder = tmp / "documents"
            while not stop.is_set():
                for path in folder.glob("*.pdf"):
                    path.unlink(missing_ok=True)
                time.sleep(0.3)

        threads = [threading.Thread(target=renderer, args=(n,), daemon=True) for n in range(args.renders)]
        threads.append(threading.Thread(target=cache_cleaner, daemon=True))
        for thread in threads:
            thread.start()
        time.sleep(3)  # let the renders get going
        loaded = sample()
        stop.set()
        for thread in threads:
            thread.join(timeout=320)
        database = database_name(env["DIALOGUE_DATABASE_URL"])
    p50_idle, p95_idle = statistics.median(idle), percentile(idle, 95)
    p50_load, p95_load = statistics.median(loaded), percentile(loaded, 95)
    print(f"database: {database}; gunicorn workers: {args.workers} x {args.threads} threads; "
          f"rendering clients: {args.renders} ({args.document}"
          f"{', Kenya scaled to %d stakeholders, %d commitments' % tuple(args.scale) if args.scale else ''}); {len(idle)} + {len(loaded)} home page requests over "
          f"2 x {args.seconds:.0f} s")
    print(f"home page idle:        p50 {p50_idle * 1000:7.1f} ms   p95 {p95_idle * 1000:7.1f} ms")
    print(f"home page while PDFs:  p50 {p50_load * 1000:7.1f} ms   p95 {p95_load * 1000:7.1f} ms")
    print(f"ratio loaded/idle:     p50 {p50_load / p50_idle:7.2f}      p95 {p95_load / p95_idle:7.2f}")
    print(f"document answers during the run: {len(rendered)} (200: {rendered.count(200)}, "
          f"202 being prepared: {rendered.count(202)}), errors: {len(errors)}")


if __name__ == "__main__":
    main()
