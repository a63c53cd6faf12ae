import type { JwtClaims } from '@/lib/db/transactions'

export type { JwtClaims }

export interface Viewer {
  id: string
  email: string | null
  isAdmin: boolean
  isDemo: boolean
  claims: JwtClaims
}

/** Admin is a claim only the server can set (Supabase `app_metadata`), decided the same way in both modes. */
export function isAdminClaims(claims: Pick<JwtClaims, 'app_metadata'>): boolean {
  return claims.app_metadata?.role === 'admin'
}

export function viewerFromClaims(claims: JwtClaims, isDemo: boolean): Viewer {
  return { id: claims.sub, email: claims.email ?? null, isAdmin: isAdminClaims(claims), isDemo, claims }
}
