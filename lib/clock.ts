/**
 * The one source of "now" for time-dependent rules. Callers pass the value into SQL as a parameter, so a
 * test (or the demo clock) can move time without touching the rules.
 */
const slot = globalThis as typeof globalThis & { __billingClockOffsetMs?: number }

export function now(): Date {
  return new Date(Date.now() + (slot.__billingClockOffsetMs ?? 0))
}

/** Real time, which the demo clock never moves: how long a person's sign-in lasts is not a billing rule. */
export function wallNow(): Date {
  return new Date()
}

/** How far the demo clock runs ahead of real time; 0 outside demo mode (lib/demo/clock.ts sets it). */
export function clockOffsetMs(): number {
  return slot.__billingClockOffsetMs ?? 0
}

export function setClockOffset(offsetMs: number): void {
  slot.__billingClockOffsetMs = offsetMs
}

export function toUnixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}

export function fromUnixSeconds(seconds: number): Date {
  return new Date(seconds * 1000)
}
