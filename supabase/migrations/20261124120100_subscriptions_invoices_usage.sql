create table public.subscriptions (
  id text primary key,
  user_id uuid references auth.users (id) on delete set null,
  stripe_customer_id text not null,
  status text not null,
  price_id text,
  item_id text,
  quantity integer not null default 1,
  current_period_start timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  cancel_at timestamptz,
  canceled_at timestamptz,
  ended_at timestamptz,
  trial_end timestamptz,
  -- Stripe's time of the event whose state this row holds: an older event never overwrites a newer one.
  stripe_event_created_at timestamptz,
  stripe_event_id text,
  created_at timestamptz not null,
  updated_at timestamptz not null default now()
);
alter table public.subscriptions enable row level security;
create policy "subscriptions read own" on public.subscriptions for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.subscriptions to authenticated;
create index subscriptions_user_id_idx on public.subscriptions (user_id);
create index subscriptions_customer_idx on public.subscriptions (stripe_customer_id);

create table public.invoices (
  id text primary key,
  user_id uuid references auth.users (id) on delete set null,
  stripe_customer_id text not null,
  subscription_id text,
  number text,
  status text not null,
  billing_reason text,
  currency text not null,
  subtotal bigint not null default 0,
  total bigint not null default 0,
  amount_due bigint not null default 0,
  amount_paid bigint not null default 0,
  amount_remaining bigint not null default 0,
  attempt_count integer not null default 0,
  next_payment_attempt timestamptz,
  hosted_invoice_url text,
  invoice_pdf text,
  period_start timestamptz,
  period_end timestamptz,
  stripe_created_at timestamptz not null,
  stripe_event_created_at timestamptz,
  updated_at timestamptz not null default now()
);
alter table public.invoices enable row level security;
create policy "invoices read own" on public.invoices for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.invoices to authenticated;
create index invoices_user_created_idx on public.invoices (user_id, stripe_created_at desc, id desc);
create index invoices_subscription_idx on public.invoices (subscription_id);

-- Metered usage; the idempotency key makes a retried report count once.
create table public.usage_records (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  metric text not null,
  period_start timestamptz not null,
  quantity bigint not null check (quantity > 0),
  idempotency_key text not null,
  recorded_at timestamptz not null default now(),
  unique (user_id, idempotency_key)
);
alter table public.usage_records enable row level security;
create policy "usage read own" on public.usage_records for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.usage_records to authenticated;
create index usage_records_period_idx on public.usage_records (user_id, metric, period_start);

-- A quoted plan change: the confirm step charges exactly what was previewed, at the quoted proration date.
create table public.plan_change_quotes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  subscription_id text not null,
  item_id text not null,
  from_price_id text not null,
  to_price_id text not null,
  proration_date timestamptz not null,
  currency text not null,
  total bigint not null,
  amount_due bigint not null,
  expires_at timestamptz not null,
  confirmed_at timestamptz,
  created_at timestamptz not null default now()
);
alter table public.plan_change_quotes enable row level security;
create policy "quotes read own" on public.plan_change_quotes for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.plan_change_quotes to authenticated;
create index plan_change_quotes_user_idx on public.plan_change_quotes (user_id, created_at desc);
