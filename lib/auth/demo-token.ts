import 'server-only'
import { SignJWT, jwtVerify } from 'jose'
import { env } from '@/lib/env'
import { readOrCreateLocalSecret } from '@/lib/secrets/local-secret'
import type { JwtClaims } from './claims'

export const DEMO_SESSION_COOKIE = 'billing_demo_session'
export const DEMO_SESSION_SECONDS = 60 * 60 * 8

export interface DemoAccount {
  id: string
  email: string
  appMetadata: Record<string, unknown>
}

let cachedKey: Uint8Array | null = null

/** DEMO_SESSION_SECRET when set, otherwise a random secret of this install's own, kept under DATA_DIR. */
function signingKey(): Uint8Array {
  if (cachedKey) return cachedKey
  let secret = env.DEMO_SESSION_SECRET
  if (!secret) {
    try {
      secret = readOrCreateLocalSecret(env.DATA_DIR, 'demo-session-secret')
    } catch (error) {
      throw new Error(`Demo sign-in needs a session secret: set DEMO_SESSION_SECRET, or make DATA_DIR (${env.DATA_DIR}) writable`, { cause: error })
    }
  }
  cachedKey = new TextEncoder().encode(secret)
  return cachedKey
}

/**
 * A token with the claim shape Supabase Auth issues (plus Supabase's `session_id`), so the rest of the app
 * cannot tell the modes apart.
 */
export async function signDemoToken(account: DemoAccount, sessionId: string, key = signingKey()): Promise<string> {
  return new SignJWT({ email: account.email, role: 'authenticated', app_metadata: account.appMetadata, session_id: sessionId, is_demo: true })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(account.id)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime(`${DEMO_SESSION_SECONDS}s`)
    .sign(key)
}

export async function verifyDemoToken(token: string, key = signingKey()): Promise<JwtClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, { audience: 'authenticated', algorithms: ['HS256'] })
    if (typeof payload.sub !== 'string') return null
    return payload as JwtClaims
  } catch {
    return null
  }
}
