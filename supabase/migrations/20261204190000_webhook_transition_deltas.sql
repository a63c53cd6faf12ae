-- An event's change of status raised up to five counters, each a delta row with jsonb labels, inside the
-- statement that marks the event processed: the costliest statement of the retry drain. Now a change appends
-- one row that says what happened, and the counters are expanded from those rows when a scrape reads them and
-- when the webhook-retry job folds them into the totals. The counters and their values are the same.
create table public.webhook_transition_deltas (
  id bigint generated always as identity primary key,
  type text not null,
  status text not null,
  -- Stored already past 'received' (an event applied as it arrived): its receipt is counted as well.
  stored_settled boolean not null,
  attempts integer not null,
  -- From receipt to processed, for the latency histogram; null unless processed.
  latency_seconds double precision
);
alter table public.webhook_transition_deltas enable row level security;
-- No policies: only the service path reads or writes counters.

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

-- Every status an event enters is recorded once, with what its counters need.
create or replace function public.count_webhook_event_transition() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.status = old.status then
    return new;
  end if;
  insert into public.webhook_transition_deltas (type, status, stored_settled, attempts, latency_seconds)
  values (new.type, new.status, tg_op = 'INSERT' and new.status <> 'received', new.attempts,
          case when new.status = 'processed' and new.processed_at is not null
               then greatest(0, extract(epoch from new.processed_at - new.received_at)) end);
  return new;
end
$$;

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
