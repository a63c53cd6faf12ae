-- Undoes 20261125120100_offered_plans: brings back the policies that showed the whole catalogue to everyone.
-- DROPS DATA: each price's usage type (prices.recurring_usage_type); a later catalogue sync fills it again.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261125120100') then
    raise exception '20261125120100_offered_plans is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261125120100') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261125120100');
  end if;
end $$;

drop policy "offered products are public" on public.products;
create policy "catalogue is public" on public.products for select to anon, authenticated using (true);
drop policy "offered prices are public" on public.prices;
create policy "prices are public" on public.prices for select to anon, authenticated using (true);

drop function public.price_is_visible(text);
drop function public.price_is_offered(text);
alter table public.prices drop column recurring_usage_type;

delete from supabase_migrations.schema_migrations where version = '20261125120100';
commit;
