-- Per-seat plans: a product with metadata `per_seat=true` is priced per seat, the subscription's quantity is its
-- seats, and its `quota_seats` counts per seat (1 when unset), so the seat quota the usage meter enforces follows
-- the quantity the customer pays for. Other quotas stay per subscription.
create function public.seat_quotas(metadata jsonb, quantity integer) returns jsonb
language sql immutable set search_path = '' as $$
  select case when metadata ->> 'per_seat' = 'true'
    then public.plan_quotas(metadata) || jsonb_build_object('seats',
      coalesce((public.plan_quotas(metadata) ->> 'seats')::bigint, 1) * greatest(coalesce(quantity, 1), 1))
    else public.plan_quotas(metadata) end
$$;

-- As 20261127090000_usage_entitlement, with the quotas of a per-seat plan scaled by the subscription's quantity.
create or replace function public.usage_entitlement(user_id uuid, as_of timestamptz, enforcement_default boolean)
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
  select s.id, s.price_id, s.quantity, s.current_period_start, s.current_period_end into sub from public.subscriptions s
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
  quotas := public.seat_quotas(effective_metadata, case when held then 1 else sub.quantity end);
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
  paid_plan_quotas := case when held and plan.metadata is not null then public.seat_quotas(plan.metadata, sub.quantity) end;
  return next;
end
$$;
revoke execute on function public.usage_entitlement(uuid, timestamptz, boolean) from public, anon, authenticated;
