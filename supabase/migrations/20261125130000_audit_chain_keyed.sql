-- Keys the billing audit chain, hands its objects to a dedicated owner, and closes verification to clients.
--
-- Keyed seal. Rows sealed from here on carry HMAC-SHA256(key, message) instead of sha256(message), so changing
-- rows and recomputing the chain takes a key the database does not hold (AUDIT_HASH_KEY). The app passes the
-- key in the statement that inserts the row (set_config('billing.audit_hash_key', key, true), local to the
-- transaction) and the seal refuses to commit without it. Deploy the app with AUDIT_HASH_KEY before applying
-- this migration: from here on an audit row written without the key fails its transaction.
--
-- Rows sealed before this migration cannot be re-sealed here, the key not being in the database. They keep their
-- unkeyed hashes and verify with the old formula up to billing_audit_chain_head.unkeyed_through, recorded once
-- below. The first keyed row's HMAC covers the last unkeyed hash, so a change to any older row breaks the keyed
-- part; the checkpoints the app records outside the database (position and hash of the head) pin the boundary.
--
-- HMAC is built on the built-in sha256() as RFC 2104 defines it: pgcrypto's hmac() is an extension that PGlite
-- has only when loaded at start-up and that Supabase keeps in its `extensions` schema, so this runs the same on
-- every engine.
--
-- Ownership. billing_audit_owner (no login) owns the log, its head and their functions; the app's roles may
-- only insert and read the log and read the head. A later migration that changes these objects runs them as
-- billing_audit_owner (grant it to the migrating role, as below, then revoke it).

do $$ begin
  create role billing_audit_owner nologin noinherit;
exception when duplicate_object or unique_violation then
  null; -- roles belong to the cluster: another database of it made this one
end $$;
grant usage, create on schema public to billing_audit_owner;
-- Handing objects to a role takes membership in it, unless superuser (Supabase's postgres is not one).
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant billing_audit_owner to %I', current_user);
  end if;
end $$;

-- A row is either unsealed (its transaction has not committed yet) or sealed whole. This also locks the log
-- until the migration commits, so no entry is sealed between recording the unkeyed boundary and keying the seal.
alter table public.billing_audit_log add constraint billing_audit_log_sealed_whole
  check (num_nulls(chain_position, prev_hash, hash) in (0, 3));

alter table public.billing_audit_chain_head add column unkeyed_through bigint;
update public.billing_audit_chain_head set unkeyed_through = chain_position;
alter table public.billing_audit_chain_head alter column unkeyed_through set not null;

-- The key's inner and outer HMAC pads, derived once per seal or verification. No SET clause: it runs under the
-- search_path its security-definer callers fix, and a SET here would re-plan it on every seal.
create function public.billing_audit_hmac_pads(key text) returns bytea[]
  language plpgsql immutable strict parallel safe as $$
declare
  key_bytes bytea := convert_to(key, 'UTF8');
  block bit(512);
begin
  if length(key_bytes) > 64 then
    key_bytes := sha256(key_bytes);
  end if;
  block := ('x' || rpad(encode(key_bytes, 'hex'), 128, '0'))::bit(512);
  -- bit_send() writes the bit count (4 bytes), then the bits
  return array[substr(bit_send(block # ('x' || repeat('36', 64))::bit(512)), 5),
               substr(bit_send(block # ('x' || repeat('5c', 64))::bit(512)), 5)];
end $$;

-- What a row's hash covers: its predecessor's hash, its position and its content (as the unkeyed hash did).
-- Declared stable like convert_to() and jsonb_build_object(), which lets the planner inline these two.
create function public.billing_audit_row_message(entry public.billing_audit_log) returns text
  language sql stable parallel safe
  return entry.prev_hash || pg_catalog.jsonb_build_object(
    'position', entry.chain_position,
    'occurred_at', (extract(epoch from entry.occurred_at) * 1000000)::bigint,
    'actor_type', entry.actor_type, 'actor_id', entry.actor_id, 'action', entry.action,
    'subject_type', entry.subject_type, 'subject_id', entry.subject_id, 'user_id', entry.user_id,
    'before', entry.before, 'after', entry.after, 'context', entry.context)::text;

create function public.billing_audit_row_hmac(pads bytea[], entry public.billing_audit_log) returns text
  language sql stable parallel safe
  return pg_catalog.encode(pg_catalog.sha256(pads[2] || pg_catalog.sha256(
    pads[1] || pg_catalog.convert_to(public.billing_audit_row_message(entry), 'UTF8'))), 'hex');

create or replace function public.billing_audit_log_seal() returns trigger
  language plpgsql security definer set search_path = '' as $$
declare
  key text := current_setting('billing.audit_hash_key', true);
  head public.billing_audit_chain_head;
  sealed public.billing_audit_log := new;
begin
  -- An empty key would seal a chain anyone can recompute: the transaction fails instead.
  if coalesce(length(key), 0) < 32 then
    raise exception 'billing_audit_log: no audit hash key in this transaction (billing.audit_hash_key), entry % not sealed', new.id
      using errcode = 'object_not_in_prerequisite_state';
  end if;
  select * into head from public.billing_audit_chain_head for update;
  sealed.chain_position := head.chain_position + 1;
  sealed.prev_hash := head.hash;
  sealed.hash := public.billing_audit_row_hmac(public.billing_audit_hmac_pads(key), sealed);
  update public.billing_audit_log set chain_position = sealed.chain_position, prev_hash = sealed.prev_hash, hash = sealed.hash
   where id = new.id;
  update public.billing_audit_chain_head set chain_position = sealed.chain_position, hash = sealed.hash;
  return null;
end $$;

-- The head moves only under the seal, one position at a time; the unkeyed boundary never moves.
create function public.billing_audit_chain_head_guard() returns trigger
  language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and pg_trigger_depth() > 1 and new.chain_position = old.chain_position + 1
     and new.unkeyed_through = old.unkeyed_through and new.singleton then
    return new;
  end if;
  raise exception 'billing_audit_chain_head moves only when an entry is sealed: % refused', tg_op
    using errcode = 'insufficient_privilege';
end $$;

create trigger billing_audit_chain_head_guard before insert or update or delete on public.billing_audit_chain_head
  for each row execute function public.billing_audit_chain_head_guard();
create trigger billing_audit_chain_head_no_truncate before truncate on public.billing_audit_chain_head
  for each statement execute function public.billing_audit_chain_head_guard();

drop function public.verify_billing_audit_chain();

-- The chain position of the first row that does not match its content, its predecessor or the checkpoint given
-- (a position and hash recorded outside the database), or null when the chain is whole. Rows written by the
-- calling transaction are not sealed yet and count as broken: call it from a transaction of its own.
create function public.verify_billing_audit_chain(key text, checkpoint_position bigint default null, checkpoint_hash text default null)
  returns bigint language plpgsql stable security definer set search_path = '' as $$
declare
  pads bytea[];
  head public.billing_audit_chain_head;
  expected_position bigint := 0;
  expected_prev text := repeat('0', 64);
  entry public.billing_audit_log;
begin
  if coalesce(length(key), 0) < 32 then
    raise exception 'verify_billing_audit_chain needs the audit hash key' using errcode = 'invalid_parameter_value';
  end if;
  if (checkpoint_position is null) <> (checkpoint_hash is null) then
    raise exception 'a checkpoint is a position and a hash' using errcode = 'invalid_parameter_value';
  end if;
  pads := public.billing_audit_hmac_pads(key);
  select * into head from public.billing_audit_chain_head;
  -- A row whose chain columns were cleared sorts last and fails the position check.
  for entry in select * from public.billing_audit_log order by chain_position, id loop
    expected_position := expected_position + 1;
    if entry.chain_position is distinct from expected_position
       or entry.prev_hash is distinct from expected_prev
       or entry.hash is distinct from (case
         when expected_position <= head.unkeyed_through then public.billing_audit_row_hash(entry.prev_hash,
           entry.chain_position, entry.occurred_at, entry.actor_type, entry.actor_id, entry.action, entry.subject_type,
           entry.subject_id, entry.user_id, entry.before, entry.after, entry.context)
         else public.billing_audit_row_hmac(pads, entry) end)
       or (expected_position = checkpoint_position and entry.hash is distinct from checkpoint_hash) then
      return expected_position;
    end if;
    expected_prev := entry.hash;
  end loop;
  -- Rows removed from the end show against the head, or against a checkpoint beyond the end.
  if head.chain_position is distinct from expected_position or head.hash is distinct from expected_prev then
    return least(head.chain_position, expected_position) + 1;
  end if;
  if checkpoint_position > expected_position then
    return expected_position + 1;
  end if;
  return null;
end $$;

alter table public.billing_audit_log owner to billing_audit_owner;
alter table public.billing_audit_chain_head owner to billing_audit_owner;
alter function public.billing_audit_row_hash(text, bigint, timestamptz, text, text, text, text, text, uuid, jsonb, jsonb, jsonb)
  owner to billing_audit_owner;
alter function public.billing_audit_log_seal() owner to billing_audit_owner;
alter function public.billing_audit_log_refuse_change() owner to billing_audit_owner;
alter function public.billing_audit_hmac_pads(text) owner to billing_audit_owner;
alter function public.billing_audit_row_message(public.billing_audit_log) owner to billing_audit_owner;
alter function public.billing_audit_row_hmac(bytea[], public.billing_audit_log) owner to billing_audit_owner;
alter function public.billing_audit_chain_head_guard() owner to billing_audit_owner;
alter function public.verify_billing_audit_chain(text, bigint, text) owner to billing_audit_owner;

-- Supabase grants every new table and function to anon, authenticated and service_role: take all of it back,
-- then give the app's roles (service_role and the role migrating, which the app connects as) what they need.
revoke all on public.billing_audit_log, public.billing_audit_chain_head
  from public, anon, authenticated, service_role, current_user;
revoke all on function public.billing_audit_row_hash(text, bigint, timestamptz, text, text, text, text, text, uuid, jsonb, jsonb, jsonb),
  public.billing_audit_log_seal(), public.billing_audit_log_refuse_change(), public.billing_audit_hmac_pads(text),
  public.billing_audit_row_message(public.billing_audit_log), public.billing_audit_row_hmac(bytea[], public.billing_audit_log),
  public.billing_audit_chain_head_guard(), public.verify_billing_audit_chain(text, bigint, text)
  from public, anon, authenticated, service_role, current_user;

grant select on public.billing_audit_log to authenticated; -- the "audit read own" policy picks the rows
grant select, insert (actor_type, actor_id, action, subject_type, subject_id, user_id, before, after, context)
  on public.billing_audit_log to service_role, current_user;
grant select on public.billing_audit_chain_head to service_role, current_user;
-- The service path no longer owns these tables: it appends and reads whether or not its role bypasses RLS.
create policy "audit service append" on public.billing_audit_log for insert to service_role, current_user with check (true);
create policy "audit service read" on public.billing_audit_log for select to service_role, current_user using (true);
create policy "audit head service read" on public.billing_audit_chain_head for select to service_role, current_user using (true);
-- Verification reads every row (seconds at a million): the service path only, never a client's request.
grant execute on function public.verify_billing_audit_chain(text, bigint, text) to service_role, current_user;

revoke create on schema public from billing_audit_owner;
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('revoke billing_audit_owner from %I', current_user);
  end if;
end $$;
