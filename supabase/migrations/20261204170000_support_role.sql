-- The billing team's read-only role: app_metadata.role = 'support' (a claim only the server sets, like admin)
-- reads every row an admin reads. It gets select policies only: the authenticated role holds no write grant on
-- these tables, so support, like admin, never writes; the service path does.
create or replace function public.is_billing_support() returns boolean language sql stable as $$
  select coalesce(auth.jwt() -> 'app_metadata' ->> 'role', '') = 'support'
$$;
grant execute on function public.is_billing_support() to anon, authenticated;

create policy "support read" on public.app_settings for select to authenticated using (public.is_billing_support());
create policy "support read" on public.checkout_sessions for select to authenticated using (public.is_billing_support());
create policy "support read" on public.cron_runs for select to authenticated using (public.is_billing_support());
create policy "support read" on public.customers for select to authenticated using (public.is_billing_support());
create policy "support read" on public.grace_periods for select to authenticated using (public.is_billing_support());
create policy "support read" on public.invoices for select to authenticated using (public.is_billing_support());
create policy "support read" on public.notifications for select to authenticated using (public.is_billing_support());
create policy "support read" on public.plan_change_quotes for select to authenticated using (public.is_billing_support());
create policy "support read" on public.scheduled_plan_changes for select to authenticated using (public.is_billing_support());
create policy "support read" on public.subscription_cancellations for select to authenticated using (public.is_billing_support());
create policy "support read" on public.subscriptions for select to authenticated using (public.is_billing_support());
create policy "support read" on public.usage_records for select to authenticated using (public.is_billing_support());
create policy "support read" on public.usage_totals for select to authenticated using (public.is_billing_support());
create policy "support read" on public.webhook_events for select to authenticated using (public.is_billing_support());

-- The log belongs to billing_audit_owner, so the migrating role takes that role's membership for its policy.
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant billing_audit_owner to %I', current_user);
  end if;
end $$;
create policy "support read" on public.billing_audit_log for select to authenticated using (public.is_billing_support());
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('revoke billing_audit_owner from %I', current_user);
  end if;
end $$;

-- Retired prices too, as admins see them.
create or replace function public.price_is_visible(price_id text) returns boolean
language sql stable security definer set search_path = '' as $$
  select public.price_is_offered(price_id) or public.is_billing_admin() or public.is_billing_support()
      or exists (select 1 from public.subscriptions s where s.price_id = price_is_visible.price_id and s.user_id = auth.uid())
$$;
