import 'server-only'
import type { Queryable } from '@/lib/db/types'

export interface Plan {
  productId: string
  priceId: string
  name: string
  description: string | null
  unitAmount: number
  currency: string
  interval: string
  /** Plans sort by tier (product metadata `tier`), cheapest first. */
  tier: number
  /** Quotas per billing period from product metadata `quota_<metric>`, e.g. quota_api_calls = 10000 (`public.plan_quotas`). */
  quotas: Record<string, number>
  /** Whether customers may choose it now (`public.price_is_offered`); a legacy price can still be someone's plan. */
  offered: boolean
  /** Priced per seat (product metadata `per_seat=true`): the subscription's quantity is its seats. */
  perSeat: boolean
}

type PlanRow = Omit<Plan, 'tier' | 'perSeat'> & { metadata: Record<string, string> }

function toPlan(row: PlanRow): Plan {
  const { metadata, ...plan } = row
  return { ...plan, tier: Number(metadata.tier ?? 0), perSeat: metadata.per_seat === 'true' }
}

const PLAN_COLUMNS = `p.id as "productId", pr.id as "priceId", p.name, p.description, pr.unit_amount as "unitAmount",
  pr.currency, pr.recurring_interval as "interval", p.metadata, public.plan_quotas(p.metadata) as quotas,
  public.price_is_offered(pr.id) as offered`

/** The plans a customer can choose: the offered prices (see the rule in `public.price_is_offered`). */
export async function listPlans(tx: Queryable): Promise<Plan[]> {
  const { rows } = await tx.query<PlanRow>(
    `select ${PLAN_COLUMNS} from public.products p join public.prices pr on pr.product_id = p.id
      where public.price_is_offered(pr.id)`,
  )
  return rows.map(toPlan).sort((a, b) => a.tier - b.tier || a.unitAmount - b.unitAmount)
}

export async function getPlanByPrice(tx: Queryable, priceId: string): Promise<Plan | null> {
  const { rows } = await tx.query<PlanRow>(
    `select ${PLAN_COLUMNS} from public.prices pr join public.products p on p.id = pr.product_id where pr.id = $1`,
    [priceId],
  )
  return rows[0] ? toPlan(rows[0]) : null
}
