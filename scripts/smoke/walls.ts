// Read-only checks of a deployment's surface: health, the metrics scrape, the walls, a forged webhook.
import { randomBytes } from 'node:crypto'
import type { SmokeContext } from './context'
import { expectStatus, SmokeFailure } from './http'
import type { Check } from './report'

const SERIES = ['stripe_webhook_events_total', 'webhook_dead_letter_queue_size', 'billing_audit_log_entries_total', 'grace_periods_active']

export const health = (ctx: SmokeContext): Check => ({
  name: 'health',
  run: async () => {
    const answer = await ctx.health()
    if (answer.status !== 200 || answer.body.healthy !== true) throw new SmokeFailure(`GET /api/health answered ${answer.status}: ${answer.text.slice(0, 300)}`)
    return ctx.options.metricsToken ? `database ${String(answer.body.database)}, migrations current, no job late, Stripe ${String(answer.body.stripe)}` : 'healthy (METRICS_TOKEN gives the details)'
  },
})

export const metricsScrape = (ctx: SmokeContext): Check => ({
  name: 'metrics scrape',
  run: async () => {
    if (!ctx.options.metricsToken) throw new SmokeFailure('METRICS_TOKEN is not given, so the scrape cannot be checked')
    expectStatus(await ctx.anonymous.get('/api/metrics'), 401, 'GET /api/metrics without the token')
    const answer = await ctx.anonymous.get('/api/metrics', { authorization: `Bearer ${ctx.options.metricsToken}` })
    expectStatus(answer, 200, 'GET /api/metrics with the token')
    const missing = SERIES.filter((series) => !new RegExp(`^${series}[{ ]`, 'm').test(answer.text))
    if (missing.length > 0) throw new SmokeFailure(`the exposition lacks ${missing.join(', ')}`)
    return `${answer.text.split('\n').filter((line) => line && !line.startsWith('#')).length} samples`
  },
})

export const walls = (ctx: SmokeContext): Check => ({
  name: 'walls',
  run: async () => {
    expectStatus(await ctx.anonymous.get('/api/billing/subscription'), 401, 'an anonymous GET /api/billing/subscription')
    const admin = await (await ctx.customer()).get('/api/admin/audit')
    expectStatus(admin, 404, "a customer's GET /api/admin/audit")
    const cron = await ctx.anonymous.get('/api/cron/webhook-retry')
    if (cron.status === 503) throw new SmokeFailure('the cron routes are disabled: CRON_SECRET is not configured, so no scheduler can run the jobs')
    expectStatus(cron, 401, 'GET /api/cron/webhook-retry without the cron secret')
    return 'anonymous 401, customer 404 on admin routes, cron without its secret 401'
  },
})

/** A delivery signed with a secret Stripe never issued: refused, and nothing of it stored. */
export const forgedWebhook = (ctx: SmokeContext): Check => ({
  name: 'forged webhook',
  run: async () => {
    const id = `evt_smoke_forged_${ctx.runId}`
    const timestamp = Math.floor(Date.now() / 1000)
    const body = JSON.stringify({ id, object: 'event', type: 'invoice.paid', created: timestamp, livemode: false, data: { object: { id: `in_smoke_forged_${ctx.runId}`, object: 'invoice' } } })
    const answer = await ctx.anonymous.request('POST', '/api/webhooks/stripe', {
      body,
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${timestamp},v1=${randomBytes(32).toString('hex')}` },
    })
    expectStatus(answer, 400, 'a forged delivery to /api/webhooks/stripe')
    const stored = await (await ctx.admin()).get(`/api/admin/webhooks/${id}`)
    expectStatus(stored, 404, `looking up the forged ${id}`)
    return `refused ${answer.status} (${String((answer.body.error as { code?: string } | undefined)?.code)}), nothing stored`
  },
})
