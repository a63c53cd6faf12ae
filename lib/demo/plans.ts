/**
 * The demo plan catalogue; quotas live in product metadata so Stripe stays the source of truth. Paid plans also
 * have a yearly price (two months free).
 */
export const DEMO_PLANS = [
  { lookupKey: 'free_monthly', name: 'Free', description: 'For trying things out', unitAmount: 0, tier: 0, quotas: { api_calls: 1_000, seats: 1 } },
  { lookupKey: 'starter_monthly', name: 'Starter', description: 'For small teams', unitAmount: 1_900, tier: 1, quotas: { api_calls: 50_000, seats: 5 },
    yearly: { lookupKey: 'starter_yearly', unitAmount: 19_000 } },
  { lookupKey: 'pro_monthly', name: 'Pro', description: 'For growing businesses', unitAmount: 7_900, tier: 2, quotas: { api_calls: 500_000, seats: 25 },
    yearly: { lookupKey: 'pro_yearly', unitAmount: 79_000 } },
  // Priced per seat: the subscription's quantity is its seats, and the seat quota is per seat.
  { lookupKey: 'team_monthly', name: 'Team', description: 'Priced per seat', unitAmount: 1_200, tier: 3, perSeat: true, quotas: { api_calls: 200_000, seats: 1 } },
] as const

export type DemoPlanKey = (typeof DEMO_PLANS)[number]['lookupKey']
