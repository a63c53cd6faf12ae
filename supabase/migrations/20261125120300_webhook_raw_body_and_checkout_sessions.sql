-- jsonb cannot hold U+0000, which Stripe may carry in any text field; such an event is stored with the
-- character replaced in `payload`, and the body exactly as Stripe signed it in `raw_body`.
alter table public.webhook_events add column raw_body text;

-- Checkout sessions this app created, and for whom: `client_reference_id` links a buyer to a user only for
-- these (with Payment Links or a pricing table the buyer controls that value).
create table public.checkout_sessions (
  id text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  mode text not null,
  created_at timestamptz not null default now()
);
alter table public.checkout_sessions enable row level security;
create policy "checkout sessions read own" on public.checkout_sessions for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.checkout_sessions to authenticated;
