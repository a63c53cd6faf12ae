import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoiceDisplayStatus } from '@/lib/billing/invoice-adjustments'
import { getInvoicePage } from '@/lib/billing/invoices'
import { listInvoices } from '@/lib/billing/queries'
import { setDatabase } from '@/lib/db/client'
import { asService } from '@/lib/db/transactions'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, BOB, insertUsers, viewerFor } from '@/test/fixtures'
import { chargeObject, creditNoteObject, invoicePaymentObject, refundObject } from '@/test/refund-objects'
import { eventOf, invoiceObject, signPayload } from '@/test/stripe-objects'
import { receiveWebhook } from '../receive'

const T = 1_795_000_000

describe(`refund, credit note and invoice status events on the invoice lists, on ${testDatabaseKind}`, () => {
  let db: Database
  const deliver = async (event: Stripe.Event) => {
    const body = JSON.stringify(event)
    return receiveWebhook(body, signPayload(body))
  }
  const aliceInvoice = async (id: string) => (await getInvoicePage(viewerFor(ALICE))).invoices.find((invoice) => invoice.id === id)!
  const audited = async (subjectId: string) =>
    (await db.query<{ action: string; after: unknown }>(`select action, after from public.billing_audit_log where subject_id = $1 order by id`, [subjectId])).rows

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  afterAll(() => db.close())

  it('shows a partial refund on the invoice its PaymentIntent paid, whichever of the events arrives first', async () => {
    const invoice = invoiceObject({ id: 'in_refunded', customer: ALICE.customer, subscription: 'sub_a', status: 'paid', total: 4900, created: T })
    const refund = refundObject({ id: 're_partial', customer: ALICE.customer, paymentIntent: 'pi_refunded', charge: 'ch_refunded', amount: 1234, status: 'succeeded', created: T + 100 })
    // Stripe does not order deliveries: the refund and the charge's total come before the payment that links them.
    await deliver(eventOf('refund.created', refund, T + 100))
    await deliver(eventOf('charge.refunded', chargeObject({ id: 'ch_refunded', customer: ALICE.customer, paymentIntent: 'pi_refunded', amount: 4900, amountRefunded: 1234, created: T }), T + 100))
    await deliver(eventOf('invoice.paid', invoice, T))
    expect((await aliceInvoice('in_refunded')).refunded).toBe(0)
    await deliver(eventOf('invoice_payment.paid', invoicePaymentObject({ id: 'inpay_1', invoice: 'in_refunded', paymentIntent: 'pi_refunded', amount: 4900, created: T }), T))
    expect(await aliceInvoice('in_refunded')).toMatchObject({ status: 'paid', total: 4900, refunded: 1234, creditNotes: [] })
    expect((await audited('re_partial')).map((row) => row.action)).toEqual(['refund.created'])
    expect(await audited('ch_refunded')).toEqual([{ action: 'charge.refunded', after: { amountRefunded: 1234 } }])
  })

  it('counts a refund once whether told by the charge, the refund or both, and drops one that failed', async () => {
    const second = refundObject({ id: 're_second', customer: ALICE.customer, paymentIntent: 'pi_refunded', charge: 'ch_refunded', amount: 1000, status: 'pending', created: T + 200 })
    await deliver(eventOf('refund.created', second, T + 200))
    expect((await aliceInvoice('in_refunded')).refunded).toBe(2234)
    await deliver(eventOf('refund.failed', { ...second, status: 'failed' } as Stripe.Refund, T + 300))
    // A late delivery of the pending state does not bring a failed refund back.
    await deliver(eventOf('refund.updated', second, T + 250))
    expect((await aliceInvoice('in_refunded')).refunded).toBe(1234)
    expect((await db.query(`select status from public.refunds where id = 're_second'`)).rows).toEqual([{ status: 'failed' }])
    // An older charge.refunded never lowers the charge's total.
    await deliver(eventOf('charge.refunded', chargeObject({ id: 'ch_refunded', customer: ALICE.customer, paymentIntent: 'pi_refunded', amount: 4900, amountRefunded: 500, created: T }), T + 50))
    expect((await aliceInvoice('in_refunded')).refunded).toBe(1234)
  })

  it('lists credit notes under their invoice, marks a voided one void, and calls a fully refunded invoice refunded', async () => {
    const invoice = invoiceObject({ id: 'in_credited', customer: ALICE.customer, subscription: 'sub_a', status: 'paid', total: 1900, created: T + 10 })
    await deliver(eventOf('invoice.paid', invoice, T + 10))
    const note = creditNoteObject({ id: 'cn_goodwill', customer: ALICE.customer, invoice: 'in_credited', number: 'INV-CN-01', total: 500, created: T + 400 })
    await deliver(eventOf('credit_note.created', note, T + 400))
    expect((await aliceInvoice('in_credited')).creditNotes).toEqual([{ id: 'cn_goodwill', number: 'INV-CN-01', status: 'issued', total: 500 }])
    await deliver(eventOf('credit_note.voided', { ...note, status: 'void', voided_at: T + 500 } as Stripe.CreditNote, T + 500))
    await deliver(eventOf('credit_note.created', note, T + 400))
    expect((await aliceInvoice('in_credited')).creditNotes).toEqual([expect.objectContaining({ status: 'void' })])
    expect((await audited('cn_goodwill')).map((row) => row.action)).toEqual(['credit_note.created', 'credit_note.voided'])

    const refundNote = creditNoteObject({ id: 'cn_refund', customer: ALICE.customer, invoice: 'in_credited', number: 'INV-CN-02', total: 1900, refund: 1900, created: T + 600 })
    await deliver(eventOf('credit_note.created', refundNote, T + 600))
    await deliver(eventOf('invoice_payment.paid', invoicePaymentObject({ id: 'inpay_2', invoice: 'in_credited', paymentIntent: 'pi_credited', amount: 1900, created: T + 10 }), T + 10))
    await deliver(eventOf('refund.created', refundObject({ id: 're_of_cn_refund', customer: ALICE.customer, paymentIntent: 'pi_credited', charge: 'ch_credited', amount: 1900, status: 'succeeded', created: T + 600 }), T + 600))
    expect(await aliceInvoice('in_credited')).toMatchObject({ refunded: 1900, creditNotes: [expect.objectContaining({ number: 'INV-CN-01' }), expect.objectContaining({ number: 'INV-CN-02', status: 'issued', total: 1900 })] })
    expect(invoiceDisplayStatus(await aliceInvoice('in_credited'))).toBe('refunded')
    expect(invoiceDisplayStatus(await aliceInvoice('in_refunded'))).toBe('paid')
    expect((await db.query(`select refund_amount, credit_amount from public.credit_notes where id = 'cn_refund'`)).rows).toEqual([{ refund_amount: 1900, credit_amount: 0 }])
  })

  it('shows an invoice voided or marked uncollectible with that status', async () => {
    const open = invoiceObject({ id: 'in_voided', customer: ALICE.customer, subscription: 'sub_a', status: 'open', total: 1900, created: T + 20 })
    await deliver(eventOf('invoice.finalized', open, T + 20))
    await deliver(eventOf('invoice.voided', { ...open, status: 'void' } as Stripe.Invoice, T + 30))
    const unpaid = invoiceObject({ id: 'in_uncollectible', customer: ALICE.customer, subscription: 'sub_a', status: 'open', total: 1900, created: T + 21 })
    await deliver(eventOf('invoice.finalized', unpaid, T + 21))
    await deliver(eventOf('invoice.marked_uncollectible', { ...unpaid, status: 'uncollectible' } as Stripe.Invoice, T + 40))
    expect(invoiceDisplayStatus(await aliceInvoice('in_voided'))).toBe('void')
    expect(invoiceDisplayStatus(await aliceInvoice('in_uncollectible'))).toBe('uncollectible')
  })

  it('shows a customer only their own refunds and credit notes; an admin sees them on the customer page', async () => {
    const bobInvoice = invoiceObject({ id: 'in_bob', customer: BOB.customer, subscription: 'sub_b', status: 'paid', total: 900, created: T })
    await deliver(eventOf('invoice.paid', bobInvoice, T))
    await deliver(eventOf('invoice_payment.paid', invoicePaymentObject({ id: 'inpay_bob', invoice: 'in_bob', paymentIntent: 'pi_bob', amount: 900, created: T }), T))
    await deliver(eventOf('refund.created', refundObject({ id: 're_bob', customer: BOB.customer, paymentIntent: 'pi_bob', charge: 'ch_bob', amount: 900, status: 'succeeded', created: T + 1 }), T + 1))
    await deliver(eventOf('credit_note.created', creditNoteObject({ id: 'cn_bob', customer: BOB.customer, invoice: 'in_bob', number: 'BOB-CN-01', total: 100, created: T + 1 }), T + 1))
    const { asUser } = await import('@/lib/db/transactions')
    const seenByAlice = await asUser(viewerFor(ALICE).claims, async (tx) => ({
      refunds: (await tx.query(`select id from public.refunds order by id`)).rows,
      notes: (await tx.query(`select id from public.credit_notes order by id`)).rows,
      payments: (await tx.query(`select payment_intent_id from public.invoice_payments where payment_intent_id = 'pi_bob'`)).rows,
    }))
    expect(seenByAlice).toEqual({ refunds: [{ id: 're_of_cn_refund' }, { id: 're_partial' }, { id: 're_second' }], notes: [{ id: 'cn_goodwill' }, { id: 'cn_refund' }], payments: [] })
    const forAdmin = await asService((tx) => listInvoices(tx, BOB.id))
    expect(forAdmin.find((invoice) => invoice.id === 'in_bob')).toMatchObject({ refunded: 900, creditNotes: [expect.objectContaining({ number: 'BOB-CN-01' })] })
  })
})
