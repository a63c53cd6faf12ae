import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_SESSION_COOKIE } from '@/lib/auth/demo-token'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { seedDemo } from '@/lib/demo/seed'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { startTestEmulator } from '@/test/emulator'
import type { RunningEmulator } from '@/stripe-emulator/src/server'

// The signed-in customer's cookies, as Next.js hands them to a route handler.
const jar = new Map<string, string>()
vi.mock('next/headers', () => ({ cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }) }))
// Test files share a worker: load the app afresh so its session reading sees the cookies above.
vi.resetModules()
const { startDemoSession } = await import('@/lib/auth/demo-sessions')
const preview = (await import('@/app/api/billing/preview/route')).POST
const seats = (await import('@/app/api/billing/seats/preview/route')).POST
const checkoutPreview = (await import('@/app/api/billing/checkout/preview/route')).POST
const checkout = (await import('@/app/api/billing/checkout/route')).POST

const ORIGIN = 'http://localhost:3000'
const call = (route: (request: Request) => Promise<Response>, path: string, body: unknown, origin = ORIGIN) =>
  route(new Request(`${ORIGIN}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin, host: 'localhost:3000' } }))
const account = (email: string) => DEMO_ACCOUNTS.find((candidate) => candidate.email === email)!
const signIn = async (email: string) => {
  const { id } = account(email)
  jar.set(DEMO_SESSION_COOKIE, await startDemoSession({ id, email, appMetadata: {} }))
}

describe(`the billing routes for promotion codes and seats, on ${testDatabaseKind}`, () => {
  let db: Database
  let emulator: RunningEmulator
  let prices: Record<string, string>

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    const started = await startTestEmulator()
    emulator = started.emulator
    await seedDemo(started.stripe)
    const { rows } = await db.query<{ name: string; id: string }>(
      `select p.name, pr.id from public.prices pr join public.products p on p.id = pr.product_id where pr.recurring_interval = 'month'`,
    )
    prices = Object.fromEntries(rows.map((row) => [row.name, row.id]))
  })
  afterAll(async () => {
    await emulator.close()
    await db.close()
  })
  beforeEach(() => jar.clear())

  it('answers 401 signed out and 403 from another origin, before reading anything', async () => {
    expect((await call(seats, '/api/billing/seats/preview', { quantity: 4 })).status).toBe(401)
    await signIn('tess@example.com')
    expect((await call(seats, '/api/billing/seats/preview', { quantity: 4 }, 'https://evil.example')).status).toBe(403)
    expect((await call(checkoutPreview, '/api/billing/checkout/preview', { priceId: prices.Pro, promotionCode: 'X' }, 'https://evil.example')).status).toBe(403)
  })

  it('refuses malformed input with 422 and the field at fault', async () => {
    await signIn('paula@example.com')
    const badCode = await call(preview, '/api/billing/preview', { priceId: prices.Pro, promotionCode: 'NOT A CODE!' })
    expect(badCode.status).toBe(422)
    expect(await badCode.json()).toMatchObject({ error: { code: 'invalid_request', issues: [{ path: 'promotionCode' }] } })
    for (const quantity of [0, 2.5, 501, '3']) {
      const response = await call(seats, '/api/billing/seats/preview', { quantity })
      expect(response.status, String(quantity)).toBe(422)
    }
    expect((await call(checkoutPreview, '/api/billing/checkout/preview', { priceId: prices.Pro })).status).toBe(422)
  })

  it('says why a code is refused, in the same shape everywhere', async () => {
    await signIn('paula@example.com')
    const unknown = await call(preview, '/api/billing/preview', { priceId: prices.Pro, promotionCode: 'NOSUCH' })
    expect(unknown.status).toBe(422)
    expect(await unknown.json()).toEqual({ error: { code: 'promotion_code_unknown', message: 'There is no promotion code NOSUCH. Check the spelling.' } })
    const usedUp = await call(preview, '/api/billing/preview', { priceId: prices.Pro, promotionCode: 'FIRSTMONTH' })
    expect((await usedUp.json()).error.code).toBe('promotion_code_used_up')
    await signIn('nina@example.com')
    const otherPlan = await call(checkout, '/api/billing/checkout', { priceId: prices.Pro, promotionCode: 'STARTER15' })
    expect(otherPlan.status).toBe(422)
    expect((await otherPlan.json()).error).toEqual({ code: 'promotion_code_not_for_plan', message: 'The code STARTER15 does not apply to the Pro plan.' })
    const priced = await call(checkoutPreview, '/api/billing/checkout/preview', { priceId: prices.Pro, promotionCode: 'LAUNCH20' })
    expect(priced.status).toBe(200)
    expect(await priced.json()).toMatchObject({ preview: { subtotal: 7900, amountDue: 6320, discount: 1580 }, promotionCode: { code: 'LAUNCH20' } })
  })

  it('refuses seats on a plan not priced per seat, and fewer seats than are in use, with 409', async () => {
    await signIn('paula@example.com')
    expect(await (await call(seats, '/api/billing/seats/preview', { quantity: 2 })).json()).toMatchObject({ error: { code: 'not_per_seat' } })
    await signIn('tess@example.com')
    const fewer = await call(seats, '/api/billing/seats/preview', { quantity: 1 })
    expect(fewer.status).toBe(409)
    expect(await fewer.json()).toEqual({ error: { code: 'seats_in_use', message: '3 seats are in use; remove 2 before going down to 1.' } })
    const more = await call(seats, '/api/billing/seats/preview', { quantity: 4 })
    expect(more.status).toBe(200)
    expect(await more.json()).toMatchObject({ fromQuantity: 3, toQuantity: 4, quoteId: expect.any(String) })
  })
})
