import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { customerNow } from '../core/time.js';
import { invalid } from '../http/errors.js';
import { escapeHtml, page } from '../http/html.js';
import { optObject, optString, reqString } from '../http/params.js';
import { RawResponse, route, type Route } from '../http/router.js';
import { TEST_CARDS } from '../objects/test-cards.js';
import { cardButtons } from './checkout-page.js';
import { getOrThrow } from './common.js';
import { attachPaymentMethod } from './payment-methods.js';

/** Stripe needs a portal configuration; the emulator has one default. */
const DEFAULT_CONFIGURATION = 'bpc_emulator_default';

function readFlow(params: Params): Stripe.BillingPortal.Session.Flow | null {
  const flowData = optObject(params, 'flow_data');
  if (!flowData) return null;
  const type = reqString(flowData, 'type');
  if (type !== 'payment_method_update') {
    throw invalid(`The emulator's portal serves flow_data[type]=payment_method_update only, not ${type}.`, 'flow_data[type]');
  }
  const after = optObject(flowData, 'after_completion') ?? {};
  const afterType = (optString(after, 'type') ?? 'portal_homepage') as Stripe.BillingPortal.Session.Flow.AfterCompletion.Type;
  const redirectUrl = optString(optObject(after, 'redirect') ?? {}, 'return_url');
  if (afterType === 'redirect' && !redirectUrl) throw invalid('Missing required param: flow_data[after_completion][redirect][return_url].', 'flow_data[after_completion][redirect][return_url]', 'parameter_missing');
  const message = optString(optObject(after, 'hosted_confirmation') ?? {}, 'custom_message') ?? null;
  return {
    after_completion: {
      hosted_confirmation: afterType === 'hosted_confirmation' ? { custom_message: message } : null,
      redirect: afterType === 'redirect' ? { return_url: redirectUrl as string } : null,
      type: afterType,
    },
    customer_update: null,
    subscription_cancel: null,
    subscription_pause: null,
    subscription_update: null,
    subscription_update_confirm: null,
    type: 'payment_method_update',
  };
}

function create(ctx: Ctx, params: Params): Stripe.BillingPortal.Session {
  const customer = getOrThrow(ctx.state, 'customers', reqString(params, 'customer'), 'customer');
  const now = customerNow(ctx.state, customer.id);
  const id = newId('bps');
  const session: Stripe.BillingPortal.Session = {
    id, object: 'billing_portal.session', configuration: optString(params, 'configuration') ?? DEFAULT_CONFIGURATION,
    created: now, customer: customer.id, customer_account: null, flow: readFlow(params), livemode: false,
    locale: (optString(params, 'locale') ?? null) as Stripe.BillingPortal.Session.Locale | null, on_behalf_of: null,
    return_url: optString(params, 'return_url') ?? null, url: `${ctx.baseUrl}/_emulator/billing_portal/${id}`,
  };
  ctx.state.portal_sessions[id] = session;
  ctx.emit('billing_portal.session.created', session, now);
  return session;
}

function portalPage(ctx: Ctx, session: Stripe.BillingPortal.Session, notice = ''): RawResponse {
  const customer = ctx.state.customers[session.customer];
  const defaultId = customer?.invoice_settings.default_payment_method;
  const card = typeof defaultId === 'string' ? ctx.state.payment_methods[defaultId]?.card : undefined;
  const current = card ? `${escapeHtml(card.brand)} •••• ${escapeHtml(card.last4)}` : 'none';
  const back = session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return</a></p>` : '';
  const body = `<h1>Billing</h1><p>${escapeHtml(customer?.email ?? session.customer)}</p><p>Default card: ${current}</p>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}<p>Use a test card:</p>${cardButtons(`/_emulator/billing_portal/${session.id}/payment_method`)}${back}`;
  return new RawResponse(200, 'text/html; charset=utf-8', page('Billing', body));
}

/**
 * The customer picked a card: it is attached and becomes their default, and the default of
 * subscriptions that named one, as the portal's payment method update does.
 */
function updatePaymentMethod(requestCtx: Ctx, params: Params, [id]: string[]): RawResponse {
  const ctx: Ctx = { ...requestCtx, request: { id: null, idempotency_key: null } };
  const session = ctx.state.portal_sessions[id as string];
  const customer = session ? ctx.state.customers[session.customer] : undefined;
  if (!session || !customer) return new RawResponse(404, 'text/html; charset=utf-8', page('Billing', '<h1>No such portal session</h1>'));
  const token = optString(params, 'card') ?? '';
  const card = TEST_CARDS[token];
  if (!card || card.outcome === 'attach_fails') return portalPage(ctx, session, 'Your card was declined.');
  const now = customerNow(ctx.state, customer.id);
  const paymentMethod = attachPaymentMethod(ctx, token, customer.id);
  const before = structuredClone(customer);
  customer.invoice_settings.default_payment_method = paymentMethod.id;
  ctx.emit('customer.updated', customer, now, before);
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    if (subscription.customer !== customer.id || !subscription.default_payment_method || subscription.status === 'canceled') continue;
    const previous = structuredClone(subscription);
    subscription.default_payment_method = paymentMethod.id;
    ctx.emit('customer.subscription.updated', subscription, now, previous);
  }
  const after = session.flow?.after_completion;
  if (after?.type === 'redirect' && after.redirect) return RawResponse.redirect(after.redirect.return_url);
  if (after?.type === 'hosted_confirmation') {
    const message = after.hosted_confirmation?.custom_message ?? 'Your payment method was updated.';
    return new RawResponse(200, 'text/html; charset=utf-8', page('Billing', `<h1>Done</h1><p>${escapeHtml(message)}</p>`));
  }
  return portalPage(ctx, session, 'Your payment method was updated.');
}

export const billingPortalRoutes: Route[] = [
  route('POST', '/v1/billing_portal/sessions', create),
  route('GET', '/_emulator/billing_portal/:id', (ctx, _params, [id]) => {
    const session = ctx.state.portal_sessions[id as string];
    return session ? portalPage(ctx, session) : new RawResponse(404, 'text/html; charset=utf-8', page('Billing', '<h1>No such portal session</h1>'));
  }, true),
  route('POST', '/_emulator/billing_portal/:id/payment_method', updatePaymentMethod, true),
];
