-- Undoes 20261204120000_webhook_outcomes_index: brings back the receipt-order index without the status; it
-- drops no data.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204120000') then
    raise exception '20261204120000_webhook_outcomes_index is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204120000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204120000');
  end if;
end $$;

create index webhook_events_received_idx on public.webhook_events (received_at desc, id desc);
drop index public.webhook_events_received_status_idx;

delete from supabase_migrations.schema_migrations where version = '20261204120000';
commit;
