-- Counters for Prometheus, kept in the database and raised in the same transaction as what they count, so
-- they are right across instances and restarts and only ever rise. A raise appends a delta row, which locks
-- nothing that another writer needs (shared total rows held until commit would queue and deadlock concurrent
-- writers); the webhook-retry job folds deltas into the totals, and a scrape sums both.
create table public.metric_counters (
  name text not null,
  labels jsonb not null default '{}'::jsonb,
  value double precision not null default 0,
  primary key (name, labels)
);
alter table public.metric_counters enable row level security;
create table public.metric_counter_deltas (
  id bigint generated always as identity primary key,
  name text not null,
  labels jsonb not null default '{}'::jsonb,
  value double precision not null
);
alter table public.metric_counter_deltas enable row level security;
-- No policies on either: only the service path reads or writes counters.

create function public.bump_metric_counter(counter_name text, counter_labels jsonb, amount double precision default 1)
returns void language sql security definer set search_path = '' as $$
  insert into public.metric_counter_deltas (name, labels, value) values (counter_name, counter_labels, amount)
$$;
revoke execute on function public.bump_metric_counter(text, jsonb, double precision) from public, anon, authenticated;

-- Moves the committed deltas into the totals in one statement; one folder at a time (others return at once).
create function public.fold_metric_counters() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  folded integer := 0;
begin
  if not pg_try_advisory_xact_lock(hashtext('public.fold_metric_counters')) then
    return 0;
  end if;
  with moved as (
    delete from public.metric_counter_deltas returning name, labels, value
  ), summed as (
    insert into public.metric_counters (name, labels, value)
    select name, labels, sum(value) from moved group by name, labels
    on conflict (name, labels) do update set value = public.metric_counters.value + excluded.value
    returning 1
  )
  select count(*) into folded from summed;
  return folded;
end
$$;
revoke execute on function public.fold_metric_counters() from public, anon, authenticated;

-- Processing latency buckets (seconds); the scrape makes them cumulative.
create function public.webhook_latency_bucket(seconds double precision) returns text
language sql immutable set search_path = '' as $$
  select coalesce((select bound::text from unnest(array[0.1, 0.5, 1, 5, 30, 60, 300, 900, 3600, 7200]::double precision[]) as bound
                    where seconds <= bound order by bound limit 1), '+Inf')
$$;

-- Raises several counters in one statement.
create function public.bump_metric_counters(counter_names text[], counter_labels jsonb[], amounts double precision[])
returns void language sql security definer set search_path = '' as $$
  insert into public.metric_counter_deltas (name, labels, value)
  select name, labels, amount from unnest(counter_names, counter_labels, amounts) as c(name, labels, amount)
$$;
revoke execute on function public.bump_metric_counters(text[], jsonb[], double precision[]) from public, anon, authenticated;

-- Every status an event enters is counted once; attempt outcomes and latency from receipt to processed beside.
create function public.count_webhook_event_transition() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  names text[] := array['stripe_webhook_events_total'];
  labels jsonb[] := array[jsonb_build_object('type', new.type, 'status', new.status)];
  amounts double precision[] := array[1::double precision];
  seconds double precision;
begin
  if tg_op = 'UPDATE' and new.status = old.status then
    return new;
  end if;
  if tg_op = 'INSERT' and new.status <> 'received' then
    names := names || 'stripe_webhook_events_total'::text;
    labels := labels || jsonb_build_object('type', new.type, 'status', 'received');
    amounts := amounts || 1::double precision;
  end if;
  if new.status in ('processed', 'ignored', 'failed', 'dead') and new.attempts > 0 then
    names := names || 'stripe_webhook_processing_attempts_total'::text;
    labels := labels || jsonb_build_object('outcome', new.status);
    amounts := amounts || 1::double precision;
    -- Attempts after the first are retries: their success rate says whether retrying helps.
    if new.attempts > 1 then
      names := names || 'stripe_webhook_retry_attempts_total'::text;
      labels := labels || jsonb_build_object('outcome', new.status);
      amounts := amounts || 1::double precision;
    end if;
  end if;
  if new.status = 'processed' and new.processed_at is not null then
    seconds := greatest(0, extract(epoch from new.processed_at - new.received_at));
    names := names || array['webhook_processing_latency_seconds_bucket', 'webhook_processing_latency_seconds_sum']::text[];
    labels := labels || array[jsonb_build_object('le', public.webhook_latency_bucket(seconds)), '{}'::jsonb];
    amounts := amounts || array[1, seconds]::double precision[];
  end if;
  perform public.bump_metric_counters(names, labels, amounts);
  return new;
end
$$;
create trigger webhook_events_count_transitions
  after insert or update of status on public.webhook_events
  for each row execute function public.count_webhook_event_transition();

create function public.count_grace_period_transition() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    perform public.bump_metric_counter('grace_periods_opened_total', '{}'::jsonb);
    if new.status = 'open' then
      return new;
    end if;
  elsif new.status = old.status then
    return new;
  end if;
  perform public.bump_metric_counter('grace_periods_closed_total', jsonb_build_object('outcome', new.status));
  return new;
end
$$;
create trigger grace_periods_count_transitions
  after insert or update of status on public.grace_periods
  for each row execute function public.count_grace_period_transition();

-- When this deployment's database was set up: a job that never ran is late once its allowance has passed since.
insert into public.app_settings (key, value, updated_at) values ('installed_at', to_jsonb(now()), now()) on conflict (key) do nothing;
