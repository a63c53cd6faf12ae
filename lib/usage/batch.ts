import 'server-only'
import { AppError, errorBody } from '@/lib/http/errors'
import type { UsageAnswer } from './answer'
import { asService } from '@/lib/db/transactions'
import { resolveCustomerIn, type UsageCaller } from './caller'
import type { UsageEvent } from './consume'
import { consumeQuotaBatch } from './consume-batch'

export type BatchResult =
  | ({ idempotency_key: string; status: 200 } & UsageAnswer)
  | { idempotency_key: string; status: number; error: { code: string; message: string } }

/** Records a batch, customer by customer (one transaction each), answering every event in the order given. */
export async function recordUsageBatch(caller: UsageCaller, events: (Omit<UsageEvent, 'idempotencyKey'> & { idempotency_key: string; customer?: string })[]): Promise<BatchResult[]> {
  const results: BatchResult[] = new Array(events.length)
  const byCustomer = new Map<string | undefined, number[]>()
  events.forEach((event, index) => byCustomer.set(event.customer, [...(byCustomer.get(event.customer) ?? []), index]))
  for (const [customer, indexes] of byCustomer) {
    let userId: string
    try {
      userId = await asService((tx) => resolveCustomerIn(tx, caller, customer))
    } catch (error) {
      // A bad key refuses the whole request; an unknown customer refuses only their events.
      if (error instanceof AppError && error.status === 401) throw error
      const { status, body } = errorBody(error)
      for (const index of indexes) results[index] = { idempotency_key: events[index]!.idempotency_key, status, error: body.error }
      continue
    }
    const batch = indexes.map((index) => ({ metric: events[index]!.metric, quantity: events[index]!.quantity, idempotencyKey: events[index]!.idempotency_key }))
    const outcomes = await consumeQuotaBatch(userId, batch)
    outcomes.forEach((outcome, position) => {
      const index = indexes[position]!
      const key = events[index]!.idempotency_key
      results[index] = outcome.allowed
        ? { idempotency_key: key, status: 200, ...outcome.answer }
        : { idempotency_key: key, status: outcome.refusal.status, error: { code: outcome.refusal.code, message: outcome.refusal.message } }
    })
  }
  return results
}
