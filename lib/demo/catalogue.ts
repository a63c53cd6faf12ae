import { DISCOUNT_SEAT_DEMO_ACCOUNTS } from './discount-seat-accounts'
import type { DemoPlanKey } from './plans'

export const DEMO_ACCOUNTS = [
  { id: '00000000-0000-4000-8000-00000000a001', email: 'admin@example.com', name: 'Ada Admin', role: 'admin' as const },
  // A second admin of the billing team, a different actor on the audit log; the browser tests of the customer
  // actions sign in as it, leaving admin@example.com's sign-in limit to the other suites.
  { id: '00000000-0000-4000-8000-00000000a003', email: 'finance@example.com', name: 'Fin (billing team admin)', role: 'admin' as const },
  // Reads every admin page, acts on nothing.
  { id: '00000000-0000-4000-8000-00000000a002', email: 'support@example.com', name: 'Sam Support', role: 'support' as const },
  { id: '00000000-0000-4000-8000-00000000c001', email: 'alice@example.com', name: 'Alice (card pays)', role: 'customer' as const, paymentMethod: 'pm_card_visa', plan: 'starter_monthly' as DemoPlanKey },
  { id: '00000000-0000-4000-8000-00000000c002', email: 'bob@example.com', name: 'Bob (card declines)', role: 'customer' as const, paymentMethod: 'pm_card_chargeCustomerFail', plan: 'free_monthly' as DemoPlanKey },
  // Plan management: a downgrade at period end and its undo, cancel and resume (carol); a first subscription
  // through Checkout (frank, no subscription).
  { id: '00000000-0000-4000-8000-0000000b1001', email: 'carol@example.com', name: 'Carol (Pro, card pays)', role: 'customer' as const, paymentMethod: 'pm_card_visa', plan: 'pro_monthly' as DemoPlanKey },
  { id: '00000000-0000-4000-8000-0000000b1004', email: 'frank@example.com', name: 'Frank (no subscription)', role: 'customer' as const },
  // A paid Pro invoice for the admin console's refund and credit actions to work on.
  { id: '00000000-0000-4000-8000-0000000b7001', email: 'rita@example.com', name: 'Rita (paid invoice to refund)', role: 'customer' as const, paymentMethod: 'pm_card_visa', plan: 'pro_monthly' as DemoPlanKey },
  // The smoke suite's own customer (`npm run smoke`), so its usage and previews never touch another account.
  // Bought with SAVE5 (lib/demo/promotions.ts), so the smoke suite has a discount to read back.
  { id: '00000000-0000-4000-8000-0000000b5001', email: 'smoke@example.com', name: 'Smoke suite customer', role: 'customer' as const, paymentMethod: 'pm_card_visa', plan: 'starter_monthly' as DemoPlanKey, promotionCode: 'SAVE5' },
  // On Stripe test clocks, so the demo clock moves them: a year paid, then a card that declines the renewal due in 5 days.
  { id: '00000000-0000-4000-8000-0000000b2001', email: 'dave@example.com', name: 'Dave (renewal declines)', role: 'customer' as const, paymentMethod: 'pm_card_visa', plan: 'starter_monthly' as DemoPlanKey, testClock: { monthsOfHistory: 12, renewsInDays: 5, renewalCard: 'pm_card_chargeCustomerFail' } },
  { id: '00000000-0000-4000-8000-0000000b2002', email: 'erin@example.com', name: 'Erin (renewal declines)', role: 'customer' as const, paymentMethod: 'pm_card_visa', plan: 'starter_monthly' as DemoPlanKey, testClock: { monthsOfHistory: 0, renewsInDays: 5, renewalCard: 'pm_card_chargeCustomerFail' } },
  // Already in a grace period: her renewal declined two days ago, for the billing team to extend or end.
  { id: '00000000-0000-4000-8000-0000000b2003', email: 'gina@example.com', name: 'Gina (in a grace period)', role: 'customer' as const, paymentMethod: 'pm_card_visa', plan: 'pro_monthly' as DemoPlanKey, testClock: { monthsOfHistory: 2, renewsInDays: -2, renewalCard: 'pm_card_chargeCustomerFail' } },
  ...DISCOUNT_SEAT_DEMO_ACCOUNTS,
]
