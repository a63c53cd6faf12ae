-- Refunds and credit notes on the invoice list. Stripe links a refund to its PaymentIntent, not to an invoice,
-- and an invoice to the PaymentIntent that paid it through an InvoicePayment; either event may arrive first, so
-- each table is keyed to be written in any order and the invoice list joins them when it reads.

-- A PaymentIntent that paid an invoice (invoice_payment.paid), with the running total refunded from its charge
-- (charge.refunded), which only grows.
create table public.invoice_payments (
  payment_intent_id text primary key,
  invoice_id text,
  invoice_payment_id text,
  stripe_customer_id text,
  currency text,
  amount_paid bigint not null default 0,
  amount_refunded bigint not null default 0,
  updated_at timestamptz not null default now()
);
alter table public.invoice_payments enable row level security;
create policy "invoice payments read own" on public.invoice_payments for select to authenticated
  using (public.is_billing_admin() or exists (
    select 1 from public.invoices i where i.id = invoice_payments.invoice_id and i.user_id = auth.uid()));
grant select on public.invoice_payments to authenticated;
create index invoice_payments_invoice_idx on public.invoice_payments (invoice_id);

-- Each refund as Stripe reported it (refund.created, .updated, .failed); an older state never overwrites a newer one.
create table public.refunds (
  id text primary key,
  payment_intent_id text,
  charge_id text,
  stripe_customer_id text,
  amount bigint not null,
  currency text not null,
  status text not null,
  reason text,
  stripe_created_at timestamptz not null,
  stripe_event_created_at timestamptz,
  updated_at timestamptz not null default now()
);
alter table public.refunds enable row level security;
create policy "refunds read own" on public.refunds for select to authenticated
  using (public.is_billing_admin() or exists (
    select 1 from public.invoice_payments p join public.invoices i on i.id = p.invoice_id
     where p.payment_intent_id = refunds.payment_intent_id and i.user_id = auth.uid()));
grant select on public.refunds to authenticated;
create index refunds_payment_intent_idx on public.refunds (payment_intent_id);

-- Credit notes (credit_note.created, .voided): issued, then possibly void, never back.
create table public.credit_notes (
  id text primary key,
  invoice_id text not null,
  stripe_customer_id text not null,
  number text not null,
  status text not null,
  currency text not null,
  total bigint not null,
  refund_amount bigint not null default 0,
  credit_amount bigint not null default 0,
  reason text,
  stripe_created_at timestamptz not null,
  voided_at timestamptz,
  stripe_event_created_at timestamptz,
  updated_at timestamptz not null default now()
);
alter table public.credit_notes enable row level security;
create policy "credit notes read own" on public.credit_notes for select to authenticated
  using (public.is_billing_admin() or exists (
    select 1 from public.invoices i where i.id = credit_notes.invoice_id and i.user_id = auth.uid()));
grant select on public.credit_notes to authenticated;
create index credit_notes_invoice_idx on public.credit_notes (invoice_id, stripe_created_at);
