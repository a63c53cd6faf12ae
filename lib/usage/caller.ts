import 'server-only'
import { API_KEY_PREFIX, hashApiKey, markApiKeyUsed } from '@/lib/api-keys/keys'
import { requireViewer } from '@/lib/auth/session'
import type { Queryable } from '@/lib/db/types'
import { AppError } from '@/lib/http/errors'
import { assertSameOriginJson } from '@/lib/http/same-origin'

/**
 * Who records usage: a signed-in customer for themselves, or the team's backend with a server API key. The
 * key is checked inside the usage transaction (`resolveCustomerIn`), so a request costs one transaction.
 */
export type UsageCaller = { kind: 'customer'; userId: string } | { kind: 'backend'; token: string }

export async function resolveUsageCaller(request: Request): Promise<UsageCaller> {
  const authorization = request.headers.get('authorization')
  if (authorization?.startsWith('Bearer ')) return { kind: 'backend', token: authorization.slice('Bearer '.length).trim() }
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  return { kind: 'customer', userId: viewer.id }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const invalidKey = () => new AppError('invalid_api_key', 'That API key is not valid or was revoked. Ask an admin for a server key.', 401)

/**
 * The user whose usage this is, in the caller's transaction: the signed-in customer, or the one a backend
 * names by user or Stripe customer id, after checking the backend's key in the same statement.
 */
export async function resolveCustomerIn(tx: Queryable, caller: UsageCaller, customer: string | undefined): Promise<string> {
  if (caller.kind === 'customer') {
    if (customer && customer !== caller.userId) {
      throw new AppError('customer_not_allowed', 'A signed-in customer records usage for themselves only: leave out `customer`.', 403)
    }
    return caller.userId
  }
  if (!caller.token.startsWith(API_KEY_PREFIX)) throw invalidKey()
  const { rows } = await tx.query<{ keyId: string; lastUsedAt: Date | null; userId: string | null }>(
    `select k.id as "keyId", k.last_used_at as "lastUsedAt",
            coalesce((select id from auth.users where id = $2::uuid), (select user_id from public.customers where stripe_customer_id = $3)) as "userId"
       from public.api_keys k where k.key_hash = $1 and k.revoked_at is null`,
    [hashApiKey(caller.token), customer && UUID.test(customer) ? customer : null, customer && !UUID.test(customer) ? customer : null],
  )
  const found = rows[0]
  if (!found) throw invalidKey()
  await markApiKeyUsed(tx, found)
  if (!customer) throw new AppError('customer_required', 'Name the customer: their user id or Stripe customer id (`customer`).', 422)
  if (!found.userId) throw new AppError('unknown_customer', `No customer ${customer} is known here.`, 404)
  return found.userId
}
