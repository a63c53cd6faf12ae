// npm run bench:webhook-ingest – signed webhook deliveries against the production build on PostgreSQL, and
// against two floors that only verify and insert: bare node:http + pg, and a minimal Next.js route handler.
import { spawn } from 'node:child_process'
import pg from 'pg'
import { closedLoop, medianSummary, openLoop, signedDelivery, subscriptionEvent } from './load.mjs'
import { allApplied, bin, ensureBuilds, env, format, median, runOrFail, SECRET, withServer } from '../server.mjs'

const CUSTOMER = 'cus_bench'
const THROUGHPUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 3000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const RATE = 200
const RATE_SECONDS = 10
// The targets take turns, round after round, and each figure is the median of its rounds: the machine's speed
// drifts over minutes, and a floor measured at another moment than the app would skew their ratio.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('run through scripts/with-postgres.sh --as-app-database (npm run bench:webhook-ingest)')

async function prepareDatabase() {
  runOrFail(bin('tsx'), ['--conditions=react-server', 'scripts/migrate.ts'])
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  await client.query(`insert into auth.users (id, email) values ('00000000-0000-4000-8000-0000000be9c1', 'bench@example.com') on conflict do nothing`)
  await client.query(`insert into public.customers (user_id, stripe_customer_id) values ('00000000-0000-4000-8000-0000000be9c1', $1) on conflict do nothing`, [CUSTOMER])
  return client
}

const TARGETS = [
  { name: 'bare node:http + pg', port: 3301, path: '/', start: (port) => spawn('node', ['bench/webhook-ingest/bare-server.mjs'], { env: { ...env, PORT: String(port) }, stdio: 'ignore' }) },
  { name: 'minimal Next.js route', port: 3302, path: '/api/webhook', start: (port) => spawn(bin('next'), ['start', 'bench/webhook-ingest/next-floor', '-p', String(port)], { env, stdio: 'ignore' }) },
  { name: 'app: store and process', port: 3303, applies: true, path: '/api/webhooks/stripe', start: (port) => spawn(bin('next'), ['start', '-p', String(port)], { env, stdio: 'ignore' }) },
  // The same route with an event type the app ignores: what storing costs without a handler and audit entry.
  { name: 'app: store only', port: 3304, path: '/api/webhooks/stripe', eventType: 'bench.unhandled', start: (port) => spawn(bin('next'), ['start', '-p', String(port)], { env, stdio: 'ignore' }) },
]

async function measure(target, client, runId) {
  const url = `http://127.0.0.1:${target.port}${target.path}`
  return withServer(() => target.start(target.port), url, async () => {
    const prefix = `evt_bench_${runId}_${target.port}_`
    const make = (from, count) => Array.from({ length: count }, (_, index) => signedDelivery(subscriptionEvent(from + index, CUSTOMER, `${runId}_${target.port}`, target.eventType), SECRET))
    await closedLoop(url, make(0, 300), CONCURRENCY) // warm-up: JIT, connection pools, route compilation
    if (target.applies) await allApplied(client, 0, prefix)
    await client.query('truncate public.webhook_events, public.subscriptions cascade')
    const started = performance.now()
    const throughput = await closedLoop(url, make(1000, THROUGHPUT_EVENTS), CONCURRENCY)
    // The app answers once an event is stored and applies it after: each phase ends when the last is applied.
    const appliedPerSecond = target.applies ? THROUGHPUT_EVENTS / ((await allApplied(client, started, prefix)) / 1000) : null
    const steady = await openLoop(url, make(100_000, RATE * RATE_SECONDS), RATE)
    if (target.applies) steady.lagMs = await allApplied(client, performance.now(), prefix) // after the last answer
    const stored = (await client.query(`select count(*)::int as n from public.webhook_events where id like $1`, [`${prefix}%`])).rows[0].n
    return { throughput, steady, stored, appliedPerSecond }
  })
}

/** A target's rounds as one row: the median of each figure, and every event stored. */
function medianOf(rounds) {
  const of = (pick) => median(rounds.map(pick))
  return {
    throughput: medianSummary(rounds.map((r) => r.throughput)),
    steady: { ...medianSummary(rounds.map((r) => r.steady)), lagMs: rounds[0].steady.lagMs === undefined ? undefined : of((r) => r.steady.lagMs) },
    stored: rounds.reduce((sum, r) => sum + r.stored, 0),
    appliedPerSecond: rounds[0].appliedPerSecond === null ? null : of((r) => r.appliedPerSecond),
  }
}

async function main() {
  ensureBuilds()
  const client = await prepareDatabase()
  const runId = Date.now().toString(36)
  const rounds = Object.fromEntries(TARGETS.map((target) => [target.name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of TARGETS) rounds[target.name].push(await measure(target, client, `${runId}r${round}`))
  }
  await client.end()
  const results = Object.fromEntries(Object.entries(rounds).map(([name, each]) => [name, medianOf(each)]))

  console.log(`\nwebhook ingest: ${THROUGHPUT_EVENTS} events at concurrency ${CONCURRENCY}, then ${RATE}/s for ${RATE_SECONDS} s, in ${ROUNDS} rounds of every target; medians (PostgreSQL, load generator on the same machine)`)
  console.log('target                      events/s   p50 ms   p99 ms | at 200/s: p50 ms   p99 ms | non-200  stored')
  for (const [name, { throughput, steady, stored }] of Object.entries(results)) {
    console.log(`${name.padEnd(26)} ${format(throughput.eventsPerSecond, 0)} ${format(throughput.p50)} ${format(throughput.p99)} |         ${format(steady.p50)} ${format(steady.p99)} | ${String(throughput.failures + steady.failures).padStart(7)} ${String(stored).padStart(7)}`)
  }
  const app = results['app: store and process']
  console.log(`\napp: ${THROUGHPUT_EVENTS} events answered at ${app.throughput.eventsPerSecond.toFixed(0)}/s, all applied at ${app.appliedPerSecond.toFixed(0)}/s; at ${RATE}/s the last was applied ${app.steady.lagMs.toFixed(0)} ms after its answer`)
  const ratios = rounds['app: store and process'].map((round, index) => round.throughput.eventsPerSecond / rounds['minimal Next.js route'][index].throughput.eventsPerSecond)
  console.log(`\napp / Next.js floor, each round: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)} (aim >= 0.8)`)
  console.log(`Next.js floor / bare floor: ${(results['minimal Next.js route'].throughput.eventsPerSecond / results['bare node:http + pg'].throughput.eventsPerSecond).toFixed(2)}`)
  console.log(`app p99 at ${RATE}/s, each round: ${rounds['app: store and process'].map((round) => round.steady.p99.toFixed(1)).join(', ')} ms; median ${app.steady.p99.toFixed(1)} ms (aim < 50 ms)`)
}

await main()
