import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET as graceRoute } from '@/app/api/cron/grace-periods/route'
import { GET as notificationsRoute } from '@/app/api/cron/notifications/route'
import { GET as webhookRetryRoute } from '@/app/api/cron/webhook-retry/route'
import { setDatabase } from '@/lib/db/client'
import { asService } from '@/lib/db/transactions'
import type { Database } from '@/lib/db/types'
import { env } from '@/lib/env'
import { JOBS, type JobName } from '@/lib/jobs/registry'
import { storeEvent } from '@/lib/webhooks/store'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { startTestEmulator } from '@/test/emulator'
import { eventOf } from '@/test/stripe-objects'
import type { RunningEmulator } from '@/stripe-emulator/src/server'

const ROUTES: Record<JobName, (request: Request) => Promise<Response>> = {
  'webhook-retry': webhookRetryRoute,
  'grace-periods': graceRoute,
  notifications: notificationsRoute,
}

/** The request a scheduler sends: GET on the job's path, with or without a bearer token. */
const call = (path: string, token?: string) =>
  ROUTES[JOBS.find((job) => job.path === path)!.name](new Request(`http://localhost${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }))

describe(`the cron routes, called as a scheduler calls them, on ${testDatabaseKind}`, () => {
  let db: Database
  let emulator: RunningEmulator
  const runsOf = async (job: string) =>
    (await db.query<{ status: string; counts: Record<string, number> }>(`select status, counts from public.cron_runs where job = $1 order by id`, [job])).rows

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    ;({ emulator } = await startTestEmulator())
  })
  afterAll(async () => {
    await emulator.close()
    await db.close()
  })

  it('have a route for every registered job', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(JOBS.map((job) => job.name).sort())
  })

  it.each(JOBS.map((job) => [job.name, job.path]))('%s runs with the cron secret, answers its counts and records the run', async (name, path) => {
    const response = await call(path, env.CRON_SECRET)
    expect(response.status).toBe(200)
    const counts = await response.json()
    expect(await runsOf(name)).toEqual([{ status: 'succeeded', counts }])
  })

  it('the retry job, so called, takes the events that are due', async () => {
    const event = eventOf('balance.available', { id: 'bal_cron_route' }, Math.floor(Date.now() / 1000))
    await asService((tx) => storeEvent(tx, event, new Date(), { status: 'failed', nextAttemptAt: new Date(Date.now() - 1000), lastError: 'handler failed' }))
    const response = await call('/api/cron/webhook-retry', env.CRON_SECRET)
    expect(await response.json()).toMatchObject({ claimed: 1, ignored: 1 })
    const { rows } = await db.query(`select status, attempts from public.webhook_events where id = $1`, [event.id])
    expect(rows).toEqual([{ status: 'ignored', attempts: 2 }])
  })

  it.each(JOBS.map((job) => [job.name, job.path]))('%s refuses a wrong or missing secret with a 401 JSON error and runs nothing', async (name, path) => {
    const before = (await runsOf(name)).length
    for (const token of ['not-the-cron-secret', `${env.CRON_SECRET}x`, undefined]) {
      const response = await call(path, token)
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/bearer token/) } })
    }
    expect(await runsOf(name)).toHaveLength(before)
  })
})
