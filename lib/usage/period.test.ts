import { describe, expect, it } from 'vitest'
import { calendarMonth, usagePeriod } from './period'

describe('usage periods', () => {
  it('follow a paid subscription while it is current', () => {
    const current = { currentPeriodStart: new Date('2026-11-10T08:00:00Z'), currentPeriodEnd: new Date('2026-12-10T08:00:00Z'), paid: true }
    expect(usagePeriod(current, new Date('2026-11-25T00:00:00Z'))).toEqual({ start: current.currentPeriodStart, end: current.currentPeriodEnd })
  })

  it('are the calendar month on the free plan, without a subscription, or past an unrenewed period', () => {
    const month = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') }
    const at = new Date('2026-11-25T00:00:00Z')
    expect(usagePeriod(null, at)).toEqual(month)
    expect(usagePeriod({ currentPeriodStart: new Date('2026-11-10T00:00:00Z'), currentPeriodEnd: new Date('2026-12-10T00:00:00Z'), paid: false }, at)).toEqual(month)
    expect(usagePeriod({ currentPeriodStart: new Date('2026-10-10T00:00:00Z'), currentPeriodEnd: new Date('2026-11-10T00:00:00Z'), paid: true }, at)).toEqual(month)
    expect(calendarMonth(new Date('2026-12-31T23:59:59Z'))).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') })
  })
})
