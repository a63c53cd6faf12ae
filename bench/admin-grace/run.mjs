// npm run bench:admin-grace – p50/p95 of each grace analytics query (lib/grace/analytics.ts, the code the admin
// page runs) on PostgreSQL with 1,000 and then 100,000 grace periods spread over the last year.
// Runs under tsx with the react-server condition, so it imports the app's own query module.
import pg from 'pg'
import { getGraceRecoverySummary, listGraceOutcomesByWeek, listOpenGracePeriodsPerDay, listRevenueAtRisk } from '../../lib/grace/analytics.ts'
import { parseGraceRange } from '../../lib/grace/analytics-range.ts'
import { bin, runOrFail } from '../server.mjs'

const SIZES = [1_000, Number(process.env.BENCH_GRACE_PERIODS ?? 100_000)]
const RUNS = Number(process.env.BENCH_RUNS ?? 60)
const WARMUP = 5
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('run through scripts/with-postgres.sh --as-app-database (npm run bench:admin-grace)')

/**
 * Adds grace periods up to `total`: opened over the last 365 days; 60 % recovered within 0–7 days, 27 %
 * expired after 7, 11 % canceled, and 2 % (opened in the last week, as a 7-day grace allows) still open with an
 * unpaid invoice. Then vacuums, as autovacuum would have on a table of that age.
 */
async function seedUpTo(client, from, total) {
  await client.query(
    `with rows as (
       select i, now() - (random() * interval '365 days') as started, random() as fate from generate_series($1::int, $2::int) as i)
     insert into public.grace_periods (subscription_id, invoice_id, status, started_at, ends_at, resolved_at, expired_at, closed_at, closed_reason, amount_due, currency)
     select 'sub_bench_' || i, 'in_bench_' || i,
            case when fate < 0.60 then 'resolved' when fate < 0.87 then 'expired' when fate < 0.98 then 'canceled' else 'open' end,
            case when fate >= 0.98 then now() - random() * interval '6 days' else started end,
            (case when fate >= 0.98 then now() - random() * interval '6 days' else started end) + interval '7 days',
            case when fate < 0.60 then started + random() * interval '7 days' end,
            case when fate >= 0.60 and fate < 0.87 then started + interval '7 days' end,
            case when fate < 0.60 then started + random() * interval '7 days' when fate < 0.87 then started + interval '7 days'
                 when fate < 0.98 then started + random() * interval '7 days' end,
            case when fate < 0.60 then 'invoice_paid' when fate < 0.87 then 'deadline_passed' when fate < 0.98 then 'subscription_canceled' end,
            1000 + (i % 50) * 100, 'usd'
       from rows`,
    [from, total],
  )
  // Resolved rows: closing is the payment, so closed_at must equal resolved_at.
  await client.query(`update public.grace_periods set closed_at = resolved_at where status = 'resolved' and closed_at is distinct from resolved_at`)
  await client.query(
    `insert into public.invoices (id, stripe_customer_id, status, currency, amount_due, amount_remaining, stripe_created_at)
     select invoice_id, 'cus_bench', 'open', 'usd', amount_due, amount_due, started_at from public.grace_periods
      where status = 'open' and invoice_id like 'in_bench_%' on conflict (id) do nothing`,
  )
  // The grace job folds the per-day counts the transitions append, each run; a table of that age has been folded.
  await client.query('select public.fold_grace_period_days()')
  await client.query('vacuum analyze public.grace_periods')
  await client.query('vacuum analyze public.grace_period_days')
  await client.query('vacuum analyze public.invoices')
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

async function measure(run) {
  for (let index = 0; index < WARMUP; index++) await run()
  const times = []
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95) }
}

async function main() {
  runOrFail(bin('tsx'), ['--conditions=react-server', 'scripts/migrate.ts'])
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  // As the page's transaction does (getGraceAnalytics): JIT compilation costs more than these queries.
  await client.query('set jit = off')
  const range = parseGraceRange({}, new Date())
  const year = parseGraceRange({ from: new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10) }, new Date())
  const queries = {
    'open per day (90 days)': () => listOpenGracePeriodsPerDay(client, range),
    'open per day (365 days)': () => listOpenGracePeriodsPerDay(client, year),
    'outcomes by week (90 days)': () => listGraceOutcomesByWeek(client, range),
    'recovery summary (90 days)': () => getGraceRecoverySummary(client, range),
    'revenue at risk now': () => listRevenueAtRisk(client),
  }
  const results = {}
  let seeded = 0
  for (const size of SIZES) {
    await seedUpTo(client, seeded + 1, size)
    seeded = size
    for (const [name, run] of Object.entries(queries)) (results[name] ??= {})[size] = await measure(run)
  }
  await client.end()
  const [small, large] = SIZES
  const ms = (value) => `${value.toFixed(2)} ms`.padStart(10)
  console.log(`\ngrace analytics on PostgreSQL, ${RUNS} runs each (p50 / p95)`)
  console.log(`${'query'.padEnd(30)}${`${small.toLocaleString('en')} rows`.padStart(24)}${`${large.toLocaleString('en')} rows`.padStart(24)}   ratio p95`)
  for (const [name, bySize] of Object.entries(results)) {
    const a = bySize[small]
    const b = bySize[large]
    console.log(`${name.padEnd(30)}${ms(a.p50)} /${ms(a.p95)}${ms(b.p50)} /${ms(b.p95)}   ${(b.p95 / a.p95).toFixed(1)}x`)
  }
  const worst = Math.max(...Object.values(results).map((bySize) => bySize[large].p95))
  console.log(`\nworst p95 at ${large.toLocaleString('en')}: ${worst.toFixed(2)} ms (aim: under 50 ms)`)
}

await main()
