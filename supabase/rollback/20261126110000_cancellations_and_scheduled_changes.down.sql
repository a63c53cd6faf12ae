-- Undoes 20261126110000_cancellations_and_scheduled_changes.
-- DROPS DATA: the reasons customers gave for cancelling (subscription_cancellations) and the record of plan
-- changes scheduled for the period end (scheduled_plan_changes). The schedules themselves stay in Stripe.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261126110000') then
    raise exception '20261126110000_cancellations_and_scheduled_changes is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261126110000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261126110000');
  end if;
end $$;

drop table public.scheduled_plan_changes;
drop table public.subscription_cancellations;

delete from supabase_migrations.schema_migrations where version = '20261126110000';
commit;
