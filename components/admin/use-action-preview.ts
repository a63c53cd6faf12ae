'use client'

import { useEffect, useState } from 'react'
import { adminFetch } from './admin-fetch'

export type PreviewState<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string }

type Answer<T> = { request: string; preview: PreviewState<T> }

/**
 * Asks the server what an action would do at `url`: again (after a pause in typing) whenever the URL changes,
 * and at each `opening` of its dialog, so the figures are never stale; a null URL (dialog never opened) asks nothing.
 */
export function useActionPreview<T>(url: string | null, opening: number): PreviewState<T> {
  const request = `${opening} ${url}`
  const [answer, setAnswer] = useState<Answer<T> | null>(null)
  useEffect(() => {
    if (!url) return
    let current = true
    const timer = setTimeout(() => {
      adminFetch<T>(url).then(
        (value) => current && setAnswer({ request, preview: { state: 'ready', value } }),
        (error: Error) => current && setAnswer({ request, preview: { state: 'error', message: error.message } }),
      )
    }, 250)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [url, request])
  // An answer to an earlier amount or opening is never shown as the current one.
  return answer?.request === request ? answer.preview : { state: 'loading' }
}
