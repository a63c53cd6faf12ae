import 'server-only'
import { API_KEY_PREFIX, hashApiKey, markApiKeyUsed } from '@/lib/api-keys/keys'
import { requireViewer } from '@/lib/auth/session'
import type { Queryable } from '@/lib/db/types'
import { AppError } from '@/lib/http/errors'
import { assertSameOriginJson } from '@/lib/http/same-origin'

/**
 * Who records usage: a signed-in customer for themselves, or the team's backend with a server API key. The
 * key is checked in the statement that uses it (`callerParams`).
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
 * The caller's parameters for the statement that checks them: for a backend, its key's hash and the customer it
 * names (user id or Stripe customer id, the other null); for a signed-in customer, their user id. A customer
 * naming someone else, or a token that is no server key, is refused before any statement.
 */
export function callerParams(caller: UsageCaller, customer: string | undefined): unknown[] {
  if (caller.kind === 'customer') {
    if (customer && customer !== caller.userId) {
      throw new AppError('customer_not_allowed', 'A signed-in customer records usage for themselves only: leave out `customer`.', 403)
    }
    return [caller.userId]
  }
  if (!caller.token.startsWith(API_KEY_PREFIX)) throw invalidKey()
  const isUserId = customer !== undefined && UUID.test(customer)
  return [hashApiKey(caller.token), isUserId ? customer : null, customer && !isUserId ? customer : null]
}

/** What the key check finds: no row for a bad key; user_id null when the named customer is unknown. */
export interface WhoRow {
  user_id: string | null
  key_id?: string
  key_last_used_at?: Date | null
}

/** The customer the statement found (after marking a backend's key used), or the error the caller is answered. */
export async function customerFound(tx: Queryable, row: WhoRow | undefined, customer: string | undefined): Promise<string> {
  if (!row) throw invalidKey()
  if (row.key_id) {
    await markApiKeyUsed(tx, { keyId: row.key_id, lastUsedAt: row.key_last_used_at ?? null })
    if (!customer) throw new AppError('customer_required', 'Name the customer: their user id or Stripe customer id (`customer`).', 422)
    if (!row.user_id) throw new AppError('unknown_customer', `No customer ${customer} is known here.`, 404)
  }
  return row.user_id!
}

/** The customer whose usage this is (a backend's key checked): for a batch, whose events are then recorded together. */
export async function resolveCustomerIn(tx: Queryable, caller: UsageCaller, customer: string | undefined): Promise<string> {
  const params = callerParams(caller, customer)
  if (caller.kind === 'customer') return caller.userId
  const { rows } = await tx.query<WhoRow>(
    `select k.id as key_id, k.last_used_at as key_last_used_at,
            coalesce((select id from auth.users where id = $2::uuid),
                     (select user_id from public.customers where stripe_customer_id = $3::text)) as user_id
       from public.api_keys k where k.key_hash = $1 and k.revoked_at is null`,
    params,
  )
  return customerFound(tx, rows[0], customer)
}
