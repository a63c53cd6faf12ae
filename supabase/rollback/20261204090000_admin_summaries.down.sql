-- Undoes 20261204090000_admin_summaries: the per-price subscription totals and two indexes of the admin console.
-- DROPS DATA: the subscription totals and their deltas; they are counted from subscriptions, which keeps every
-- row, so nothing is lost that cannot be recounted.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204090000') then
    raise exception '20261204090000_admin_summaries is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204090000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204090000');
  end if;
end $$;

drop index public.cron_runs_job_succeeded_idx;
drop index public.customers_created_idx;
drop trigger subscriptions_totals on public.subscriptions;
drop function public.fold_subscription_totals();
drop function public.subscription_total_change();
drop table public.subscription_total_deltas;
drop table public.subscription_totals;

delete from supabase_migrations.schema_migrations where version = '20261204090000';
commit;
