-- Undoes 20261126150200_grace_period_days.
-- DROPS DATA: the per-day counts of grace periods opened and ended (grace_period_days and its deltas); they are
-- derived from grace_periods, which keeps every period, so nothing is lost that cannot be recounted.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261126150200') then
    raise exception '20261126150200_grace_period_days is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261126150200') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261126150200');
  end if;
end $$;

drop trigger grace_periods_day_transitions on public.grace_periods;
drop function public.fold_grace_period_days();
drop function public.grace_period_day_transition();
drop table public.grace_period_day_deltas;
drop table public.grace_period_days;

delete from supabase_migrations.schema_migrations where version = '20261126150200';
commit;
