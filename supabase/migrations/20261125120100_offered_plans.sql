-- Which prices a customer may buy: an active, recurring, licensed price with an amount, monthly or yearly,
-- on an active product, marked self-serve in its own metadata or, failing that, its product's
-- (`self_serve=true`; a price can opt out of a self-serve product with `self_serve=false`, e.g. a staff price).
alter table public.prices add column recurring_usage_type text;

create or replace function public.price_is_offered(price_id text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.prices pr join public.products p on p.id = pr.product_id
     where pr.id = price_id and p.active and pr.active and pr.unit_amount is not null
       and pr.recurring_interval in ('month', 'year') and coalesce(pr.recurring_usage_type, 'licensed') = 'licensed'
       and coalesce(pr.metadata ->> 'self_serve', p.metadata ->> 'self_serve') = 'true')
$$;

-- Customers also see the price they are on, even once it is no longer offered; admins see everything.
create or replace function public.price_is_visible(price_id text) returns boolean
language sql stable security definer set search_path = '' as $$
  select public.price_is_offered(price_id) or public.is_billing_admin()
      or exists (select 1 from public.subscriptions s where s.price_id = price_is_visible.price_id and s.user_id = auth.uid())
$$;
revoke execute on function public.price_is_offered(text), public.price_is_visible(text) from public;
grant execute on function public.price_is_offered(text), public.price_is_visible(text) to anon, authenticated;

drop policy "prices are public" on public.prices;
create policy "offered prices are public" on public.prices for select to anon, authenticated
  using (public.price_is_visible(id));
drop policy "catalogue is public" on public.products;
create policy "offered products are public" on public.products for select to anon, authenticated
  using (exists (select 1 from public.prices pr where pr.product_id = products.id and public.price_is_visible(pr.id)));
