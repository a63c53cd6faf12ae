import { z } from 'zod'

const DAY_MS = 86_400_000
export const DEFAULT_RANGE_DAYS = 90
export const MAX_RANGE_DAYS = 366

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-26.').refine((value) => !Number.isNaN(Date.parse(value)), 'Not a date.')

export interface GraceRange {
  /** First day, inclusive (UTC). */
  from: string
  /** Last day, inclusive (UTC). */
  to: string
}

const toDay = (date: Date) => date.toISOString().slice(0, 10)

/** The range from the URL; absent or invalid parts fall back to the last 90 days up to today. */
export function parseGraceRange(input: Record<string, unknown>, today: Date): GraceRange {
  const to = isoDay.safeParse(input.to).success ? (input.to as string) : toDay(today)
  const fallbackFrom = toDay(new Date(Date.parse(to) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS))
  let from = isoDay.safeParse(input.from).success ? (input.from as string) : fallbackFrom
  if (from > to) from = to
  const span = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1
  if (span > MAX_RANGE_DAYS) from = toDay(new Date(Date.parse(to) - (MAX_RANGE_DAYS - 1) * DAY_MS))
  return { from, to }
}
