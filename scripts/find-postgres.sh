#!/usr/bin/env bash
# Prints the bin folder of the newest PostgreSQL server installed (pg_ctl, initdb, postgres), or fails.
# PG_BIN names it outright where several are installed or it lives elsewhere.
set -euo pipefail
if [ -n "${PG_BIN:-}" ]; then
  [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/initdb" ] && { echo "$PG_BIN"; exit 0; }
  exit 1
fi
debian=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$debian" ] && [ -x "$debian/pg_ctl" ]; then echo "$debian"; exit 0; fi
if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then dirname "$(command -v pg_ctl)"; exit 0; fi
exit 1
