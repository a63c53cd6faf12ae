-- Undoes 20261126140000_admin_ops_indexes: the admin console's indexes and the last-attempt stamp.
-- DROPS DATA: when each webhook event's latest attempt ended (webhook_events.last_attempt_at).
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261126140000') then
    raise exception '20261126140000_admin_ops_indexes is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261126140000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261126140000');
  end if;
end $$;

drop trigger webhook_events_stamp_attempt on public.webhook_events;
drop function public.webhook_events_stamp_attempt();
alter table public.webhook_events drop column last_attempt_at;
drop index public.customers_email_idx;
drop index public.notifications_status_created_idx;
drop index public.notifications_created_idx;
drop index public.webhook_events_dead_idx;
drop index public.webhook_events_received_idx;
drop index public.grace_periods_ended_idx;
drop index public.grace_periods_started_idx;

delete from supabase_migrations.schema_migrations where version = '20261126140000';
commit;
