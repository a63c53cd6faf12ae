-- Dead events per type, so the dead-letter queue's facets cost the number of types rather than the number of
-- dead events. Entering or leaving the queue appends a delta row; the webhook-retry job folds them, readers sum
-- both. The triggers' WHEN clauses keep ingest, where nothing is dead, from calling the function at all.
create table public.dead_letter_counts (
  type text primary key,
  events bigint not null default 0
);
alter table public.dead_letter_counts enable row level security;
create table public.dead_letter_count_deltas (
  id bigint generated always as identity primary key,
  type text not null,
  events integer not null
);
alter table public.dead_letter_count_deltas enable row level security;
-- No policies on either: the admin console reads them on the service path.

create function public.dead_letter_count_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op <> 'INSERT' and old.status = 'dead' and (tg_op = 'DELETE' or new.status <> 'dead' or new.type <> old.type) then
    insert into public.dead_letter_count_deltas (type, events) values (old.type, -1);
  end if;
  if tg_op <> 'DELETE' and new.status = 'dead' and (tg_op = 'INSERT' or old.status <> 'dead' or new.type <> old.type) then
    insert into public.dead_letter_count_deltas (type, events) values (new.type, 1);
  end if;
  return null;
end
$$;
create trigger webhook_events_dead_inserted after insert on public.webhook_events
  for each row when (new.status = 'dead') execute function public.dead_letter_count_change();
create trigger webhook_events_dead_changed after update of status, type on public.webhook_events
  for each row when (old.status = 'dead' or new.status = 'dead') execute function public.dead_letter_count_change();
create trigger webhook_events_dead_deleted after delete on public.webhook_events
  for each row when (old.status = 'dead') execute function public.dead_letter_count_change();

-- Moves the committed deltas into the counts in one statement; one folder at a time.
create function public.fold_dead_letter_counts() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  folded integer := 0;
begin
  if not pg_try_advisory_xact_lock(hashtext('public.fold_dead_letter_counts')) then
    return 0;
  end if;
  with moved as (
    delete from public.dead_letter_count_deltas returning type, events
  ), summed as (
    insert into public.dead_letter_counts (type, events)
    select type, sum(events) from moved group by type
    on conflict (type) do update set events = public.dead_letter_counts.events + excluded.events
    returning 1
  )
  select count(*) into folded from summed;
  return folded;
end
$$;
revoke execute on function public.fold_dead_letter_counts() from public, anon, authenticated;

-- The events dead before this migration.
insert into public.dead_letter_counts (type, events)
select type, count(*) from public.webhook_events where status = 'dead' group by type;
