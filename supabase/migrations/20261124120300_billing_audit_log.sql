-- Append-only billing audit log. Each row carries the hash of the previous row, so changing or removing any
-- row breaks the chain from there on (public.verify_billing_audit_chain finds the first broken row).
-- Rows are sealed into the chain when their transaction commits (a deferred trigger), so the chain's lock is
-- held only during the commit itself; no other transaction ever sees an unsealed row.
create table public.billing_audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('user', 'admin', 'stripe', 'system')),
  actor_id text,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  user_id uuid,
  before jsonb,
  after jsonb,
  context jsonb not null default '{}',
  chain_position bigint unique,
  prev_hash text,
  hash text
);
alter table public.billing_audit_log enable row level security;
create policy "audit read own" on public.billing_audit_log for select to authenticated
  using (user_id = auth.uid() or public.is_billing_admin());
grant select on public.billing_audit_log to authenticated;
create index billing_audit_log_occurred_idx on public.billing_audit_log (occurred_at desc, id desc);
create index billing_audit_log_user_idx on public.billing_audit_log (user_id, id desc);
create index billing_audit_log_subject_idx on public.billing_audit_log (subject_type, subject_id, id desc);
create index billing_audit_log_action_idx on public.billing_audit_log (action, id desc);

-- The head of the chain: one row, locked while a commit seals its rows, so the chain grows one row at a time.
create table public.billing_audit_chain_head (
  singleton boolean primary key default true check (singleton),
  chain_position bigint not null,
  hash text not null
);
alter table public.billing_audit_chain_head enable row level security;
insert into public.billing_audit_chain_head (chain_position, hash) values (0, repeat('0', 64));

create or replace function public.billing_audit_row_hash(
  prev_hash text, chain_position bigint, occurred_at timestamptz, actor_type text, actor_id text,
  action text, subject_type text, subject_id text, user_id uuid, before jsonb, after jsonb, context jsonb
) returns text language sql immutable as $$
  select encode(sha256(convert_to(prev_hash || jsonb_build_object(
    'position', chain_position,
    'occurred_at', (extract(epoch from occurred_at) * 1000000)::bigint,
    'actor_type', actor_type, 'actor_id', actor_id, 'action', action,
    'subject_type', subject_type, 'subject_id', subject_id, 'user_id', user_id,
    'before', before, 'after', after, 'context', context)::text, 'UTF8')), 'hex')
$$;

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

create constraint trigger billing_audit_log_seal after insert on public.billing_audit_log
  deferrable initially deferred for each row execute function public.billing_audit_log_seal();

create or replace function public.billing_audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  -- The one change allowed: the seal trigger filling in the chain columns of a row not yet sealed.
  if tg_op = 'UPDATE' and old.hash is null and pg_trigger_depth() > 1
     and (to_jsonb(new) - array['chain_position', 'prev_hash', 'hash']) = (to_jsonb(old) - array['chain_position', 'prev_hash', 'hash']) then
    return new;
  end if;
  raise exception 'billing_audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger billing_audit_log_append_only before update or delete on public.billing_audit_log
  for each row execute function public.billing_audit_log_refuse_change();
create trigger billing_audit_log_no_truncate before truncate on public.billing_audit_log
  for each statement execute function public.billing_audit_log_refuse_change();

-- Returns the position of the first row whose hash does not match its content or its predecessor, or null.
create or replace function public.verify_billing_audit_chain() returns bigint language plpgsql stable as $$
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
