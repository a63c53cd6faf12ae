import 'server-only'
import { asService } from '@/lib/db/transactions'

// A new install has no grace history, so the analytics page would open on empty charts. The running demo starts
// with twelve weeks of ended grace periods on demo subscriptions that belong to no account: most recovered
// within days, some expired, a few ended by cancellation, all
// before the last ten days. Seeded once; the pattern is fixed, not random.
const PERIODS = 40
const DAYS_OF_HISTORY = 84

export async function seedDemoGraceHistory(): Promise<void> {
  await asService(async (tx) => {
    await tx.query(
      `with plan as (
         select i,
                now() - make_interval(days => $2::int) + make_interval(hours => (i - 1) * ($2::int - 10) * 24 / $1::int + (i * 7) % 11) as started,
                case when i % 5 = 0 then 'expired' when i % 9 = 0 then 'canceled' else 'resolved' end as status,
                (array[1900, 4900, 9900])[1 + i % 3] as amount_due
         from generate_series(1, $1::int) as i
       )
       insert into public.grace_periods
         (user_id, subscription_id, invoice_id, status, started_at, ends_at, amount_due, currency,
          resolved_at, expired_at, closed_at, closed_reason)
       select null, 'sub_demo_history_' || i, 'in_demo_history_' || i, status, started, started + interval '7 days',
              amount_due, 'usd',
              case when status = 'resolved' then started + make_interval(hours => 3 + (i * 13) % 120) end,
              case when status = 'expired' then started + interval '7 days' end,
              started + case status when 'resolved' then make_interval(hours => 3 + (i * 13) % 120)
                                    when 'expired' then interval '7 days'
                                    else make_interval(days => 1 + i % 5) end,
              case status when 'resolved' then 'invoice_paid' when 'expired' then 'deadline_passed' else 'subscription_canceled' end
       from plan
       on conflict (invoice_id) do nothing`,
      [PERIODS, DAYS_OF_HISTORY],
    )
  })
}
