-- Undoes 20261204210000_quota_helpers_in_plpgsql: the quota and timestamp helpers in PL/pgSQL. It
-- drops no data: the three functions are put back as SQL functions, as 20261127090000_usage_entitlement
-- and 20261204150100_seat_quotas created them.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204210000') then
    raise exception '20261204210000_quota_helpers_in_plpgsql is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204210000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204210000');
  end if;
end $$;

create or replace function public.plan_quotas(metadata jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_object_agg(substr(key, 7), value::bigint), '{}'::jsonb)
    from jsonb_each_text(coalesce(metadata, '{}'::jsonb))
   where key like 'quota\_%' and length(key) > 6 and value ~ '^[0-9]{1,15}$'
$$;

create or replace function public.seat_quotas(metadata jsonb, quantity integer) returns jsonb
language sql immutable set search_path = '' as $$
  select case when metadata ->> 'per_seat' = 'true'
    then public.plan_quotas(metadata) || jsonb_build_object('seats',
      coalesce((public.plan_quotas(metadata) ->> 'seats')::bigint, 1) * greatest(coalesce(quantity, 1), 1))
    else public.plan_quotas(metadata) end
$$;

create or replace function public.iso_timestamp(moment timestamptz) returns text
language sql immutable set search_path = '' as $$
  select to_char(moment at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

delete from supabase_migrations.schema_migrations where version = '20261204210000';
commit;
