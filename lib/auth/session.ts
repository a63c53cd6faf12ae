import 'server-only'
import { cookies } from 'next/headers'
import { cache } from 'react'
import { isDemoMode } from '@/lib/env'
import { noSuchRoute, unauthenticated } from '@/lib/http/errors'
import { viewerFromClaims, type JwtClaims, type Viewer } from './claims'
import { readDemoSession } from './demo-sessions'
import { DEMO_SESSION_COOKIE } from './demo-token'
import { createSupabaseServerClient } from './supabase'

export type { Viewer }

async function currentClaims(): Promise<JwtClaims | null> {
  if (isDemoMode) {
    const token = (await cookies()).get(DEMO_SESSION_COOKIE)?.value
    return token ? readDemoSession(token) : null
  }
  const supabase = await createSupabaseServerClient()
  const { data, error } = (await supabase?.auth.getClaims()) ?? { data: null, error: null }
  if (error || !data?.claims?.sub) return null
  return data.claims as unknown as JwtClaims
}

/** Who is asking, or null when nobody is signed in; asked once per server render however many components ask. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const claims = await currentClaims()
  return claims ? viewerFromClaims(claims, isDemoMode) : null
})

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer()
  if (!viewer) throw unauthenticated()
  return viewer
}

/** Anonymous callers get 401; a signed-in non-admin (support included) gets exactly what an unknown address gets. */
export async function requireAdmin(): Promise<Viewer> {
  const viewer = await requireViewer()
  if (!viewer.isAdmin) throw noSuchRoute()
  return viewer
}

/** For the console's reads: admin or support; anyone else is treated as requireAdmin treats them. */
export async function requireStaff(): Promise<Viewer> {
  const viewer = await requireViewer()
  if (!viewer.isStaff) throw noSuchRoute()
  return viewer
}
