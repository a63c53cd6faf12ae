import 'server-only'
import { SignJWT, jwtVerify } from 'jose'
import { env } from '@/lib/env'
import type { JwtClaims } from './claims'

export const DEMO_SESSION_COOKIE = 'billing_demo_session'
export const DEMO_SESSION_SECONDS = 60 * 60 * 8
const secret = new TextEncoder().encode(env.DEMO_SESSION_SECRET)

export interface DemoAccount {
  id: string
  email: string
  appMetadata: Record<string, unknown>
}

/** A token with the claim shape Supabase Auth issues, so the rest of the app cannot tell the modes apart. */
export async function signDemoToken(account: DemoAccount): Promise<string> {
  return new SignJWT({ email: account.email, role: 'authenticated', app_metadata: account.appMetadata, is_demo: true })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(account.id)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime(`${DEMO_SESSION_SECONDS}s`)
    .sign(secret)
}

export async function verifyDemoToken(token: string): Promise<JwtClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { audience: 'authenticated', algorithms: ['HS256'] })
    if (typeof payload.sub !== 'string') return null
    return payload as JwtClaims
  } catch {
    return null
  }
}
