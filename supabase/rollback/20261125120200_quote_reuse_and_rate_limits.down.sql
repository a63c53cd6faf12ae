-- Undoes 20261125120200_quote_reuse_and_rate_limits.
-- DROPS DATA: the stored preview of each plan-change quote (plan_change_quotes.preview) and the rate-limit
-- counters (rate_limits; they only cover the current windows).
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261125120200') then
    raise exception '20261125120200_quote_reuse_and_rate_limits is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261125120200') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261125120200');
  end if;
end $$;

drop table public.rate_limits;
drop index public.plan_change_quotes_open_idx;
alter table public.plan_change_quotes drop column preview;

delete from supabase_migrations.schema_migrations where version = '20261125120200';
commit;
