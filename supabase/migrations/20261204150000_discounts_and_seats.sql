-- The discounts Stripe applies to a subscription (coupon terms, the code typed, when each ends), mirrored from
-- customer.subscription.* so /billing and the admin console show them without asking Stripe.
alter table public.subscriptions add column discounts jsonb not null default '[]'::jsonb;

-- A quote keeps the exact `discounts` it was priced with (a promotion code typed, the subscription's own
-- discounts kept) and the seat count, so confirming applies the same and the charge equals the preview.
alter table public.plan_change_quotes add column discounts jsonb;
alter table public.plan_change_quotes add column promotion_code text;
alter table public.plan_change_quotes add column from_quantity integer not null default 1;
alter table public.plan_change_quotes add column to_quantity integer not null default 1;
