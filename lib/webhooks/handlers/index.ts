import 'server-only'
import { handleChargeRefunded } from './charge-refunded'
import { handleCheckoutSessionCompleted } from './checkout-session-completed'
import { handleCreditNoteCreated } from './credit-note-created'
import { handleCreditNoteVoided } from './credit-note-voided'
import { handleCustomerCreated } from './customer-created'
import { handleCustomerDeleted } from './customer-deleted'
import { handleSubscriptionCreated } from './customer-subscription-created'
import { handleSubscriptionDeleted } from './customer-subscription-deleted'
import { handleSubscriptionPaused } from './customer-subscription-paused'
import { handleSubscriptionResumed } from './customer-subscription-resumed'
import { handleSubscriptionTrialWillEnd } from './customer-subscription-trial-will-end'
import { handleSubscriptionUpdated } from './customer-subscription-updated'
import { handleCustomerUpdated } from './customer-updated'
import { handleInvoiceCreated } from './invoice-created'
import { handleInvoiceFinalized } from './invoice-finalized'
import { handleInvoiceMarkedUncollectible } from './invoice-marked-uncollectible'
import { handleInvoicePaid } from './invoice-paid'
import { handleInvoicePaymentActionRequired } from './invoice-payment-action-required'
import { handleInvoicePaymentFailed } from './invoice-payment-failed'
import { handleInvoicePaymentPaid } from './invoice-payment-paid'
import { handleInvoiceVoided } from './invoice-voided'
import { handlePriceCreated } from './price-created'
import { handlePriceDeleted } from './price-deleted'
import { handlePriceUpdated } from './price-updated'
import { handleProductCreated } from './product-created'
import { handleProductDeleted } from './product-deleted'
import { handleProductUpdated } from './product-updated'
import { handleRefundCreated } from './refund-created'
import { handleRefundFailed } from './refund-failed'
import { handleRefundUpdated } from './refund-updated'
import type { EventHandler } from './types'

/** Event types the app acts on, one file each; any other type is stored, marked ignored and answered 200. */
export const EVENT_HANDLERS: Partial<Record<string, EventHandler>> = {
  'charge.refunded': handleChargeRefunded,
  'checkout.session.completed': handleCheckoutSessionCompleted,
  'credit_note.created': handleCreditNoteCreated,
  'credit_note.voided': handleCreditNoteVoided,
  'customer.created': handleCustomerCreated,
  'customer.deleted': handleCustomerDeleted,
  'customer.subscription.created': handleSubscriptionCreated,
  'customer.subscription.deleted': handleSubscriptionDeleted,
  'customer.subscription.paused': handleSubscriptionPaused,
  'customer.subscription.resumed': handleSubscriptionResumed,
  'customer.subscription.trial_will_end': handleSubscriptionTrialWillEnd,
  'customer.subscription.updated': handleSubscriptionUpdated,
  'customer.updated': handleCustomerUpdated,
  'invoice.created': handleInvoiceCreated,
  'invoice.finalized': handleInvoiceFinalized,
  'invoice.marked_uncollectible': handleInvoiceMarkedUncollectible,
  'invoice.paid': handleInvoicePaid,
  'invoice.payment_action_required': handleInvoicePaymentActionRequired,
  'invoice.payment_failed': handleInvoicePaymentFailed,
  'invoice.voided': handleInvoiceVoided,
  'invoice_payment.paid': handleInvoicePaymentPaid,
  'price.created': handlePriceCreated,
  'price.deleted': handlePriceDeleted,
  'price.updated': handlePriceUpdated,
  'product.created': handleProductCreated,
  'product.deleted': handleProductDeleted,
  'product.updated': handleProductUpdated,
  'refund.created': handleRefundCreated,
  'refund.failed': handleRefundFailed,
  'refund.updated': handleRefundUpdated,
}
