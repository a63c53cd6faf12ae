import { describe, expect, it } from 'vitest'
import { planChangeBlocker } from './change-eligibility'

describe('who may change plans', () => {
  it.each(['active', 'trialing'])('allows a %s subscription with nothing unpaid', (status) => {
    expect(planChangeBlocker(status, false)).toBeNull()
  })

  it.each([
    ['past_due', 'payment_overdue'],
    ['unpaid', 'payment_overdue'],
    ['incomplete', 'payment_incomplete'],
    ['paused', 'subscription_paused'],
    ['canceled', 'no_subscription'],
  ])('refuses a %s subscription with %s', (status, code) => {
    expect(planChangeBlocker(status, false)?.code).toBe(code)
  })

  it('refuses while an invoice is open, saying what to fix', () => {
    expect(planChangeBlocker('active', true)).toEqual({ code: 'open_invoice', message: expect.stringMatching(/Pay it or update your card/) })
  })
})
