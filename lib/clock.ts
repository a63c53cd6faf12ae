/**
 * The one source of "now" for time-dependent rules. Callers pass the value into SQL as a parameter, so a
 * test (or the demo clock) can move time without touching the rules.
 */
export function now(): Date {
  return new Date()
}

export function toUnixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}

export function fromUnixSeconds(seconds: number): Date {
  return new Date(seconds * 1000)
}
