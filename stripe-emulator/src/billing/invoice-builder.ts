import type Stripe from 'stripe';
import type { LineSpec } from '../types.js';
import { newId } from '../core/ids.js';
import { decimal } from '../objects/money.js';
import { discountLines, type DiscountTerm } from './discounts.js';

export interface InvoiceDraft {
  customer: Stripe.Customer;
  subscription: Stripe.Subscription | null;
  lines: LineSpec[];
  billingReason: Stripe.Invoice.BillingReason;
  period: { start: number; end: number };
  created: number;
  /** Previews get `upcoming_in_…` / `il_tmp_…` ids and are never stored. */
  preview: boolean;
  /** Defaults to the subscription's, then the customer's currency. */
  currency?: string;
  /** Discounts on the whole invoice (a subscription's). */
  discounts?: DiscountTerm[];
}

function lineParent(spec: LineSpec): Stripe.InvoiceLineItem.Parent {
  const credited = { credited_items: spec.credited };
  if (spec.subscription_item) {
    return {
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: spec.invoice_item, proration: spec.proration, proration_details: credited,
        subscription: spec.subscription, subscription_item: spec.subscription_item,
      },
      type: 'subscription_item_details',
    };
  }
  return {
    invoice_item_details: {
      invoice_item: spec.invoice_item ?? '', proration: spec.proration, proration_details: credited, subscription: spec.subscription,
    },
    subscription_item_details: null,
    type: 'invoice_item_details',
  };
}

export function toLineItem(spec: LineSpec, invoiceId: string, currency: string, preview: boolean): Stripe.InvoiceLineItem {
  const unit = decimal(spec.quantity === 0 ? 0 : spec.amount / spec.quantity);
  return {
    id: newId(preview ? 'il_tmp' : 'il'),
    object: 'line_item',
    amount: spec.amount,
    currency,
    description: spec.description,
    discount_amounts: (spec.discounts ?? []).map((discount) => ({ amount: 0, discount })),
    discountable: spec.discountable ?? !spec.proration,
    discounts: [...(spec.discounts ?? [])],
    invoice: invoiceId,
    livemode: false,
    metadata: { ...(spec.metadata ?? {}) },
    parent: lineParent(spec),
    period: { ...spec.period },
    pretax_credit_amounts: [],
    pricing: spec.price
      ? { price_details: { price: spec.price, product: spec.product ?? '' }, type: 'price_details', unit_amount_decimal: unit }
      : { type: 'price_details', unit_amount_decimal: unit },
    quantity: spec.quantity,
    quantity_decimal: decimal(spec.quantity),
    subscription: spec.subscription,
    subtotal: spec.amount,
    taxes: [],
  };
}

/**
 * Totals and customer balance: `total` is the lines less their discount amounts; `starting_balance` is
 * the customer's balance (negative = credit), `amount_due = max(0, total + starting_balance)` and what
 * is left becomes `ending_balance`.
 */
export function applyTotals(invoice: Stripe.Invoice, startingBalance: number | null): void {
  const subtotal = invoice.lines.data.reduce((sum, line) => sum + line.amount, 0);
  const byDiscount = new Map<string, number>();
  for (const line of invoice.lines.data) {
    for (const entry of line.discount_amounts ?? []) {
      const id = typeof entry.discount === 'string' ? entry.discount : entry.discount.id;
      byDiscount.set(id, (byDiscount.get(id) ?? 0) + entry.amount);
    }
  }
  invoice.total_discount_amounts = [...byDiscount].map(([discount, amount]) => ({ amount, discount }));
  const total = subtotal - [...byDiscount.values()].reduce((sum, amount) => sum + amount, 0);
  invoice.subtotal = subtotal;
  invoice.subtotal_excluding_tax = subtotal;
  invoice.total = total;
  invoice.total_excluding_tax = total;
  const net = total + (startingBalance ?? 0);
  invoice.starting_balance = startingBalance ?? 0;
  invoice.amount_due = Math.max(0, net);
  invoice.amount_remaining = invoice.amount_due - invoice.amount_paid;
  invoice.ending_balance = startingBalance === null ? null : Math.min(0, net);
}

export function buildInvoice(draft: InvoiceDraft): Stripe.Invoice {
  const { customer, subscription } = draft;
  const id = newId(draft.preview ? 'upcoming_in' : 'in');
  const currency = draft.currency ?? subscription?.currency ?? customer.currency ?? 'usd';
  const invoice: Stripe.Invoice = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Stripe Emulator',
    account_tax_ids: null,
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: !draft.preview,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: draft.billingReason,
    collection_method: 'charge_automatically',
    created: draft.created,
    currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: customer.address ?? null,
    customer_email: customer.email,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: customer.shipping,
    customer_tax_exempt: customer.tax_exempt ?? 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: subscription
      ? {
          quote_details: null,
          subscription_details: { metadata: { ...subscription.metadata }, subscription: subscription.id },
          type: 'subscription_details',
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: draft.period.end,
    period_start: draft.period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: { amount_tax_display: null, pdf: { page_size: 'auto' }, template: null, template_version: null },
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: customer.test_clock ?? null,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: draft.preview ? null : draft.created,
  };
  invoice.lines.data = draft.lines.map((spec) => toLineItem(spec, id, currency, draft.preview));
  const terms = draft.discounts ?? [];
  const ids = [...new Set([...terms.map((term) => term.discount.id), ...draft.lines.flatMap((spec) => spec.discounts ?? [])])];
  invoice.discounts = ids;
  discountLines(invoice.lines.data, terms);
  // A preview shows the balance that would apply; a draft gets it at finalization, as in Stripe.
  applyTotals(invoice, draft.preview ? (customer.balance ?? 0) : null);
  return invoice;
}
