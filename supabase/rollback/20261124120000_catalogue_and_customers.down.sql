-- Undoes 20261124120000_catalogue_and_customers: the plan catalogue, the customers table and is_billing_admin().
-- DROPS DATA: the mirrored plan catalogue (products, prices) and every customer's link to their Stripe customer
-- (customers). auth.users and the rest of the local bootstrap stay.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261124120000') then
    raise exception '20261124120000_catalogue_and_customers is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261124120000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261124120000');
  end if;
end $$;

drop table public.customers;
drop table public.prices;
drop table public.products;
drop function public.is_billing_admin();

delete from supabase_migrations.schema_migrations where version = '20261124120000';
commit;
