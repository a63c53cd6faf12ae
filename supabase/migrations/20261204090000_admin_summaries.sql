-- What the admin console reads over whole tables, answered at the cost of a page rather than of the history.

-- Subscriptions per price and status, so the overview's plan counts and recurring revenue cost the number of
-- prices rather than the number of subscriptions. Changes append delta rows (locking nothing another writer
-- needs, as the metric counters and grace days do); the webhook-retry job folds them, readers sum both.
create table public.subscription_totals (
  price_id text not null, -- '' for a subscription without a price
  status text not null,
  subscriptions bigint not null default 0,
  quantity bigint not null default 0,
  primary key (price_id, status)
);
alter table public.subscription_totals enable row level security;
create table public.subscription_total_deltas (
  id bigint generated always as identity primary key,
  price_id text not null,
  status text not null,
  subscriptions integer not null,
  quantity bigint not null
);
alter table public.subscription_total_deltas enable row level security;
-- No policies on either: the admin console reads them on the service path.

create function public.subscription_total_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and old.price_id is not distinct from new.price_id and old.status = new.status
     and old.quantity = new.quantity then
    return null;
  end if;
  if tg_op <> 'INSERT' then
    insert into public.subscription_total_deltas (price_id, status, subscriptions, quantity)
    values (coalesce(old.price_id, ''), old.status, -1, -old.quantity);
  end if;
  if tg_op <> 'DELETE' then
    insert into public.subscription_total_deltas (price_id, status, subscriptions, quantity)
    values (coalesce(new.price_id, ''), new.status, 1, new.quantity);
  end if;
  return null;
end
$$;
create trigger subscriptions_totals
  after insert or update of price_id, status, quantity or delete on public.subscriptions
  for each row execute function public.subscription_total_change();

-- Moves the committed deltas into the totals in one statement; one folder at a time.
create function public.fold_subscription_totals() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  folded integer := 0;
begin
  if not pg_try_advisory_xact_lock(hashtext('public.fold_subscription_totals')) then
    return 0;
  end if;
  with moved as (
    delete from public.subscription_total_deltas returning price_id, status, subscriptions, quantity
  ), summed as (
    insert into public.subscription_totals (price_id, status, subscriptions, quantity)
    select price_id, status, sum(subscriptions), sum(quantity) from moved group by price_id, status
    on conflict (price_id, status) do update
      set subscriptions = public.subscription_totals.subscriptions + excluded.subscriptions,
          quantity = public.subscription_totals.quantity + excluded.quantity
    returning 1
  )
  select count(*) into folded from summed;
  return folded;
end
$$;
revoke execute on function public.fold_subscription_totals() from public, anon, authenticated;

-- The subscriptions recorded before this migration.
insert into public.subscription_totals (price_id, status, subscriptions, quantity)
select coalesce(price_id, ''), status, count(*), sum(quantity) from public.subscriptions group by 1, 2;

-- The customers list, newest first, walks this index and stops at its page.
create index customers_created_idx on public.customers (created_at desc, user_id);

-- Each job's last run and last success, found per job rather than over every run ever recorded.
create index cron_runs_job_succeeded_idx on public.cron_runs (job, finished_at desc) where status = 'succeeded';
