import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ABANDONED_AFTER_MS } from '@/lib/admin/action-requests'
import { creditCustomer, previewCredit } from '@/lib/admin/credit'
import { previewRefund, refundPaidInvoice } from '@/lib/admin/refund'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { testDatabaseKind } from '@/test/database'
import { startSeededStack, type SeededStack } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'

const account = (email: string) => DEMO_ACCOUNTS.find((candidate) => candidate.email === email)!
const admin = viewerFor(account('admin@example.com'), 'admin')
const support = viewerFor(account('support@example.com'), 'support')
const alice = account('alice@example.com')
const carol = account('carol@example.com')

describe(`refunds and credits from the admin console, against the Stripe emulator, on ${testDatabaseKind}`, () => {
  let stack: SeededStack
  let invoiceId: string
  let customerId: string
  const auditOf = async (action: string) =>
    (await stack.db.query<{ before: unknown; after: unknown; context: Record<string, unknown>; actor_id: string }>(
      `select before, after, context, actor_id from public.billing_audit_log where action = $1 order by id`, [action])).rows
  const creditNotes = async () => (await stack.stripe.creditNotes.list({ invoice: invoiceId })).data

  beforeAll(async () => {
    stack = await startSeededStack()
    const { rows } = await stack.db.query<{ id: string; stripe_customer_id: string }>(
      `select id, stripe_customer_id from public.invoices where user_id = $1 and status = 'paid' order by stripe_created_at limit 1`, [alice.id])
    invoiceId = rows[0]!.id
    customerId = rows[0]!.stripe_customer_id
  })
  afterAll(() => stack.close())

  it('previews a refund to the cent from Stripe, all that is left by default', async () => {
    expect(await previewRefund(admin, alice.id, { invoiceId })).toMatchObject({ currency: 'usd', amountPaid: 1900, refundedBefore: 0, refundable: 1900, amount: 1900, refundableAfter: 0 })
    expect(await previewRefund(support, alice.id, { invoiceId, amount: '5.50' })).toMatchObject({ amount: 550, refundableAfter: 1350 })
  })

  it('refunds part of a paid invoice as a Stripe credit note with a refund, audited with before and after', async () => {
    const key = randomUUID()
    const result = await refundPaidInvoice(admin, alice.id, { invoiceId, amount: '5.50', reason: 'Outage on the 3rd', idempotencyKey: key })
    expect(result).toMatchObject({ amount: 550, refundedBefore: 0, refundableAfter: 1350 })
    const [note] = await creditNotes()
    expect(note).toMatchObject({ id: result.creditNoteId, amount: 550, post_payment_amount: 550, metadata: { reason: 'Outage on the 3rd' } })
    expect(note!.refunds.map((refund) => refund.amount_refunded)).toEqual([550])
    expect((await stack.stripe.invoices.retrieve(invoiceId)).post_payment_credit_notes_amount).toBe(550)
    expect(await auditOf('invoice.refunded')).toEqual([
      expect.objectContaining({ actor_id: admin.id, before: { amountPaid: 1900, refunded: 0 }, after: { amountPaid: 1900, refunded: 550 }, context: expect.objectContaining({ reason: 'Outage on the 3rd', idempotencyKey: key, creditNoteId: note!.id }) }),
    ])
  })

  it('answers the same key with the first result and refunds nothing twice, even when both requests arrive at once', async () => {
    const key = randomUUID()
    const input = { invoiceId, amount: '1.00', reason: 'Double click', idempotencyKey: key }
    const [first, second] = await Promise.all([refundPaidInvoice(admin, alice.id, input), refundPaidInvoice(admin, alice.id, input)])
    expect(second).toEqual(first)
    expect(await refundPaidInvoice(admin, alice.id, input)).toEqual(first)
    expect((await creditNotes()).map((note) => note.amount)).toEqual([100, 550])
    expect(await auditOf('invoice.refunded')).toHaveLength(2)
  })

  it('refuses more than is left, and gives the same refusal to the same key again', async () => {
    const input = { invoiceId, amount: '13.51', reason: 'Too much', idempotencyKey: randomUUID() }
    await expect(refundPaidInvoice(admin, alice.id, input)).rejects.toMatchObject({ code: 'amount_too_large', status: 422 })
    await expect(refundPaidInvoice(admin, alice.id, input)).rejects.toMatchObject({ code: 'amount_too_large', status: 422 })
    await expect(refundPaidInvoice(admin, alice.id, { ...input, amount: '1.234' })).rejects.toMatchObject({ code: 'idempotency_key_reused', status: 422 })
    expect(await creditNotes()).toHaveLength(2)
  })

  it("refuses support, and an invoice of another customer, without touching Stripe", async () => {
    await expect(refundPaidInvoice(support, alice.id, { invoiceId, amount: '1.00', reason: 'Not mine', idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
    await expect(refundPaidInvoice(admin, carol.id, { invoiceId, amount: '1.00', reason: 'Wrong customer', idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 404, code: 'not_found' })
    expect(await creditNotes()).toHaveLength(2)
  })

  it('finishes an action whose instance died after claiming its key, under the same Stripe key, once', async () => {
    const key = randomUUID()
    const params = { invoiceId, amount: '2.00', reason: 'Instance died' }
    await stack.db.query(
      `insert into public.admin_action_requests (idempotency_key, action, user_id, actor_id, params, claimed_at) values ($1, 'invoice.refunded', $2, $3, $4::jsonb, $5)`,
      [key, alice.id, admin.id, JSON.stringify(params), new Date(Date.now() - ABANDONED_AFTER_MS - 1_000)],
    )
    const result = await refundPaidInvoice(admin, alice.id, { ...params, idempotencyKey: key })
    expect(result.amount).toBe(200)
    expect(await refundPaidInvoice(admin, alice.id, { ...params, idempotencyKey: key })).toEqual(result)
    expect((await creditNotes()).map((note) => note.amount)).toEqual([200, 100, 550])
  })

  it("credits the customer's balance for their next invoice, once per key, audited with the balance before and after", async () => {
    expect(await previewCredit(admin, alice.id, { amount: '10' })).toEqual({ currency: 'usd', amount: 1000, balanceBefore: 0, balanceAfter: -1000 })
    const input = { amount: '10.00', reason: 'Goodwill after the outage', idempotencyKey: randomUUID() }
    const [first, second] = await Promise.all([creditCustomer(admin, alice.id, input), creditCustomer(admin, alice.id, input)])
    expect(second).toEqual(first)
    expect(first).toMatchObject({ amount: 1000, balanceBefore: 0, balanceAfter: -1000 })
    expect((await stack.stripe.customers.retrieve(customerId) as { balance: number }).balance).toBe(-1000)
    expect((await stack.stripe.customers.listBalanceTransactions(customerId)).data.map((transaction) => transaction.amount)).toEqual([-1000])
    expect(await auditOf('customer.credited')).toEqual([
      expect.objectContaining({ before: { balance: 0 }, after: { balance: -1000 }, context: expect.objectContaining({ reason: 'Goodwill after the outage', amount: 1000 }) }),
    ])
    await expect(creditCustomer(admin, alice.id, { ...input, amount: '10000.01', idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: 'amount_too_large' })
    await expect(creditCustomer(support, alice.id, { ...input, idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 404 })
  })
})
