-- Undoes 20261125120300_webhook_raw_body_and_checkout_sessions.
-- DROPS DATA: webhook events' raw bodies as Stripe signed them (webhook_events.raw_body; the parsed payload
-- stays) and the record of which checkout sessions this app created, and for whom (checkout_sessions).
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261125120300') then
    raise exception '20261125120300_webhook_raw_body_and_checkout_sessions is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261125120300') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261125120300');
  end if;
end $$;

drop table public.checkout_sessions;
alter table public.webhook_events drop column raw_body;

delete from supabase_migrations.schema_migrations where version = '20261125120300';
commit;
