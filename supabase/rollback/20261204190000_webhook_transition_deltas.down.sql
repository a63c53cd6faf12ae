-- Undoes 20261204190000_webhook_transition_deltas: one row per webhook event transition, its counters expanded
-- when read. It drops no data: the transitions not yet folded are turned into the counter deltas they stand for
-- before the table goes, and the functions are put back as 20261126150000_metric_counters created them.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204190000') then
    raise exception '20261204190000_webhook_transition_deltas is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204190000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204190000');
  end if;
end $$;

-- No transition may land between the move below and the function that records it changing back.
lock table public.webhook_events in share row exclusive mode;

insert into public.metric_counter_deltas (name, labels, value)
select c.name, c.labels, c.value
  from public.webhook_transition_deltas t
 cross join lateral public.webhook_transition_counters(t.type, t.status, t.stored_settled, t.attempts, t.latency_seconds) c;

create or replace function public.count_webhook_event_transition() returns trigger
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

drop function public.webhook_transition_counters(text, text, boolean, integer, double precision);
drop table public.webhook_transition_deltas;

delete from supabase_migrations.schema_migrations where version = '20261204190000';
commit;
