import 'server-only'
import type Stripe from 'stripe'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import { idOf } from './stripe-refs'

export interface CatalogueChange<State> {
  before: State | null
  after: State | null
}

export interface ProductState {
  name: string
  description: string | null
  active: boolean
  metadata: Record<string, string>
}

export interface PriceState {
  productId: string
  active: boolean
  currency: string
  unitAmount: number | null
  interval: string | null
}

const PRODUCT_COLUMNS = `name, description, active, metadata`
const PRICE_COLUMNS = `product_id as "productId", active, currency, unit_amount as "unitAmount", recurring_interval as "interval"`

/** Mirrors a Stripe product unless the stored copy is newer (Stripe's `updated`). */
export async function upsertProduct(tx: Queryable, product: Stripe.Product): Promise<CatalogueChange<ProductState>> {
  const before = await tx.query<ProductState>(`select ${PRODUCT_COLUMNS} from public.products where id = $1 for update`, [product.id])
  const written = await tx.query<ProductState>(
    `insert into public.products (id, name, description, active, metadata, stripe_updated_at, synced_at)
     values ($1, $2, $3, $4, $5::jsonb, $6, now())
     on conflict (id) do update set name = excluded.name, description = excluded.description,
       active = excluded.active, metadata = excluded.metadata, stripe_updated_at = excluded.stripe_updated_at,
       synced_at = now()
     where products.stripe_updated_at is null or products.stripe_updated_at <= excluded.stripe_updated_at
     returning ${PRODUCT_COLUMNS}`,
    [product.id, product.name, product.description ?? null, product.active, JSON.stringify(product.metadata ?? {}), fromUnixSeconds(product.updated ?? product.created)],
  )
  return { before: before.rows[0] ?? null, after: written.rows[0] ?? before.rows[0] ?? null }
}

export async function upsertPrice(tx: Queryable, price: Stripe.Price): Promise<CatalogueChange<PriceState>> {
  const before = await tx.query<PriceState>(`select ${PRICE_COLUMNS} from public.prices where id = $1 for update`, [price.id])
  const written = await tx.query<PriceState>(
    `insert into public.prices (id, product_id, active, currency, unit_amount, recurring_interval,
       recurring_interval_count, recurring_usage_type, lookup_key, metadata, synced_at)
     values ($1, $2, $3, $4, $5, $6, $7, $10, $8, $9::jsonb, now())
     on conflict (id) do update set product_id = excluded.product_id, active = excluded.active,
       currency = excluded.currency, unit_amount = excluded.unit_amount,
       recurring_interval = excluded.recurring_interval, recurring_interval_count = excluded.recurring_interval_count,
       recurring_usage_type = excluded.recurring_usage_type,
       lookup_key = excluded.lookup_key, metadata = excluded.metadata, synced_at = now()
     returning ${PRICE_COLUMNS}`,
    [
      price.id,
      idOf(price.product),
      price.active,
      price.currency,
      price.unit_amount ?? null,
      price.recurring?.interval ?? null,
      price.recurring?.interval_count ?? null,
      price.lookup_key ?? null,
      JSON.stringify(price.metadata ?? {}),
      price.recurring?.usage_type ?? null,
    ],
  )
  return { before: before.rows[0] ?? null, after: written.rows[0] ?? null }
}
