import type Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_SESSION_COOKIE } from '@/lib/auth/demo-token'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import type { RunningEmulator } from '@/stripe-emulator/src/server'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { startTestEmulator } from '@/test/emulator'
import { ALICE, BOB } from '@/test/fixtures'

// The signed-in customer's cookies, as Next.js hands them to a route handler.
const jar = new Map<string, string>()
vi.mock('next/headers', () => ({ cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }) }))
// Test files share a worker: load the app afresh so its session reading sees the cookies above.
vi.resetModules()
const { startDemoSession } = await import('@/lib/auth/demo-sessions')
const details = await import('@/app/api/billing/details/route')
const taxIds = await import('@/app/api/billing/tax-ids/route')
const taxId = await import('@/app/api/billing/tax-ids/[id]/route')

const ORIGIN = 'http://localhost'
const json = (method: string, body: unknown, origin: string | null = ORIGIN) =>
  new Request(`${ORIGIN}/api/billing/details`, { method, body: JSON.stringify(body), headers: { host: 'localhost', 'content-type': 'application/json', ...(origin ? { origin } : {}) } })
const patch = (body: unknown, origin?: string | null) => details.PATCH(json('PATCH', body, origin))
const addTaxId = (body: unknown) => taxIds.POST(json('POST', body))
const removeTaxId = (id: string) => taxId.DELETE(json('DELETE', {}), { params: Promise.resolve({ id }) })
const getDetails = async () => (await details.GET()).json()
const signInAs = async (user: { id: string; email: string }) => jar.set(DEMO_SESSION_COOKIE, await startDemoSession({ id: user.id, email: user.email, appMetadata: {} }))

const ADDRESS = { line1: '12 Rue de Rivoli', line2: '', city: 'Paris', state: '', postalCode: '75004', country: 'fr' }

describe(`the billing details routes, on ${testDatabaseKind}`, () => {
  let db: Database
  let emulator: RunningEmulator
  let stripe: Stripe
  const customers: Record<string, string> = {}
  const auditRows = async (action: string) =>
    (await db.query<{ user_id: string; subject_id: string; before: unknown; after: unknown }>(
      `select user_id, subject_id, before, after from public.billing_audit_log where action = $1 order by id`, [action])).rows

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    ;({ emulator, stripe } = await startTestEmulator())
    for (const user of [ALICE, BOB]) {
      customers[user.id] = (await stripe.customers.create({ email: user.email, name: 'Before Name' })).id
      await db.query(`insert into auth.users (id, email) values ($1, $2)`, [user.id, user.email])
      await db.query(`insert into public.customers (user_id, stripe_customer_id, email) values ($1, $2, $3)`, [user.id, customers[user.id], user.email])
    }
  })
  afterAll(async () => {
    await emulator.close()
    await db.close()
  })
  beforeEach(() => jar.clear())

  it('answers 401 to a caller who is not signed in, and refuses a change from another origin', async () => {
    expect((await details.GET()).status).toBe(401)
    await signInAs(ALICE)
    const foreign = await patch({ name: 'Mallory' }, 'https://evil.example')
    expect(foreign.status).toBe(403)
    expect(await foreign.json()).toMatchObject({ error: { code: 'cross_origin_refused' } })
    expect((await stripe.customers.retrieve(customers[ALICE.id]!) as Stripe.Customer).name).toBe('Before Name')
  })

  it('changes name, billing email and address on the Stripe customer, audited with before and after', async () => {
    await signInAs(ALICE)
    const response = await patch({ name: 'Alice SARL', email: 'accounts@alice.example', address: ADDRESS })
    expect(response.status).toBe(200)
    const address = { line1: '12 Rue de Rivoli', line2: null, city: 'Paris', state: null, postalCode: '75004', country: 'FR' }
    expect((await response.json()).details).toEqual({ name: 'Alice SARL', email: 'accounts@alice.example', address, taxIds: [] })
    const inStripe = (await stripe.customers.retrieve(customers[ALICE.id]!)) as Stripe.Customer
    expect(inStripe.address).toEqual({ line1: '12 Rue de Rivoli', line2: null, city: 'Paris', state: null, postal_code: '75004', country: 'FR' })
    expect((await getDetails()).details).toMatchObject({ name: 'Alice SARL', address })
    expect(await auditRows('billing_details.updated')).toEqual([{
      user_id: ALICE.id, subject_id: customers[ALICE.id],
      before: { name: 'Before Name', email: ALICE.email, address: null },
      after: { name: 'Alice SARL', email: 'accounts@alice.example', address },
    }])
    // Only the fields sent change; sending what is already there writes nothing.
    expect((await (await patch({ name: 'Alice SARL' })).json()).details).toMatchObject({ email: 'accounts@alice.example', address })
    expect(await auditRows('billing_details.updated')).toHaveLength(1)
  })

  it('refuses invalid details field by field with 422, changing nothing', async () => {
    await signInAs(ALICE)
    const response = await patch({ email: 'not-an-email', address: { ...ADDRESS, line1: '', country: 'France' } })
    expect(response.status).toBe(422)
    const { error } = await response.json()
    expect(error.code).toBe('invalid_request')
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['address.country', 'address.line1', 'email'])
    expect((await getDetails()).details.email).toBe('accounts@alice.example')
  })

  it('adds a VAT number, refuses a malformed one with Stripe’s tax_id_invalid and a duplicate, and removes it; each change audited', async () => {
    await signInAs(ALICE)
    const bad = await addTaxId({ type: 'eu_vat', value: 'FR123' })
    expect(bad.status).toBe(422)
    expect(await bad.json()).toEqual({ error: { code: 'tax_id_invalid', message: 'This is not a valid EU VAT number. It should look like DE123456789.' } })
    expect((await addTaxId({ type: 'xx_tin', value: '1' })).status).toBe(422)

    const added = await addTaxId({ type: 'eu_vat', value: 'FR 12 345678901' })
    expect(added.status).toBe(201)
    const { taxId: vat } = await added.json()
    expect(vat).toMatchObject({ type: 'eu_vat', value: 'FR12345678901', country: 'FR', verification: 'pending' })
    expect((await addTaxId({ type: 'eu_vat', value: 'fr12345678901' })).status).toBe(409)
    expect((await getDetails()).details.taxIds).toEqual([vat])

    // Stripe prints them on the invoices finalized from now on.
    await stripe.invoiceItems.create({ customer: customers[ALICE.id]!, amount: 1000, currency: 'eur' })
    const invoice = await stripe.invoices.finalizeInvoice((await stripe.invoices.create({ customer: customers[ALICE.id]!, pending_invoice_items_behavior: 'include' })).id)
    expect(invoice).toMatchObject({ customer_name: 'Alice SARL', customer_tax_ids: [{ type: 'eu_vat', value: 'FR12345678901' }], customer_address: expect.objectContaining({ city: 'Paris' }) })

    const removed = await removeTaxId(vat.id)
    expect(removed.status).toBe(200)
    expect((await getDetails()).details.taxIds).toEqual([])
    expect((await auditRows('billing_details.tax_id_added')).map((row) => row.after)).toEqual([vat])
    expect((await auditRows('billing_details.tax_id_removed')).map((row) => row.before)).toEqual([vat])
  })

  it('lets a customer read and change only their own details and tax IDs', async () => {
    const bobs = await stripe.customers.createTaxId(customers[BOB.id]!, { type: 'gb_vat', value: 'GB123456789' })
    await signInAs(ALICE)
    const response = await removeTaxId(bobs.id)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
    expect((await stripe.customers.listTaxIds(customers[BOB.id]!)).data.map((entry) => entry.id)).toEqual([bobs.id])
    expect((await getDetails()).details.name).toBe('Alice SARL')
    await signInAs(BOB)
    expect((await getDetails()).details).toMatchObject({ name: 'Before Name', email: BOB.email, taxIds: [expect.objectContaining({ id: bobs.id })] })
  })

  it('asks a signed-in user without a Stripe customer to choose a plan first', async () => {
    const carol = { id: '44444444-4444-4444-8444-444444444444', email: 'carol@test.example' }
    await db.query(`insert into auth.users (id, email) values ($1, $2)`, [carol.id, carol.email])
    await signInAs(carol)
    expect(await getDetails()).toEqual({ details: null })
    const response = await patch({ name: 'Carol' })
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ error: { code: 'no_customer' } })
  })
})
