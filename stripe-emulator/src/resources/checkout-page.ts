import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { realNow } from '../core/time.js';
import { escapeHtml, page } from '../http/html.js';
import { optString } from '../http/params.js';
import { RawResponse, route, type Route } from '../http/router.js';
import { formatMoney } from '../objects/money.js';
import { TEST_CARDS } from '../objects/test-cards.js';
import { createCustomer } from './customers.js';
import { attachPaymentMethod } from './payment-methods.js';
import { applySessionDiscounts } from './checkout.js';
import { createSubscription } from './subscriptions.js';
import { ApiError } from '../http/errors.js';

/** The test cards the hosted pages offer, as Stripe's docs name them. */
export const PAGE_CARDS = [
  { token: 'pm_card_visa', label: 'Visa 4242 (pays)' },
  { token: 'pm_card_chargeCustomerFail', label: 'Visa 0341 (attaches, every charge declined)' },
];

export function cardButtons(action: string): string {
  return PAGE_CARDS.map((card) =>
    `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="card" value="${card.token}"><button type="submit">${escapeHtml(card.label)}</button></form>`,
  ).join('');
}

function html(status: number, title: string, body: string): RawResponse {
  return new RawResponse(status, 'text/html; charset=utf-8', page(title, body));
}

function checkoutPage(ctx: Ctx, session: Stripe.Checkout.Session, error?: string): RawResponse {
  if (session.status !== 'open') return html(200, 'Checkout', `<h1>Checkout</h1><p>This session is ${escapeHtml(session.status ?? 'closed')}.</p>`);
  const plan = ctx.state.checkout_plans[session.id];
  const rows = (plan?.items ?? []).map((item) => {
    const price = ctx.state.prices[item.price];
    const product = price ? ctx.state.products[price.product as string] : undefined;
    const amount = price ? formatMoney((price.unit_amount ?? 0) * item.quantity, price.currency) : '';
    return `<li>${item.quantity} × ${escapeHtml(product?.name ?? item.price)} — ${escapeHtml(amount)} / ${escapeHtml(price?.recurring?.interval ?? '')}</li>`;
  }).join('');
  const total = session.amount_total !== null && session.currency ? `<p>Due today: ${escapeHtml(formatMoney(session.amount_total, session.currency))}</p>` : '';
  const cancel = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>` : '';
  const codeForm = session.allow_promotion_codes
    ? `<form method="post" action="/_emulator/checkout/${session.id}/promotion_code"><label>Promotion code <input name="code" autocomplete="off"></label><button type="submit">Apply</button></form>`
    : '';
  return html(error ? 402 : 200, 'Checkout', `<h1>${session.mode === 'setup' ? 'Save a card' : 'Subscribe'}</h1><ul>${rows}</ul>${total}
${codeForm}${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}<p>Pay with a test card:</p>${cardButtons(`/_emulator/checkout/${session.id}/complete`)}${cancel}`);
}

/**
 * The buyer picked a card: like Stripe Checkout, a declined card leaves the session open with an
 * error; otherwise the customer, card and subscription are created, the session completes
 * (`checkout.session.completed`) and the browser goes to `success_url`.
 */
function complete(requestCtx: Ctx, params: Params, [id]: string[]): RawResponse {
  const ctx: Ctx = { ...requestCtx, request: { id: null, idempotency_key: null } };
  const session = ctx.state.checkout_sessions[id as string];
  if (!session) return html(404, 'Checkout', '<h1>No such Checkout Session</h1>');
  if (session.status !== 'open') return checkoutPage(ctx, session);
  const token = optString(params, 'card') ?? '';
  const card = TEST_CARDS[token];
  if (!card) return checkoutPage(ctx, session, `Unknown test card: ${token}`);
  const declines = card.outcome === 'attach_fails' || (card.outcome === 'decline' && (session.amount_total ?? 0) > 0);
  if (declines) return checkoutPage(ctx, session, 'Your card was declined.');
  const customer = typeof session.customer === 'string' ? ctx.state.customers[session.customer] : undefined;
  const buyer = customer ?? createCustomer(ctx, session.customer_email ? { email: session.customer_email } : {});
  const paymentMethod = attachPaymentMethod(ctx, token, buyer.id);
  const plan = ctx.state.checkout_plans[session.id];
  if (session.mode === 'subscription' && plan) {
    let subscription: Stripe.Subscription;
    try {
      subscription = createSubscription(ctx, {
        ...plan.subscription,
        customer: buyer.id,
        items: plan.items.map((item) => ({ price: item.price, quantity: String(item.quantity) })),
        default_payment_method: paymentMethod.id,
      });
    } catch (error) {
      // A promotion code used up (or a first-time code meeting a returning customer) since it was applied.
      if (error instanceof ApiError) return checkoutPage(ctx, session, error.message);
      throw error;
    }
    session.subscription = subscription.id;
    session.invoice = subscription.latest_invoice as string | null;
    session.payment_status = (session.amount_total ?? 0) > 0 ? 'paid' : 'no_payment_required';
  }
  session.status = 'complete';
  session.customer = buyer.id;
  session.customer_details = { address: null, business_name: null, email: buyer.email, individual_name: null, name: buyer.name ?? null, phone: null, tax_exempt: 'none', tax_ids: [] };
  session.url = null;
  ctx.emit('checkout.session.completed', session, realNow());
  if (!session.success_url) return html(200, 'Checkout', '<h1>Thanks!</h1><p>Checkout is complete.</p>');
  return RawResponse.redirect(session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id));
}

/** The buyer typed a promotion code (sessions with `allow_promotion_codes`). */
function applyCode(requestCtx: Ctx, params: Params, [id]: string[]): RawResponse {
  const ctx: Ctx = { ...requestCtx, request: { id: null, idempotency_key: null } };
  const session = ctx.state.checkout_sessions[id as string];
  const plan = session && ctx.state.checkout_plans[session.id];
  if (!session || !plan) return html(404, 'Checkout', '<h1>No such Checkout Session</h1>');
  if (session.status !== 'open' || !session.allow_promotion_codes) return checkoutPage(ctx, session);
  const code = (optString(params, 'code') ?? '').trim().toLowerCase();
  const promo = Object.values(ctx.state.promotion_codes).find((candidate) => candidate.code.toLowerCase() === code && candidate.active);
  if (!promo) return checkoutPage(ctx, session, 'This code is invalid.');
  try {
    applySessionDiscounts(ctx, session, plan, [{ promotion_code: promo.id }]);
  } catch (error) {
    if (error instanceof ApiError) return checkoutPage(ctx, session, error.message);
    throw error;
  }
  return checkoutPage(ctx, session);
}

export const checkoutPageRoutes: Route[] = [
  route('GET', '/_emulator/checkout/:id', (ctx, _params, [id]) => {
    const session = ctx.state.checkout_sessions[id as string];
    return session ? checkoutPage(ctx, session) : html(404, 'Checkout', '<h1>No such Checkout Session</h1>');
  }, true),
  route('POST', '/_emulator/checkout/:id/complete', complete, true),
  route('POST', '/_emulator/checkout/:id/promotion_code', applyCode, true),
];
