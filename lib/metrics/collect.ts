import 'server-only'
import { Gauge, Registry } from 'prom-client'
import { getAuditCheckpoint, type RecordedAuditCheckpoint } from '@/lib/audit/checkpoint'
import { now } from '@/lib/clock'
import { listCronJobStatus, type CronJobStatus } from '@/lib/cron/runs'
import { asService } from '@/lib/db/transactions'

interface Snapshot {
  events: { type: string; status: string; count: number }[]
  deadLetters: number
  oldestWaitingAt: Date | null
  activeGracePeriods: number
  auditEntries: number
  auditCheckpoint: RecordedAuditCheckpoint | null
  cronJobs: CronJobStatus[]
}

async function readSnapshot(): Promise<Snapshot> {
  return asService(async (tx) => {
    const events = await tx.query<{ type: string; status: string; count: number }>(
      `select type, status, count(*)::int as count from public.webhook_events group by type, status`,
    )
    const totals = await tx.query<{ dead: number; oldest: Date | null; grace: number; audit: number }>(
      `select (select count(*)::int from public.webhook_events where status = 'dead') as dead,
              (select min(received_at) from public.webhook_events where status in ('received', 'processing', 'failed')) as oldest,
              (select count(*)::int from public.grace_periods where status = 'open') as grace,
              (select chain_position from public.billing_audit_chain_head)::int as audit`,
    )
    const row = totals.rows[0]!
    return { events: events.rows, deadLetters: row.dead, oldestWaitingAt: row.oldest, activeGracePeriods: row.grace, auditEntries: row.audit, auditCheckpoint: await getAuditCheckpoint(tx), cronJobs: await listCronJobStatus(tx) }
  })
}

/**
 * Prometheus exposition built from the database at scrape time, so every serverless instance reports the
 * same, complete figures (process-local counters would each see only their own requests).
 */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const snapshot = await readSnapshot()
  const registry = new Registry()
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] })

  const events = gauge('stripe_webhook_events_total', 'Stripe webhook events stored, by type and current status', ['type', 'status'])
  for (const row of snapshot.events) events.set({ type: row.type, status: row.status }, row.count)
  gauge('webhook_dead_letter_queue_size', 'Webhook events that exhausted their retries').set(snapshot.deadLetters)
  const lag = snapshot.oldestWaitingAt ? Math.max(0, (now().getTime() - snapshot.oldestWaitingAt.getTime()) / 1000) : 0
  gauge('webhook_processing_lag_seconds', 'Age of the oldest webhook event not yet processed').set(lag)
  gauge('grace_periods_active_total', 'Grace periods currently open').set(snapshot.activeGracePeriods)
  gauge('billing_audit_log_entries_total', 'Entries in the billing audit log').set(snapshot.auditEntries)
  if (snapshot.auditCheckpoint) {
    const { position, hash } = snapshot.auditCheckpoint
    gauge('billing_audit_chain_head_position', 'Audit chain head at its last checkpoint, with the first 8 hex digits of its hash', ['hash_prefix'])
      .set({ hash_prefix: hash.slice(0, 8) }, position)
  }
  const cron = gauge('cron_job_last_success_timestamp_seconds', 'When each cron job last finished successfully', ['job'])
  for (const { job, lastSuccessAt } of snapshot.cronJobs) if (lastSuccessAt) cron.set({ job }, lastSuccessAt.getTime() / 1000)

  return { body: await registry.metrics(), contentType: registry.contentType }
}
