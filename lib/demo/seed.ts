import 'server-only'
import type Stripe from 'stripe'
import { upsertPrice, upsertProduct } from '@/lib/billing/catalogue'
import { getStripeCustomerId, linkCustomer } from '@/lib/billing/customers'
import { applyInvoice } from '@/lib/billing/invoice-sync'
import { storeSubscriptionDiscounts } from '@/lib/billing/discounts'
import { getCurrentSubscription } from '@/lib/billing/queries'
import { applySubscription } from '@/lib/billing/subscription-sync'
import { fromUnixSeconds } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { retrieveSubscriptionDiscounts } from '@/lib/stripe/discounts'
import { DEMO_ACCOUNTS } from './catalogue'
import { DEMO_PLANS } from './plans'
import { consumeQuota } from '@/lib/usage/consume'
import { createDemoTestClock, liveDemoHistory } from './clock-accounts'
import { seedDemoPromotions } from './promotions'

function planMetadata(plan: (typeof DEMO_PLANS)[number]): Record<string, string> {
  const metadata: Record<string, string> = { tier: String(plan.tier), self_serve: 'true', ...('perSeat' in plan ? { per_seat: 'true' } : {}) }
  for (const [metric, quota] of Object.entries(plan.quotas)) metadata[`quota_${metric}`] = String(quota)
  return metadata
}

/** The plan's yearly price beside its monthly one, on the same product. */
async function ensureYearlyPrice(stripe: Stripe, plan: (typeof DEMO_PLANS)[number], productId: string): Promise<Stripe.Price | null> {
  if (!('yearly' in plan)) return null
  const existing = await stripe.prices.list({ lookup_keys: [plan.yearly.lookupKey] })
  if (existing.data[0]) return existing.data[0]
  return stripe.prices.create({
    product: productId,
    unit_amount: plan.yearly.unitAmount,
    currency: 'usd',
    recurring: { interval: 'year' },
    lookup_key: plan.yearly.lookupKey,
  })
}

async function ensurePlanPrice(stripe: Stripe, plan: (typeof DEMO_PLANS)[number]): Promise<Stripe.Price> {
  const existing = await stripe.prices.list({ lookup_keys: [plan.lookupKey], expand: ['data.product'] })
  const found = existing.data[0]
  if (found) {
    // Catalogues seeded by earlier versions lack marks added since (self_serve).
    const product = found.product as Stripe.Product
    const metadata = planMetadata(plan)
    if (Object.entries(metadata).some(([key, value]) => product.metadata[key] !== value)) await stripe.products.update(product.id, { metadata })
    return found
  }
  const product = await stripe.products.create({ name: plan.name, description: plan.description, metadata: planMetadata(plan) })
  return stripe.prices.create({
    product: product.id,
    unit_amount: plan.unitAmount,
    currency: 'usd',
    recurring: { interval: 'month' },
    lookup_key: plan.lookupKey,
  })
}

async function seedCatalogue(stripe: Stripe): Promise<Map<string, string>> {
  const priceIds = new Map<string, string>()
  for (const plan of DEMO_PLANS) {
    const price = await ensurePlanPrice(stripe, plan)
    const productId = typeof price.product === 'string' ? price.product : price.product.id
    const product = await stripe.products.retrieve(productId)
    const yearly = await ensureYearlyPrice(stripe, plan, productId)
    await asService(async (tx) => {
      await upsertProduct(tx, product)
      await upsertPrice(tx, price)
      if (yearly) await upsertPrice(tx, yearly)
    })
    priceIds.set(plan.lookupKey, price.id)
  }
  return priceIds
}

async function ensureCustomer(stripe: Stripe, account: (typeof DEMO_ACCOUNTS)[number]): Promise<string> {
  const known = await asService((tx) => getStripeCustomerId(tx, account.id))
  if (known) return known
  const clock = account.testClock ? await createDemoTestClock(stripe, account.email, account.testClock) : null
  const customer = await stripe.customers.create({ email: account.email, name: account.name, metadata: { user_id: account.id }, test_clock: clock?.id })
  if (account.paymentMethod) {
    const paymentMethod = await stripe.paymentMethods.attach(account.paymentMethod, { customer: customer.id })
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: paymentMethod.id } })
  }
  await asService((tx) => linkCustomer(tx, { userId: account.id, stripeCustomerId: customer.id, email: account.email }))
  return customer.id
}

async function ensureSubscription(stripe: Stripe, account: (typeof DEMO_ACCOUNTS)[number], customerId: string, priceId: string, promotionCodes = new Map<string, string>()): Promise<void> {
  const userId = account.id
  const current = await asService((tx) => getCurrentSubscription(tx, userId))
  if (current) return
  const promotionCode = 'promotionCode' in account && account.promotionCode ? promotionCodes.get(account.promotionCode) : undefined
  const subscription = await stripe.subscriptions.create({
    customer: customerId, items: [{ price: priceId, quantity: 'seats' in account && account.seats ? account.seats.quantity : 1 }], ...(promotionCode ? { discounts: [{ promotion_code: promotionCode }] } : {}),
  })
  const invoices = await stripe.invoices.list({ subscription: subscription.id })
  const version = { eventCreated: fromUnixSeconds(subscription.created), eventId: 'seed' }
  const discounts = promotionCode ? await retrieveSubscriptionDiscounts(subscription.id) : []
  await asService(async (tx) => {
    await applySubscription(tx, subscription, version)
    if (discounts.length > 0) await storeSubscriptionDiscounts(tx, subscription.id, discounts)
    for (const invoice of invoices.data) await applyInvoice(tx, invoice, version.eventCreated)
  })
  if (account.testClock) await liveDemoHistory(stripe, subscription, account.testClock)
  if ('seats' in account && account.seats) {
    await consumeQuota(userId, { metric: 'seats', quantity: account.seats.inUse, idempotencyKey: `demo-seats-${subscription.id}` })
  }
}

/** Idempotent demo data: the plan catalogue in Stripe, the demo accounts, and each customer's subscription. */
export async function seedDemo(stripe: Stripe): Promise<void> {
  const priceIds = await seedCatalogue(stripe)
  const promotionCodes = await seedDemoPromotions(stripe, priceIds)
  await asService(async (tx) => {
    for (const account of DEMO_ACCOUNTS) {
      await tx.query(
        `insert into auth.users (id, email, raw_app_meta_data, raw_user_meta_data) values ($1, $2, $3::jsonb, $4::jsonb)
         on conflict (id) do nothing`,
        [account.id, account.email, JSON.stringify(account.role === 'customer' ? {} : { role: account.role }), JSON.stringify({ name: account.name })],
      )
    }
  })
  for (const account of DEMO_ACCOUNTS) {
    if (!('plan' in account) || !account.plan || 'testClock' in account) continue
    const customerId = await ensureCustomer(stripe, account)
    await ensureSubscription(stripe, account, customerId, priceIds.get(account.plan)!, promotionCodes)
  }
}

/**
 * The demo accounts on Stripe test clocks (after seedDemo). Seeded on their own: living their history makes
 * Stripe events dated months back, which the app's reconciliation (three days back) rightly never fetches.
 */
export async function seedDemoClockAccounts(stripe: Stripe): Promise<void> {
  const priceIds = await seedCatalogue(stripe)
  for (const account of DEMO_ACCOUNTS) {
    if (!('plan' in account) || !account.plan || !('testClock' in account)) continue
    const customerId = await ensureCustomer(stripe, account)
    await ensureSubscription(stripe, account, customerId, priceIds.get(account.plan)!)
  }
}
