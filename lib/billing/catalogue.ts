import 'server-only'
import type Stripe from 'stripe'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'

/** Mirrors a Stripe product; returns the row as it was before, or null when it is new. */
export async function upsertProduct(tx: Queryable, product: Stripe.Product): Promise<Record<string, unknown> | null> {
  const before = await tx.query(`select * from public.products where id = $1 for update`, [product.id])
  const updatedAt = fromUnixSeconds(product.updated ?? product.created)
  await tx.query(
    `insert into public.products (id, name, description, active, metadata, stripe_updated_at, synced_at)
     values ($1, $2, $3, $4, $5::jsonb, $6, now())
     on conflict (id) do update set name = excluded.name, description = excluded.description,
       active = excluded.active, metadata = excluded.metadata, stripe_updated_at = excluded.stripe_updated_at,
       synced_at = now()
     where products.stripe_updated_at is null or products.stripe_updated_at <= excluded.stripe_updated_at`,
    [product.id, product.name, product.description ?? null, product.active, JSON.stringify(product.metadata ?? {}), updatedAt],
  )
  return before.rows[0] ?? null
}

export async function upsertPrice(tx: Queryable, price: Stripe.Price): Promise<Record<string, unknown> | null> {
  const before = await tx.query(`select * from public.prices where id = $1 for update`, [price.id])
  const productId = typeof price.product === 'string' ? price.product : price.product.id
  await tx.query(
    `insert into public.prices (id, product_id, active, currency, unit_amount, recurring_interval,
       recurring_interval_count, lookup_key, metadata, synced_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, now())
     on conflict (id) do update set product_id = excluded.product_id, active = excluded.active,
       currency = excluded.currency, unit_amount = excluded.unit_amount,
       recurring_interval = excluded.recurring_interval, recurring_interval_count = excluded.recurring_interval_count,
       lookup_key = excluded.lookup_key, metadata = excluded.metadata, synced_at = now()`,
    [
      price.id,
      productId,
      price.active,
      price.currency,
      price.unit_amount ?? null,
      price.recurring?.interval ?? null,
      price.recurring?.interval_count ?? null,
      price.lookup_key ?? null,
      JSON.stringify(price.metadata ?? {}),
    ],
  )
  return before.rows[0] ?? null
}
