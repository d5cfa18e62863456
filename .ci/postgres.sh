#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the store tests and print the URL to use.
#
#   eval "$(bash .ci/postgres.sh)"   # sets SAMPARK_TEST_PG_URL
#
# Uses Debian's packages (installed with apt-get if missing). The cluster
# lives under $SAMPARK_PG_DIR (default /tmp/sampark-pg), listens on loopback
# only, and is reused when already running. Everything but the final export
# line goes to stderr so that eval sees only the export.
set -euo pipefail

PORT="${SAMPARK_PG_PORT:-54329}"
DIR="${SAMPARK_PG_DIR:-/tmp/sampark-pg}"
ROLE="${SAMPARK_PG_ROLE:-sampark}"
PASSWORD="${SAMPARK_PG_PASSWORD:-sampark}"
DB="${SAMPARK_PG_DB:-sampark_test}"

log() { echo "postgres.sh: $*" >&2; }

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(bindir)" ]; then
    log "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi
BIN="$(bindir)"

# The server refuses to run as root; run it as the postgres user when we are root.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$DIR" postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
if [ ! -f "$DIR/data/PG_VERSION" ]; then
    log "initdb in $DIR/data"
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
fi
if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    log "starting on 127.0.0.1:$PORT"
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50" start >&2
fi

psql_pg() { as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
    psql_pg -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    psql_pg -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi

echo "export SAMPARK_TEST_PG_URL=postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
