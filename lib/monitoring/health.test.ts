import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { checkHealth } from './health'

describe(`health check on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
  })
  afterAll(() => db.close())

  const recordRun = (minutesAgo: number) =>
    db.query(`insert into public.cron_runs (job, started_at, finished_at, status) values ('webhook-retry', now() - $1 * interval '1 minute', now() - $1 * interval '1 minute', 'succeeded')`, [minutesAgo])

  it('is healthy with the database reachable and every migration applied', async () => {
    expect(await checkHealth()).toMatchObject({ healthy: true, stripe: 'emulator', database: 'ok', migrations: { current: true, pending: [] } })
  })

  it('counts a job that never ran as late once its allowance has passed since install', async () => {
    const report = await checkHealth()
    expect(report.cron.map((job) => [job.job, job.late])).toEqual([['webhook-retry', false], ['grace-periods', false], ['notifications', false]])
    await db.query(`update public.app_settings set value = to_jsonb(now() - interval '30 minutes') where key = 'installed_at'`)
    expect(await checkHealth()).toMatchObject({ healthy: false, cron: [{ job: 'webhook-retry', late: true }, { job: 'grace-periods', late: false }, { job: 'notifications', late: true }] })
    await db.query(`insert into public.cron_runs (job, started_at, finished_at, status) values ('notifications', now(), now(), 'succeeded')`)
  })

  it('turns unhealthy when the retry job has not succeeded for too long, and healthy again after a run', async () => {
    await recordRun(45)
    expect(await checkHealth()).toMatchObject({ healthy: false, cron: expect.arrayContaining([{ job: 'webhook-retry', lastSuccessAt: expect.any(String), late: true }]) })
    await recordRun(1)
    expect(await checkHealth()).toMatchObject({ healthy: true, cron: expect.arrayContaining([{ job: 'webhook-retry', lastSuccessAt: expect.any(String), late: false }]) })
  })
})
