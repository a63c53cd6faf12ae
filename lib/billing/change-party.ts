import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { asService, asUser } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'

/** Whose subscription a plan change is for, and who asks: the customer on /billing, or an admin on their behalf. */
export interface ChangeParty {
  userId: string
  actor: { type: 'user' | 'admin'; id: string }
  /** Reads the customer's rows: as the customer (under row-level security), or as the service for an admin. */
  read: <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>
}

export const theCustomer = (viewer: Viewer): ChangeParty => ({
  userId: viewer.id,
  actor: { type: 'user', id: viewer.id },
  read: (work) => asUser(viewer.claims, work),
})

/** An admin acting for the customer `userId`; the caller has checked the admin's role. */
export const adminFor = (admin: Viewer, userId: string): ChangeParty => ({
  userId,
  actor: { type: 'admin', id: admin.id },
  read: asService,
})
