import 'server-only'
import { isDeepStrictEqual } from 'node:util'
import type Stripe from 'stripe'
import { recordAudit } from '@/lib/audit/record'
import { upsertPrice, upsertProduct, type CatalogueChange } from '@/lib/billing/catalogue'
import type { Queryable } from '@/lib/db/types'
import { eventContext, stripeActor } from './types'

async function auditChange<State>(tx: Queryable, event: Stripe.Event, action: string, subject: { type: string; id: string }, change: CatalogueChange<State>) {
  if (isDeepStrictEqual(change.before, change.after)) return
  await recordAudit(tx, { actor: stripeActor(event), action, subject, before: change.before, after: change.after, context: eventContext(event) })
}

/** Keeps the plan catalogue in step with Stripe; a deleted product or price stays on file as inactive. */
export async function syncProductFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const product = event.data.object as Stripe.Product
  const deleted = event.type === 'product.deleted'
  const change = await upsertProduct(tx, deleted ? { ...product, active: false } : product)
  await auditChange(tx, event, action, { type: 'product', id: product.id }, change)
}

export async function syncPriceFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const price = event.data.object as Stripe.Price
  const deleted = event.type === 'price.deleted'
  const change = await upsertPrice(tx, deleted ? { ...price, active: false } : price)
  await auditChange(tx, event, action, { type: 'price', id: price.id }, change)
}
