import type { Params } from '../types.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { optString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow } from './common.js';

/** Charges are made by confirming PaymentIntents; they can be read, not created directly. */
export const chargeRoutes: Route[] = [
  route('GET', '/v1/charges', (ctx, params: Params) => {
    const customer = optString(params, 'customer');
    const paymentIntent = optString(params, 'payment_intent');
    const created = createdFilter(params);
    const charges = newestFirst(ctx.state.charges).filter((charge) =>
      (!customer || charge.customer === customer) && (!paymentIntent || charge.payment_intent === paymentIntent) && created(charge.created));
    return paginate(charges, params, '/v1/charges');
  }),
  route('GET', '/v1/charges/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'charges', id as string)),
];
