-- One row per admin action on a customer (refund, credit, …), keyed by the idempotency key its confirmation
-- dialog made: the primary key makes a double click, a retry or a second server instance act once; the
-- stored response is what a repeated request gets. Written by the service path only.
create table public.admin_action_requests (
  idempotency_key uuid primary key,
  action text not null,
  user_id uuid not null,
  actor_id uuid not null,
  params jsonb not null,
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  response jsonb,
  claimed_at timestamptz not null,
  completed_at timestamptz
);
alter table public.admin_action_requests enable row level security;
create policy "admin action requests staff read" on public.admin_action_requests for select to authenticated
  using (public.is_billing_admin() or public.is_billing_support());
grant select on public.admin_action_requests to authenticated;
create index admin_action_requests_user_idx on public.admin_action_requests (user_id, claimed_at desc);
