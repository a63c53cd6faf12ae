-- Undoes 20261127090000_usage_entitlement.
-- CHANGES DATA, drops no data: recorded usage events get their answers back in words (metric, remaining, the
-- grace warning) from the facts kept since.
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

update public.usage_records
   set answer = jsonb_build_object(
         'metric', metric, 'used', answer -> 'used', 'limit', answer -> 'limit',
         'remaining', case when jsonb_typeof(answer -> 'limit') = 'number'
                           then to_jsonb(greatest(0, (answer ->> 'limit')::bigint - (answer ->> 'used')::bigint)) else 'null'::jsonb end,
         'resets_at', to_jsonb(to_char((answer ->> 'resets_at')::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
         'warning', case when jsonb_typeof(answer -> 'grace_ends_at') = 'string'
                         then to_jsonb('Your last payment failed. Pay by ' || to_char((answer ->> 'grace_ends_at')::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ' to keep your plan.')
                         else 'null'::jsonb end)
 where not answer ? 'metric';

drop function public.consume_usage(uuid, text, bigint, text, timestamptz, boolean);
drop function public.usage_entitlement(uuid, timestamptz, boolean);
drop function public.plan_quotas(jsonb);

delete from supabase_migrations.schema_migrations where version = '20261127090000';
commit;
