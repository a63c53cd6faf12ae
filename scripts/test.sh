#!/usr/bin/env bash
# npm test – every check the project has: types, lint, unit and database tests on PGlite and PostgreSQL,
# the Stripe emulator's own tests, a production build, and the browser tests against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
started=$SECONDS
step() { printf '\n== %s\n' "$1"; }

# The PostgreSQL pass waits on its server more than it computes, so it runs beside the steps up to the build,
# four files at a time, with its output shown when it ends.
set -m
pg_log=$(mktemp)
scripts/with-postgres.sh npx vitest run --exclude 'stripe-emulator/**' --maxWorkers=4 >"$pg_log" 2>&1 &
pg_pass=$!
trap 'kill -- -"$pg_pass" 2>/dev/null || true; rm -f "$pg_log"' EXIT

step "typecheck"
npx tsc --noEmit
npx tsc --noEmit -p stripe-emulator

step "lint"
npx eslint .

step "monitoring: alert rules and their unit tests, alert routing"
scripts/ensure-prometheus.sh
promtool check rules monitoring/alerts.yml
promtool test rules monitoring/alerts.test.yml
amtool check-config monitoring/alertmanager.yml

step "unit, database and emulator tests (PGlite), with coverage of lib/"
npx vitest run --coverage

step "production build"
npx next build

step "database tests (PostgreSQL), run beside the steps above"
pg_status=0
wait "$pg_pass" || pg_status=$?
cat "$pg_log"
if [ "$pg_status" -ne 0 ]; then echo "database tests (PostgreSQL) failed" >&2; exit "$pg_status"; fi

step "end-to-end tests (Chromium, production build, Stripe emulator)"
npx tsx scripts/ensure-browser.ts
npx playwright test

printf '\nall checks passed in %ss\n' "$((SECONDS - started))"
