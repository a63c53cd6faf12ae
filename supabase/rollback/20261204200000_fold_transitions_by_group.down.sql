-- Undoes 20261204200000_fold_transitions_by_group: webhook transitions grouped before their counters are
-- expanded. It drops no data: the transitions not yet folded stay where they are, and the per-transition
-- functions are put back as 20261204190000_webhook_transition_deltas created them.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204200000') then
    raise exception '20261204200000_fold_transitions_by_group is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204200000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204200000');
  end if;
end $$;

-- The counters one transition raises, as the scrape and the fold both read them.
create function public.webhook_transition_counters(
  event_type text, status text, stored_settled boolean, attempts integer, latency_seconds double precision
) returns table (name text, labels jsonb, value double precision)
language sql immutable set search_path = '' as $$
  select c.name, c.labels, c.value
    from (values
      ('stripe_webhook_events_total', jsonb_build_object('type', event_type, 'status', status), 1::double precision, true),
      ('stripe_webhook_events_total', jsonb_build_object('type', event_type, 'status', 'received'), 1, stored_settled),
      ('stripe_webhook_processing_attempts_total', jsonb_build_object('outcome', status), 1,
        status in ('processed', 'ignored', 'failed', 'dead') and attempts > 0),
      -- Attempts after the first are retries: their success rate says whether retrying helps.
      ('stripe_webhook_retry_attempts_total', jsonb_build_object('outcome', status), 1,
        status in ('processed', 'ignored', 'failed', 'dead') and attempts > 1),
      ('webhook_processing_latency_seconds_bucket', jsonb_build_object('le', public.webhook_latency_bucket(latency_seconds)), 1,
        latency_seconds is not null),
      ('webhook_processing_latency_seconds_sum', '{}'::jsonb, latency_seconds, latency_seconds is not null)
    ) as c(name, labels, value, raised)
   where c.raised
$$;
revoke execute on function public.webhook_transition_counters(text, text, boolean, integer, double precision) from public, anon, authenticated;

-- Moves the committed deltas, and the transitions' counters, into the totals in one statement; one folder at a time.
create or replace function public.fold_metric_counters() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  folded integer := 0;
begin
  if not pg_try_advisory_xact_lock(hashtext('public.fold_metric_counters')) then
    return 0;
  end if;
  with moved as (
    delete from public.metric_counter_deltas returning name, labels, value
  ), transitions as (
    delete from public.webhook_transition_deltas returning type, status, stored_settled, attempts, latency_seconds
  ), raised as (
    select name, labels, value from moved
    union all
    select c.name, c.labels, c.value
      from transitions t
     cross join lateral public.webhook_transition_counters(t.type, t.status, t.stored_settled, t.attempts, t.latency_seconds) c
  ), summed as (
    insert into public.metric_counters (name, labels, value)
    select name, labels, sum(value) from raised group by name, labels
    on conflict (name, labels) do update set value = public.metric_counters.value + excluded.value
    returning 1
  )
  select count(*) into folded from summed;
  return folded;
end
$$;

drop function public.unfolded_webhook_transition_counters();
drop function public.webhook_transition_group_counters(text, text, boolean, integer, text, bigint, double precision);

delete from supabase_migrations.schema_migrations where version = '20261204200000';
commit;
