import 'server-only'
import { getDb } from './client'
import { quoteLiteral } from './quote-literal'
import type { Queryable } from './types'

/** The claims PostgREST would set for a signed-in Supabase user. */
export interface JwtClaims {
  sub: string
  email?: string
  role: string
  app_metadata?: Record<string, unknown>
  [claim: string]: unknown
}

/**
 * Runs fn as the signed-in user: role `authenticated` with their JWT claims, exactly as PostgREST does, so
 * the row-level security policies in the migrations decide what the query can see.
 */
export async function asUser<T>(claims: JwtClaims, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const db = await getDb()
  return db.transaction(fn, `set local role authenticated; select set_config('request.jwt.claims', ${quoteLiteral(JSON.stringify(claims))}, true)`)
}

/** Runs fn on the privileged service path (webhooks, cron, admin): row-level security does not apply. */
export async function asService<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const db = await getDb()
  return db.transaction(fn)
}

/**
 * One statement on the service path that commits on its own: no `begin` and `commit` round trips, for a hot
 * path whose write is a single statement.
 */
export async function asServiceStatement<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
  return fn(await getDb())
}
