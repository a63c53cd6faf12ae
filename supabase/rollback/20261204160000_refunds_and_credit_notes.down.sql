-- Undoes 20261204160000_refunds_and_credit_notes: the invoice list stops showing refunds and credit notes.
-- DROPS DATA: public.invoice_payments, public.refunds and public.credit_notes (mirrors of Stripe's objects, which
-- a reconciliation or Stripe's dashboard still has).
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204160000') then
    raise exception '20261204160000_refunds_and_credit_notes is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204160000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204160000');
  end if;
end $$;

drop table public.credit_notes;
drop table public.refunds;
drop table public.invoice_payments;

delete from supabase_migrations.schema_migrations where version = '20261204160000';
commit;
