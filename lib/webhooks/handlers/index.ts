import 'server-only'
import { handleSubscriptionCreated } from './customer-subscription-created'
import { handleSubscriptionDeleted } from './customer-subscription-deleted'
import { handleSubscriptionUpdated } from './customer-subscription-updated'
import { handleInvoiceCreated } from './invoice-created'
import { handleInvoiceFinalized } from './invoice-finalized'
import { handleInvoicePaid } from './invoice-paid'
import { handleInvoicePaymentFailed } from './invoice-payment-failed'
import { handlePriceCreated } from './price-created'
import { handlePriceDeleted } from './price-deleted'
import { handlePriceUpdated } from './price-updated'
import { handleProductCreated } from './product-created'
import { handleProductDeleted } from './product-deleted'
import { handleProductUpdated } from './product-updated'
import type { EventHandler } from './types'

/** Event types the app acts on; any other type is stored, marked ignored and answered 200. */
export const EVENT_HANDLERS: Partial<Record<string, EventHandler>> = {
  'customer.subscription.created': handleSubscriptionCreated,
  'customer.subscription.updated': handleSubscriptionUpdated,
  'customer.subscription.deleted': handleSubscriptionDeleted,
  'invoice.created': handleInvoiceCreated,
  'invoice.finalized': handleInvoiceFinalized,
  'invoice.paid': handleInvoicePaid,
  'invoice.payment_failed': handleInvoicePaymentFailed,
  'product.created': handleProductCreated,
  'product.updated': handleProductUpdated,
  'product.deleted': handleProductDeleted,
  'price.created': handlePriceCreated,
  'price.updated': handlePriceUpdated,
  'price.deleted': handlePriceDeleted,
}
