-- Undoes 20261125140000_grace_outcomes.
-- DROPS DATA: grace periods' amount due, currency, closing time and reason (grace_periods.amount_due, currency,
-- closed_at, closed_reason) and the notification sender's retry state (notifications.attempts,
-- next_attempt_at, last_error, claim_id, locked_until).
-- CHANGES DATA: a grace period closed as 'canceled' (its subscription ended) becomes 'resolved' at its closing
-- time, the earlier schema having no such status; like a resolved one it enforces nothing.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261125140000') then
    raise exception '20261125140000_grace_outcomes is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261125140000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261125140000');
  end if;
end $$;

drop index public.notifications_due_idx;
alter table public.notifications
  drop column attempts,
  drop column next_attempt_at,
  drop column last_error,
  drop column claim_id,
  drop column locked_until;

update public.grace_periods set status = 'resolved', resolved_at = coalesce(resolved_at, closed_at, now())
 where status = 'canceled';
drop index public.grace_periods_user_idx;
drop index public.grace_periods_invoice_idx;
alter table public.grace_periods
  drop column amount_due,
  drop column currency,
  drop column closed_at,
  drop column closed_reason;
alter table public.grace_periods drop constraint grace_periods_status_check;
alter table public.grace_periods add constraint grace_periods_status_check
  check (status in ('open', 'resolved', 'expired'));

delete from supabase_migrations.schema_migrations where version = '20261125140000';
commit;
