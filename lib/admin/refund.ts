import 'server-only'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { AppError } from '@/lib/http/errors'
import { refundInvoice, retrieveInvoice } from '@/lib/stripe/admin-actions'
import { actionConfirmation, assertAmountWithin, moneyInput, toMinorUnits } from './action-inputs'
import { runAdminActionOnce } from './action-requests'
import { stripeCustomerOf } from './customer-stripe'
import { stripeRefusal } from './stripe-refusal'

export const refundPreviewInput = z.object({ invoiceId: z.string().startsWith('in_').max(255), amount: moneyInput.optional() })
export const refundInput = refundPreviewInput.extend({ amount: moneyInput }).extend(actionConfirmation.shape)

/** Exactly what a refund will do, from Stripe's current state of the invoice; amounts in minor units. */
export interface RefundPreview {
  invoiceId: string
  number: string | null
  currency: string
  amountPaid: number
  /** Refunded or credited after payment by earlier credit notes. */
  refundedBefore: number
  refundable: number
  amount: number
  refundableAfter: number
}

export interface RefundResult extends RefundPreview {
  creditNoteId: string
  refundId: string | null
}

/** The refund of `amount` (default: all that is left) of one of the customer's paid invoices, checked, not made. */
export async function previewRefund(viewer: Viewer, userId: string, input: z.infer<typeof refundPreviewInput>): Promise<RefundPreview> {
  assertStaff(viewer)
  const customerId = await stripeCustomerOf(userId)
  const invoice = await stripeRefusal(() => retrieveInvoice(input.invoiceId))
  const owner = typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id
  if (owner !== customerId) throw new AppError('not_found', `Invoice ${input.invoiceId} is not this customer's.`, 404)
  if (invoice.status !== 'paid') throw new AppError('not_refundable', `Only a paid invoice can be refunded; this one is ${invoice.status}.`, 409)
  const refundedBefore = invoice.post_payment_credit_notes_amount
  const refundable = invoice.amount_paid - refundedBefore
  if (refundable <= 0) throw new AppError('not_refundable', 'Everything paid on this invoice has already been refunded.', 409)
  const amount = input.amount === undefined ? refundable : toMinorUnits(input.amount, invoice.currency)
  assertAmountWithin(amount, refundable, 'is left to refund on this invoice')
  return { invoiceId: invoice.id, number: invoice.number, currency: invoice.currency, amountPaid: invoice.amount_paid, refundedBefore, refundable, amount, refundableAfter: refundable - amount }
}

/** Refunds part or all of a paid invoice to the customer's card (a Stripe credit note with a refund), once per key. */
export async function refundPaidInvoice(viewer: Viewer, userId: string, input: z.infer<typeof refundInput>): Promise<RefundResult> {
  const { idempotencyKey, reason, ...params } = input
  return runAdminActionOnce(viewer, { key: idempotencyKey, action: 'invoice.refunded', userId, params: { ...params, reason } }, async (stripeKey) => {
    const preview = await previewRefund(viewer, userId, params)
    const note = await stripeRefusal(() => refundInvoice(preview.invoiceId, preview.amount, reason, stripeKey))
    const refund = note.refunds[0]?.refund
    const result = { ...preview, creditNoteId: note.id, refundId: refund ? (typeof refund === 'string' ? refund : refund.id) : null }
    return {
      result,
      audit: {
        subject: { type: 'invoice', id: preview.invoiceId },
        before: { amountPaid: preview.amountPaid, refunded: preview.refundedBefore },
        after: { amountPaid: preview.amountPaid, refunded: preview.refundedBefore + preview.amount },
        context: { reason, amount: preview.amount, currency: preview.currency, creditNoteId: result.creditNoteId, refundId: result.refundId },
      },
    }
  })
}
