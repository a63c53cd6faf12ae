import 'server-only'
import type Stripe from 'stripe'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import type { SubscriptionDiscount } from '@/lib/stripe/discounts'
import { idOf } from './stripe-refs'

export interface SubscriptionState {
  id: string
  userId: string | null
  status: string
  priceId: string | null
  quantity: number
  currentPeriodEnd: string | null
  cancelAtPeriodEnd: boolean
}

export interface SyncVersion {
  /** Stripe's creation time of the event that carried this state. */
  eventCreated: Date
  eventId: string
}

export type SyncOutcome =
  /** `discounts`: the discounts the row held, which this write leaves as they were (their own handler mirrors them). */
  | { applied: true; before: SubscriptionState | null; after: SubscriptionState; discounts: SubscriptionDiscount[] }
  | { applied: false; reason: 'older_than_stored' | 'same_time_as_stored'; current: SubscriptionState }

const STATE_COLUMNS = `id, user_id as "userId", status, price_id as "priceId", quantity,
  to_char(current_period_end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "currentPeriodEnd",
  cancel_at_period_end as "cancelAtPeriodEnd", stripe_event_created_at as "eventCreated"`

type StoredState = SubscriptionState & { eventCreated: Date | null }
type WrittenState = StoredState & { discounts: SubscriptionDiscount[] }

async function lockStored(tx: Queryable, id: string): Promise<StoredState | null> {
  const { rows } = await tx.query<StoredState>(`select ${STATE_COLUMNS} from public.subscriptions where id = $1 for update`, [id])
  return rows[0] ?? null
}

const stateOf = ({ eventCreated: _eventCreated, discounts: _discounts, ...state }: StoredState & { discounts?: unknown }): SubscriptionState => state
const toDate = (seconds: number | null | undefined) => (seconds ? fromUnixSeconds(seconds) : null)

function writeSql(onConflict: string): string {
  return `insert into public.subscriptions (id, user_id, stripe_customer_id, status, price_id, item_id, quantity,
       current_period_start, current_period_end, cancel_at_period_end, cancel_at, canceled_at, ended_at, trial_end,
       stripe_event_created_at, stripe_event_id, created_at, updated_at)
     values ($1, (select user_id from public.customers where stripe_customer_id = $2), $2, $3, $4, $5, $6, $7, $8,
       $9, $10, $11, $12, $13, $14, $15, $16, now())
     ${onConflict}
     returning ${STATE_COLUMNS}, discounts`
}

const OVERWRITE = `on conflict (id) do update set user_id = excluded.user_id, stripe_customer_id = excluded.stripe_customer_id,
       status = excluded.status, price_id = excluded.price_id, item_id = excluded.item_id, quantity = excluded.quantity,
       current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end,
       cancel_at_period_end = excluded.cancel_at_period_end, cancel_at = excluded.cancel_at,
       canceled_at = excluded.canceled_at, ended_at = excluded.ended_at, trial_end = excluded.trial_end,
       stripe_event_created_at = greatest(subscriptions.stripe_event_created_at, excluded.stripe_event_created_at),
       stripe_event_id = excluded.stripe_event_id, updated_at = now()`

function writeParams(subscription: Stripe.Subscription, version: SyncVersion): unknown[] {
  const item = subscription.items.data[0]
  return [
    subscription.id,
    idOf(subscription.customer)!,
    subscription.status,
    item?.price.id ?? null,
    item?.id ?? null,
    item?.quantity ?? 1,
    toDate(item?.current_period_start),
    toDate(item?.current_period_end),
    subscription.cancel_at_period_end,
    toDate(subscription.cancel_at),
    toDate(subscription.canceled_at),
    toDate(subscription.ended_at),
    toDate(subscription.trial_end),
    version.eventCreated,
    version.eventId,
    fromUnixSeconds(subscription.created),
  ]
}

/**
 * Writes Stripe's subscription into the local row unless the row already holds a newer event's state.
 * Events of the same second cannot be ordered by time, so the caller re-fetches the subscription from
 * Stripe and applies that with `force`.
 */
export async function applySubscription(
  tx: Queryable,
  subscription: Stripe.Subscription,
  version: SyncVersion,
  options: { force?: boolean } = {},
): Promise<SyncOutcome> {
  const params = writeParams(subscription, version)
  let stored = await lockStored(tx, subscription.id)
  if (!stored) {
    const inserted = await tx.query<WrittenState>(writeSql('on conflict (id) do nothing'), params)
    if (inserted.rows[0]) return { applied: true, before: null, after: stateOf(inserted.rows[0]), discounts: inserted.rows[0].discounts }
    // A concurrent delivery created the row first: lock it and compare as usual.
    stored = (await lockStored(tx, subscription.id))!
  }
  if (stored.eventCreated && !options.force) {
    const storedTime = stored.eventCreated.getTime()
    const eventTime = version.eventCreated.getTime()
    if (eventTime < storedTime) return { applied: false, reason: 'older_than_stored', current: stateOf(stored) }
    if (eventTime === storedTime) return { applied: false, reason: 'same_time_as_stored', current: stateOf(stored) }
  }
  const { rows } = await tx.query<WrittenState>(writeSql(OVERWRITE), params)
  return { applied: true, before: stateOf(stored), after: stateOf(rows[0]!), discounts: rows[0]!.discounts }
}
