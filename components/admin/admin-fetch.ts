/** Calls an admin JSON route from the browser; a refusal becomes an Error carrying the route's own message. */
export async function adminFetch<T>(url: string, init?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<T> {
  const response = await fetch(url, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const body = await response.json().catch(() => null)
  if (!response.ok) throw new Error(body?.error?.message ?? `The request failed (${response.status}). Reload the page and try again.`)
  return body as T
}
