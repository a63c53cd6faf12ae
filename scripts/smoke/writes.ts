// Checks that act as the smoke customer in test mode and leave it as they found it (usage aside, a unit a run).
import { setTimeout as sleep } from 'node:timers/promises'
import type Stripe from 'stripe'
import type { SmokeContext } from './context'
import { expectStatus, SmokeFailure, type Answer } from './http'
import type { Check } from './report'
import { readSubscription, readUsage } from './reads'

function expectQuotaHeaders(answer: Answer, what: string): void {
  for (const header of ['x-quota-limit', 'x-quota-remaining', 'x-quota-reset']) {
    if (!answer.headers.get(header)) throw new SmokeFailure(`${what} has no ${header} header`)
  }
}

export const quotaEnforcement = (ctx: SmokeContext): Check => ({
  name: 'quota enforcement',
  run: async () => {
    const customer = await ctx.customer()
    const metric = (await readUsage(ctx)).metrics.find((candidate) => candidate.limit !== null && candidate.limit > 0)
    if (!metric) throw new SmokeFailure("the smoke customer's plan limits no metric (product metadata quota_<metric>)")
    const record = (quantity: number, key: string) => customer.post('/api/usage', { metric: metric.metric, quantity, idempotency_key: `smoke-${ctx.runId}-${key}` })
    let recorded = 0
    if (metric.remaining! > 0) {
      const allowed = await record(1, 'one')
      expectStatus(allowed, 200, `recording 1 ${metric.metric}`)
      expectQuotaHeaders(allowed, 'an allowed use')
      const again = await record(1, 'one')
      if (again.status !== 200 || again.body.used !== allowed.body.used) throw new SmokeFailure(`repeating an idempotency key answered ${again.status} ${again.text.slice(0, 120)}, not the first answer`)
      recorded = 1
    }
    const over = await record(metric.limit! + 1, 'over')
    expectStatus(over, 429, `asking for ${metric.limit! + 1} ${metric.metric}, more than the whole quota`)
    expectQuotaHeaders(over, 'the refusal')
    if ((over.body.error as { code?: string } | undefined)?.code !== 'quota_exceeded' || !over.headers.get('retry-after')) {
      throw new SmokeFailure(`the refusal is not quota_exceeded with Retry-After: ${over.text.slice(0, 160)}`)
    }
    const after = (await readUsage(ctx)).metrics.find((candidate) => candidate.metric === metric.metric)!
    if (after.used !== metric.used + recorded) throw new SmokeFailure(`${metric.metric} went from ${metric.used} to ${after.used}, expected ${metric.used + recorded}`)
    return `${metric.metric}: ${recorded} recorded once under a repeated key, over-quota refused 429 (${after.used}/${metric.limit})`
  },
})

async function findEvent(stripe: Stripe, subscriptionId: string, since: Date, deadline: number): Promise<Stripe.Event> {
  while (Date.now() < deadline) {
    const { data } = await stripe.events.list({ type: 'customer.subscription.updated', created: { gte: Math.floor(since.getTime() / 1000) - 60 }, limit: 20 })
    const event = data.find((candidate) => {
      const object = candidate.data.object as Stripe.Subscription
      return object.id === subscriptionId && object.cancel_at_period_end
    })
    if (event) return event
    await sleep(500)
  }
  throw new SmokeFailure(`Stripe shows no customer.subscription.updated for ${subscriptionId} after the cancellation`)
}

async function waitProcessed(ctx: SmokeContext, eventId: string, deadline: number): Promise<number> {
  const admin = await ctx.admin()
  let last = 'not stored'
  while (Date.now() < deadline) {
    const answer = await admin.get(`/api/admin/webhooks/${eventId}`)
    if (answer.status === 200) {
      const event = answer.body.event as { status: string; lastError: string | null; latencyMs: number | null }
      if (event.status === 'processed') return event.latencyMs ?? 0
      last = `${event.status}${event.lastError ? `: ${event.lastError}` : ''}`
    } else if (answer.status !== 404) {
      expectStatus(answer, 200, `GET /api/admin/webhooks/${eventId}`)
    }
    await sleep(500)
  }
  throw new SmokeFailure(`${eventId} was not processed within ${ctx.options.webhookTimeoutMs / 1000} s (${last}): is Stripe's signing secret the deployment's STRIPE_WEBHOOK_SECRET?`)
}

/** Cancels at period end and resumes at once: Stripe's webhook must arrive, verify and apply. */
export const webhookProcessing = (ctx: SmokeContext): Check => ({
  name: 'webhook processing',
  run: async () => {
    const customer = await ctx.customer()
    const { subscription } = await readSubscription(ctx)
    if (!subscription) throw new SmokeFailure('the smoke customer has no subscription to send webhooks about')
    if (subscription.cancelAtPeriodEnd) expectStatus(await customer.post('/api/billing/resume', {}), 200, 'resuming a cancellation left by an earlier run')
    const deadline = Date.now() + ctx.options.webhookTimeoutMs
    const since = new Date()
    let note = ''
    let failure: unknown = null
    try {
      expectStatus(await customer.post('/api/billing/cancel', { reason: `smoke suite run ${ctx.runId}, resumed at once` }), 200, 'POST /api/billing/cancel')
      const event = await findEvent(ctx.stripe(), subscription.id, since, deadline)
      note = `${event.type} ${event.id} processed ${Math.round(await waitProcessed(ctx, event.id, deadline))} ms after it arrived`
    } catch (error) {
      failure = error
    }
    const resumed = await customer.post('/api/billing/resume', {})
    if (failure) {
      const message = failure instanceof Error ? failure.message : String(failure)
      throw new SmokeFailure(resumed.status === 200 ? message : `${message}; the cancellation could not be taken back (${resumed.status}), so the app never heard of it`)
    }
    expectStatus(resumed, 200, 'POST /api/billing/resume')
    return note
  },
})

/** The cancellation and resumption of the webhook check, in the audit log under the subscription. */
export const auditTrailOfThisRun = (ctx: SmokeContext): Check => ({
  name: 'audit log entries',
  run: async () => {
    const { subscription } = await readSubscription(ctx)
    if (!subscription) throw new SmokeFailure('the smoke customer has no subscription')
    const { rows } = (await (await ctx.admin()).read(`/api/admin/audit?subjectId=${encodeURIComponent(subscription.id)}&limit=50`)) as { rows: { action: string; occurredAt: string }[] }
    const fresh = rows.filter((row) => Date.parse(row.occurredAt) >= ctx.startedAt.getTime() - 60_000).map((row) => row.action)
    for (const action of ['subscription.cancel_requested', 'subscription.resumed']) {
      if (!fresh.includes(action)) throw new SmokeFailure(`no ${action} entry for ${subscription.id} from this run (found: ${fresh.join(', ') || 'none'})`)
    }
    return `${fresh.length} entries for ${subscription.id} from this run: ${[...new Set(fresh)].join(', ')}`
  },
})
