-- Undoes 20261126150000_metric_counters.
-- DROPS DATA: the Prometheus counters (metric_counters and metric_counter_deltas: every counter restarts from zero, which Prometheus reads
-- as a counter reset) and the install time (app_settings 'installed_at').
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261126150000') then
    raise exception '20261126150000_metric_counters is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261126150000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261126150000');
  end if;
end $$;

drop trigger grace_periods_count_transitions on public.grace_periods;
drop function public.count_grace_period_transition();
drop trigger webhook_events_count_transitions on public.webhook_events;
drop function public.count_webhook_event_transition();
drop function public.bump_metric_counters(text[], jsonb[], double precision[]);
drop function public.webhook_latency_bucket(double precision);
drop function public.fold_metric_counters();
drop function public.bump_metric_counter(text, jsonb, double precision);
drop table public.metric_counter_deltas;
drop table public.metric_counters;
delete from public.app_settings where key = 'installed_at';

delete from supabase_migrations.schema_migrations where version = '20261126150000';
commit;
