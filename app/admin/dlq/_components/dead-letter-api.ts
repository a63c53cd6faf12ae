import type { Json } from '@/lib/http/json'
import type { ReplayResult } from '@/lib/webhooks/dead-letters'
import type { DeadEventPage } from '@/lib/webhooks/queries'

/** What the dead-letter API answers: a page of the queue, and the outcome of each replayed event. */
export type DeadEventPageJson = Json<DeadEventPage>
export type DeadEventJson = DeadEventPageJson['events'][number]
export interface ReplayResultJson {
  results: Json<ReplayResult>[]
}

/** The list's address in the admin API, for a type and a cursor. */
export function deadEventsUrl(type: string | undefined, after: string | undefined): string {
  const params = new URLSearchParams()
  if (type) params.set('type', type)
  if (after) params.set('after', after)
  const query = params.toString()
  return `/api/admin/webhooks/dead${query ? `?${query}` : ''}`
}

/** "3 processed, 1 failed (back on the retry schedule)" */
export function summariseReplay(results: ReplayResultJson['results']): string {
  if (results.length === 0) return 'Nothing was replayed: those events are no longer in the queue.'
  const counts = new Map<string, number>()
  for (const { outcome } of results) counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
  const parts = [...counts].map(([outcome, count]) => `${count} ${outcome === 'not_dead' ? 'no longer dead' : outcome}`)
  const advice = counts.has('failed') ? ' Failed events are back on the retry schedule; see their error on the Webhooks page.' : ''
  return `Replayed ${results.length === 1 ? results[0]!.eventId : `${results.length} events`}: ${parts.join(', ')}.${advice}`
}
