import 'server-only'
import type Stripe from 'stripe'
import { recordAudit } from '@/lib/audit/record'
import { upsertPrice, upsertProduct } from '@/lib/billing/catalogue'
import type { Queryable } from '@/lib/db/types'
import { eventContext, stripeActor } from './types'

/** Keeps the plan catalogue in step with Stripe; a deleted product or price stays on file as inactive. */
export async function syncProductFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const product = event.data.object as Stripe.Product
  const deleted = event.type === 'product.deleted'
  const before = await upsertProduct(tx, deleted ? { ...product, active: false } : product)
  await recordAudit(tx, {
    actor: stripeActor(event),
    action,
    subject: { type: 'product', id: product.id },
    before,
    after: { name: product.name, active: deleted ? false : product.active, metadata: product.metadata },
    context: eventContext(event),
  })
}

export async function syncPriceFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const price = event.data.object as Stripe.Price
  const deleted = event.type === 'price.deleted'
  const before = await upsertPrice(tx, deleted ? { ...price, active: false } : price)
  await recordAudit(tx, {
    actor: stripeActor(event),
    action,
    subject: { type: 'price', id: price.id },
    before,
    after: { active: deleted ? false : price.active, unitAmount: price.unit_amount, currency: price.currency },
    context: eventContext(event),
  })
}
