-- A preview is kept whole so an unexpired quote for the same change is shown again instead of asking Stripe.
alter table public.plan_change_quotes add column preview jsonb;
create index plan_change_quotes_open_idx on public.plan_change_quotes (user_id, subscription_id, to_price_id, expires_at desc)
  where confirmed_at is null;

-- Fixed-window counters for rate limits that must hold across instances (previews, sign-in attempts).
create table public.rate_limits (
  key text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (key, window_start)
);
alter table public.rate_limits enable row level security;
