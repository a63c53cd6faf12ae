import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import type { Viewer } from '@/lib/auth/claims'
import { assertAdmin } from '@/lib/auth/require-admin'
import { recordAudit } from '@/lib/audit/record'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { notFound } from '@/lib/http/errors'

export const API_KEY_PREFIX = 'bck_'
/** Keys are looked up by hash, which leaks nothing about stored keys. */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex')

export interface CreatedApiKey {
  id: string
  name: string
  /** Shown once; only its hash is stored. */
  key: string
  prefix: string
}

/** An admin creates a server key for the team's backend; the key itself is returned once and never stored. */
export async function createApiKey(admin: Viewer, name: string): Promise<CreatedApiKey> {
  assertAdmin(admin)
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`
  const prefix = key.slice(0, API_KEY_PREFIX.length + 6)
  const id = await asService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.api_keys (name, key_hash, key_prefix, created_by, created_at) values ($1, $2, $3, $4, $5) returning id`,
      [name, hashApiKey(key), prefix, admin.id, now()],
    )
    const created = rows[0]!.id
    await recordAudit(tx, { actor: { type: 'admin', id: admin.id }, action: 'api_key.created', subject: { type: 'api_key', id: created }, after: { name, prefix } })
    return created
  })
  return { id, name, key, prefix }
}

export async function revokeApiKey(admin: Viewer, id: string): Promise<void> {
  assertAdmin(admin)
  await asService(async (tx) => {
    const { rows } = await tx.query<{ name: string; key_prefix: string }>(
      `update public.api_keys set revoked_at = $2 where id = $1 and revoked_at is null returning name, key_prefix`,
      [id, now()],
    )
    if (!rows[0]) throw notFound('An active API key with that id')
    await recordAudit(tx, {
      actor: { type: 'admin', id: admin.id },
      action: 'api_key.revoked',
      subject: { type: 'api_key', id },
      before: { name: rows[0].name, prefix: rows[0].key_prefix, revoked: false },
      after: { revoked: true },
    })
  })
}

/** `last_used_at` is written at most this often, and never waits: busy keys do not queue on their row. */
const LAST_USED_RESOLUTION_MS = 60_000

export async function markApiKeyUsed(tx: Queryable, key: { keyId: string; lastUsedAt: Date | null }, at = now()): Promise<void> {
  if (key.lastUsedAt && at.getTime() - key.lastUsedAt.getTime() <= LAST_USED_RESOLUTION_MS) return
  await tx.query(
    `update public.api_keys set last_used_at = $2 where id in (select id from public.api_keys where id = $1 for update skip locked)`,
    [key.keyId, at],
  )
}
