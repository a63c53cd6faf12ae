-- Undoes 20261126130000_audit_log_filter_indexes: the audit log's filter indexes go back to the single
-- (action, id) index; drops no data. Filtered audit pages get slower on a long log.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261126130000') then
    raise exception '20261126130000_audit_log_filter_indexes is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261126130000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261126130000');
  end if;
end $$;

-- The log's indexes belong to billing_audit_owner: the rolling-back role takes its membership for these statements.
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant billing_audit_owner to %I', current_user);
  end if;
end $$;

drop index public.billing_audit_log_subject_occurred_idx;
drop index public.billing_audit_log_actor_occurred_idx;
drop index public.billing_audit_log_user_occurred_idx;
create index billing_audit_log_action_idx on public.billing_audit_log (action, id desc);
drop index public.billing_audit_log_action_occurred_idx;

do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('revoke billing_audit_owner from %I', current_user);
  end if;
end $$;

delete from supabase_migrations.schema_migrations where version = '20261126130000';
commit;
