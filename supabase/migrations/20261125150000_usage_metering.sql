-- What a recorded usage event was answered, so a repeated idempotency key gets the same answer.
alter table public.usage_records add column answer jsonb;

-- Running totals per customer, metric and billing period. The quota check and the increment are one
-- conditional statement on this row, so concurrent requests at the boundary never pass the quota.
create table public.usage_totals (
  user_id uuid not null references auth.users (id) on delete cascade,
  metric text not null,
  period_start timestamptz not null,
  used bigint not null,
  primary key (user_id, metric, period_start)
);
alter table public.usage_totals enable row level security;
create policy "usage totals read own" on public.usage_totals for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.usage_totals to authenticated;

-- Server API keys of the team's own backend, for recording usage on a customer's behalf. Only a hash is kept.
create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  key_hash text not null unique,
  key_prefix text not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
alter table public.api_keys enable row level security;
