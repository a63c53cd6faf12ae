import 'server-only'
import type Stripe from 'stripe'
import { toUnixSeconds } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { logger } from '@/lib/log'
import { getSetting, putSetting } from '@/lib/settings'
import { listEventsSince } from '@/lib/stripe/events'
import { storeEvent } from './store'

const CURSOR_KEY = 'webhook_reconcile_cursor'
/** A first run looks back this far; Stripe retries a failing endpoint for up to three days. */
const FIRST_LOOKBACK_SECONDS = 3 * 86_400
/** Events of the same few seconds can be listed late, so each run re-reads a little of the last one. */
const OVERLAP_SECONDS = 300
const BATCH = 100

/**
 * Lists recent Stripe events and stores the ones the app never received, so a webhook outage heals itself;
 * the retry job then processes them like any other due event. Returns how many it stored.
 */
export async function reconcileMissedEvents({ deadline, now }: { deadline: number; now: () => Date }): Promise<number> {
  const cursor = await asService((tx) => getSetting<number>(tx, CURSOR_KEY))
  const since = cursor ?? toUnixSeconds(now()) - FIRST_LOOKBACK_SECONDS
  let newest = since
  let stored = 0
  let batch: Stripe.Event[] = []
  const flush = async () => {
    const events = batch
    batch = []
    stored += await asService(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(`select id from public.webhook_events where id = any($1::text[])`, [events.map((event) => event.id)])
      const known = new Set(rows.map((row) => row.id))
      let count = 0
      for (const event of events) if (!known.has(event.id) && (await storeEvent(tx, event, now()))) count += 1
      return count
    })
  }
  let complete = true
  for await (const event of listEventsSince(since)) {
    if (Date.now() >= deadline) {
      complete = false
      break
    }
    newest = Math.max(newest, event.created)
    batch.push(event)
    if (batch.length >= BATCH) await flush()
  }
  if (batch.length > 0) await flush()
  // An interrupted listing (newest first) may have skipped older events: keep the cursor where it was.
  if (complete) await asService((tx) => putSetting(tx, CURSOR_KEY, Math.max(since, newest - OVERLAP_SECONDS)))
  if (stored > 0) logger.warn({ stored, since }, 'reconciliation stored events the webhook never delivered')
  return stored
}
