#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temp folder, start on a free loopback
# port, export TEST_DATABASE_URL (and DATABASE_URL when asked), run, stop and delete the cluster.
# Usage: scripts/with-postgres.sh [--as-app-database] command...
set -euo pipefail

export_app_url=false
if [ "${1:-}" = "--as-app-database" ]; then export_app_url=true; shift; fi

if ! pg_bin=$("$(dirname "$0")/find-postgres.sh"); then
  echo "with-postgres: no PostgreSQL server installed (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@15)" >&2
  exit 1
fi

work=$(mktemp -d /tmp/billing-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_owner=()
if [ "$(id -u)" = "0" ]; then
  chown postgres "$work"
  as_owner=(runuser -u postgres --)
fi

stop() {
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null

export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
# How to stop (or start again) this cluster, for tests of what the app does when its database is down.
export TEST_DATABASE_PG_CTL="${as_owner[*]} $pg_bin/pg_ctl -D $work/data -l $work/server.log"
if $export_app_url; then export DATABASE_URL="$TEST_DATABASE_URL"; fi
echo "with-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $port" >&2
"$@"
