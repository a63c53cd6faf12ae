import type { Queryable } from '@/lib/db/types'

export const ALICE = { id: '11111111-1111-4111-8111-111111111111', email: 'alice@test.example', customer: 'cus_alice' }
export const BOB = { id: '22222222-2222-4222-8222-222222222222', email: 'bob@test.example', customer: 'cus_bob' }
export const ADMIN = { id: '33333333-3333-4333-8333-333333333333', email: 'admin@test.example' }
export const SUPPORT = { id: '44444444-4444-4444-8444-444444444444', email: 'support@test.example' }

export const claimsFor = (user: { id: string; email: string }, appMetadata: Record<string, unknown> = {}) => ({
  sub: user.id,
  email: user.email,
  role: 'authenticated',
  app_metadata: appMetadata,
})

/** A viewer as the session would build it: `true` or 'admin' for an admin, 'support' for the read-only role. */
export const viewerFor = (user: { id: string; email: string }, role: boolean | 'admin' | 'support' = false) => {
  const staffRole = role === true ? 'admin' : role || null
  return {
    id: user.id,
    email: user.email,
    isAdmin: staffRole === 'admin',
    isStaff: staffRole !== null,
    isDemo: true,
    claims: claimsFor(user, staffRole ? { role: staffRole } : {}),
  }
}

export async function insertUsers(tx: Queryable): Promise<void> {
  for (const user of [ALICE, BOB, ADMIN]) {
    await tx.query(`insert into auth.users (id, email) values ($1, $2)`, [user.id, user.email])
  }
  for (const user of [ALICE, BOB]) {
    await tx.query(`insert into public.customers (user_id, stripe_customer_id, email) values ($1, $2, $3)`, [user.id, user.customer, user.email])
  }
}
