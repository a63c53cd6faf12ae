import type { DemoPlanKey } from './catalogue'

interface PromotionDemoAccount {
  id: string
  email: string
  name: string
  role: 'customer'
  paymentMethod: string
  plan: DemoPlanKey
  /** The code (promotions.ts) the seeded subscription was bought with. */
  promotionCode: string
  testClock?: undefined
}

/** Paula tries promotion codes: on Starter, card pays, bought with FIRSTMONTH (see promotions.ts). */
export const PROMOTION_DEMO_ACCOUNTS: PromotionDemoAccount[] = [
  {
    id: '00000000-0000-4000-8000-0000000b6001', email: 'paula@example.com', name: 'Paula (promotion codes: try LAUNCH20)', role: 'customer',
    paymentMethod: 'pm_card_visa', plan: 'starter_monthly', promotionCode: 'FIRSTMONTH',
  },
]
