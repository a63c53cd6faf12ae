-- Undoes 20261124120300_billing_audit_log: the append-only audit log, its chain head and their functions.
-- DROPS DATA: the billing audit log and its chain head. Export the log first (admin console) if it must be kept.
-- The log's triggers refuse UPDATE, DELETE and TRUNCATE, not DROP TABLE; the table is dropped whole with them.
-- Roll back 20261125130000_audit_chain_keyed first: it hands these objects back to the migrating role.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261124120300') then
    raise exception '20261124120300_billing_audit_log is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261124120300') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261124120300');
  end if;
end $$;

drop table public.billing_audit_log;
drop table public.billing_audit_chain_head;
drop function public.verify_billing_audit_chain();
drop function public.billing_audit_log_refuse_change();
drop function public.billing_audit_log_seal();
drop function public.billing_audit_row_hash(text, bigint, timestamptz, text, text, text, text, text, uuid, jsonb, jsonb, jsonb);

delete from supabase_migrations.schema_migrations where version = '20261124120300';
commit;
