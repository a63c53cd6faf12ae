-- Undoes 20261205100000_grace_invoice_amount_remaining: grace periods' copy of their invoice's amount remaining.
-- It drops no data: the column held only copies of invoices.amount_remaining, which the previous release reads
-- from the invoices themselves; currencies filled in from the invoices stay, as the previous release reads the same.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261205100000') then
    raise exception '20261205100000_grace_invoice_amount_remaining is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261205100000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261205100000');
  end if;
end $$;

drop trigger invoices_copy_to_grace_period on public.invoices;
drop function public.invoice_copy_to_grace_period();
drop trigger grace_periods_copy_invoice on public.grace_periods;
drop function public.grace_period_copy_invoice();
alter table public.grace_periods drop column invoice_amount_remaining;

delete from supabase_migrations.schema_migrations where version = '20261205100000';
commit;
