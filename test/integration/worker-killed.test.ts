import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { LEASE_MS } from '@/lib/webhooks/claim'
import { runWebhookRetryJob } from '@/lib/webhooks/retry-job'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, insertUsers } from '@/test/fixtures'
import { BASE_TIME, storeSubscriptionUpdates } from '@/test/webhook-events'

/** Starts the blocking worker and resolves once it is inside the handler, holding its claim. */
function startBlockingWorker(databaseUrl: string, claimAt: number) {
  // node itself, not the tsx wrapper: the kill must hit the process that holds the connection.
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/integration/blocking-worker.ts', String(claimAt)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const inHandler = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('in handler') && resolve())
    child.on('exit', (code) => reject(new Error(`worker exited early with ${code}`)))
  })
  return { child, inHandler }
}

/** The server ends the killed worker's open transaction (releasing its row lock) when it sees the socket close. */
async function untilServerDroppedDeadSession(db: Database) {
  for (let tries = 0; tries < 100; tries++) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
    )
    if (rows[0]!.n === 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the killed worker still holds a transaction open')
}

// A separate process needs a database server to share; on PGlite the same case is covered in-process
// (lib/webhooks/retry-job.test.ts, an abandoned claim).
describe.runIf(testDatabaseKind === 'postgres')('a worker process killed mid-processing', () => {
  let db: Database & { url?: string }
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  afterAll(() => db.close())

  it('has its event reclaimed and processed once the lease has run out', async () => {
    await storeSubscriptionUpdates(ALICE.customer, 1, 1)
    const claimedAt = BASE_TIME + 1000
    const worker = startBlockingWorker(db.url!, claimedAt)
    await worker.inHandler
    worker.child.kill('SIGKILL')
    await new Promise((resolve) => worker.child.once('exit', resolve))
    await untilServerDroppedDeadSession(db)

    const status = await db.query(`select status, attempts from public.webhook_events`)
    expect(status.rows).toEqual([{ status: 'processing', attempts: 1 }])
    expect(await runWebhookRetryJob({ reconcile: false, now: () => new Date(claimedAt + LEASE_MS - 5000) })).toMatchObject({ claimed: 0 })
    expect(await runWebhookRetryJob({ reconcile: false, now: () => new Date(claimedAt + LEASE_MS + 1000) })).toMatchObject({ claimed: 1, processed: 1 })
    const after = await db.query(`select e.status, e.attempts, s.price_id from public.webhook_events e, public.subscriptions s`)
    expect(after.rows).toEqual([{ status: 'processed', attempts: 2, price_id: 'price_step_0' }])
  })
})
