-- The release that was running when an event died. A later release (which may fix the bug that killed it)
-- gives each dead event one more attempt; NULL marks events that died before releases were recorded.
alter table public.webhook_events add column dead_release text;
create index webhook_events_dead_received_idx on public.webhook_events (received_at) where status = 'dead';
