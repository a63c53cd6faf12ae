-- Undoes 20261204150000_discounts_and_seats: the mirrored subscription discounts and the quotes' discounts and
-- seat counts.
-- DROPS DATA: the local copy of each subscription's discounts (Stripe keeps them; the next
-- customer.subscription.* event would write them again) and what open quotes were priced with.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204150000') then
    raise exception '20261204150000_discounts_and_seats is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204150000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204150000');
  end if;
end $$;

alter table public.plan_change_quotes drop column to_quantity;
alter table public.plan_change_quotes drop column from_quantity;
alter table public.plan_change_quotes drop column promotion_code;
alter table public.plan_change_quotes drop column discounts;
alter table public.subscriptions drop column discounts;

delete from supabase_migrations.schema_migrations where version = '20261204150000';
commit;
