import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordAudit } from '@/lib/audit/record'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { renderMetrics } from './collect'

function sample(body: string, metric: string): number | undefined {
  const line = body.split('\n').find((text) => text.startsWith(`${metric} `))
  return line ? Number(line.split(' ').pop()) : undefined
}

describe(`Prometheus metrics on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.exec(`
      insert into public.webhook_events (id, type, stripe_created_at, payload, status, received_at) values
        ('evt_1', 'invoice.paid', now(), '{}', 'processed', now()),
        ('evt_2', 'invoice.paid', now(), '{}', 'processed', now()),
        ('evt_3', 'invoice.paid', now(), '{}', 'dead', now()),
        ('evt_4', 'customer.updated', now(), '{}', 'failed', now() - interval '90 seconds');
      insert into public.cron_runs (job, started_at, finished_at, status) values
        ('webhook-retry', '2026-11-24T10:00:00Z', '2026-11-24T10:00:05Z', 'succeeded'),
        ('webhook-retry', '2026-11-24T10:05:00Z', '2026-11-24T10:05:02Z', 'failed');`)
    await db.transaction((tx) => recordAudit(tx, { actor: { type: 'system', id: 'test' }, action: 'test', subject: { type: 't', id: '1' } }))
  })
  afterAll(() => db.close())

  it('reports webhook, dead-letter, lag, audit and cron figures read from the database', async () => {
    const { body, contentType } = await renderMetrics()
    expect(contentType).toContain('text/plain')
    expect(body).toContain('stripe_webhook_events_total{type="invoice.paid",status="processed"} 2')
    expect(body).toContain('stripe_webhook_events_total{type="invoice.paid",status="dead"} 1')
    expect(body).toContain('stripe_webhook_events_total{type="customer.updated",status="failed"} 1')
    expect(sample(body, 'webhook_dead_letter_queue_size')).toBe(1)
    expect(sample(body, 'webhook_processing_lag_seconds')).toBeGreaterThanOrEqual(89)
    expect(sample(body, 'billing_audit_log_entries_total')).toBe(1)
    expect(sample(body, 'grace_periods_active_total')).toBe(0)
    expect(body).toContain(`cron_job_last_success_timestamp_seconds{job="webhook-retry"} ${Date.parse('2026-11-24T10:00:05Z') / 1000}`)
  })

  it('passes promtool check metrics, but for the one deprecated name kept for old dashboards', async () => {
    const { body } = await renderMetrics()
    const check = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' })
    expect(check.error, 'promtool is missing: run scripts/provision.sh').toBeUndefined()
    const problems = `${check.stdout}${check.stderr}`.trim().split('\n').filter(Boolean)
    expect(problems).toEqual(['grace_periods_active_total non-counter metrics should not have "_total" suffix'])
  })
})
