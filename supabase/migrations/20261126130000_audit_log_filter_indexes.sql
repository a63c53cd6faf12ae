-- Indexes for the admin audit log's filters, each ending in id desc so a filtered page is a keyset range scan
-- whatever the log's length (action, user and subject type already have theirs). The log belongs to
-- billing_audit_owner, so the migrating role takes that role's membership for these statements, as before.
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant billing_audit_owner to %I', current_user);
  end if;
end $$;

create index billing_audit_log_actor_idx on public.billing_audit_log (actor_id, id desc);
create index billing_audit_log_subject_id_idx on public.billing_audit_log (subject_id, id desc);

do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('revoke billing_audit_owner from %I', current_user);
  end if;
end $$;
