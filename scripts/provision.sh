#!/usr/bin/env bash
# Makes sure every tool the test command's passes need is here before any pass starts, one line per tool:
# a PostgreSQL server (the PostgreSQL pass), promtool, prometheus and amtool (the monitoring checks) and a
# Chromium (the browser tests). As root with apt it installs what is missing in one go; otherwise it stops at
# once naming what to install. A PostgreSQL server that cannot be installed skips that pass, said so in the
# test command's summary, except under CI=true, where a skip is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "provision: $*"; }
can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

packages=()
scripts/find-postgres.sh >/dev/null || packages+=(postgresql)
{ command -v promtool && command -v prometheus; } >/dev/null || packages+=(prometheus)
command -v amtool >/dev/null || packages+=(prometheus-alertmanager)

if [ ${#packages[@]} -gt 0 ] && can_install; then
  say "installing ${packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >"$log" 2>&1 || { tail -n 5 "$log" >&2; }
  rm -f "$log"
fi

missing=()
if pg_bin=$(scripts/find-postgres.sh); then
  say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') server at $pg_bin"
elif [ "${CI:-}" = true ]; then
  missing+=("a PostgreSQL server (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@15)")
else
  say "no PostgreSQL server: the PostgreSQL pass will be skipped (install one: apt-get install postgresql, or brew install postgresql@15)"
fi
if command -v promtool >/dev/null && command -v prometheus >/dev/null; then
  say "promtool and prometheus $(promtool --version 2>&1 | awk 'NR == 1 {print $3}') at $(dirname "$(command -v promtool)")"
else
  missing+=("promtool and prometheus (Debian/Ubuntu: apt-get install prometheus; macOS: brew install prometheus)")
fi
if command -v amtool >/dev/null; then
  say "amtool at $(command -v amtool)"
else
  missing+=("amtool (Debian/Ubuntu: apt-get install prometheus-alertmanager; macOS: brew install alertmanager)")
fi

# The browser last: it may download (Playwright) or install (apt) on its own.
node_modules/.bin/tsx scripts/ensure-browser.ts || missing+=("a Chromium (npx playwright install --with-deps chromium, or apt-get install chromium)")

if [ ${#missing[@]} -gt 0 ]; then
  say "the tests need tools this machine lacks and this script cannot install (it installs only as root with apt):" >&2
  for tool in "${missing[@]}"; do echo "  - $tool" >&2; done
  exit 1
fi
