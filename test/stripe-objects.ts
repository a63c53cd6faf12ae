import type Stripe from 'stripe'
import { createStripeClient } from '@/lib/stripe/client'
import { webhookSecrets } from '@/lib/env'

// Payloads in the shape of Stripe's current API (periods on subscription items, invoice parent details).

export function subscriptionObject(fields: { id: string; customer: string; price: string; status?: string; created: number; periodStart?: number; periodEnd?: number; cancelAtPeriodEnd?: boolean }): Stripe.Subscription {
  const periodStart = fields.periodStart ?? fields.created
  const periodEnd = fields.periodEnd ?? periodStart + 30 * 86_400
  const price = { id: fields.price, object: 'price', active: true, currency: 'usd', unit_amount: 1900, product: 'prod_test', recurring: { interval: 'month', interval_count: 1 }, type: 'recurring' }
  return {
    id: fields.id,
    object: 'subscription',
    billing_cycle_anchor: periodStart,
    cancel_at: null,
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    canceled_at: null,
    collection_method: 'charge_automatically',
    created: fields.created,
    currency: 'usd',
    customer: fields.customer,
    default_payment_method: null,
    ended_at: null,
    items: {
      object: 'list',
      data: [{ id: `si_${fields.id.slice(4)}`, object: 'subscription_item', created: fields.created, current_period_start: periodStart, current_period_end: periodEnd, metadata: {}, price, quantity: 1, subscription: fields.id }],
      has_more: false,
      url: `/v1/subscription_items?subscription=${fields.id}`,
    },
    latest_invoice: null,
    livemode: false,
    metadata: {},
    start_date: fields.created,
    status: fields.status ?? 'active',
    test_clock: null,
    trial_end: null,
    trial_start: null,
  } as unknown as Stripe.Subscription
}

export function invoiceObject(fields: { id: string; customer: string; subscription: string; status: string; total: number; created: number; attemptCount?: number }): Stripe.Invoice {
  const paid = fields.status === 'paid'
  return {
    id: fields.id,
    object: 'invoice',
    amount_due: fields.total,
    amount_paid: paid ? fields.total : 0,
    amount_remaining: paid ? 0 : fields.total,
    attempt_count: fields.attemptCount ?? (fields.status === 'draft' ? 0 : 1),
    attempted: fields.status !== 'draft',
    billing_reason: 'subscription_cycle',
    created: fields.created,
    currency: 'usd',
    customer: fields.customer,
    hosted_invoice_url: `https://invoice.example/${fields.id}`,
    invoice_pdf: `https://invoice.example/${fields.id}.pdf`,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${fields.id}/lines` },
    livemode: false,
    next_payment_attempt: null,
    number: `INV-${fields.id.slice(3)}`,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: fields.subscription } },
    period_end: fields.created,
    period_start: fields.created - 30 * 86_400,
    starting_balance: 0,
    ending_balance: 0,
    status: fields.status,
    subtotal: fields.total,
    total: fields.total,
  } as unknown as Stripe.Invoice
}

let eventCounter = 0

export function eventOf(type: string, object: { id: string }, created: number, previous?: Record<string, unknown>): Stripe.Event {
  eventCounter += 1
  return {
    id: `evt_test_${Date.now().toString(36)}_${eventCounter}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    data: { object, ...(previous ? { previous_attributes: previous } : {}) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Stripe.Event
}

const signer = createStripeClient({ emulatorUrl: 'http://localhost:1' })

/** A Stripe-Signature header exactly as Stripe computes it. */
export function signPayload(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? webhookSecrets[0]!,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  })
}

export function customerObject(fields: { id: string; email: string; userId?: string; created: number }): Stripe.Customer {
  return {
    id: fields.id,
    object: 'customer',
    balance: 0,
    created: fields.created,
    currency: 'usd',
    default_source: null,
    delinquent: false,
    description: null,
    email: fields.email,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: fields.userId ? { user_id: fields.userId } : {},
    name: null,
    test_clock: null,
  } as unknown as Stripe.Customer
}

export function productObject(fields: { id: string; name: string; active?: boolean; metadata?: Record<string, string>; updated: number }): Stripe.Product {
  return {
    id: fields.id,
    object: 'product',
    active: fields.active ?? true,
    created: fields.updated,
    description: null,
    livemode: false,
    metadata: fields.metadata ?? {},
    name: fields.name,
    updated: fields.updated,
  } as unknown as Stripe.Product
}

export function priceObject(fields: { id: string; product: string; unitAmount: number; active?: boolean }): Stripe.Price {
  return {
    id: fields.id,
    object: 'price',
    active: fields.active ?? true,
    currency: 'usd',
    livemode: false,
    lookup_key: null,
    metadata: {},
    product: fields.product,
    recurring: { interval: 'month', interval_count: 1, meter: null, usage_type: 'licensed' },
    type: 'recurring',
    unit_amount: fields.unitAmount,
  } as unknown as Stripe.Price
}
