import 'server-only'
import { now as clockNow } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { env } from '@/lib/env'
import { logger } from '@/lib/log'
import { claimDueNotifications, markFailed, markSent, type ClaimedNotification } from './claim'
import { configuredMailer, type Mailer } from './mailer'
import { renderMessage } from './render'

export interface SendOptions {
  mailer?: Mailer
  now?: () => Date
  batchSize?: number
  /** Stop claiming new batches after this long. */
  budgetMs?: number
}

export type SendCounts = { sent: number; retrying: number; failed: number; lostClaims: number }

/** Sends every due message in batches until none is due or the budget is spent; failures retry with backoff. */
export async function sendDueNotifications(options: SendOptions = {}): Promise<SendCounts> {
  const { mailer = configuredMailer(), now = clockNow, batchSize = 25, budgetMs = 40_000 } = options
  const deadline = Date.now() + budgetMs
  const counts: SendCounts = { sent: 0, retrying: 0, failed: 0, lostClaims: 0 }
  for (let first = true; first || Date.now() < deadline; first = false) {
    const claims = await asService((tx) => claimDueNotifications(tx, now(), batchSize))
    if (claims.length === 0) break
    for (const claim of claims) await sendOne(claim, mailer, now, counts)
  }
  return counts
}

async function sendOne(claim: ClaimedNotification, mailer: Mailer, now: () => Date, counts: SendCounts): Promise<void> {
  try {
    if (!claim.email) throw new Error('the customer has no email address')
    const message = renderMessage({ kind: claim.kind, payload: claim.payload, billingUrl: `${env.APP_URL}/billing` })
    await mailer.deliver({ to: claim.email, ...message })
  } catch (error) {
    const outcome = await asService((tx) => markFailed(tx, claim, error, now()))
    logger.warn({ notificationId: claim.id, kind: claim.kind, attempt: claim.attempts, outcome, err: error }, 'notification not delivered')
    if (outcome === 'retry') counts.retrying += 1
    else if (outcome === 'failed') counts.failed += 1
    else counts.lostClaims += 1
    return
  }
  if (await asService((tx) => markSent(tx, claim, now()))) counts.sent += 1
  else counts.lostClaims += 1
}
