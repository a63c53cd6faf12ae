import 'server-only'
import { getStripe } from './client'
import { isStripeError } from './errors'

export type PaymentAttempt = 'paid' | 'declined'

/** Charges an open invoice to the card on file now. An invoice already paid (a double click) counts as paid. */
export async function payOpenInvoice(invoiceId: string): Promise<PaymentAttempt> {
  try {
    const invoice = await getStripe().invoices.pay(invoiceId)
    return invoice.status === 'paid' ? 'paid' : 'declined'
  } catch (error) {
    if (isStripeError(error, 'StripeCardError')) return 'declined'
    if (isStripeError(error, 'StripeInvalidRequestError')) {
      const invoice = await getStripe().invoices.retrieve(invoiceId)
      if (invoice.status === 'paid') return 'paid'
    }
    throw error
  }
}

export interface CardSummary {
  brand: string
  last4: string
  expMonth: number
  expYear: number
}

/** The customer's default card for invoices, or null when none is set. */
export async function retrieveDefaultCard(customerId: string): Promise<CardSummary | null> {
  const customer = await getStripe().customers.retrieve(customerId, { expand: ['invoice_settings.default_payment_method'] })
  if ('deleted' in customer && customer.deleted) return null
  const method = customer.invoice_settings.default_payment_method
  const card = typeof method === 'object' ? method?.card : null
  return card ? { brand: card.brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year } : null
}
