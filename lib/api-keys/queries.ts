import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { asService } from '@/lib/db/transactions'

export interface ApiKeyRow {
  id: string
  name: string
  prefix: string
  createdBy: string | null
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

/** Server API keys, active first then newest; only prefixes are known, never the keys. */
export async function listApiKeys(viewer: Viewer): Promise<ApiKeyRow[]> {
  assertStaff(viewer)
  return asService(async (tx) => {
    const { rows } = await tx.query<ApiKeyRow>(
      `select k.id, k.name, k.key_prefix as prefix, u.email as "createdBy", k.created_at as "createdAt",
              k.last_used_at as "lastUsedAt", k.revoked_at as "revokedAt"
         from public.api_keys k left join auth.users u on u.id = k.created_by
        order by k.revoked_at is not null, k.created_at desc limit 200`,
    )
    return rows
  })
}
