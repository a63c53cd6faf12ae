-- Undoes 20261124120100_subscriptions_invoices_usage.
-- DROPS DATA: subscriptions, invoices, recorded usage (usage_records) and plan-change quotes.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261124120100') then
    raise exception '20261124120100_subscriptions_invoices_usage is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261124120100') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261124120100');
  end if;
end $$;

drop table public.plan_change_quotes;
drop table public.usage_records;
drop table public.invoices;
drop table public.subscriptions;

delete from supabase_migrations.schema_migrations where version = '20261124120100';
commit;
