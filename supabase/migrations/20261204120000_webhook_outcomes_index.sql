-- The admin overview counts the last day's webhook outcomes by status: with the status in the index that orders
-- events by receipt, those counts come from the index alone rather than a heap page per event. It replaces the
-- index of the same order, so ingest keeps the same number of indexes.
create index webhook_events_received_status_idx on public.webhook_events (received_at desc, id desc) include (status);
drop index public.webhook_events_received_idx;
