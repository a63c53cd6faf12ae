-- Why customers cancel: one row per request to cancel at period end, with the optional reason they gave.
-- Customers read their own; admins read all (the admin console lists them beside the audit log).
create table public.subscription_cancellations (
  id uuid primary key default gen_random_uuid(),
  subscription_id text not null references public.subscriptions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  reason text check (char_length(reason) <= 500),
  requested_at timestamptz not null,
  ends_at timestamptz,
  -- Set when the customer resumed before the end.
  resumed_at timestamptz
);
alter table public.subscription_cancellations enable row level security;
create policy "cancellations read own" on public.subscription_cancellations for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.subscription_cancellations to authenticated;
create index subscription_cancellations_subscription_idx on public.subscription_cancellations (subscription_id, requested_at desc);
create index subscription_cancellations_requested_idx on public.subscription_cancellations (requested_at desc);

-- A plan change that waits for the end of the period (a Stripe subscription schedule), at most one per
-- subscription. Removed when undone; a row whose date has passed, or whose price the subscription now has,
-- has taken effect and is no longer shown.
create table public.scheduled_plan_changes (
  subscription_id text primary key references public.subscriptions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  schedule_id text not null,
  from_price_id text not null,
  to_price_id text not null,
  effective_at timestamptz not null,
  created_at timestamptz not null
);
alter table public.scheduled_plan_changes enable row level security;
create policy "scheduled changes read own" on public.scheduled_plan_changes for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.scheduled_plan_changes to authenticated;
