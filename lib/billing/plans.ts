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
  /** Quotas per billing period from product metadata `quota_<metric>`, e.g. quota_api_calls = 10000. */
  quotas: Record<string, number>
  /** Whether customers may choose it now (`public.price_is_offered`); a legacy price can still be someone's plan. */
  offered: boolean
}

type PlanRow = Omit<Plan, 'tier' | 'quotas'> & { metadata: Record<string, string> }

/** Quotas per metric from product metadata `quota_<metric>`. */
export function quotasOf(metadata: Record<string, string>): Record<string, number> {
  const quotas: Record<string, number> = {}
  for (const [key, value] of Object.entries(metadata)) {
    if (key.startsWith('quota_') && Number.isFinite(Number(value))) quotas[key.slice('quota_'.length)] = Number(value)
  }
  return quotas
}

function toPlan(row: PlanRow): Plan {
  const { metadata, ...plan } = row
  return { ...plan, tier: Number(metadata.tier ?? 0), quotas: quotasOf(metadata) }
}

const PLAN_COLUMNS = `p.id as "productId", pr.id as "priceId", p.name, p.description, pr.unit_amount as "unitAmount",
  pr.currency, pr.recurring_interval as "interval", p.metadata, public.price_is_offered(pr.id) as offered`

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
