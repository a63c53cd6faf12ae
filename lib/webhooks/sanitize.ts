/** U+0000 is valid JSON but PostgreSQL's jsonb and text refuse it; U+FFFD marks where it was. */
const NUL = '\u0000'
const REPLACEMENT = '\uFFFD'

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value
  if (Array.isArray(value)) return value.map(clean)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [clean(key) as string, clean(entry)]))
  }
  return value
}

/** The event as PostgreSQL can store it, and whether anything had to be replaced. */
export function storableEvent<T>(event: T, rawBody: string): { event: T; replaced: boolean } {
  // A NUL can only appear in the body as the escape \u0000, so bodies without one skip the walk.
  if (!/\\u0000/i.test(rawBody)) return { event, replaced: false }
  return { event: clean(event) as T, replaced: true }
}
