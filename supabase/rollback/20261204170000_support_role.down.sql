-- Undoes 20261204170000_support_role: support accounts read only their own rows again.
-- It drops no data.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204170000') then
    raise exception '20261204170000_support_role is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204170000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204170000');
  end if;
end $$;

create or replace function public.price_is_visible(price_id text) returns boolean
language sql stable security definer set search_path = '' as $$
  select public.price_is_offered(price_id) or public.is_billing_admin()
      or exists (select 1 from public.subscriptions s where s.price_id = price_is_visible.price_id and s.user_id = auth.uid())
$$;
drop policy "support read" on public.app_settings;
drop policy "support read" on public.checkout_sessions;
drop policy "support read" on public.cron_runs;
drop policy "support read" on public.customers;
drop policy "support read" on public.grace_periods;
drop policy "support read" on public.invoices;
drop policy "support read" on public.notifications;
drop policy "support read" on public.plan_change_quotes;
drop policy "support read" on public.scheduled_plan_changes;
drop policy "support read" on public.subscription_cancellations;
drop policy "support read" on public.subscriptions;
drop policy "support read" on public.usage_records;
drop policy "support read" on public.usage_totals;
drop policy "support read" on public.webhook_events;
-- The log belongs to billing_audit_owner: the rolling-back role takes its membership for its policy.
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant billing_audit_owner to %I', current_user);
  end if;
end $$;
drop policy "support read" on public.billing_audit_log;
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('revoke billing_audit_owner from %I', current_user);
  end if;
end $$;
drop function public.is_billing_support();

delete from supabase_migrations.schema_migrations where version = '20261204170000';
commit;
