import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyInvoiceAction, previewInvoiceAction } from '@/lib/admin/invoice-actions'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { testDatabaseKind } from '@/test/database'
import { listEventsOldestFirst, startSeededStack, type SeededStack } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'

const account = (email: string) => DEMO_ACCOUNTS.find((candidate) => candidate.email === email)!
const admin = viewerFor(account('admin@example.com'), 'admin')
const support = viewerFor(account('support@example.com'), 'support')
const alice = account('alice@example.com')
const bob = account('bob@example.com')

describe(`retry, void and mark uncollectible from the admin console, against the Stripe emulator, on ${testDatabaseKind}`, () => {
  let stack: SeededStack
  const customerOf = async (userId: string) =>
    (await stack.db.query<{ stripe_customer_id: string }>(`select stripe_customer_id from public.customers where user_id = $1`, [userId])).rows[0]!.stripe_customer_id
  /** An open invoice of 15.00 for one-off work, finalized and waiting for payment. */
  async function openInvoice(userId: string): Promise<string> {
    const customer = await customerOf(userId)
    await stack.stripe.invoiceItems.create({ customer, amount: 1500, currency: 'usd', description: 'Onboarding call' })
    const draft = await stack.stripe.invoices.create({ customer, auto_advance: false, pending_invoice_items_behavior: 'include' })
    return (await stack.stripe.invoices.finalizeInvoice(draft.id, { auto_advance: false })).id
  }
  const auditOf = async (invoiceId: string) =>
    (await stack.db.query<{ action: string; actor_type: string; before: unknown; after: unknown; context: Record<string, unknown> }>(
      `select action, actor_type, before, after, context from public.billing_audit_log where subject_id = $1 and actor_type = 'admin' order by id`, [invoiceId])).rows

  beforeAll(async () => {
    stack = await startSeededStack()
  })
  afterAll(() => stack.close())

  it('retries payment of an open invoice on the card on file, once however often the confirmation is sent', async () => {
    const invoiceId = await openInvoice(alice.id)
    const preview = await previewInvoiceAction(support, alice.id, { invoiceId, action: 'pay' })
    expect(preview).toMatchObject({ status: 'open', amountRemaining: 1500, card: { last4: '4242' } })
    const input = { invoiceId, action: 'pay' as const, reason: 'Customer asked us to charge now', idempotencyKey: randomUUID() }
    const [first, second] = await Promise.all([applyInvoiceAction(admin, alice.id, input), applyInvoiceAction(admin, alice.id, input)])
    expect(second).toEqual(first)
    expect(first).toMatchObject({ outcome: 'paid', statusAfter: 'paid' })
    const invoice = await stack.stripe.invoices.retrieve(invoiceId)
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 1500, attempt_count: 1 })
    expect(await auditOf(invoiceId)).toEqual([
      expect.objectContaining({ action: 'invoice.payment_retried', before: { status: 'open', amountRemaining: 1500, attemptCount: 0 }, after: { status: 'paid', amountRemaining: 0, attemptCount: 1 } }),
    ])
    await expect(applyInvoiceAction(admin, alice.id, { ...input, idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: 'invoice_state', status: 409 })
  })

  it('records a declined retry as what happened, leaving the invoice open', async () => {
    const invoiceId = await openInvoice(bob.id)
    const result = await applyInvoiceAction(admin, bob.id, { invoiceId, action: 'pay', reason: 'Card updated, they say', idempotencyKey: randomUUID() })
    expect(result).toMatchObject({ outcome: 'declined', statusAfter: 'open' })
    expect(result.declineMessage).toMatch(/declined/i)
    expect((await stack.stripe.invoices.retrieve(invoiceId)).attempt_count).toBe(1)
    expect((await auditOf(invoiceId))[0]).toMatchObject({ after: { status: 'open', attemptCount: 1 }, context: { outcome: 'declined' } })
  })

  it('voids an open invoice and marks another uncollectible, as Stripe does with its events', async () => {
    const since = Math.floor(Date.now() / 1000) - 5
    const toVoid = await openInvoice(bob.id)
    const bad = await openInvoice(bob.id)
    await applyInvoiceAction(admin, bob.id, { invoiceId: toVoid, action: 'void', reason: 'Issued by mistake', idempotencyKey: randomUUID() })
    const marked = await applyInvoiceAction(admin, bob.id, { invoiceId: bad, action: 'mark_uncollectible', reason: 'Written off', idempotencyKey: randomUUID() })
    expect(marked).toMatchObject({ status: 'open', statusAfter: 'uncollectible' })
    expect((await stack.stripe.invoices.retrieve(toVoid)).status).toBe('void')
    expect((await stack.stripe.invoices.retrieve(bad)).status).toBe('uncollectible')
    const events = (await listEventsOldestFirst(stack.stripe, since)).map((event) => `${event.type} ${(event.data.object as { id: string }).id}`)
    expect(events).toEqual(expect.arrayContaining([`invoice.voided ${toVoid}`, `invoice.marked_uncollectible ${bad}`]))
    await stack.deliverEvents()
    const { rows } = await stack.db.query<{ id: string; status: string }>(`select id, status from public.invoices where id = any($1) order by status`, [[toVoid, bad]])
    expect(rows).toEqual([{ id: bad, status: 'uncollectible' }, { id: toVoid, status: 'void' }])
    await expect(applyInvoiceAction(admin, bob.id, { invoiceId: toVoid, action: 'mark_uncollectible', reason: 'Too late', idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 409 })
  })

  it("refuses support, and another customer's invoice", async () => {
    const invoiceId = await openInvoice(bob.id)
    await expect(applyInvoiceAction(support, bob.id, { invoiceId, action: 'void', reason: 'Not allowed', idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
    await expect(applyInvoiceAction(admin, alice.id, { invoiceId, action: 'void', reason: 'Wrong customer', idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 404, code: 'not_found' })
    expect((await stack.stripe.invoices.retrieve(invoiceId)).status).toBe('open')
  })
})
