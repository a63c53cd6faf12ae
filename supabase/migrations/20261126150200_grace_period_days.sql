-- Grace periods opened and ended per UTC day, so "open periods per day" costs the number of days rather than
-- the number of periods. Transitions append delta rows (locking nothing another writer needs, as the metric
-- counters do); the jobs fold them into the daily totals, and readers sum both.
create table public.grace_period_days (
  day date primary key,
  opened bigint not null default 0,
  ended bigint not null default 0
);
alter table public.grace_period_days enable row level security;
create table public.grace_period_day_deltas (
  id bigint generated always as identity primary key,
  day date not null,
  opened integer not null,
  ended integer not null
);
alter table public.grace_period_day_deltas enable row level security;
-- No policies on either: the admin console reads them on the service path.

-- A period stops being open at the first of expiry and closing (an expired period resolved later ended when it expired).
create function public.grace_period_day_transition() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  old_started date := case when tg_op <> 'INSERT' then (old.started_at at time zone 'UTC')::date end;
  new_started date := case when tg_op <> 'DELETE' then (new.started_at at time zone 'UTC')::date end;
  old_ended date := case when tg_op <> 'INSERT' then (least(old.expired_at, old.closed_at) at time zone 'UTC')::date end;
  new_ended date := case when tg_op <> 'DELETE' then (least(new.expired_at, new.closed_at) at time zone 'UTC')::date end;
begin
  if old_started is distinct from new_started then
    insert into public.grace_period_day_deltas (day, opened, ended)
    select day, change, 0 from (values (old_started, -1), (new_started, 1)) as v(day, change) where day is not null;
  end if;
  if old_ended is distinct from new_ended then
    insert into public.grace_period_day_deltas (day, opened, ended)
    select day, 0, change from (values (old_ended, -1), (new_ended, 1)) as v(day, change) where day is not null;
  end if;
  return null;
end
$$;
create trigger grace_periods_day_transitions
  after insert or update of started_at, expired_at, closed_at or delete on public.grace_periods
  for each row execute function public.grace_period_day_transition();

-- Moves the committed deltas into the daily totals in one statement; one folder at a time.
create function public.fold_grace_period_days() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  folded integer := 0;
begin
  if not pg_try_advisory_xact_lock(hashtext('public.fold_grace_period_days')) then
    return 0;
  end if;
  with moved as (
    delete from public.grace_period_day_deltas returning day, opened, ended
  ), summed as (
    insert into public.grace_period_days (day, opened, ended)
    select day, sum(opened), sum(ended) from moved group by day
    on conflict (day) do update set opened = public.grace_period_days.opened + excluded.opened,
                                    ended = public.grace_period_days.ended + excluded.ended
    returning 1
  )
  select count(*) into folded from summed;
  return folded;
end
$$;
revoke execute on function public.fold_grace_period_days() from public, anon, authenticated;

-- The periods recorded before this migration.
insert into public.grace_period_days (day, opened, ended)
select day, sum(opened), sum(ended) from (
  select (started_at at time zone 'UTC')::date as day, 1 as opened, 0 as ended from public.grace_periods
  union all
  select (least(expired_at, closed_at) at time zone 'UTC')::date, 0, 1 from public.grace_periods
   where least(expired_at, closed_at) is not null
) as changes group by day;
