-- Grace analytics read grace periods by the day they opened and by the moment they stopped being open (the
-- first of expiry and closing: an expired period resolved later stopped being open when it expired). The
-- included columns let each analytics query run as an index-only scan of the range it covers.
create index grace_periods_started_idx on public.grace_periods (started_at) include (status, resolved_at);
create index grace_periods_ended_idx on public.grace_periods ((least(expired_at, closed_at))) include (started_at, expired_at, closed_at);

-- The admin webhook stream pages newest first across all statuses, and the dead-letter queue by type.
create index webhook_events_received_idx on public.webhook_events (received_at desc, id desc);
create index webhook_events_dead_idx on public.webhook_events (type, received_at desc, id desc) where status = 'dead';

-- The notifications outbox, newest first, optionally by status.
create index notifications_created_idx on public.notifications (created_at desc, id desc);
create index notifications_status_created_idx on public.notifications (status, created_at desc, id desc);

-- Customer search by email prefix (the Stripe id is already unique-indexed).
create index customers_email_idx on public.customers (lower(email) text_pattern_ops);

-- When an event's latest attempt ended (processed, ignored, failed or dead), for the dead-letter queue's
-- "last attempt". Kept by a trigger so every path that settles an event records it the same way.
alter table public.webhook_events add column last_attempt_at timestamptz;
create function public.webhook_events_stamp_attempt() returns trigger language plpgsql as $$
begin
  if new.status in ('processed', 'ignored', 'failed', 'dead')
     and (tg_op = 'INSERT' or new.status is distinct from old.status or new.attempts is distinct from old.attempts) then
    new.last_attempt_at := clock_timestamp();
  end if;
  return new;
end $$;
-- The WHEN clause keeps claims (status 'processing') from calling the function at all.
create trigger webhook_events_stamp_attempt before insert or update on public.webhook_events
  for each row when (new.status in ('processed', 'ignored', 'failed', 'dead')) execute function public.webhook_events_stamp_attempt();
