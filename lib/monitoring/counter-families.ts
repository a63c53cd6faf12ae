import type { CounterValue, Labels } from '@/lib/metrics/counters'
import type { Family } from './exposition'

const ATTEMPT_OUTCOMES = ['processed', 'ignored', 'failed', 'dead']

/** Every counter the app raises, with its help text; each is exported at 0 for its known labels until raised. */
const COUNTERS: { name: string; help: string; label?: { name: string; values: string[] }; labelled?: true }[] = [
  { name: 'stripe_webhook_events_total', help: 'Webhook events entering each status (received, processing, processed, ignored, failed, dead, discarded), by type', labelled: true },
  { name: 'stripe_webhook_processing_attempts_total', help: 'Attempts to apply a webhook event, by outcome', label: { name: 'outcome', values: ATTEMPT_OUTCOMES } },
  { name: 'stripe_webhook_retry_attempts_total', help: 'Retries (attempts after the first) of a webhook event, by outcome', label: { name: 'outcome', values: ATTEMPT_OUTCOMES } },
  { name: 'stripe_webhook_events_reconciled_total', help: 'Events the app never received, found by reconciliation with Stripe and stored' },
  { name: 'grace_periods_opened_total', help: 'Grace periods opened by a failed renewal payment' },
  { name: 'grace_periods_closed_total', help: 'Grace periods ending, by outcome (resolved, expired, canceled); one resolved after it expired counts under both', label: { name: 'outcome', values: ['resolved', 'expired', 'canceled'] } },
  { name: 'billing_invoice_previews_total', help: 'Plan-change previews served (new quotes and quotes shown again)' },
  { name: 'billing_plan_changes_total', help: 'Plan changes applied in Stripe' },
  { name: 'http_server_errors_total', help: 'Requests answered with a 5xx, by route', labelled: true },
]

const LATENCY_BOUNDS = ['0.1', '0.5', '1', '5', '30', '60', '300', '900', '3600', '7200', '+Inf']

function latencyHistogram(values: CounterValue[]): Family {
  const of = (name: string) => values.filter((value) => value.name === name)
  const perBucket = new Map(of('webhook_processing_latency_seconds_bucket').map((value) => [value.labels.le, value.value]))
  let cumulative = 0
  const buckets = LATENCY_BOUNDS.map((le) => {
    cumulative += perBucket.get(le) ?? 0
    return { suffix: '_bucket', labels: { le } as Labels, value: cumulative }
  })
  return {
    name: 'webhook_processing_latency_seconds',
    help: 'Time from receiving a webhook event to processing it',
    type: 'histogram',
    samples: [...buckets, { suffix: '_sum', value: of('webhook_processing_latency_seconds_sum')[0]?.value ?? 0 }, { suffix: '_count', value: cumulative }],
  }
}

export function counterFamilies(values: CounterValue[]): Family[] {
  const counters = COUNTERS.map(({ name, help, label, labelled }): Family => {
    const raised = values.filter((value) => value.name === name)
    if (label) {
      const valueOf = (labelValue: string) => raised.find((value) => value.labels[label.name] === labelValue)?.value ?? 0
      return { name, help, type: 'counter', samples: label.values.map((labelValue) => ({ labels: { [label.name]: labelValue }, value: valueOf(labelValue) })) }
    }
    const samples = raised.map((value) => ({ labels: value.labels, value: value.value }))
    return { name, help, type: 'counter', samples: samples.length === 0 && !labelled ? [{ value: 0 }] : samples }
  })
  return [...counters, latencyHistogram(values)]
}
