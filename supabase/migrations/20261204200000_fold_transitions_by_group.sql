-- Folding (and scraping) expanded each unfolded webhook transition on its own: a call of the counters function
-- per row, about 30 µs each, so a fold after a busy hour took seconds. Transitions that raise the same counters
-- are now grouped first, and each group is expanded once with its count and its summed latency.

-- The counters a group of like transitions raises: `transitions` of them, `latency_sum` seconds in all.
-- `attempts` need only tell none, one and more apart; `latency_bucket` is null for transitions without a latency.
create function public.webhook_transition_group_counters(
  event_type text, status text, stored_settled boolean, attempts integer, latency_bucket text,
  transitions bigint, latency_sum double precision
) returns table (name text, labels jsonb, value double precision)
language sql immutable set search_path = '' as $$
  select c.name, c.labels, c.value
    from (values
      ('stripe_webhook_events_total', jsonb_build_object('type', event_type, 'status', status), transitions::double precision, true),
      ('stripe_webhook_events_total', jsonb_build_object('type', event_type, 'status', 'received'), transitions, stored_settled),
      ('stripe_webhook_processing_attempts_total', jsonb_build_object('outcome', status), transitions,
        status in ('processed', 'ignored', 'failed', 'dead') and attempts > 0),
      -- Attempts after the first are retries: their success rate says whether retrying helps.
      ('stripe_webhook_retry_attempts_total', jsonb_build_object('outcome', status), transitions,
        status in ('processed', 'ignored', 'failed', 'dead') and attempts > 1),
      ('webhook_processing_latency_seconds_bucket', jsonb_build_object('le', latency_bucket), transitions, latency_bucket is not null),
      ('webhook_processing_latency_seconds_sum', '{}'::jsonb, latency_sum, latency_bucket is not null)
    ) as c(name, labels, value, raised)
   where c.raised
$$;
revoke execute on function public.webhook_transition_group_counters(text, text, boolean, integer, text, bigint, double precision)
  from public, anon, authenticated;

-- Every counter the transitions not yet folded have raised, for a scrape.
create function public.unfolded_webhook_transition_counters() returns table (name text, labels jsonb, value double precision)
language sql stable set search_path = '' as $$
  select c.name, c.labels, c.value
    from (select type, status, stored_settled, least(attempts, 2) as attempts,
                 case when latency_seconds is not null then public.webhook_latency_bucket(latency_seconds) end as latency_bucket,
                 count(*) as transitions, sum(latency_seconds) as latency_sum
            from public.webhook_transition_deltas
           group by 1, 2, 3, 4, 5) as g
   cross join lateral public.webhook_transition_group_counters(
     g.type, g.status, g.stored_settled, g.attempts, g.latency_bucket, g.transitions, g.latency_sum) c
$$;
revoke execute on function public.unfolded_webhook_transition_counters() from public, anon, authenticated;

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
  ), grouped as (
    select type, status, stored_settled, least(attempts, 2) as attempts,
           case when latency_seconds is not null then public.webhook_latency_bucket(latency_seconds) end as latency_bucket,
           count(*) as transitions, sum(latency_seconds) as latency_sum
      from transitions
     group by 1, 2, 3, 4, 5
  ), raised as (
    select name, labels, value from moved
    union all
    select c.name, c.labels, c.value
      from grouped g
     cross join lateral public.webhook_transition_group_counters(
       g.type, g.status, g.stored_settled, g.attempts, g.latency_bucket, g.transitions, g.latency_sum) c
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

-- The per-transition expansion, now unused.
drop function public.webhook_transition_counters(text, text, boolean, integer, double precision);
