import type { DemoPlanKey } from './plans'

interface PromotionDemoAccount {
  id: string
  email: string
  name: string
  role: 'customer'
  paymentMethod?: string
  plan?: DemoPlanKey
  /** The code (promotions.ts) the seeded subscription was bought with. */
  promotionCode?: string
  /** Seats bought on a per-seat plan, and how many are recorded in use (usage metric `seats`). */
  seats?: { quantity: number; inUse: number }
  testClock?: undefined
}

/**
 * Paula tries promotion codes on a plan change: on Starter, card pays, bought with FIRSTMONTH (see promotions.ts).
 * Nina has no subscription yet: she takes a code (WELCOME50 is hers, as a first-time customer) to Checkout.
 * Tess pays for 3 seats of Team (priced per seat), all 3 in use: she adds seats, and is told what to remove first.
 */
export const DISCOUNT_SEAT_DEMO_ACCOUNTS: PromotionDemoAccount[] = [
  {
    id: '00000000-0000-4000-8000-0000000b6001', email: 'paula@example.com', name: 'Paula (promotion codes: try LAUNCH20)', role: 'customer',
    paymentMethod: 'pm_card_visa', plan: 'starter_monthly', promotionCode: 'FIRSTMONTH',
  },
  { id: '00000000-0000-4000-8000-0000000b6002', email: 'nina@example.com', name: 'Nina (no subscription: try WELCOME50 at checkout)', role: 'customer' },
  {
    id: '00000000-0000-4000-8000-0000000b6003', email: 'tess@example.com', name: 'Tess (Team, 3 seats in use)', role: 'customer',
    paymentMethod: 'pm_card_visa', plan: 'team_monthly', seats: { quantity: 3, inUse: 3 },
  },
]
