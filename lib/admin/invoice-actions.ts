import 'server-only'
import type Stripe from 'stripe'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { AppError } from '@/lib/http/errors'
import { markInvoiceUncollectible, payInvoiceNow, retrieveInvoice, voidInvoice } from '@/lib/stripe/admin-actions'
import { retrieveDefaultCard, type CardSummary } from '@/lib/stripe/invoices'
import { actionConfirmation } from './action-inputs'
import { runAdminActionOnce } from './action-requests'
import { stripeCustomerOf } from './customer-stripe'
import { stripeRefusal } from './stripe-refusal'

export const INVOICE_ACTIONS = ['pay', 'void', 'mark_uncollectible'] as const
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number]

export const invoiceActionPreviewInput = z.object({ invoiceId: z.string().startsWith('in_').max(255), action: z.enum(INVOICE_ACTIONS) })
export const invoiceActionInput = invoiceActionPreviewInput.extend(actionConfirmation.shape)

// Stripe's rules: pay an open or uncollectible invoice; void an open or uncollectible one; mark only an open one.
const ALLOWED_FROM: Record<InvoiceAction, string[]> = { pay: ['open', 'uncollectible'], void: ['open', 'uncollectible'], mark_uncollectible: ['open'] }
const AUDIT_ACTION: Record<InvoiceAction, string> = { pay: 'invoice.payment_retried', void: 'invoice.voided', mark_uncollectible: 'invoice.marked_uncollectible' }

/** Exactly what the action will do to the invoice, from Stripe's current state of it. */
export interface InvoiceActionPreview {
  action: InvoiceAction
  invoiceId: string
  number: string | null
  currency: string
  status: string
  amountRemaining: number
  attemptCount: number
  /** The card a payment is charged to (pay only); null when the customer has none. */
  card: CardSummary | null
}

export interface InvoiceActionResult extends InvoiceActionPreview {
  statusAfter: string
  /** For pay: whether the card paid; a declined card changes nothing but the attempt count. */
  outcome: 'paid' | 'declined' | 'done'
  declineMessage: string | null
}

export async function previewInvoiceAction(viewer: Viewer, userId: string, input: z.infer<typeof invoiceActionPreviewInput>): Promise<InvoiceActionPreview> {
  assertStaff(viewer)
  const customerId = await stripeCustomerOf(userId)
  const invoice = await stripeRefusal(() => retrieveInvoice(input.invoiceId))
  const owner = typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id
  if (owner !== customerId) throw new AppError('not_found', `Invoice ${input.invoiceId} is not this customer's.`, 404)
  if (!ALLOWED_FROM[input.action].includes(invoice.status ?? 'draft')) {
    throw new AppError('invoice_state', `This invoice is ${invoice.status}; that action needs it ${ALLOWED_FROM[input.action].join(' or ')}.`, 409)
  }
  const card = input.action === 'pay' ? await stripeRefusal(() => retrieveDefaultCard(customerId)) : null
  if (input.action === 'pay' && !card) throw new AppError('no_card', 'The customer has no card on file to charge; ask them to add one.', 409)
  return {
    action: input.action,
    invoiceId: invoice.id,
    number: invoice.number,
    currency: invoice.currency,
    status: invoice.status!,
    amountRemaining: invoice.amount_remaining,
    attemptCount: invoice.attempt_count,
    card,
  }
}

async function perform(action: InvoiceAction, invoiceId: string, stripeKey: string): Promise<{ invoice: Stripe.Invoice; declineMessage: string | null }> {
  if (action === 'void') return { invoice: await stripeRefusal(() => voidInvoice(invoiceId, stripeKey)), declineMessage: null }
  if (action === 'mark_uncollectible') return { invoice: await stripeRefusal(() => markInvoiceUncollectible(invoiceId, stripeKey)), declineMessage: null }
  try {
    return { invoice: await stripeRefusal(() => payInvoiceNow(invoiceId, stripeKey)), declineMessage: null }
  } catch (error) {
    // A declined retry is an outcome to record, not a refusal: the attempt happened.
    if (error instanceof AppError && error.code === 'card_declined') return { invoice: await retrieveInvoice(invoiceId), declineMessage: error.message }
    throw error
  }
}

/** Retries payment of, voids, or marks uncollectible one of the customer's invoices in Stripe, once per key. */
export async function applyInvoiceAction(viewer: Viewer, userId: string, input: z.infer<typeof invoiceActionInput>): Promise<InvoiceActionResult> {
  const { idempotencyKey, reason, ...params } = input
  return runAdminActionOnce(viewer, { key: idempotencyKey, action: AUDIT_ACTION[params.action], userId, params: { ...params, reason } }, async (stripeKey) => {
    const preview = await previewInvoiceAction(viewer, userId, params)
    const { invoice, declineMessage } = await perform(params.action, params.invoiceId, stripeKey)
    const outcome = params.action !== 'pay' ? 'done' : declineMessage ? 'declined' : 'paid'
    const result: InvoiceActionResult = { ...preview, statusAfter: invoice.status!, outcome, declineMessage }
    return {
      result,
      audit: {
        subject: { type: 'invoice', id: invoice.id },
        before: { status: preview.status, amountRemaining: preview.amountRemaining, attemptCount: preview.attemptCount },
        after: { status: invoice.status, amountRemaining: invoice.amount_remaining, attemptCount: invoice.attempt_count },
        context: { reason, outcome, ...(declineMessage ? { declineMessage } : {}) },
      },
    }
  })
}
