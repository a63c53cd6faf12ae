import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listInvoicePage } from '@/lib/billing/invoices'
import { getCurrentSubscription } from '@/lib/billing/queries'
import { startSeededStack, type SeededStack } from '@/test/emulator'
import { DEMO_ACCOUNTS } from './catalogue'
import { seedDemoClockAccounts } from './seed'
import { advanceDemoTestClocks } from './test-clocks'

const DAY = 86_400
const dave = DEMO_ACCOUNTS.find((account) => account.email === 'dave@example.com')!
const gina = DEMO_ACCOUNTS.find((account) => account.email === 'gina@example.com')!

describe('demo customers on test clocks', () => {
  let stack: SeededStack
  beforeAll(async () => {
    stack = await startSeededStack()
    await seedDemoClockAccounts(stack.stripe)
    await stack.deliverEvents()
  }, 120_000)
  afterAll(() => stack.close())

  it('seeds a year of paid invoices and a renewal due within days, with a card that will decline it', async () => {
    const invoices = await listInvoicePage(stack.db, dave.id, { limit: 100 })
    expect(invoices.invoices).toHaveLength(13)
    expect(new Set(invoices.invoices.map((invoice) => invoice.status))).toEqual(new Set(['paid']))
    const subscription = await getCurrentSubscription(stack.db, dave.id)
    const daysToRenewal = (subscription!.currentPeriodEnd!.getTime() - Date.now()) / (DAY * 1000)
    expect(daysToRenewal).toBeGreaterThan(3)
    expect(daysToRenewal).toBeLessThan(6)
  })

  it('seeds a customer whose renewal declined two days ago in an open grace period, past due, with five days left', async () => {
    expect((await getCurrentSubscription(stack.db, gina.id))?.status).toBe('past_due')
    const [newest] = (await listInvoicePage(stack.db, gina.id, { limit: 1 })).invoices
    expect(newest).toMatchObject({ status: 'open', amountPaid: 0, amountDue: 7900 })
    const { rows } = await stack.db.query<{ status: string; invoice_id: string; ends_at: Date }>(
      `select status, invoice_id, ends_at from public.grace_periods where user_id = $1`,
      [gina.id],
    )
    expect(rows).toEqual([{ status: 'open', invoice_id: newest!.id, ends_at: expect.any(Date) }])
    expect((rows[0]!.ends_at.getTime() - Date.now()) / (DAY * 1000)).toBeCloseTo(5, 0)
  })

  it('moves only the demo clocks, and the renewal in between declines', async () => {
    const other = await stack.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000), name: 'someone else' })
    const target = Math.floor(Date.now() / 1000) + 8 * DAY
    expect(await advanceDemoTestClocks(target, stack.stripe)).toBe(3)
    expect((await stack.stripe.testHelpers.testClocks.retrieve(other.id)).frozen_time).toBe(other.frozen_time)
    await stack.deliverEvents()
    const [newest] = (await listInvoicePage(stack.db, dave.id, { limit: 1 })).invoices
    expect(newest).toMatchObject({ status: 'open', amountPaid: 0 })
    expect(await advanceDemoTestClocks(target, stack.stripe)).toBe(0)
  })
})
