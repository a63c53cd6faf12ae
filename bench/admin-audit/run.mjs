// npm run bench:admin-audit – the admin audit log's page queries on PostgreSQL at 10,000 and at 1,000,000 entries:
// p50/p95 server time of the first page, a deep page and filtered pages, measured around the same query function
// the page calls (listAuditEntries, each in its own transaction as asService runs it), not over HTTP.
// Run with tsx (see package.json) so it can import the app's TypeScript modules.
import { performance } from 'node:perf_hooks'
import { bin, env, runOrFail } from '../server.mjs'

// The app's settings (AUDIT_HASH_KEY among them) before its modules read them.
Object.assign(process.env, env, { LOG_LEVEL: 'warn' })
const { auditFilterSchema, listAuditEntries } = await import('../../lib/audit/queries.ts')
const { openPostgres } = await import('../../lib/db/postgres.ts')

const SMALL = 10_000
const LARGE = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const CUSTOMERS = 1000
const ACTIONS = 40
const SEED_BATCH = 100_000
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('run through scripts/with-postgres.sh --as-app-database (npm run bench:admin-audit)')

async function seedCustomers(db) {
  await db.query(
    `insert into auth.users (id, email) select ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'bench' || n || '@example.com'
       from generate_series(1, $1::int) as n`,
    [CUSTOMERS],
  )
  await db.query(
    `insert into public.customers (user_id, stripe_customer_id, email)
     select id, 'cus_bench_' || substr(id::text, 25), email from auth.users where email like 'bench%@example.com'`,
  )
}

/**
 * Entries n = from..to, one every 30 s, as the log's owner with triggers off: the seal updates the chain head once
 * per row, so a bulk load through it grows quadratically within a transaction (DESIGN, Scale). The chain columns
 * get hash-sized values so rows are as wide as sealed ones; this is a read benchmark, not a verifiable chain.
 */
async function seedEntries(db, from, to) {
  for (let start = from; start <= to; start += SEED_BATCH) {
    const end = Math.min(to, start + SEED_BATCH - 1)
    await db.transaction(async (tx) => {
      await tx.query(`set local session_replication_role = replica`)
      await tx.query(
        `insert into public.billing_audit_log (occurred_at, actor_type, actor_id, action, subject_type, subject_id, user_id, before, after, context,
                                               chain_position, prev_hash, hash)
         select timestamptz '2025-01-01' + make_interval(secs => n * 30), (array['stripe', 'system', 'admin', 'user'])[1 + n % 4],
                'evt_' || md5(n::text), 'bench.action_' || (n % $3), 'subscription', 'sub_' || (n % 50000),
                ('00000000-0000-4000-8000-' || lpad((1 + n % $4)::text, 12, '0'))::uuid,
                jsonb_build_object('status', 'active', 'price', 'price_starter', 'n', n - 1),
                jsonb_build_object('status', 'past_due', 'price', 'price_starter', 'n', n), '{"source":"bench"}',
                n, md5((n - 1)::text) || md5('p' || (n - 1)), md5(n::text) || md5('p' || n)
           from generate_series($1::int, $2::int) as n`,
        [start, end, ACTIONS, CUSTOMERS],
      )
    })
  }
  await db.query('analyze public.billing_audit_log')
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function measure(db, input) {
  const filter = auditFilterSchema.parse(input)
  let rows = 0
  for (let warm = 0; warm < 20; warm++) await db.transaction((tx) => listAuditEntries(tx, filter))
  const times = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const page = await db.transaction((tx) => listAuditEntries(tx, filter))
    times.push(performance.now() - started)
    rows = page.rows.length
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95), rows }
}

/** A UTC day `days` after the middle of the seeded span (one entry every 30 s from 2025-01-01). */
const dayNearMiddle = (total, days = 0) => new Date(Date.parse('2025-01-01') + total * 15_000 + days * 86_400_000).toISOString().slice(0, 10)

/** The scenarios at a log of `total` entries (ids 1..total in a fresh database). */
const scenarios = (total) => [
  ['first page', {}],
  ['deep page (90% back)', { before: Math.round(total * 0.1) }],
  ['filtered: action', { action: 'bench.action_7' }],
  ['filtered: action, deep', { action: 'bench.action_7', before: Math.round(total * 0.1) }],
  ['filtered: customer', { customer: 'bench17@example.com' }],
  ['filtered: one day', { from: dayNearMiddle(total), to: dayNearMiddle(total) }],
  ['filtered: action, one week', { action: 'bench.action_7', from: dayNearMiddle(total, -3), to: dayNearMiddle(total, 3) }],
  ['newer page (after cursor)', { after: Math.round(total * 0.5) }],
]

async function measureAll(db, total) {
  const results = new Map()
  for (const [name, input] of scenarios(total)) results.set(name, await measure(db, input))
  return results
}

const ms = (value) => value.toFixed(2).padStart(8)

async function main() {
  runOrFail(bin('tsx'), ['--conditions=react-server', 'scripts/migrate.ts'])
  const db = openPostgres(databaseUrl, 2)
  await seedCustomers(db)

  let started = performance.now()
  await seedEntries(db, 1, SMALL)
  console.log(`seeded ${SMALL.toLocaleString('en')} entries in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  const small = await measureAll(db, SMALL)

  started = performance.now()
  await seedEntries(db, SMALL + 1, LARGE)
  console.log(`seeded to ${LARGE.toLocaleString('en')} entries in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  const large = await measureAll(db, LARGE)
  await db.close()

  console.log(`\naudit log page (50 rows), listAuditEntries in its own transaction, ${RUNS} runs each, PostgreSQL, client on the same machine`)
  const big = LARGE >= 1_000_000 ? `${LARGE / 1_000_000}M` : `${LARGE / 1000}k`
  console.log(`scenario                      ${'10k p50'.padStart(8)} ${'10k p95'.padStart(8)} ${`${big} p50`.padStart(8)} ${`${big} p95`.padStart(8)}  ${`${big}/10k p95`.padStart(10)}  rows`)
  for (const [name, at10k] of small) {
    const at1m = large.get(name)
    console.log(`${name.padEnd(29)} ${ms(at10k.p50)} ${ms(at10k.p95)} ${ms(at1m.p50)} ${ms(at1m.p95)}  ${(at1m.p95 / at10k.p95).toFixed(2).padStart(10)}  ${String(at1m.rows).padStart(4)}`)
  }
  console.log('\naim: p95 under 50 ms at a million entries, and a 1M/10k ratio under 2')
}

await main()
