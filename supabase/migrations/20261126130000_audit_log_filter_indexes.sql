-- Indexes for the admin audit log's keyset pages, which run newest first by (occurred_at, id): each selective
-- filter leads an index that ends in those columns, so a filtered page, a deep page and a date range are all
-- one index range scan whatever the log's length (billing_audit_log_occurred_idx serves the unfiltered log).
-- The (action, id) index is replaced by its (action, occurred_at, id) successor. The log belongs to
-- billing_audit_owner, so the migrating role takes that role's membership for these statements, as before.
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant billing_audit_owner to %I', current_user);
  end if;
end $$;

create index billing_audit_log_action_occurred_idx on public.billing_audit_log (action, occurred_at desc, id desc);
drop index public.billing_audit_log_action_idx;
create index billing_audit_log_user_occurred_idx on public.billing_audit_log (user_id, occurred_at desc, id desc);
create index billing_audit_log_actor_occurred_idx on public.billing_audit_log (actor_id, occurred_at desc, id desc);
create index billing_audit_log_subject_occurred_idx on public.billing_audit_log (subject_id, occurred_at desc, id desc);

do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('revoke billing_audit_owner from %I', current_user);
  end if;
end $$;
