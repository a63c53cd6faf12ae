-- Support reads the payments, refunds and credit notes an admin reads, as it reads every other admin table.
create policy "support read" on public.invoice_payments for select to authenticated using (public.is_billing_support());
create policy "support read" on public.refunds for select to authenticated using (public.is_billing_support());
create policy "support read" on public.credit_notes for select to authenticated using (public.is_billing_support());
