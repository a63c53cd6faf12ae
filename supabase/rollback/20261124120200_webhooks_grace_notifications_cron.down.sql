-- Undoes 20261124120200_webhooks_grace_notifications_cron.
-- DROPS DATA: webhook events (the dead-letter queue with them), grace periods, the notification outbox,
-- cron run history and runtime settings (app_settings: feature flags, the demo clock offset).
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261124120200') then
    raise exception '20261124120200_webhooks_grace_notifications_cron is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261124120200') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261124120200');
  end if;
end $$;

drop table public.app_settings;
drop table public.cron_runs;
drop table public.notifications;
drop table public.grace_periods;
drop table public.webhook_events;

delete from supabase_migrations.schema_migrations where version = '20261124120200';
commit;
