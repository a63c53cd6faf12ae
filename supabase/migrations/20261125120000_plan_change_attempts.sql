-- Each confirmation attempt of a quote gets its own Stripe idempotency key, so a customer whose card was
-- declined can fix the card and confirm the same quote again.
alter table public.plan_change_quotes add column attempts integer not null default 0;
