import 'server-only'
import { getAuditCheckpoint, type RecordedAuditCheckpoint } from '@/lib/audit/checkpoint'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { JOBS } from '@/lib/jobs/registry'
import { listJobStatus, type JobStatus } from '@/lib/jobs/status'
import { listCounters, type CounterValue } from '@/lib/metrics/counters'
import { counterFamilies } from './counter-families'
import { EXPOSITION_CONTENT_TYPE, renderFamilies, type Family } from './exposition'

interface Gauges {
  deadLetters: number
  oldestWaitingAt: Date | null
  lastReceivedAt: Date | null
  activeGracePeriods: number
  activeSubscriptions: number
  auditEntries: number
}

interface Snapshot {
  gauges: Gauges
  counters: CounterValue[]
  auditCheckpoint: RecordedAuditCheckpoint | null
  jobs: JobStatus[]
  queryMs: number
}

async function readSnapshot(): Promise<Snapshot> {
  const started = performance.now()
  return asService(async (tx) => {
    const { rows } = await tx.query<Gauges>(
      `select (select count(*)::int from public.webhook_events where status = 'dead') as "deadLetters",
              (select min(received_at) from public.webhook_events where status in ('received', 'processing', 'failed')) as "oldestWaitingAt",
              (select max(received_at) from public.webhook_events) as "lastReceivedAt",
              (select count(*)::int from public.grace_periods where status = 'open') as "activeGracePeriods",
              (select count(*)::int from public.subscriptions where status in ('active', 'trialing', 'past_due')) as "activeSubscriptions",
              coalesce((select chain_position from public.billing_audit_chain_head), 0)::float8 as "auditEntries"`,
    )
    const queryMs = performance.now() - started
    return { gauges: rows[0]!, counters: await listCounters(tx), auditCheckpoint: await getAuditCheckpoint(tx), jobs: await listJobStatus(tx, now()), queryMs }
  })
}

const seconds = (date: Date | null) => (date ? date.getTime() / 1000 : 0)

function gaugeFamilies({ gauges, auditCheckpoint, jobs, queryMs }: Snapshot): Family[] {
  const lag = gauges.oldestWaitingAt ? Math.max(0, (now().getTime() - gauges.oldestWaitingAt.getTime()) / 1000) : 0
  const gauge = (name: string, help: string, value: number): Family => ({ name, help, type: 'gauge', samples: [{ value }] })
  const families: Family[] = [
    gauge('webhook_dead_letter_queue_size', 'Webhook events that exhausted their retries', gauges.deadLetters),
    gauge('webhook_processing_lag_seconds', 'Age of the oldest webhook event not yet processed', lag),
    gauge('stripe_webhook_last_received_timestamp_seconds', 'When the newest webhook event was received', seconds(gauges.lastReceivedAt)),
    gauge('grace_periods_active', 'Grace periods currently open', gauges.activeGracePeriods),
    gauge('grace_periods_active_total', 'Deprecated name of grace_periods_active (a gauge), kept for dashboards that use it', gauges.activeGracePeriods),
    gauge('billing_subscriptions_active', 'Subscriptions active, trialing or past due', gauges.activeSubscriptions),
    { name: 'billing_audit_log_entries_total', help: 'Entries appended to the billing audit log', type: 'counter', samples: [{ value: gauges.auditEntries }] },
    gauge('database_query_duration_seconds', 'Time the metrics scrape took to read its figures from the database', queryMs / 1000),
    {
      name: 'cron_job_last_success_timestamp_seconds',
      help: 'When each scheduled job last finished successfully (0: never)',
      type: 'gauge',
      samples: jobs.map((job) => ({ labels: { job: job.job }, value: seconds(job.lastSuccessAt) })),
    },
    {
      name: 'cron_job_late',
      help: 'Whether each scheduled job is late (1): no success within its allowance, or never run that long after install',
      type: 'gauge',
      samples: jobs.map((job) => ({ labels: { job: job.job }, value: job.late ? 1 : 0 })),
    },
    {
      name: 'cron_job_late_after_seconds',
      help: 'How long each scheduled job may go without a success before it is late',
      type: 'gauge',
      samples: JOBS.map((job) => ({ labels: { job: job.name }, value: job.lateAfterMs / 1000 })),
    },
  ]
  if (auditCheckpoint) {
    families.push({
      name: 'billing_audit_chain_head_position',
      help: 'Audit chain head at its last checkpoint, with the first 8 hex digits of its hash',
      type: 'gauge',
      samples: [{ labels: { hash_prefix: auditCheckpoint.hash.slice(0, 8) }, value: auditCheckpoint.position }],
    })
  }
  return families
}

/**
 * Prometheus exposition built from the database at scrape time, so every serverless instance reports the
 * same, complete figures. Counters are raised in the transactions of what they count, so they only rise.
 */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const snapshot = await readSnapshot()
  return { body: renderFamilies([...counterFamilies(snapshot.counters), ...gaugeFamilies(snapshot)]), contentType: EXPOSITION_CONTENT_TYPE }
}
