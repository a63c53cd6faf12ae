-- Undoes 20261127090000_usage_entitlement.
-- It drops no data: only the functions that decide and record usage, which the previous release does in the app.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261127090000') then
    raise exception '20261127090000_usage_entitlement is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261127090000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261127090000');
  end if;
end $$;

drop function public.consume_usage(uuid, text, bigint, text, timestamptz, boolean, text);
drop function public.usage_entitlement(uuid, timestamptz, boolean);
drop function public.plan_quotas(jsonb);
drop function public.iso_timestamp(timestamptz);

delete from supabase_migrations.schema_migrations where version = '20261127090000';
commit;
