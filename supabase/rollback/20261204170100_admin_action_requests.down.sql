-- Undoes 20261204170100_admin_action_requests.
-- DROPS DATA: the record of admin actions by idempotency key (admin_action_requests); what each action did
-- stays in Stripe and on the audit log.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204170100') then
    raise exception '20261204170100_admin_action_requests is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204170100') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204170100');
  end if;
end $$;

drop table public.admin_action_requests;

delete from supabase_migrations.schema_migrations where version = '20261204170100';
commit;
