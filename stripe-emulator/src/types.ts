import type Stripe from 'stripe';

/** One webhook delivery still owed to the configured endpoint. */
export interface Delivery {
  event: string;
  attempts: number;
  /** Epoch milliseconds (real time) of the next attempt. */
  next_attempt_at: number;
}

export interface IdempotentResponse {
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: unknown;
}

/**
 * What charging a card does; `attach_fails` cards are declined when attached; `authenticate` cards
 * need the cardholder's authentication (3D Secure) on session and fail off session.
 */
export type CardOutcome = 'succeed' | 'decline' | 'attach_fails' | 'authenticate';

export interface CheckoutPlan {
  items: { price: string; quantity: number }[];
  /** `subscription_data`, passed on to the subscription as request parameters. */
  subscription: Params;
}

/** The whole emulator state; persisted as one JSON document. */
export interface State {
  version: 1;
  products: Record<string, Stripe.Product>;
  prices: Record<string, Stripe.Price>;
  customers: Record<string, Stripe.Customer>;
  payment_methods: Record<string, Stripe.PaymentMethod>;
  card_outcomes: Record<string, CardOutcome>;
  subscriptions: Record<string, Stripe.Subscription>;
  subscription_schedules: Record<string, Stripe.SubscriptionSchedule>;
  invoices: Record<string, Stripe.Invoice>;
  invoice_items: Record<string, Stripe.InvoiceItem>;
  events: Record<string, Stripe.EventBase>;
  test_clocks: Record<string, Stripe.TestHelpers.TestClock>;
  /** id → object name, so retrieving a deleted object returns Stripe's `{ deleted: true }` stub. */
  deleted: Record<string, string>;
  idempotency: Record<string, IdempotentResponse>;
  deliveries: Delivery[];
  payment_intents: Record<string, Stripe.PaymentIntent>;
  setup_intents: Record<string, Stripe.SetupIntent>;
  charges: Record<string, Stripe.Charge>;
  tax_ids: Record<string, Stripe.TaxId>;
  refunds: Record<string, Stripe.Refund>;
  /** Intent id → where the authentication page sends the customer back to. */
  return_urls: Record<string, string>;
  checkout_sessions: Record<string, Stripe.Checkout.Session>;
  portal_sessions: Record<string, Stripe.BillingPortal.Session>;
  /** What a subscription-mode Checkout Session subscribes the buyer to once completed. */
  checkout_plans: Record<string, CheckoutPlan>;
  /** Subscription id → the trial end its `trial_will_end` was sent for. */
  trial_notices: Record<string, number>;
  coupons: Record<string, Stripe.Coupon>;
  /** Deleted coupons, kept because discounts made from them still apply. */
  retired_coupons: Record<string, Stripe.Coupon>;
  promotion_codes: Record<string, Stripe.PromotionCode>;
  discounts: Record<string, Stripe.Discount>;
  credit_notes: Record<string, Stripe.CreditNote>;
  /** How each invoice was paid (`inpay_…`): its PaymentIntent, so a refund of the invoice has a charge. */
  invoice_payments: Record<string, Stripe.InvoicePayment>;
  /** Customer balance transactions (`cbtxn_…`): every change to a customer's `balance`. */
  balance_transactions: Record<string, Stripe.CustomerBalanceTransaction>;
}

export type EventType = Stripe.Event.Type;

/** Everything a handler needs while serving one request (or one automatic job). */
export interface Ctx {
  state: State;
  baseUrl: string;
  request: Stripe.Event.Request;
  emit(type: EventType, object: object, created: number, previous?: object): void;
}

export type Params = Record<string, unknown>;

/** The parameter names a route accepts, nested as Stripe's form encoding nests them. */
export type ParamTree = { [key: string]: ParamTree | 1 | '*' };

/** A line before it becomes an invoice line item (shared by real invoices and previews). */
export interface LineSpec {
  amount: number;
  description: string;
  period: { start: number; end: number };
  /** Null for an invoice item given as a bare amount. */
  price: string | null;
  product: string | null;
  quantity: number;
  proration: boolean;
  subscription: string | null;
  /** Set for lines billing a subscription item; lines of one-off invoice items have none. */
  subscription_item: string | null;
  invoice_item: string | null;
  credited: { invoice: string; invoice_line_items: string[] } | null;
  discountable?: boolean;
  metadata?: Stripe.Metadata;
  /** Discounts already included in a proration's amount (Stripe's default `proration_discounts: included`). */
  discounts?: string[];
}
