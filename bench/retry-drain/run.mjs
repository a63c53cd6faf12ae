// npm run bench:retry-drain – how fast the webhook-retry job drains a backlog: 10,000 due events among 200,000
// stored, on the production build and PostgreSQL, beside how fast the same route ingests such events (the
// drain must keep up with ingest, or an outage's backlog never clears).
import { spawn } from 'node:child_process'
import pg from 'pg'
import { closedLoop, signedDelivery, subscriptionEvent } from '../webhook-ingest/load.mjs'
import { allApplied, bin, ensureBuilds, env as baseEnv, format, runOrFail, SECRET, withServer } from '../server.mjs'

// The backlog and the ingested events belong to this many customers, each with subscriptions of its own.
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1000)
const customerOf = (index) => `cus_bench_${index % CUSTOMERS}`
const STORED = Number(process.env.BENCH_STORED ?? 200_000)
const DUE = Number(process.env.BENCH_DUE ?? 10_000)
const INGEST_EVENTS = 3000
const PORT = 3311
const CRON_SECRET = 'bench-cron-secret-0123456789'
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('run through scripts/with-postgres.sh --as-app-database (npm run bench:retry-drain)')
// Reconciliation asks Stripe for missed events; here nothing answers, so it gives up at once and the run measures retries.
const env = { ...baseEnv, CRON_SECRET, JOB_SCHEDULER: 'external', STRIPE_EMULATOR_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'warn' }

async function prepare(client, runId) {
  runOrFail(bin('tsx'), ['--conditions=react-server', 'scripts/migrate.ts'])
  const userId = `md5('bench-customer-' || n)::uuid`
  await client.query(`insert into auth.users (id, email) select ${userId}, 'bench-' || n || '@example.com' from generate_series(0, $1::int - 1) n on conflict do nothing`, [CUSTOMERS])
  await client.query(`insert into public.customers (user_id, stripe_customer_id) select ${userId}, 'cus_bench_' || n from generate_series(0, $1::int - 1) n on conflict do nothing`, [CUSTOMERS])
  // The history: events applied long ago.
  await client.query(
    `insert into public.webhook_events (id, type, stripe_created_at, payload, status, attempts, received_at, processed_at)
     select 'evt_history_' || n, 'invoice.paid', now() - interval '30 days', '{"id":"evt_history"}', 'processed', 1, now() - interval '30 days', now() - interval '30 days'
       from generate_series(1, $1::int) n`,
    [STORED - DUE],
  )
  // The backlog: events whose first attempt failed, each due now, as after an outage of a dependency.
  const due = Array.from({ length: DUE }, (_, index) => subscriptionEvent(index, customerOf(index), `due_${runId}`))
  for (let start = 0; start < due.length; start += 1000) {
    const batch = due.slice(start, start + 1000)
    await client.query(
      `insert into public.webhook_events (id, type, stripe_created_at, payload, status, attempts, next_attempt_at, last_error, received_at)
       select event->>'id', event->>'type', to_timestamp((event->>'created')::bigint), event, 'failed', 1, now() - interval '1 second', 'bench: failed once', now() - interval '1 minute'
         from jsonb_array_elements($1::jsonb) as event`,
      [JSON.stringify(batch)],
    )
  }
  // The history's counters were folded long ago, by the retry job's runs every five minutes.
  await client.query('select public.fold_metric_counters()')
  await client.query('vacuum analyze public.webhook_events')
}

/** Calls the retry job's route until nothing is due; the job's own counts say what each run did. */
async function drain(client) {
  const started = performance.now()
  let processed = 0
  let runs = 0
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${PORT}/api/cron/webhook-retry`, { headers: { authorization: `Bearer ${CRON_SECRET}` } })
    if (!response.ok) throw new Error(`the retry job answered ${response.status}: ${await response.text()}`)
    const counts = await response.json()
    runs += 1
    processed += counts.processed ?? 0
    const { rows } = await client.query(`select count(*)::int as due from public.webhook_events where status in ('received', 'failed') and next_attempt_at <= now()`)
    if (rows[0].due === 0) break
    if (runs > 50) throw new Error(`still ${rows[0].due} due after ${runs} runs`)
  }
  const seconds = (performance.now() - started) / 1000
  return { processed, runs, seconds, eventsPerSecond: processed / seconds }
}

async function main() {
  ensureBuilds()
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const runId = Date.now().toString(36)
  await prepare(client, runId)
  const url = `http://127.0.0.1:${PORT}/api/webhooks/stripe`
  const result = await withServer(() => spawn(bin('next'), ['start', '-p', String(PORT)], { env, stdio: 'ignore' }), url, async () => {
    const make = (from, count) => Array.from({ length: count }, (_, index) => signedDelivery(subscriptionEvent(from + index, customerOf(from + index), `ingest_${runId}`), SECRET))
    await closedLoop(url, make(0, 300), 32) // warm-up
    const ingest = await closedLoop(url, make(1000, INGEST_EVENTS), 32)
    // The server applies what it answered for on its own; the job starts once it has, so it drains alone.
    await allApplied(client, 0, `evt_bench_ingest_${runId}_`)
    return { ingest, drain: await drain(client) }
  })
  const failed = (await client.query(`select count(*)::int as n from public.webhook_events where id like $1 and status <> 'processed'`, [`evt_bench_due_${runId}_%`])).rows[0].n
  await client.end()

  console.log(`\nretry drain: ${DUE} due events of ${CUSTOMERS} customers among ${STORED} stored (PostgreSQL, production build, the job called over HTTP until none is due)`)
  console.log(`ingest through the route (${INGEST_EVENTS} events, concurrency 32): ${format(result.ingest.eventsPerSecond, 0)} events/s`)
  console.log(`drain by the retry job (${result.drain.runs} runs, ${result.drain.seconds.toFixed(1)} s):     ${format(result.drain.eventsPerSecond, 0)} events/s, ${result.drain.processed} processed, ${failed} not processed`)
  console.log(`drain / ingest: ${(result.drain.eventsPerSecond / result.ingest.eventsPerSecond).toFixed(2)} (aim >= 1)`)
}

await main()
