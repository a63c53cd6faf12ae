// The admin console's tables at a given size, written with generate_series: customers with one subscription
// each, their invoices, webhook events spread over 90 days (some dead), a year of cron runs, grace periods and
// notifications. Ids carry the row number, so both sizes can live in one database one after the other.
const PLANS = [
  ['price_bench_free', 'prod_bench_free', 'Free', 0, 'month'],
  ['price_bench_starter', 'prod_bench_starter', 'Starter', 1900, 'month'],
  ['price_bench_pro', 'prod_bench_pro', 'Pro', 7900, 'month'],
  ['price_bench_pro_yearly', 'prod_bench_pro', 'Pro', 79000, 'year'],
]
const EVENT_TYPES = ['invoice.paid', 'invoice.created', 'invoice.finalized', 'customer.subscription.updated', 'customer.updated', 'invoice.payment_failed', 'customer.subscription.created', 'checkout.session.completed']

export const userId = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
const USER_ID_SQL = (n) => `('00000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`

async function catalogue(client) {
  for (const [price, product, name, amount, interval] of PLANS) {
    await client.query(`insert into public.products (id, name, metadata) values ($1, $2, '{"self_serve":"true"}') on conflict do nothing`, [product, name])
    await client.query(
      `insert into public.prices (id, product_id, currency, unit_amount, recurring_interval) values ($1, $2, 'usd', $3, $4) on conflict do nothing`,
      [price, product, amount, interval],
    )
  }
}

/** Customers `from`..`to` (inclusive), each with a subscription, an invoice, and every tenth a grace period and a message. */
async function customers(client, from, to) {
  const range = [from, to]
  await client.query(`insert into auth.users (id, email) select ${USER_ID_SQL('n')}, 'customer' || n || '@bench.example' from generate_series($1::int, $2::int) n`, range)
  await client.query(
    `insert into public.customers (user_id, stripe_customer_id, email, created_at)
     select ${USER_ID_SQL('n')}, 'cus_bench_' || n, 'customer' || n || '@bench.example', now() - (($2::int - n) || ' minutes')::interval
       from generate_series($1::int, $2::int) n`,
    range,
  )
  await client.query(
    `insert into public.subscriptions (id, user_id, stripe_customer_id, status, price_id, item_id, quantity, current_period_start, current_period_end, created_at)
     select 'sub_bench_' || n, ${USER_ID_SQL('n')}, 'cus_bench_' || n,
            (array['active','active','active','active','active','active','active','active','active','active','active','active','active','active','active','active','active','trialing','past_due','canceled'])[1 + n % 20],
            (array['price_bench_free','price_bench_starter','price_bench_pro','price_bench_pro_yearly'])[1 + n % 4],
            'si_bench_' || n, 1 + n % 3, now() - interval '10 days', now() + interval '20 days', now() - (($2::int - n) || ' minutes')::interval
       from generate_series($1::int, $2::int) n`,
    range,
  )
  await client.query(
    `insert into public.invoices (id, user_id, stripe_customer_id, subscription_id, number, status, currency, total, amount_due, amount_paid, stripe_created_at)
     select 'in_bench_' || n, ${USER_ID_SQL('n')}, 'cus_bench_' || n, 'sub_bench_' || n, 'BENCH-' || n, 'paid', 'usd', 1900, 1900, 1900, now() - interval '10 days'
       from generate_series($1::int, $2::int) n`,
    range,
  )
  await client.query(
    `insert into public.grace_periods (user_id, subscription_id, invoice_id, status, started_at, ends_at, resolved_at)
     select ${USER_ID_SQL('n')}, 'sub_bench_' || n, 'in_bench_' || n, case when n % 20 = 18 then 'open' else 'resolved' end,
            now() - ((n % 80) || ' days')::interval, now() - ((n % 80) || ' days')::interval + interval '7 days',
            case when n % 20 = 18 then null else now() - ((n % 80) || ' days')::interval + interval '2 days' end
       from generate_series($1::int, $2::int) n where n % 10 = 8`,
    range,
  )
  await client.query(
    `insert into public.notifications (user_id, kind, payload, dedupe_key, status, created_at, sent_at)
     select ${USER_ID_SQL('n')}, 'grace_started', '{}', 'bench-' || n, 'sent', now() - ((n % 80) || ' days')::interval, now() - ((n % 80) || ' days')::interval
       from generate_series($1::int, $2::int) n where n % 10 = 8`,
    range,
  )
}

/** Webhook events `from`..`to`, one in `deadEvery` dead, received over the 90 days before now. */
async function webhookEvents(client, from, to, deadEvery) {
  const batch = 100_000
  for (let start = from; start <= to; start += batch) {
    const end = Math.min(to, start + batch - 1)
    await client.query(
      `insert into public.webhook_events (id, type, stripe_created_at, payload, status, attempts, last_error, received_at, processed_at, last_attempt_at)
       select 'evt_bench_' || n, t.type, r.at, jsonb_build_object('id', 'evt_bench_' || n, 'object', 'event', 'type', t.type, 'created', extract(epoch from r.at)::bigint,
                'data', jsonb_build_object('object', jsonb_build_object('id', 'in_bench_' || n, 'object', 'invoice', 'customer', 'cus_bench_' || n, 'amount_due', 1900, 'currency', 'usd', 'status', 'paid'))),
              case when n % $3::int = 0 then 'dead' else 'processed' end, case when n % $3::int = 0 then 6 else 1 end,
              case when n % $3::int = 0 then 'handler failed: bench' end, r.at, case when n % $3::int = 0 then null else r.at + interval '40 milliseconds' end, r.at
         from generate_series($1::int, $2::int) n
         cross join lateral (select ($4::text[])[1 + n % array_length($4::text[], 1)] as type) t
         cross join lateral (select now() - ((n::bigint * 7919) % 7776000 || ' seconds')::interval as at) r`,
      [start, end, deadEvery, EVENT_TYPES],
    )
  }
}

/** `days` of cron history: the two 5-minute jobs and the daily grace job. */
async function cronRuns(client, days) {
  await client.query(
    `insert into public.cron_runs (job, started_at, finished_at, status, counts)
     select job, at, at + interval '2 seconds', 'succeeded', '{}'::jsonb
       from generate_series(now() - ($1::int || ' days')::interval, now() - interval '1 minute', interval '5 minutes') at
      cross join (values ('webhook-retry'), ('notifications')) jobs(job)
     union all
     select 'grace-periods', at, at + interval '5 seconds', 'succeeded', '{}'::jsonb
       from generate_series(now() - ($1::int || ' days')::interval, now(), interval '1 day') at`,
    [days],
  )
}

/**
 * Audit entries `from`..`to`, one a minute, a Stripe change to one customer's subscription each, written as the
 * log's owner with triggers off (sealing row by row would make the load quadratic; pages read, never verify).
 */
async function auditEntries(client, from, to, customers) {
  const batch = 100_000
  for (let start = from; start <= to; start += batch) {
    await client.query('begin')
    await client.query('set local session_replication_role = replica')
    await client.query(
      `insert into public.billing_audit_log (occurred_at, actor_type, actor_id, action, subject_type, subject_id, user_id, before, after, context, chain_position, prev_hash, hash)
       select now() - make_interval(mins => $2::int - n), 'stripe', 'evt_bench_' || n, 'subscription.updated', 'subscription', 'sub_bench_' || (1 + n % $3::int),
              ${USER_ID_SQL('1 + n % $3::int')},
              jsonb_build_object('status', 'active', 'priceId', 'price_bench_starter', 'quantity', 1),
              jsonb_build_object('status', 'past_due', 'priceId', 'price_bench_starter', 'quantity', 1),
              jsonb_build_object('eventId', 'evt_bench_' || n), n, md5((n - 1)::text) || md5('p' || (n - 1)), md5(n::text) || md5('p' || n)
         from generate_series($1::int, least($1::int + ${batch - 1}, $2::int)) n`,
      [start, to, customers],
    )
    await client.query('commit')
  }
}

/** Grows the tables to the given size; each call adds only the rows beyond the previous size. */
export async function growTo(client, previous, size) {
  if (!previous) await catalogue(client)
  const had = previous ?? { customers: 0, events: 0, cronDays: 0, auditEntries: 0 }
  if (size.customers > had.customers) await customers(client, had.customers + 1, size.customers)
  if (size.events > had.events) await webhookEvents(client, had.events + 1, size.events, size.deadEvery)
  if (size.cronDays > had.cronDays) await cronRuns(client, size.cronDays - had.cronDays)
  if (size.auditEntries > had.auditEntries) await auditEntries(client, had.auditEntries + 1, size.auditEntries, size.customers)
  // The summaries' deltas folded, as the jobs do (the retry job every 5 minutes, the grace job daily).
  await client.query('select public.fold_subscription_totals(), public.fold_dead_letter_counts(), public.fold_grace_period_days()')
  await client.query('vacuum analyze')
}
