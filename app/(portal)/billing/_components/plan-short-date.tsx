'use client'

/** "12 Dec" in the viewer's locale and time zone. */
export function ShortDate({ value }: { value: string | Date }) {
  const date = new Date(value)
  return (
    <time dateTime={date.toISOString()} suppressHydrationWarning>
      {date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}
    </time>
  )
}
