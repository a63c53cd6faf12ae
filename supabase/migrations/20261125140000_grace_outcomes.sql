-- Grace periods end in one of three ways: resolved (the invoice was paid), expired (the deadline passed
-- unpaid; the customer is held to the free plan while enforcement is on), or canceled (the subscription ended).
alter table public.grace_periods drop constraint grace_periods_status_check;
alter table public.grace_periods add constraint grace_periods_status_check
  check (status in ('open', 'resolved', 'expired', 'canceled'));
alter table public.grace_periods
  add column amount_due bigint,
  add column currency text,
  add column closed_at timestamptz,
  add column closed_reason text;
-- One grace period per failed invoice, so events of that invoice in any order converge on the same row.
create unique index grace_periods_invoice_idx on public.grace_periods (invoice_id);
create index grace_periods_user_idx on public.grace_periods (user_id, started_at desc);

-- The notification sender claims due rows under a lease (as the webhook retry job does) and retries failures
-- with backoff; a row that exhausted its attempts ends 'failed' with the last error kept.
alter table public.notifications
  add column attempts integer not null default 0,
  add column next_attempt_at timestamptz,
  add column last_error text,
  add column claim_id uuid,
  add column locked_until timestamptz;
create index notifications_due_idx on public.notifications (next_attempt_at) where status = 'pending';
