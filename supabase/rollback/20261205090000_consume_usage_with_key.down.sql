-- Undoes 20261205090000_consume_usage_with_key: the usage route's function for the team's backend. It
-- drops no data: the previous release checks the key and finds the customer in its own statement.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261205090000') then
    raise exception '20261205090000_consume_usage_with_key is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261205090000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261205090000');
  end if;
end $$;

drop function public.consume_usage_with_key(text, uuid, text, text, bigint, text, timestamptz, boolean, text);

delete from supabase_migrations.schema_migrations where version = '20261205090000';
commit;
