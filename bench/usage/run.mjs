// npm run bench:usage – usage recording through POST /api/usage on the production build and PostgreSQL: single
// events (each a quota check and record) at full speed and at a steady BENCH_RATE (200/s), and batches of 1,000,
// beside the webhook benchmark's Next.js floor under the same two loads. The floor and the app take turns for
// BENCH_ROUNDS rounds (3) and each figure is the median of its rounds, as the machine's speed drifts over minutes.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import pg from 'pg'
import { closedLoop, medianSummary, openLoop, signedDelivery, subscriptionEvent } from '../webhook-ingest/load.mjs'
import { bin, ensureBuilds, env, format, median, runOrFail, SECRET, withServer } from '../server.mjs'

const API_KEY = 'bck_benchmark_key_0123456789abcdefghij'
const USER_ID = '00000000-0000-4000-8000-0000000be9c2'
const CUSTOMER = 'cus_bench_usage'
const SINGLE_EVENTS = Number(process.env.BENCH_EVENTS ?? 3000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const BATCHES = Number(process.env.BENCH_BATCHES ?? 30)
const RATE = Number(process.env.BENCH_RATE ?? 200)
const RATE_SECONDS = 10
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
// Requests each fresh server gets before it is measured: the app's route needs about 3,000 before its
// throughput levels off (the JIT), and the floor gets the same.
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 3000)
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('run through scripts/with-postgres.sh --as-app-database (npm run bench:usage)')

/** A customer on a paid plan whose quotas the benchmark never reaches, and a server API key. */
async function prepareDatabase() {
  runOrFail(bin('tsx'), ['--conditions=react-server', 'scripts/migrate.ts'])
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const now = new Date()
  await client.query(`insert into auth.users (id, email) values ($1, 'usage@bench.example') on conflict do nothing`, [USER_ID])
  await client.query(`insert into public.customers (user_id, stripe_customer_id) values ($1, $2) on conflict do nothing`, [USER_ID, CUSTOMER])
  await client.query(`insert into public.products (id, name, metadata) values ('prod_bench_usage', 'Scale', '{"self_serve":"true","quota_api_calls":"1000000000000"}') on conflict do nothing`)
  await client.query(`insert into public.prices (id, product_id, currency, unit_amount, recurring_interval) values ('price_bench_usage', 'prod_bench_usage', 'usd', 9900, 'month') on conflict do nothing`)
  await client.query(
    `insert into public.subscriptions (id, user_id, stripe_customer_id, status, price_id, item_id, current_period_start, current_period_end, created_at)
     values ('sub_bench_usage', $1, $2, 'active', 'price_bench_usage', 'si_bench_usage', $3, $4, $3) on conflict do nothing`,
    [USER_ID, CUSTOMER, new Date(now.getTime() - 86_400_000), new Date(now.getTime() + 29 * 86_400_000)],
  )
  await client.query(`insert into public.api_keys (name, key_hash, key_prefix) values ('bench', $1, 'bck_bench') on conflict do nothing`, [createHash('sha256').update(API_KEY).digest('hex')])
  return client
}

const usageRequest = (body) => ({ body: JSON.stringify(body), headers: { authorization: `Bearer ${API_KEY}` } })
const single = (runId, index) => usageRequest({ customer: CUSTOMER, metric: 'api_calls', quantity: 1, idempotency_key: `${runId}-${index}` })
const batch = (runId, index) =>
  usageRequest({ customer: CUSTOMER, events: Array.from({ length: 1000 }, (_, position) => ({ metric: 'api_calls', quantity: 1, idempotency_key: `${runId}-b${index}-${position}` })) })


function measureFloor(runId) {
  const floorUrl = 'http://127.0.0.1:3311/api/webhook'
  return withServer(() => spawn(bin('next'), ['start', 'bench/webhook-ingest/next-floor', '-p', '3311'], { env, stdio: 'ignore' }), floorUrl, async () => {
    const make = (from, count) => Array.from({ length: count }, (_, index) => signedDelivery(subscriptionEvent(from + index, CUSTOMER, `${runId}_floor`), SECRET))
    await closedLoop(floorUrl, make(100_000, WARM_UP), CONCURRENCY)
    const throughput = await closedLoop(floorUrl, make(1000, SINGLE_EVENTS), CONCURRENCY)
    const steady = await openLoop(floorUrl, make(1000 + SINGLE_EVENTS, RATE * RATE_SECONDS), RATE)
    return { throughput, steady }
  })
}

function measureApp(runId) {
  const appUrl = 'http://127.0.0.1:3312/api/usage'
  return withServer(() => spawn(bin('next'), ['start', '-p', '3312'], { env, stdio: 'ignore' }), appUrl, async () => {
    await closedLoop(appUrl, Array.from({ length: WARM_UP }, (_, index) => single(`${runId}w`, index)), CONCURRENCY)
    const throughput = await closedLoop(appUrl, Array.from({ length: SINGLE_EVENTS }, (_, index) => single(`${runId}t`, index)), CONCURRENCY)
    const steady = await openLoop(appUrl, Array.from({ length: RATE * RATE_SECONDS }, (_, index) => single(`${runId}s`, index)), RATE)
    const batches = await closedLoop(appUrl, Array.from({ length: BATCHES }, (_, index) => batch(runId, index)), 4)
    return { throughput, steady, batches }
  })
}

/** A target's rounds as one: each load's median figures. */
const medianOf = (rounds) => Object.fromEntries(Object.keys(rounds[0]).map((load) => [load, medianSummary(rounds.map((round) => round[load]))]))

async function main() {
  ensureBuilds()
  const client = await prepareDatabase()
  const runId = Date.now().toString(36)
  const floors = []
  const apps = []
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await measureFloor(`${runId}r${round}`))
    apps.push(await measureApp(`${runId}r${round}`))
  }
  const floor = medianOf(floors)
  const app = medianOf(apps)
  const recorded = (await client.query(`select count(*)::int as n from public.usage_records where user_id = $1`, [USER_ID])).rows[0].n
  await client.end()

  console.log(`\nusage recording: ${SINGLE_EVENTS} single events at concurrency ${CONCURRENCY}, ${RATE}/s for ${RATE_SECONDS} s, ${BATCHES} batches of 1,000 at concurrency 4, in ${ROUNDS} rounds of both targets; medians (PostgreSQL, load generator on the same machine)`)
  console.log('target                      requests/s   p50 ms   p99 ms | non-200')
  console.log(`${'Next.js floor (webhook)'.padEnd(26)} ${format(floor.throughput.eventsPerSecond, 0)}   ${format(floor.throughput.p50)} ${format(floor.throughput.p99)} | ${floor.throughput.failures}`)
  console.log(`${`floor at ${RATE}/s`.padEnd(26)} ${format(floor.steady.eventsPerSecond, 0)}   ${format(floor.steady.p50)} ${format(floor.steady.p99)} | ${floor.steady.failures}`)
  console.log(`${'single usage events'.padEnd(26)} ${format(app.throughput.eventsPerSecond, 0)}   ${format(app.throughput.p50)} ${format(app.throughput.p99)} | ${app.throughput.failures}`)
  console.log(`${`single at ${RATE}/s`.padEnd(26)} ${format(app.steady.eventsPerSecond, 0)}   ${format(app.steady.p50)} ${format(app.steady.p99)} | ${app.steady.failures}`)
  console.log(`${'batches of 1,000'.padEnd(26)} ${format(app.batches.eventsPerSecond, 1)}   ${format(app.batches.p50)} ${format(app.batches.p99)} | ${app.batches.failures}`)
  const ratios = apps.map((round, index) => round.throughput.eventsPerSecond / floors[index].throughput.eventsPerSecond)
  console.log(`\nsingle events / Next.js floor, each round: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)} (aim >= 0.7)`)
  const p99s = (rounds) => rounds.map((round) => round.steady.p99.toFixed(1)).join(', ')
  console.log(`single-event p99 at ${RATE}/s, each round: ${p99s(apps)} ms; median ${app.steady.p99.toFixed(1)} ms (aim < 25 ms; the floor's own, each round: ${p99s(floors)} ms)`)
  console.log(`batched events/s: ${Math.round(app.batches.eventsPerSecond * 1000)} (aim >= 10,000)`)
  console.log(`usage records stored: ${recorded}`)
}

await main()
