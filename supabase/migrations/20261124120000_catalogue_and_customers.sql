-- Who may see billing data: a customer sees their own rows, an admin (app_metadata.role = 'admin', a claim
-- only the server can set in Supabase Auth) sees everything. Only the service path writes.
create or replace function public.is_billing_admin() returns boolean language sql stable as $$
  select coalesce(auth.jwt() -> 'app_metadata' ->> 'role', '') = 'admin'
$$;
grant execute on function public.is_billing_admin() to anon, authenticated;

-- The plan catalogue, mirrored from Stripe products and prices.
create table public.products (
  id text primary key,
  name text not null,
  description text,
  active boolean not null default true,
  metadata jsonb not null default '{}',
  stripe_updated_at timestamptz,
  synced_at timestamptz not null default now()
);
alter table public.products enable row level security;
create policy "catalogue is public" on public.products for select to anon, authenticated using (true);
grant select on public.products to anon, authenticated;

create table public.prices (
  id text primary key,
  product_id text not null,
  active boolean not null default true,
  currency text not null,
  unit_amount bigint,
  recurring_interval text,
  recurring_interval_count integer,
  lookup_key text,
  metadata jsonb not null default '{}',
  synced_at timestamptz not null default now()
);
alter table public.prices enable row level security;
create policy "prices are public" on public.prices for select to anon, authenticated using (true);
grant select on public.prices to anon, authenticated;
create index prices_product_id_idx on public.prices (product_id);

-- One Stripe customer per app user, and one app user per Stripe customer.
create table public.customers (
  user_id uuid primary key references auth.users (id) on delete cascade,
  stripe_customer_id text not null unique,
  email text,
  deleted_at timestamptz,
  stripe_event_created_at timestamptz,
  created_at timestamptz not null default now()
);
alter table public.customers enable row level security;
create policy "customers read own" on public.customers for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.customers to authenticated;
