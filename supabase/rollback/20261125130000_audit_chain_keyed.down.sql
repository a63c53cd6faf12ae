-- Undoes 20261125130000_audit_chain_keyed: brings back the unkeyed seal and verify_billing_audit_chain() of
-- 20261124120300, hands the log, its head and their functions back to the migrating role, and restores the
-- earlier grants and policies (authenticated reads its own entries; the owner, i.e. the app, does the rest).
-- DROPS DATA: the boundary between unkeyed and keyed entries (billing_audit_chain_head.unkeyed_through).
-- Every entry is kept, but entries sealed with AUDIT_HASH_KEY carry HMACs that the unkeyed
-- verify_billing_audit_chain() reports as broken from the first keyed entry on; restoring a backup taken
-- before the keyed migration avoids that. The cluster role billing_audit_owner is left (roles are shared by the
-- cluster's databases); drop it by hand once no database uses it.
\set ON_ERROR_STOP on
begin;

-- Only the newest applied migration may be rolled back, and only once.
do $$ begin
  if not exists (select 1 from supabase_migrations.schema_migrations where version = '20261125130000') then
    raise exception '20261125130000_audit_chain_keyed is not applied: nothing to roll back';
  end if;
  if exists (select 1 from supabase_migrations.schema_migrations where version > '20261125130000') then
    raise exception 'roll back newer migrations first (newest first): %',
      (select string_agg(version, ', ' order by version desc) from supabase_migrations.schema_migrations where version > '20261125130000');
  end if;
end $$;

do $$
declare
  keyed bigint;
begin
  select count(*) into keyed from public.billing_audit_log l, public.billing_audit_chain_head h
   where l.chain_position > h.unkeyed_through;
  if keyed > 0 then
    raise warning '% audit entries were sealed with the key; the unkeyed verification reports them as broken', keyed;
  end if;
end $$;

-- Taking objects back from a role takes membership in it, unless superuser (Supabase's postgres is not one).
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant billing_audit_owner to %I', current_user);
  end if;
end $$;

drop policy "audit head service read" on public.billing_audit_chain_head;
drop policy "audit service read" on public.billing_audit_log;
drop policy "audit service append" on public.billing_audit_log;

drop trigger billing_audit_chain_head_no_truncate on public.billing_audit_chain_head;
drop trigger billing_audit_chain_head_guard on public.billing_audit_chain_head;
drop function public.billing_audit_chain_head_guard();

drop function public.verify_billing_audit_chain(text, bigint, text);
create function public.verify_billing_audit_chain() returns bigint language plpgsql stable as $$
declare
  expected_prev text := repeat('0', 64);
  expected_position bigint := 0;
  r public.billing_audit_log;
begin
  for r in select * from public.billing_audit_log order by chain_position loop
    expected_position := expected_position + 1;
    if r.chain_position <> expected_position or r.prev_hash <> expected_prev or r.hash <> public.billing_audit_row_hash(
      r.prev_hash, r.chain_position, r.occurred_at, r.actor_type, r.actor_id, r.action, r.subject_type,
      r.subject_id, r.user_id, r.before, r.after, r.context) then
      return expected_position;
    end if;
    expected_prev := r.hash;
  end loop;
  -- rows removed from the end show up against the head
  if expected_position <> (select chain_position from public.billing_audit_chain_head) then
    return expected_position + 1;
  end if;
  return null;
end $$;

-- Replacing the function keeps its oid, so the constraint trigger billing_audit_log_seal keeps calling it.
create or replace function public.billing_audit_log_seal() returns trigger language plpgsql as $$
declare
  head public.billing_audit_chain_head;
  sealed_hash text;
begin
  select * into head from public.billing_audit_chain_head for update;
  sealed_hash := public.billing_audit_row_hash(head.hash, head.chain_position + 1, new.occurred_at, new.actor_type,
    new.actor_id, new.action, new.subject_type, new.subject_id, new.user_id, new.before, new.after, new.context);
  update public.billing_audit_log set chain_position = head.chain_position + 1, prev_hash = head.hash, hash = sealed_hash
   where id = new.id;
  update public.billing_audit_chain_head set chain_position = head.chain_position + 1, hash = sealed_hash;
  return null;
end $$;

drop function public.billing_audit_row_hmac(bytea[], public.billing_audit_log);
drop function public.billing_audit_row_message(public.billing_audit_log);
drop function public.billing_audit_hmac_pads(text);

alter table public.billing_audit_chain_head drop column unkeyed_through;
alter table public.billing_audit_log drop constraint billing_audit_log_sealed_whole;

-- Back to the earlier privileges: the owner's, authenticated's select on the log and execute for everyone on
-- the functions (the default). Revoking table privileges revokes the column ones too.
revoke all on public.billing_audit_log, public.billing_audit_chain_head from service_role, current_user;
alter table public.billing_audit_log owner to current_user;
alter table public.billing_audit_chain_head owner to current_user;
alter function public.billing_audit_row_hash(text, bigint, timestamptz, text, text, text, text, text, uuid, jsonb, jsonb, jsonb)
  owner to current_user;
alter function public.billing_audit_log_seal() owner to current_user;
alter function public.billing_audit_log_refuse_change() owner to current_user;
grant execute on function public.billing_audit_row_hash(text, bigint, timestamptz, text, text, text, text, text, uuid, jsonb, jsonb, jsonb),
  public.billing_audit_log_seal(), public.billing_audit_log_refuse_change() to public;

revoke all on schema public from billing_audit_owner;
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('revoke billing_audit_owner from %I', current_user);
  end if;
end $$;

delete from supabase_migrations.schema_migrations where version = '20261125130000';
commit;
