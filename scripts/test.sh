#!/usr/bin/env bash
# npm test – every check the project has: lint, types, unit and database tests on PGlite and PostgreSQL,
# the Stripe emulator's own tests, a production build, and the browser tests against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
started=$SECONDS
step() { printf '\n== %s (at %ss)\n' "$1" "$((SECONDS - started))"; }

# The two database passes run in the background, each beside steps that leave a core idle, with their output
# shown when they end: the PostgreSQL pass (which waits on its server more than it computes, four files at a
# time) beside the checks and the build, and the PGlite pass beside the browser tests, on at least two workers
# so that it takes the whole machine once they end (Vitest's default is one fewer than the cores: one on two).
set -m
logs=$(mktemp -d)
finish() {
  local status=0
  wait "$1" || status=$?
  cat "$2"
  if [ "$status" -ne 0 ]; then echo "$3 failed" >&2; exit "$status"; fi
}
trap 'kill -- $(jobs -p | sed "s/^/-/") 2>/dev/null || true; rm -rf "$logs"' EXIT

step "provisioning: every tool the passes need, before any starts"
scripts/provision.sh

skipped=()
browser_args=()
if scripts/find-postgres.sh >/dev/null; then
  scripts/with-postgres.sh npx vitest run --exclude 'stripe-emulator/**' --maxWorkers=4 >"$logs/postgres.log" 2>&1 &
  pg_pass=$!
else
  # The browser test of a broken deployment stops a PostgreSQL server of its own.
  browser_args=(--grep-invert "when a part is broken")
  skipped+=("database tests (PostgreSQL): no PostgreSQL server installed (nor the browser test of a deployment whose database stops)")
fi

step "lint"
npx eslint .

# `next build` checks the types of every file the root tsconfig includes (tests, scripts and e2e too).
step "typecheck of the Stripe emulator"
npx tsc --noEmit -p stripe-emulator

step "monitoring: alert rules and their unit tests, alert routing"
promtool check rules monitoring/alerts.yml
promtool test rules monitoring/alerts.test.yml
amtool check-config monitoring/alertmanager.yml

step "production build, with the typecheck of the app, its tests and scripts"
npx next build

if [ -n "${pg_pass:-}" ]; then
  step "database tests (PostgreSQL), run beside the steps above"
  finish "$pg_pass" "$logs/postgres.log" "database tests (PostgreSQL)"
fi

step "unit, database and emulator tests (PGlite) with coverage of lib/, beside the end-to-end tests"
pglite_workers=$(node -p 'Math.max(2, require("node:os").availableParallelism() - 1)')
npx vitest run --coverage --maxWorkers="$pglite_workers" >"$logs/pglite.log" 2>&1 &
pglite_pass=$!

step "end-to-end tests (Chromium, production build, Stripe emulator)"
npx playwright test "${browser_args[@]}"

step "unit, database and emulator tests (PGlite), run beside the end-to-end tests"
finish "$pglite_pass" "$logs/pglite.log" "unit, database and emulator tests (PGlite)"

if [ ${#skipped[@]} -gt 0 ]; then
  printf '\nchecks passed in %ss, but %s skipped:\n' "$((SECONDS - started))" "${#skipped[@]}"
  printf '  - %s\n' "${skipped[@]}"
else
  printf '\nall checks passed in %ss\n' "$((SECONDS - started))"
fi
