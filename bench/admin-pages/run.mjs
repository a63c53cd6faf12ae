// npm run bench:admin-pages – the server time (p50, p95) of every admin page on the production build and
// PostgreSQL, at the demo's size and at 100,000 customers with 1,000,000 webhook events (20,000 dead), a year
// of cron runs and 1,000,000 audit entries, with each page's growth beside the aims (p95 < 100 ms, < 2x; the
// audit log p95 <= 40 ms).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { SignJWT } from 'jose'
import pg from 'pg'
import { bin, env as baseEnv, format, percentile, runOrFail, waitForAnswer } from '../server.mjs'
import { growTo, userId } from './data.mjs'

const APP_PORT = 3331
const SESSION_SECRET = 'bench-demo-session-secret-0123456789abcdef'
const ADMIN_ID = '00000000-0000-4000-9000-0000000000a1'
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60)
const SIZES = [
  { name: 'demo', customers: 10, events: 200, deadEvery: 50, cronDays: 1, auditEntries: 200 },
  { name: '100k', customers: 100_000, events: 1_000_000, deadEvery: 50, cronDays: 365, auditEntries: 1_000_000 },
]
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('run through scripts/with-postgres.sh --as-app-database (npm run bench:admin-pages)')
const env = { ...baseEnv, STRIPE_EMULATOR_URL: 'http://127.0.0.1:9', DEMO_SESSION_SECRET: SESSION_SECRET, LOG_LEVEL: 'warn', JOB_SCHEDULER: 'external' }

/** Each page, with what its HTML must show so a wrong answer is not timed as a fast one. */
const PAGES = [
  ['/admin', 'Subscriptions by plan'],
  ['/admin/customers', 'customer'],
  ['/admin/customers?q=customer7@bench.example', 'customer7@bench.example'],
  ['/admin/customers/:last', 'BENCH-'],
  ['/admin/dlq', 'Dead events'],
  ['/admin/dlq?type=invoice.paid', 'Dead events'],
  ['/admin/webhooks', 'evt_bench_'],
  ['/admin/webhooks?status=dead', 'evt_bench_'],
  ['/admin/webhooks?type=invoice.created', 'evt_bench_'],
  ['/admin/notifications', 'grace_started'],
  ['/admin/grace', 'Grace'],
  ['/admin/audit', 'subscription.updated'],
  ['/admin/audit?customer=customer7@bench.example', 'subscription.updated'],
  ['/admin/audit?action=subscription.updated&before=:middle', 'subscription.updated'],
]

async function adminCookie(client) {
  await client.query(`insert into auth.users (id, email, raw_app_meta_data) values ($1, 'admin@bench.example', '{"role":"admin"}') on conflict do nothing`, [ADMIN_ID])
  const { rows } = await client.query(`insert into public.demo_sessions (user_id, created_at, expires_at) values ($1, now(), now() + interval '8 hours') returning id`, [ADMIN_ID])
  const token = await new SignJWT({ email: 'admin@bench.example', role: 'authenticated', app_metadata: { role: 'admin' }, session_id: rows[0].id, is_demo: true })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(ADMIN_ID)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime('8h')
    .sign(new TextEncoder().encode(SESSION_SECRET))
  return `billing_demo_session=${token}`
}



/** Sequential requests, each timed to the last byte of the streamed page. */
async function timePage(url, cookie, mustShow) {
  const times = []
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const started = performance.now()
    const response = await fetch(url, { headers: { cookie }, redirect: 'manual' })
    const html = await response.text()
    if (i >= WARMUP) times.push(performance.now() - started)
    if (response.status !== 200 || !html.includes(mustShow)) throw new Error(`${url} answered ${response.status} without "${mustShow}"`)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95) }
}

async function timeAllPages(cookie, size) {
  const results = new Map()
  for (const [page, mustShow] of PAGES) {
    const path = page.replace(':last', userId(size.customers)).replace(':middle', String(Math.round(size.auditEntries / 2)))
    results.set(page, await timePage(`http://127.0.0.1:${APP_PORT}${path}`, cookie, mustShow))
  }
  return results
}

async function main() {
  if (!existsSync('.next/BUILD_ID')) runOrFail(bin('next'), ['build'])
  runOrFail(bin('tsx'), ['--conditions=react-server', 'scripts/migrate.ts'])
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const app = spawn(bin('next'), ['start', '-p', String(APP_PORT)], { env, stdio: 'ignore' })
  try {
    const cookie = await adminCookie(client)
    await waitForAnswer(`http://127.0.0.1:${APP_PORT}/api/health`)
    const measured = []
    let previous = null
    for (const size of SIZES) {
      const started = performance.now()
      await growTo(client, previous, size)
      console.log(`data at ${size.name}: ${size.customers} customers, ${size.events} webhook events (${size.events / size.deadEvery} dead), ${size.cronDays} days of cron runs, ${size.auditEntries} audit entries, in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      measured.push(await timeAllPages(cookie, size))
      previous = size
    }
    console.log(`\nadmin pages, server time in ms (PostgreSQL, production build, ${REQUESTS} sequential requests each after ${WARMUP} warm-up); aim: p95 < 100 ms and < 2x the demo's`)
    console.log(`${'page'.padEnd(40)}${'demo p50'.padStart(9)}${'demo p95'.padStart(9)}${'100k p50'.padStart(9)}${'100k p95'.padStart(9)}   growth  aim`)
    for (const [page] of PAGES) {
      const [small, large] = measured.map((results) => results.get(page))
      const growth = large.p95 / small.p95
      const limit = page.startsWith('/admin/audit') ? 40 : 100
      const met = large.p95 < limit && growth < 2 ? 'met' : 'MISSED'
      console.log(`${page.padEnd(40)}${format(small.p50)} ${format(small.p95)} ${format(large.p50)} ${format(large.p95)}   ${growth.toFixed(2)}x  ${met}`)
    }
  } finally {
    app.kill('SIGTERM')
    await client.end().catch(() => {})
    await sleep(300)
  }
}

await main()
