import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { upsertPrice, upsertProduct } from '@/lib/billing/catalogue'
import type { Queryable } from '@/lib/db/types'

/** Keeps the plan catalogue in step with Stripe; a deleted product or price stays on file as inactive. */
export async function syncProductFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const product = event.data.object as Stripe.Product
  const deleted = event.type === 'product.deleted'
  const change = await upsertProduct(tx, deleted ? { ...product, active: false } : product)
  await auditStripeChange(tx, event, { action, subject: { type: 'product', id: product.id }, ...change })
}

export async function syncPriceFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const price = event.data.object as Stripe.Price
  const deleted = event.type === 'price.deleted'
  const change = await upsertPrice(tx, deleted ? { ...price, active: false } : price)
  await auditStripeChange(tx, event, { action, subject: { type: 'price', id: price.id }, ...change })
}
