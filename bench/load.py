"""A busy day under load: gunicorn with several workers, driven by wrk from loopback.

    python bench/load.py                                  # SQLite, then PostgreSQL (started for it)
    python bench/load.py --database sqlite --seconds 10
    python bench/load.py --database postgresql            # runs itself under scripts/with-postgres.sh

Needs ``wrk`` (Debian: ``apt-get install wrk``) and, for PostgreSQL, the server binaries that
``scripts/with-postgres.sh`` finds. For each database: a fresh demo database, gunicorn
(``--workers`` processes x ``--threads`` threads, as the README's production line), logins of a
lead, a facilitator on a phone and a coordinator, then two bounded runs over ``--connections``
connections, each lasting ``--seconds`` and stopping early at ``--max-requests`` (wrk's threads
stop at their share of the count; throughput is then reported as a lower bound, marked ``>=``):

* *baseline*: the log-in page (a template, no database) — what the machine and server give at best;
* *busy day*: the mix of pages the people of a workshop day open — dialogue home, the
  register and the map, the meeting, its agenda and attendance (the most opened page on the day),
  check-ins and their undo (POSTs with CSRF tokens, so the database is written while others
  read), the follow-up board and a commitment, the case study, notifications, the
  coordinator's portfolio and calls, and a call's public page as an applicant sees it.

Reports throughput, latency percentiles and errors (socket errors, answers 4xx/5xx, and any
redirect to the log-in page, which would mean a session was lost), and the ratios busy day ÷
baseline. Finally each page alone, sequentially (median of 5), to show which page costs most.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from common import csrf_token, database_name, demo_server, login, opener, session_cookie  # bench/common.py

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

#: wrk's script: cycles through the requests, stops each thread at its share of the count, and
#: prints the figures as JSON. A 3xx is an error when it sends to the log-in or re-auth page.
LUA = r"""
local specs = %(specs)s
local limit = %(limit)d
local reqs = {}
local i = 0
local done_count = 0
status_2xx, status_3xx, status_4xx, status_5xx, lost_session = 0, 0, 0, 0, 0
error_codes = ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads * 7)
end

function init(args)
  for _, s in ipairs(specs) do
    local headers = {}
    headers["Cookie"] = s.cookie
    headers["Accept-Language"] = "en"
    if s.method == "POST" then headers["Content-Type"] = "application/x-www-form-urlencoded" end
    table.insert(reqs, wrk.format(s.method, s.path, headers, s.body))
  end
  i = offset or 0
end

function request()
  i = i + 1
  return reqs[(i %% #reqs) + 1]
end

function response(status, headers, body)
  done_count = done_count + 1
  if status >= 400 and #error_codes < 60 then error_codes = error_codes .. " " .. status end
  if status >= 500 then status_5xx = status_5xx + 1
  elseif status >= 400 then status_4xx = status_4xx + 1
  elseif status >= 300 then
    status_3xx = status_3xx + 1
    local location = headers["Location"] or headers["location"] or ""
    if location:find("/login", 1, true) or location:find("/reauth", 1, true) then lost_session = lost_session + 1 end
  else status_2xx = status_2xx + 1 end
  if done_count >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local t = {s2 = 0, s3 = 0, s4 = 0, s5 = 0, lost = 0}
  local codes = ""
  for _, thread in ipairs(threads) do
    t.s2 = t.s2 + thread:get("status_2xx")
    t.s3 = t.s3 + thread:get("status_3xx")
    t.s4 = t.s4 + thread:get("status_4xx")
    t.s5 = t.s5 + thread:get("status_5xx")
    t.lost = t.lost + thread:get("lost_session")
    codes = codes .. thread:get("error_codes")
  end
  io.write(string.format(
    'WRK-JSON {"duration_us": %%d, "requests": %%d, "bytes": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"status": %%d, "timeout": %%d, "s2": %%d, "s3": %%d, "s4": %%d, "s5": %%d, "lost": %%d, ' ..
    '"p50": %%d, "p90": %%d, "p95": %%d, "p99": %%d, "max": %%d, "mean": %%.1f, "codes": "%%s"}\n',
    summary.duration, summary.requests, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, t.s2, t.s3, t.s4, t.s5, t.lost,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean, codes))
end
"""


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string for this ASCII content


def first(pattern: str, page: str, what: str) -> str:
    found = re.search(pattern, page)
    if not found:
        raise RuntimeError(f"the demo has no {what} (pattern {pattern!r})")
    return found.group(1)


def get(client, url: str) -> str:
    with client.open(url, timeout=60) as response:
        return response.read().decode()


def busy_day(base: str) -> tuple[list[dict], dict[str, str]]:
    """The requests of the mix, each ``{method, path, body, cookie, weight, page}``; and one URL per page."""
    lead = login(base, "lead.kenya@demo.example")
    phone = login(base, "lead.uganda@demo.example")
    coordinator = login(base, "coordinator@demo.example")
    specs: list[dict] = []

    def add(client, path: str, weight: int, page: str, method: str = "GET", body: str = "") -> None:
        specs.append({"method": method, "path": path, "body": body, "weight": weight, "page": page,
                      "cookie": session_cookie(client) if client else ""})

    home = get(lead, base + "/")
    dialogue = first(r'href="(/d/[0-9a-f-]+/)"', home, "dialogue for the Kenyan lead")
    meetings = get(lead, base + dialogue + "meetings/")
    meeting = first(r'href="(/d/[0-9a-f-]+/meetings/[0-9a-f-]{36}/)"', meetings, "meeting")
    attendance = get(lead, base + meeting + "attendance")
    token = csrf_token(attendance)
    check_ins = re.findall(r'action="(/d/[0-9a-f-]+/meetings/[0-9a-f-]+/attendance/[0-9a-f-]{36})"', attendance)
    if not check_ins:
        raise RuntimeError("the demo meeting's attendance page has no check-in buttons")
    board = get(lead, base + dialogue + "followup/")
    commitment = first(r'href="(/d/[0-9a-f-]+/followup/commitments/[0-9a-f-]{36}/)"', board, "commitment")
    phone_home = get(phone, base + "/")
    phone_dialogue = first(r'href="(/d/[0-9a-f-]+/)"', phone_home, "dialogue for the Ugandan lead")
    phone_meeting = first(r'href="(/d/[0-9a-f-]+/meetings/[0-9a-f-]{36}/)"',
                          get(phone, base + phone_dialogue + "meetings/"), "Ugandan meeting")
    calls = get(coordinator, base + "/calls/")
    call = first(r'href="(/calls/[0-9a-f-]{36}/)"', calls, "call")
    public_call = re.search(r'value="https?://[^/"]+(/calls/[^/"]+/)"', get(coordinator, base + call))

    add(lead, "/", 2, "start page")
    add(lead, dialogue, 3, "dialogue home")
    add(lead, dialogue + "mapping/stakeholders", 2, "stakeholder register")
    add(lead, dialogue + "mapping/map", 1, "stakeholder map")
    add(lead, dialogue + "meetings/", 1, "meetings")
    add(lead, meeting, 2, "meeting")
    add(lead, meeting + "agenda", 1, "agenda")
    add(lead, meeting + "attendance", 4, "attendance")
    add(phone, phone_meeting + "attendance", 2, "attendance (phone)")
    for path in check_ins[:3]:
        body = urllib.parse.urlencode({"csrf_token": token})
        add(lead, path, 1, "check in (POST)", "POST", body)
        add(lead, path, 1, "undo check-in (POST)", "POST", urllib.parse.urlencode({"csrf_token": token, "undo": "1"}))
    add(lead, dialogue + "followup/", 2, "follow-up board")
    add(lead, commitment, 1, "commitment")
    add(lead, dialogue + "case-study/", 1, "case study")
    add(lead, "/notifications/", 1, "notifications")
    add(coordinator, "/portfolio/", 1, "portfolio (coordinator)")
    add(coordinator, "/calls/", 1, "calls (coordinator)")
    add(coordinator, dialogue, 1, "dialogue home (coordinator)")
    if public_call:
        add(None, public_call.group(1), 1, "a call's public page")
    pages = {}
    for spec in specs:
        if spec["method"] == "GET":
            pages.setdefault(spec["page"], spec)
    return specs, pages


def check_once(base: str, specs: list[dict]) -> None:
    """Each request once, without following redirects: GETs answer 200, POSTs redirect to their page."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    client = urllib.request.build_opener(NoRedirect)
    for spec in specs:
        request = urllib.request.Request(base + spec["path"], method=spec["method"],
                                         data=spec["body"].encode() if spec["method"] == "POST" else None,
                                         headers={"Cookie": spec["cookie"]})
        try:
            with client.open(request, timeout=60) as response:
                status, location = response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            status, location = error.code, error.headers.get("Location", "")
        expected = 200 if spec["method"] == "GET" else 302
        if status != expected or "/login" in location:
            raise RuntimeError(f"{spec['method']} {spec['path']} ({spec['page']}) answered {status} {location}")


def run_wrk(base: str, specs: list[dict], args, label: str) -> dict:
    # round-robin over the pages by weight, so that consecutive requests go to different pages
    weighted = [s for turn in range(max(s["weight"] for s in specs)) for s in specs if s["weight"] > turn]
    lua_specs = "{" + ",".join(
        "{method=%s,path=%s,body=%s,cookie=%s}" % (lua_string(s["method"]), lua_string(s["path"]),
                                                  lua_string(s["body"]), lua_string(s["cookie"]))
        for s in weighted) + "}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(LUA % {"specs": lua_specs, "limit": max(1, args.max_requests // args.wrk_threads)})
        script = handle.name
    try:
        out = subprocess.run(["wrk", "-t", str(args.wrk_threads), "-c", str(args.connections),
                              "-d", f"{args.seconds}s", "--timeout", "30s", "-s", script, base],
                             capture_output=True, text=True, timeout=args.seconds + 60)
    finally:
        os.unlink(script)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("WRK-JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no figures:\n{out.stdout}\n{out.stderr}")
    figures = json.loads(line[len("WRK-JSON "):])
    figures["label"] = label
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    # a thread that reached its share stopped early: the run's duration overstates its time
    figures["capped"] = figures["requests"] >= (args.max_requests // args.wrk_threads) * args.wrk_threads
    figures["errors"] = (figures["connect"] + figures["read"] + figures["write"] + figures["timeout"]
                         + figures["s4"] + figures["s5"] + figures["lost"])
    return figures


def per_page(base: str, pages: dict[str, dict]) -> list[tuple[str, float, int]]:
    rows = []
    for name, spec in pages.items():
        client = opener()
        times, size = [], 0
        for _ in range(5):
            request = urllib.request.Request(base + spec["path"], headers={"Cookie": spec["cookie"]})
            start = time.perf_counter()
            with client.open(request, timeout=60) as response:
                size = len(response.read())
            times.append(time.perf_counter() - start)
        rows.append((name, statistics.median(times), size))
    return rows


def measure(args) -> int:
    """One database's runs, printed; returns the number of errors."""
    with demo_server(args.workers, args.threads) as (base, env, _tmp):
        specs, pages = busy_day(base)
        check_once(base, specs)
        login_page = [{"method": "GET", "path": "/login", "body": "", "cookie": "", "weight": 1, "page": "log-in page"}]
        if args.warm_up:
            run_wrk(base, specs, argparse.Namespace(**{**vars(args), "seconds": 5}), "warm-up")
        baseline = run_wrk(base, login_page, args, "baseline: log-in page")
        busy = run_wrk(base, specs, args, "busy day")
        check_once(base, specs)  # still logged in, still answering
        rows = per_page(base, pages)
        database = database_name(env["DIALOGUE_DATABASE_URL"])
    print(f"\n## {database}: gunicorn {args.workers} workers x {args.threads} threads; wrk {args.wrk_threads} threads, "
          f"{args.connections} connections, {args.seconds} s per run (at most {args.max_requests} requests); {sum(s['weight'] for s in specs)} "
          f"requests in the mix ({len(pages)} pages, {sum(1 for s in specs if s['method'] == 'POST')} POSTs)")
    print(f"{'run':<24} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'requests':>9} {'errors':>7}  answers")
    for f in (baseline, busy):
        print(f"{f['label']:<24} {'>=' if f['capped'] else '  '}{f['rps']:6.1f} {f['p50'] / 1000:8.1f} {f['p90'] / 1000:8.1f} {f['p95'] / 1000:8.1f} "
              f"{f['p99'] / 1000:8.1f} {f['max'] / 1000:8.1f} {f['requests']:9d} {f['errors']:7d}  "
              f"2xx {f['s2']}, 3xx {f['s3']}, 4xx {f['s4']}, 5xx {f['s5']}, lost sessions {f['lost']}, "
              f"socket errors {f['connect'] + f['read'] + f['write']}, timeouts {f['timeout']}"
              + (f" (error answers:{f['codes']})" if f["codes"] else ""))
    print(f"ratio busy day / baseline: throughput {busy['rps'] / baseline['rps']:.2f}, "
          f"p50 {busy['p50'] / max(1, baseline['p50']):.2f}, p95 {busy['p95'] / max(1, baseline['p95']):.2f}")
    print("\neach page alone (median of 5 sequential requests):")
    for name, seconds, size in sorted(rows, key=lambda r: -r[1]):
        print(f"  {name:<30} {seconds * 1000:7.1f} ms  {size / 1024:6.1f} KB")
    if busy["errors"] or baseline["errors"]:
        print(f"ERRORS: baseline {baseline['errors']}, busy day {busy['errors']}")
    return busy["errors"] + baseline["errors"]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "processor unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both", "env"), default="both",
                        help="env: DIALOGUE_DATABASE_URL as set (what with-postgres.sh gives)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--seconds", type=int, default=30, help="length of each run")
    parser.add_argument("--max-requests", type=int, default=100_000, help="a run stops at this many requests")
    parser.add_argument("--no-warm-up", dest="warm_up", action="store_false", help="skip the warm-up run")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    if args.database != "env":  # printed once, not again under with-postgres.sh
        print(f"machine: {os.cpu_count()} cores, {cpu_model()}")
    status = 0
    if args.database in ("sqlite", "both"):
        os.environ.pop("DIALOGUE_DATABASE_URL", None)
        status = 1 if measure(args) else 0
    if args.database in ("postgresql", "both"):
        command = ["bash", str(REPO / "scripts" / "with-postgres.sh"), sys.executable, __file__, "--database", "env",
                   "--workers", str(args.workers), "--threads", str(args.threads),
                   "--connections", str(args.connections), "--wrk-threads", str(args.wrk_threads),
                   "--max-requests", str(args.max_requests), "--seconds", str(args.seconds),
                   *([] if args.warm_up else ["--no-warm-up"])]
        status = subprocess.run(command).returncode or status
    if args.database == "env":
        status = 1 if measure(args) else 0
    sys.exit(status)


if __name__ == "__main__":
    main()
