-- Undoes 20261125120000_plan_change_attempts.
-- DROPS DATA: the confirmation attempt count of each plan-change quote (plan_change_quotes.attempts).
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261125120000') then
    raise exception '20261125120000_plan_change_attempts is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261125120000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261125120000');
  end if;
end $$;

alter table public.plan_change_quotes drop column attempts;

delete from supabase_migrations.schema_migrations where version = '20261125120000';
commit;
