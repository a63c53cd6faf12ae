import 'server-only'
import type Stripe from 'stripe'
import { toUnixSeconds } from '@/lib/clock'
import { getSetting, putSetting } from '@/lib/db/settings'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { logger } from '@/lib/log'
import { bumpCounter } from '@/lib/metrics/counters'
import { listEventsPage, type EventWindow } from '@/lib/stripe/events'
import { storeEvent } from './store'

const PROGRESS_KEY = 'webhook_reconcile_progress'
/** A first run looks back this far; Stripe retries a failing endpoint for up to three days. */
const FIRST_LOOKBACK_SECONDS = 3 * 86_400
/** Events of the same few seconds can be listed late, so each pass re-reads a little of the last one. */
const OVERLAP_SECONDS = 300

/** Where reconciliation stands: a pass over a fixed window, resumed page by page across runs. */
interface Progress {
  window: EventWindow | null
  /** Where the next pass starts once this one is done. */
  nextSince: number | null
}

async function storeMissing(tx: Queryable, events: Stripe.Event[], at: Date): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(`select id from public.webhook_events where id = any($1::text[])`, [events.map((event) => event.id)])
  const known = new Set(rows.map((row) => row.id))
  let stored = 0
  for (const event of events) if (!known.has(event.id) && (await storeEvent(tx, event, at))) stored += 1
  if (stored > 0) await bumpCounter(tx, 'stripe_webhook_events_reconciled_total', {}, stored)
  return stored
}

/**
 * Lists Stripe's recent events and stores the ones the app never received, so a webhook outage heals itself;
 * the retry job then processes them like any other due event. Reads at least one page per run and saves its
 * place after each, so a busy account's listing continues where the last run's time ran out.
 */
export async function reconcileMissedEvents({ deadline, now }: { deadline: number; now: () => Date }): Promise<number> {
  const saved = (await asService((tx) => getSetting<Progress>(tx, PROGRESS_KEY))) ?? { window: null, nextSince: null }
  const until = toUnixSeconds(now())
  const window = saved.window ?? { since: saved.nextSince ?? until - FIRST_LOOKBACK_SECONDS, until, startingAfter: null }
  let stored = 0
  for (;;) {
    const page = await listEventsPage(window)
    const last = page.events.at(-1)
    const progress: Progress = page.hasMore && last
      ? { window: { ...window, startingAfter: last.id }, nextSince: saved.nextSince }
      : { window: null, nextSince: Math.max(window.since, window.until - OVERLAP_SECONDS) }
    stored += await asService(async (tx) => {
      const count = page.events.length > 0 ? await storeMissing(tx, page.events, now()) : 0
      await putSetting(tx, PROGRESS_KEY, progress)
      return count
    })
    if (!progress.window) break
    window.startingAfter = progress.window.startingAfter
    if (Date.now() >= deadline) break
  }
  if (stored > 0) logger.warn({ stored, since: window.since }, 'reconciliation stored events the webhook never delivered')
  return stored
}
