-- Undoes 20261125150000_usage_metering.
-- DROPS DATA: the server API keys of the team's backend (api_keys: every key stops working), the running usage
-- totals (usage_totals; usage_records still holds each recorded event) and the answer stored with each usage
-- record (usage_records.answer).
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261125150000') then
    raise exception '20261125150000_usage_metering is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261125150000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261125150000');
  end if;
end $$;

drop table public.api_keys;
drop table public.usage_totals;
alter table public.usage_records drop column answer;

delete from supabase_migrations.schema_migrations where version = '20261125150000';
commit;
