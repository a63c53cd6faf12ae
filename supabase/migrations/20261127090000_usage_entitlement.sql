-- What a customer may use right now, decided in the database, so that one statement can check a usage event
-- against it and record it (one round trip on the hottest route). Answers are stored as before, so the previous
-- release still reads them.

-- A plan's quotas from its product metadata: `quota_<metric>` set to a whole number (0 allows nothing). Other
-- values are not quotas; a metric without one is unlimited.
create function public.plan_quotas(metadata jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_object_agg(substr(key, 7), value::bigint), '{}'::jsonb)
    from jsonb_each_text(coalesce(metadata, '{}'::jsonb))
   where key like 'quota\_%' and length(key) > 6 and value ~ '^[0-9]{1,15}$'
$$;

-- A time as JavaScript's toISOString writes it (UTC, milliseconds, Z), for answers stored in the app's words.
create function public.iso_timestamp(moment timestamptz) returns text
language sql immutable set search_path = '' as $$
  select to_char(moment at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- What a customer may use at `as_of`, from the newest live subscription, its plan, its latest grace period,
-- the admin's enforcement switch (app_settings 'grace_enforcement', else `enforcement_default`, the
-- GRACE_ENFORCEMENT setting) and the free plan (the cheapest offered plan without a charge, by tier):
--   * the quotas that apply: the plan's, or the free plan's with no plan or while an unpaid expired grace
--     period holds the customer to it (then a metric the free plan does not list allows nothing);
--   * the usage period: the paid subscription's current period while `as_of` falls in it, else the calendar
--     month (UTC) around `as_of` (free plan, no subscription, or a period Stripe has not renewed yet);
--   * the deadline of an open grace period, and the paid plan's quotas that paying would restore.
-- PL/pgSQL rather than SQL because it keeps its statements' plans for the connection's life: planning this
-- as one SQL statement cost 2 ms on every usage request.
create function public.usage_entitlement(user_id uuid, as_of timestamptz, enforcement_default boolean)
returns table (
  plan_name text, quotas jsonb, unlisted_limit integer, period_start timestamptz, period_end timestamptz,
  grace_ends_at timestamptz, held_to_free_plan boolean, paid_plan_quotas jsonb
)
language plpgsql stable set search_path = '' as $$
declare
  sub record;
  plan record;
  grace record;
  free record;
  held boolean;
  effective_metadata jsonb;
  month_start timestamp := date_trunc('month', as_of at time zone 'UTC');
begin
  select s.id, s.price_id, s.current_period_start, s.current_period_end into sub from public.subscriptions s
   where s.user_id = usage_entitlement.user_id and s.status not in ('canceled', 'incomplete_expired', 'incomplete')
   order by s.created_at desc limit 1;
  select p.name, p.metadata, pr.unit_amount into plan from public.prices pr join public.products p on p.id = pr.product_id
   where pr.id = sub.price_id;
  select g.status, g.ends_at, g.resolved_at into grace from public.grace_periods g
   where g.subscription_id = sub.id order by g.started_at desc limit 1;
  select p.name, p.metadata into free from public.products p join public.prices pr on pr.product_id = p.id
   where pr.unit_amount = 0 and public.price_is_offered(pr.id)
   order by case when p.metadata ->> 'tier' ~ '^-?[0-9]{1,9}$' then (p.metadata ->> 'tier')::int else 0 end
   limit 1;
  held := coalesce(grace.status = 'expired' and grace.resolved_at is null
    and coalesce((select (s.value ->> 'on')::boolean from public.app_settings s where s.key = 'grace_enforcement'), enforcement_default), false);
  if held or plan.metadata is null then
    plan_name := free.name;
    effective_metadata := free.metadata;
  else
    plan_name := plan.name;
    effective_metadata := plan.metadata;
  end if;
  quotas := public.plan_quotas(effective_metadata);
  unlisted_limit := case when held or effective_metadata is null then 0 end;
  if coalesce(plan.unit_amount, 0) > 0 and sub.current_period_start <= as_of and as_of < sub.current_period_end then
    period_start := sub.current_period_start;
    period_end := sub.current_period_end;
  else
    -- Month arithmetic on UTC wall time: on timestamptz it would follow the session's time zone.
    period_start := month_start at time zone 'UTC';
    period_end := (month_start + interval '1 month') at time zone 'UTC';
  end if;
  grace_ends_at := case when grace.status = 'open' then grace.ends_at end;
  held_to_free_plan := held;
  paid_plan_quotas := case when held and plan.metadata is not null then public.plan_quotas(plan.metadata) end;
  return next;
end
$$;
revoke execute on function public.usage_entitlement(uuid, timestamptz, boolean) from public, anon, authenticated;

-- One usage event, decided and recorded atomically: unless its idempotency key was seen (`earlier`, the first
-- answer), the quantity is added to the period's total only if the total stays within the limit (the row lock
-- orders concurrent requests, so none can pass the quota), and the event is recorded with its answer, in the
-- shape and words the app gives it (`warning_format` is the app's grace warning, %s the deadline). `used` is
-- the new total, or null when refused (`used_before` then says how much was used). A key recorded meanwhile
-- by a concurrent request fails the insert, undoing the addition; the app retries.
create function public.consume_usage(
  user_id uuid, metric text, quantity bigint, idempotency_key text, as_of timestamptz, enforcement_default boolean,
  warning_format text
)
returns table (
  plan_name text, quotas jsonb, unlisted_limit integer, period_start timestamptz, period_end timestamptz,
  grace_ends_at timestamptz, held_to_free_plan boolean, paid_plan_quotas jsonb,
  earlier jsonb, used bigint, used_before bigint
)
language plpgsql volatile set search_path = '' as $$
#variable_conflict use_variable
declare
  e record;
  quota bigint;
begin
  if consume_usage.user_id is null then
    return;
  end if;
  select * into e from public.usage_entitlement(consume_usage.user_id, as_of, enforcement_default);
  plan_name := e.plan_name; quotas := e.quotas; unlisted_limit := e.unlisted_limit;
  period_start := e.period_start; period_end := e.period_end; grace_ends_at := e.grace_ends_at;
  held_to_free_plan := e.held_to_free_plan; paid_plan_quotas := e.paid_plan_quotas;
  quota := coalesce((e.quotas ->> metric)::bigint, e.unlisted_limit);

  select r.answer into earlier from public.usage_records r
   where r.user_id = consume_usage.user_id and r.idempotency_key = consume_usage.idempotency_key;
  if found then
    return next;
    return;
  end if;

  if quota is null or quantity <= quota then
    insert into public.usage_totals as t (user_id, metric, period_start, used)
    values (consume_usage.user_id, metric, e.period_start, quantity)
    on conflict on constraint usage_totals_pkey do update set used = t.used + excluded.used
      where quota is null or t.used + excluded.used <= quota
    returning t.used into used;
  end if;
  if used is null then
    select t.used into used_before from public.usage_totals t
     where t.user_id = consume_usage.user_id and t.metric = consume_usage.metric and t.period_start = e.period_start;
    used_before := coalesce(used_before, 0);
    return next;
    return;
  end if;
  insert into public.usage_records (user_id, metric, period_start, quantity, idempotency_key, recorded_at, answer)
  values (consume_usage.user_id, metric, e.period_start, quantity, idempotency_key, as_of,
          jsonb_build_object('metric', metric, 'used', used, 'limit', quota,
            'remaining', case when quota is not null then greatest(0, quota - used) end,
            'resets_at', public.iso_timestamp(e.period_end),
            'warning', case when e.grace_ends_at is not null then format(warning_format, public.iso_timestamp(e.grace_ends_at)) end));
  return next;
end
$$;
revoke execute on function public.consume_usage(uuid, text, bigint, text, timestamptz, boolean, text) from public, anon, authenticated;
