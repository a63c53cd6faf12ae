-- Undoes 20261126150100_dead_letter_release.
-- DROPS DATA: the release each dead webhook event died under (webhook_events.dead_release); dead events stay
-- dead and can still be replayed from the admin console.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261126150100') then
    raise exception '20261126150100_dead_letter_release is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261126150100') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261126150100');
  end if;
end $$;

drop index public.webhook_events_dead_received_idx;
alter table public.webhook_events drop column dead_release;

delete from supabase_migrations.schema_migrations where version = '20261126150100';
commit;
