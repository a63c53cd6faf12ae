import 'server-only'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { AppError } from '@/lib/http/errors'
import { creditCustomerBalance, retrieveCustomer } from '@/lib/stripe/admin-actions'
import { actionConfirmation, assertAmountWithin, moneyInput, toMinorUnits } from './action-inputs'
import { runAdminActionOnce } from './action-requests'
import { billingCurrencyOf, stripeCustomerOf } from './customer-stripe'
import { stripeRefusal } from './stripe-refusal'

/** At most this much credit in one go (10,000.00 in a two-decimal currency): a typo should not give away a fortune. */
export const MAX_CREDIT = 1_000_000

export const creditPreviewInput = z.object({ amount: moneyInput })
export const creditInput = creditPreviewInput.extend(actionConfirmation.shape)

/**
 * Exactly what a credit will do. Stripe's balance is what the customer owes: negative is credit, which Stripe
 * takes off their next invoices.
 */
export interface CreditPreview {
  currency: string
  amount: number
  balanceBefore: number
  balanceAfter: number
}

export interface CreditResult extends CreditPreview {
  transactionId: string
}

export async function previewCredit(viewer: Viewer, userId: string, input: z.infer<typeof creditPreviewInput>): Promise<CreditPreview> {
  assertStaff(viewer)
  const customerId = await stripeCustomerOf(userId)
  const customer = await stripeRefusal(() => retrieveCustomer(customerId))
  if (!customer) throw new AppError('not_found', `Stripe customer ${customerId} was deleted.`, 404)
  const currency = await billingCurrencyOf(userId, customer.currency ?? null)
  const amount = toMinorUnits(input.amount, currency)
  assertAmountWithin(amount, MAX_CREDIT, 'one credit may give (10,000.00); split it or refund instead')
  return { currency, amount, balanceBefore: customer.balance, balanceAfter: customer.balance - amount }
}

/** Credits the customer's Stripe balance for their next invoices, once per key. */
export async function creditCustomer(viewer: Viewer, userId: string, input: z.infer<typeof creditInput>): Promise<CreditResult> {
  const { idempotencyKey, reason, amount } = input
  return runAdminActionOnce(viewer, { key: idempotencyKey, action: 'customer.credited', userId, params: { amount, reason } }, async (stripeKey) => {
    const preview = await previewCredit(viewer, userId, { amount })
    const customerId = await stripeCustomerOf(userId)
    const transaction = await stripeRefusal(() => creditCustomerBalance(customerId, preview.amount, preview.currency, reason, stripeKey))
    const result = { ...preview, balanceAfter: transaction.ending_balance ?? preview.balanceAfter, transactionId: transaction.id }
    return {
      result,
      audit: {
        subject: { type: 'customer', id: customerId },
        before: { balance: preview.balanceBefore },
        after: { balance: result.balanceAfter },
        context: { reason, amount: preview.amount, currency: preview.currency, balanceTransactionId: transaction.id },
      },
    }
  })
}
