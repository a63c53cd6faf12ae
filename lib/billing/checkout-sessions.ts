import 'server-only'
import type { Queryable } from '@/lib/db/types'

/** Records a Checkout session the server created for a user: only these may link a buyer to a user. */
export async function recordCheckoutSession(tx: Queryable, session: { id: string; userId: string; mode: string }): Promise<void> {
  await tx.query(`insert into public.checkout_sessions (id, user_id, mode) values ($1, $2, $3) on conflict (id) do nothing`, [
    session.id,
    session.userId,
    session.mode,
  ])
}

export async function getCheckoutSessionUserId(tx: Queryable, sessionId: string): Promise<string | null> {
  const { rows } = await tx.query<{ user_id: string }>(`select user_id from public.checkout_sessions where id = $1`, [sessionId])
  return rows[0]?.user_id ?? null
}
