import 'server-only'
import { wallNow as now } from '@/lib/clock'
import { getDb } from '@/lib/db/client'
import { asService } from '@/lib/db/transactions'
import { DEMO_SESSION_SECONDS, signDemoToken, verifyDemoToken, type DemoAccount } from './demo-token'
import type { JwtClaims } from './claims'

/** Starts a demo session: a row the token names, so signing out can revoke it. Returns the token. */
export async function startDemoSession(account: DemoAccount): Promise<string> {
  const at = now()
  const sessionId = await asService(async (tx) => {
    await tx.query(`delete from public.demo_sessions where expires_at < $1`, [at])
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.demo_sessions (user_id, created_at, expires_at) values ($1, $2, $3) returning id`,
      [account.id, at, new Date(at.getTime() + DEMO_SESSION_SECONDS * 1000)],
    )
    return rows[0]!.id
  })
  return signDemoToken(account, sessionId)
}

/** The token's claims when its signature holds and its session is neither revoked nor expired. */
export async function readDemoSession(token: string): Promise<JwtClaims | null> {
  const claims = await verifyDemoToken(token)
  if (!claims || typeof claims.session_id !== 'string') return null
  // One statement on the service path, outside a transaction: every signed-in request asks this.
  const { rows } = await (await getDb()).query(
    `select 1 from public.demo_sessions where id = $1 and user_id = $2 and revoked_at is null and expires_at > $3`,
    [claims.session_id, claims.sub, now()],
  )
  return rows.length > 0 ? claims : null
}

export async function revokeDemoSession(token: string): Promise<void> {
  const claims = await verifyDemoToken(token)
  if (!claims || typeof claims.session_id !== 'string') return
  await asService((tx) => tx.query(`update public.demo_sessions set revoked_at = $2 where id = $1 and revoked_at is null`, [claims.session_id, now()]))
}
