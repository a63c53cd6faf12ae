-- Undoes 20261204180000_support_reads_payments: support no longer reads payments, refunds and credit notes.
-- It drops no data.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261204180000') then
    raise exception '20261204180000_support_reads_payments is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261204180000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261204180000');
  end if;
end $$;

drop policy "support read" on public.invoice_payments;
drop policy "support read" on public.refunds;
drop policy "support read" on public.credit_notes;

delete from supabase_migrations.schema_migrations where version = '20261204180000';
commit;
