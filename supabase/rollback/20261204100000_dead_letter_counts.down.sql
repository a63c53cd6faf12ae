-- Undoes 20261204100000_dead_letter_counts: the dead-letter queue's counts per type.
-- DROPS DATA: the counts and their deltas; they are counted from webhook_events, which keeps every event, so
-- nothing is lost that cannot be recounted.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204100000') then
    raise exception '20261204100000_dead_letter_counts is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204100000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204100000');
  end if;
end $$;

drop trigger webhook_events_dead_deleted on public.webhook_events;
drop trigger webhook_events_dead_changed on public.webhook_events;
drop trigger webhook_events_dead_inserted on public.webhook_events;
drop function public.fold_dead_letter_counts();
drop function public.dead_letter_count_change();
drop table public.dead_letter_count_deltas;
drop table public.dead_letter_counts;

delete from supabase_migrations.schema_migrations where version = '20261204100000';
commit;
