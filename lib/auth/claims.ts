import type { JwtClaims } from '@/lib/db/transactions'

export type { JwtClaims }

/** The billing team's roles: `admin` reads the console and acts; `support` reads every page and acts on nothing. */
export type StaffRole = 'admin' | 'support'

export interface Viewer {
  id: string
  email: string | null
  /** May act in the console (refunds, replays, settings): the admin role only. */
  isAdmin: boolean
  /** May read the console: admin or support. */
  isStaff: boolean
  isDemo: boolean
  claims: JwtClaims
}

/** The role is a claim only the server can set (Supabase `app_metadata`), decided the same way in both modes. */
export function staffRoleOf(claims: Pick<JwtClaims, 'app_metadata'>): StaffRole | null {
  const role = claims.app_metadata?.role
  return role === 'admin' || role === 'support' ? role : null
}

export function isAdminClaims(claims: Pick<JwtClaims, 'app_metadata'>): boolean {
  return staffRoleOf(claims) === 'admin'
}

export function isStaffClaims(claims: Pick<JwtClaims, 'app_metadata'>): boolean {
  return staffRoleOf(claims) !== null
}

export function viewerFromClaims(claims: JwtClaims, isDemo: boolean): Viewer {
  return { id: claims.sub, email: claims.email ?? null, isAdmin: isAdminClaims(claims), isStaff: isStaffClaims(claims), isDemo, claims }
}
