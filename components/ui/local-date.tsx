'use client'

/** A date in the viewer's own locale and time zone (the server cannot know either). */
export function LocalDate({ value, withTime = false }: { value: string | Date; withTime?: boolean }) {
  const date = new Date(value)
  const text = withTime ? date.toLocaleString() : date.toLocaleDateString()
  return (
    <time dateTime={date.toISOString()} suppressHydrationWarning>
      {text}
    </time>
  )
}
