import type Stripe from 'stripe';

/** Resolves to the error a call fails with; a call that succeeds is a mistake in the flow. */
export async function failure(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await call;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error('expected the call to fail');
}

/** What a buyer's browser does on a hosted page: post its form (the chosen test card, the 3D Secure answer). */
export async function postForm(url: string, form: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
  });
  await response.text();
}
