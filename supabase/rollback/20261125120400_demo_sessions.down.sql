-- Undoes 20261125120400_demo_sessions.
-- DROPS DATA: demo sign-in sessions (demo_sessions), and with them the record of revoked demo tokens.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261125120400') then
    raise exception '20261125120400_demo_sessions is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261125120400') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261125120400');
  end if;
end $$;

drop table public.demo_sessions;

delete from supabase_migrations.schema_migrations where version = '20261125120400';
commit;
