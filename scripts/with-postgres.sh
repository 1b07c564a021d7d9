#!/usr/bin/env bash
# with-postgres.sh CMD [ARGS...]
#
# Runs CMD with a throw-away PostgreSQL server: a fresh cluster in a temporary folder,
# listening on 127.0.0.1 on a free port (and a Unix socket in that folder only), trust
# authentication, an empty database `dialogue_test`, and
#
#   DIALOGUE_DATABASE_URL=postgresql://postgres@127.0.0.1:PORT/dialogue_test
#
# in CMD's environment. The server is stopped and its folder removed when the script ends,
# whatever the way (exit, error, Ctrl+C); the script exits with CMD's status.
#
# Needs PostgreSQL's server binaries (Debian: postgresql-15; not running is fine). As root,
# the server runs as the `postgres` system user; as anyone else, as that user.
#
# Settings (environment):
#   PG_BIN       folder with initdb/pg_ctl/postgres (default: /usr/lib/postgresql/15/bin,
#                else the newest /usr/lib/postgresql/*/bin, else `pg_config --bindir`)
#   PG_PORT      port to listen on (default: a free one)
#   PG_DATABASE  database to create (default: dialogue_test)
#   PG_KEEP=1    keep the data folder (for a look at the server log after a failure)
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 64
fi

log() { echo "with-postgres: $*" >&2; }

# -- where the binaries are ---------------------------------------------------------------
find_pg_bin() {
    if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
    if [ -x /usr/lib/postgresql/15/bin/postgres ]; then echo /usr/lib/postgresql/15/bin; return; fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$newest" ] && [ -x "$newest/postgres" ]; then echo "$newest"; return; fi
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/postgres" ]; then
        pg_config --bindir; return
    fi
    return 1
}
if ! PG_BIN=$(find_pg_bin); then
    log "no PostgreSQL server binaries found (install postgresql-15, or set PG_BIN)"
    exit 69
fi
for tool in initdb pg_ctl postgres; do
    if [ ! -x "$PG_BIN/$tool" ]; then log "$PG_BIN/$tool is missing"; exit 69; fi
done

# -- who runs the server -------------------------------------------------------------------
# PostgreSQL refuses to run as root: as root, run it as the `postgres` system user.
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        log "running as root and there is no 'postgres' user to run the server as"
        exit 69
    fi
    if command -v runuser >/dev/null 2>&1; then
        as_pg() { runuser -u postgres -- "$@"; }
    else
        as_pg() { su -s /bin/sh postgres -c "$(printf '%q ' "$@")"; }
    fi
    PG_OWNER=postgres
else
    as_pg() { "$@"; }
    PG_OWNER=$(id -un)
fi

# -- a free port ---------------------------------------------------------------------------
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
    else
        echo $(( 20000 + RANDOM % 20000 ))
    fi
}

DATABASE=${PG_DATABASE:-dialogue_test}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")
DATA="$WORK/data"
SOCKET_DIR="$WORK/socket"
SERVER_LOG="$WORK/server.log"
mkdir -p "$DATA" "$SOCKET_DIR"
chmod 700 "$WORK"
if [ "$PG_OWNER" = postgres ] && [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$WORK"
fi

STARTED=0
cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [ "$STARTED" -eq 1 ]; then
        (cd "$WORK" && as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1) \
            || (cd "$WORK" && as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w -t 10 stop >/dev/null 2>&1) \
            || log "could not stop the server (data folder $DATA)"
    fi
    if [ "${PG_KEEP:-0}" = 1 ]; then
        log "kept $WORK (server log: $SERVER_LOG)"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# -- the cluster ---------------------------------------------------------------------------
# Run the server's tools from inside $WORK: the postgres user may not enter the caller's folder.
cd_work_as_pg() { (cd "$WORK" && as_pg "$@"); }

if ! cd_work_as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$WORK/initdb.log" 2>&1; then
    cat "$WORK/initdb.log" >&2
    log "initdb failed"
    exit 70
fi

# A test server: nothing here needs to survive a crash, so durability is off for speed.
start_server() {
    cd_work_as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$SERVER_LOG" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $1 -k $SOCKET_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null
}

PORT=""
for attempt in 1 2 3 4 5; do
    candidate=${PG_PORT:-$(free_port)}
    if start_server "$candidate"; then
        PORT=$candidate
        STARTED=1
        break
    fi
    # a stopped attempt may leave a half-started server behind: make sure it is gone
    cd_work_as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    log "the server did not start on port $candidate (attempt $attempt)"
    tail -n 5 "$SERVER_LOG" >&2 || true
    [ -n "${PG_PORT:-}" ] && break
done
if [ -z "$PORT" ]; then
    log "could not start PostgreSQL; server log follows"
    cat "$SERVER_LOG" >&2 || true
    exit 70
fi

if ! cd_work_as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres \
        -c "CREATE DATABASE \"$DATABASE\"" >/dev/null; then
    log "could not create the database $DATABASE"
    exit 70
fi

export DIALOGUE_DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/$DATABASE"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT, DIALOGUE_DATABASE_URL=$DIALOGUE_DATABASE_URL"

# Run CMD as a child (not exec), so the trap stops the server afterwards.
set +e
"$@"
status=$?
set -e
log "command exited with status $status; stopping the server"
exit "$status"
