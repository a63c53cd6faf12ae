import 'server-only'
import { findApiKey } from '@/lib/api-keys/keys'
import { requireViewer } from '@/lib/auth/session'
import { asService } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import { assertSameOriginJson } from '@/lib/http/same-origin'

/** Who records usage: a signed-in customer for themselves, or the team's backend with a server API key. */
export type UsageCaller = { kind: 'customer'; userId: string } | { kind: 'backend'; keyId: string }

export async function resolveUsageCaller(request: Request): Promise<UsageCaller> {
  const authorization = request.headers.get('authorization')
  if (authorization?.startsWith('Bearer ')) {
    const key = await findApiKey(authorization.slice('Bearer '.length).trim())
    if (!key) throw new AppError('invalid_api_key', 'That API key is not valid or was revoked. Ask an admin for a server key.', 401)
    return { kind: 'backend', keyId: key.id }
  }
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  return { kind: 'customer', userId: viewer.id }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The user whose usage this is: the signed-in customer, or the one a backend names by user or Stripe customer id. */
export async function resolveCustomer(caller: UsageCaller, customer: string | undefined): Promise<string> {
  if (caller.kind === 'customer') {
    if (customer && customer !== caller.userId) {
      throw new AppError('customer_not_allowed', 'A signed-in customer records usage for themselves only: leave out `customer`.', 403)
    }
    return caller.userId
  }
  if (!customer) throw new AppError('customer_required', 'Name the customer: their user id or Stripe customer id (`customer`).', 422)
  const userId = await asService(async (tx) => {
    const { rows } = UUID.test(customer)
      ? await tx.query<{ id: string }>(`select id from auth.users where id = $1`, [customer])
      : await tx.query<{ id: string }>(`select user_id as id from public.customers where stripe_customer_id = $1`, [customer])
    return rows[0]?.id ?? null
  })
  if (!userId) throw new AppError('unknown_customer', `No customer ${customer} is known here.`, 404)
  return userId
}
