// Checks that only read (preview aside, which stores a five-minute quote): run in both modes.
import type { SmokeContext } from './context'
import { expectStatus, SmokeFailure } from './http'
import { SmokeSkip, type Check } from './report'

export interface SubscriptionView {
  subscription: { id: string; status: string; cancelAtPeriodEnd: boolean; plan: { priceId: string; name: string; amount: number; interval: string } | null } | null
  plans: { priceId: string; name: string; amount: number; interval: string; current: boolean }[]
}

export interface UsageView {
  period: { start: string; end: string }
  metrics: { metric: string; used: number; limit: number | null; remaining: number | null }[]
}

export const readSubscription = async (ctx: SmokeContext) => (await (await ctx.customer()).read('/api/billing/subscription')) as unknown as SubscriptionView
export const readUsage = async (ctx: SmokeContext) => (await (await ctx.customer()).read('/api/billing/usage')) as unknown as UsageView

/**
 * Each cookie of a session with a character in the middle of its value changed: what a forger holds. Not the
 * last one: in base64 its low bits can be padding, so a token changed there can decode to the same signature.
 */
function forge(cookie: string): string {
  return cookie
    .split('; ')
    .map((pair) => {
      const middle = pair.indexOf('=') + Math.ceil((pair.length - pair.indexOf('=')) / 2)
      return `${pair.slice(0, middle)}${pair[middle] === 'A' ? 'B' : 'A'}${pair.slice(middle + 1)}`
    })
    .join('; ')
}

export const authentication = (ctx: SmokeContext): Check => ({
  name: 'authentication',
  run: async () => {
    const customer = await ctx.customer()
    await ctx.admin()
    expectStatus(await customer.get('/api/billing/subscription'), 200, "the customer's session on GET /api/billing/subscription")
    const forged = await ctx.anonymous.get('/api/billing/subscription', { cookie: forge(customer.cookie ?? '') })
    expectStatus(forged, 401, 'a forged session cookie on GET /api/billing/subscription')
    return 'customer and admin signed in; a forged session is refused'
  },
})

export const currentSubscription = (ctx: SmokeContext, required: boolean): Check => ({
  name: 'current subscription',
  run: async () => {
    const { subscription, plans } = await readSubscription(ctx)
    if (!Array.isArray(plans) || plans.length === 0) throw new SmokeFailure('no plans on offer: is the catalogue synced from Stripe?')
    if (!subscription) {
      if (required) throw new SmokeFailure('the smoke customer has no subscription')
      return `no subscription; ${plans.length} plans on offer`
    }
    return `${subscription.plan?.name ?? subscription.plan?.priceId ?? 'unknown plan'}, ${subscription.status}; ${plans.length} plans on offer`
  },
})

export const invoicePreview = (ctx: SmokeContext): Check => ({
  name: 'invoice preview',
  run: async () => {
    const { subscription, plans } = await readSubscription(ctx)
    if (!subscription?.plan) throw new SmokeSkip('no subscription to change')
    const others = plans.filter((plan) => !plan.current)
    const target = others.find((plan) => plan.interval === subscription.plan!.interval && plan.amount > subscription.plan!.amount) ?? others[0]
    if (!target) throw new SmokeSkip('no other plan on offer')
    const answer = await (await ctx.customer()).post('/api/billing/preview', { priceId: target.priceId })
    expectStatus(answer, 200, `POST /api/billing/preview to ${target.name}`)
    const preview = answer.body.preview as { total?: unknown; currency?: unknown } | undefined
    if (typeof answer.body.quoteId !== 'string' || typeof preview?.total !== 'number') throw new SmokeFailure(`the preview has no quote or total: ${answer.text.slice(0, 200)}`)
    return `${subscription.plan.name} → ${target.name}: ${preview.total} ${String(preview.currency)} due now`
  },
})

export const usageMetrics = (ctx: SmokeContext): Check => ({
  name: 'usage metrics',
  run: async () => {
    const usage = await readUsage(ctx)
    if (!usage.period?.end || !Array.isArray(usage.metrics)) throw new SmokeFailure(`GET /api/billing/usage has no period or metrics: ${JSON.stringify(usage).slice(0, 200)}`)
    const shown = usage.metrics.map((metric) => `${metric.metric} ${metric.used}/${metric.limit ?? '∞'}`).join(', ')
    return `${shown || 'no metrics'}; resets ${usage.period.end}`
  },
})

export const gracePeriodTracking = (ctx: SmokeContext): Check => ({
  name: 'grace-period tracking',
  run: async () => {
    const listing = (await (await ctx.admin()).read('/api/admin/grace-periods')) as { counts?: { open: number; expired: number }; enforcement?: { on: boolean; source: string } }
    if (!listing.counts || !listing.enforcement) throw new SmokeFailure('GET /api/admin/grace-periods has no counts or enforcement state')
    let job = ''
    if (ctx.options.metricsToken) {
      const health = await ctx.health()
      const grace = (health.body.cron as { job: string; late: boolean; lastSuccessAt: string | null }[] | undefined)?.find((entry) => entry.job === 'grace-periods')
      if (!grace) throw new SmokeFailure('the health report lists no grace-periods job')
      if (grace.late) throw new SmokeFailure(`the daily grace job is late (last success ${grace.lastSuccessAt ?? 'never'})`)
      job = `; grace job ${grace.lastSuccessAt ? `last ran ${grace.lastSuccessAt}` : 'not yet run'}, not late`
    }
    return `${listing.counts.open} open, ${listing.counts.expired} expired; enforcement ${listing.enforcement.on ? 'on' : 'off'} (${listing.enforcement.source})${job}`
  },
})

export const auditLogEntries = (ctx: SmokeContext): Check => ({
  name: 'audit log entries',
  run: async () => {
    const { rows } = (await (await ctx.admin()).read('/api/admin/audit?limit=5')) as { rows?: { action: string; occurredAt: string }[] }
    if (!rows?.length) throw new SmokeFailure('the audit log is empty')
    return `newest: ${rows[0]!.action} at ${rows[0]!.occurredAt}`
  },
})

export const deadLetterQueue = (ctx: SmokeContext): Check => ({
  name: 'dead-letter queue',
  run: async () => {
    const page = (await (await ctx.admin()).read('/api/admin/webhooks/dead?limit=5')) as { events?: { id: string; type: string }[]; nextCursor?: string | null }
    if (!Array.isArray(page.events)) throw new SmokeFailure('GET /api/admin/webhooks/dead has no events list')
    return page.events.length === 0 ? 'reachable, empty' : `reachable, ${page.events.length}${page.nextCursor ? '+' : ''} dead (newest ${page.events[0]!.type})`
  },
})

export const invoiceRetrieval = (ctx: SmokeContext, required: boolean): Check => ({
  name: 'invoice retrieval',
  run: async () => {
    const { data } = (await (await ctx.customer()).read('/api/billing/invoices?limit=5')) as { data?: { id: string; number: string | null; status: string; total: number; currency: string }[] }
    if (!Array.isArray(data)) throw new SmokeFailure('GET /api/billing/invoices has no data list')
    if (data.length === 0) {
      if (required) throw new SmokeFailure('the smoke customer has no invoices')
      return 'no invoices yet'
    }
    const newest = data[0]!
    if (!newest.id || typeof newest.total !== 'number' || !newest.currency) throw new SmokeFailure(`an invoice lacks its id, total or currency: ${JSON.stringify(newest)}`)
    return `${data.length} shown; newest ${newest.number ?? newest.id} ${newest.status}, ${newest.total} ${newest.currency}`
  },
})
