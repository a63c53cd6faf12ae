-- Every Stripe event, stored before it is processed. The event id is the key, so a repeat delivery is a no-op.
-- Events with status 'dead' form the dead-letter queue.
create table public.webhook_events (
  id text primary key,
  type text not null,
  api_version text,
  livemode boolean not null default false,
  stripe_created_at timestamptz not null,
  payload jsonb not null,
  status text not null default 'received'
    check (status in ('received', 'processing', 'processed', 'failed', 'dead', 'ignored', 'discarded')),
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  -- A worker's claim: while status is 'processing' and locked_until is ahead, nobody else takes the event;
  -- once the lease has passed (the worker died), the retry job reclaims it with a new claim_id.
  claim_id uuid,
  locked_until timestamptz,
  last_error text,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
alter table public.webhook_events enable row level security;
create policy "webhook events admin read" on public.webhook_events for select to authenticated
  using (public.is_billing_admin());
grant select on public.webhook_events to authenticated;
create index webhook_events_due_idx on public.webhook_events (next_attempt_at)
  where status in ('received', 'failed');
create index webhook_events_lease_idx on public.webhook_events (locked_until) where status = 'processing';
create index webhook_events_status_received_idx on public.webhook_events (status, received_at desc, id);
create index webhook_events_type_idx on public.webhook_events (type, received_at desc);

create table public.grace_periods (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id) on delete set null,
  subscription_id text not null,
  invoice_id text,
  status text not null default 'open' check (status in ('open', 'resolved', 'expired')),
  started_at timestamptz not null,
  ends_at timestamptz not null,
  resolved_at timestamptz,
  expired_at timestamptz
);
alter table public.grace_periods enable row level security;
create policy "grace periods read own" on public.grace_periods for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.grace_periods to authenticated;
create unique index grace_periods_one_open_idx on public.grace_periods (subscription_id) where status = 'open';
create index grace_periods_due_idx on public.grace_periods (ends_at) where status = 'open';

-- Outbox of messages to customers; the dedupe key makes a re-run of a job send nothing twice.
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id) on delete cascade,
  kind text not null,
  payload jsonb not null default '{}',
  dedupe_key text not null unique,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
alter table public.notifications enable row level security;
create policy "notifications read own" on public.notifications for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.notifications to authenticated;
create index notifications_pending_idx on public.notifications (created_at) where status = 'pending';

create table public.cron_runs (
  id bigint generated always as identity primary key,
  job text not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  counts jsonb not null default '{}',
  error text
);
alter table public.cron_runs enable row level security;
create policy "cron runs admin read" on public.cron_runs for select to authenticated using (public.is_billing_admin());
grant select on public.cron_runs to authenticated;
create index cron_runs_job_started_idx on public.cron_runs (job, started_at desc);

-- Runtime settings changed without a deploy: feature flags and the demo clock offset.
create table public.app_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
alter table public.app_settings enable row level security;
create policy "settings admin read" on public.app_settings for select to authenticated using (public.is_billing_admin());
grant select on public.app_settings to authenticated;
