'use client'

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import Link from 'next/link'
import { useState } from 'react'
import { adminFetch } from '@/components/admin/admin-fetch'
import { Button } from '@/components/ui/button'
import { DeadEventRow } from './dead-event-row'
import { deadEventsUrl, summariseReplay, type DeadEventPageJson, type ReplayResultJson } from './dead-letter-api'

interface Props {
  type?: string
  after?: string
  initialPage: DeadEventPageJson
  /** False for the read-only support role: the queue shows, no replay or discard control does. */
  canAct: boolean
}

type Message = { tone: 'ok' | 'error'; text: string }

/** The dead-letter queue; replays and discards refresh the list in place, without a reload. */
export function DeadLetterQueue({ type, after, initialPage, canAct }: Props) {
  const queryClient = useQueryClient()
  const { data, isFetching, error } = useQuery({
    queryKey: ['dead-events', type ?? null, after ?? null],
    queryFn: () => adminFetch<DeadEventPageJson>(deadEventsUrl(type, after)),
    initialData: initialPage,
  })
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [busyIds, setBusyIds] = useState<Set<string>>(new Set())
  const [message, setMessage] = useState<Message | null>(null)

  const settle = async (ids: string[], text: string, tone: Message['tone']) => {
    setMessage({ tone, text })
    setBusyIds((current) => new Set([...current].filter((id) => !ids.includes(id))))
    setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))))
    await queryClient.invalidateQueries({ queryKey: ['dead-events'] })
  }
  const replay = useMutation({
    mutationFn: (selection: { ids: string[] } | { type: string }) => adminFetch<ReplayResultJson>('/api/admin/webhooks/replay', { method: 'POST', body: selection }),
    onMutate: (selection) => setBusyIds(new Set('ids' in selection ? selection.ids : (data?.events ?? []).map((event) => event.id))),
    onSuccess: (result, selection) => settle('ids' in selection ? selection.ids : [...busyIds], summariseReplay(result.results), result.results.some((r) => r.outcome === 'failed') ? 'error' : 'ok'),
    onError: (failure, selection) => settle('ids' in selection ? selection.ids : [...busyIds], `Replay failed: ${failure.message}`, 'error'),
  })
  const discard = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => adminFetch(`/api/admin/webhooks/${encodeURIComponent(id)}/discard`, { method: 'POST', body: { reason } }),
    onMutate: ({ id }) => setBusyIds((current) => new Set([...current, id])),
    onSuccess: (_result, { id }) => settle([id], `Discarded ${id}; the reason is on the audit log.`, 'ok'),
    onError: (failure, { id }) => settle([id], `Could not discard ${id}: ${failure.message}`, 'error'),
  })

  const events = data?.events ?? []
  const busy = replay.isPending || discard.isPending
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        {canAct && (
        <Button onClick={() => replay.mutate({ ids: [...selected] })} disabled={busy || selected.size === 0}>
          {replay.isPending ? 'Replaying…' : `Replay selected (${selected.size})`}
        </Button>
        )}
        {canAct && type && (
          <Button variant="secondary" onClick={() => replay.mutate({ type })} disabled={busy || events.length === 0}>
            Replay all {type}
          </Button>
        )}
        {isFetching && <span className="text-sm text-slate-500">Refreshing…</span>}
      </div>
      <p role="status" aria-live="polite" className={message ? `rounded-lg p-3 text-sm ${message.tone === 'ok' ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}` : 'sr-only'}>
        {message?.text ?? ''}
      </p>
      {error && <p role="alert" className="text-sm text-red-700">{error.message}</p>}
      {events.length === 0 ? (
        <p className="text-slate-600">The dead-letter queue is empty{type ? ` for ${type}` : ''}: every event was processed or discarded.</p>
      ) : (
        <ul aria-label="Dead events">
          {events.map((event) => (
            <DeadEventRow
              key={event.id}
              event={event}
              canAct={canAct}
              selected={selected.has(event.id)}
              busy={busyIds.has(event.id)}
              onSelect={(on) => setSelected((current) => (on ? new Set([...current, event.id]) : new Set([...current].filter((id) => id !== event.id))))}
              onReplay={() => replay.mutate({ ids: [event.id] })}
              onDiscard={(reason) => discard.mutate({ id: event.id, reason })}
            />
          ))}
        </ul>
      )}
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {after && <Link href={`/admin/dlq${type ? `?type=${encodeURIComponent(type)}` : ''}`} className="text-indigo-700 hover:underline">Newest</Link>}
        {data?.nextCursor && (
          <Link href={`/admin/dlq?${new URLSearchParams({ ...(type ? { type } : {}), after: data.nextCursor })}`} className="text-indigo-700 hover:underline">
            Older events
          </Link>
        )}
      </nav>
    </div>
  )
}
