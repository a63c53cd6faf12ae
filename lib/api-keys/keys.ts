import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit } from '@/lib/audit/record'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { notFound } from '@/lib/http/errors'

const KEY_PREFIX = 'bck_'
const hashOf = (key: string) => createHash('sha256').update(key).digest('hex')

export interface CreatedApiKey {
  id: string
  name: string
  /** Shown once; only its hash is stored. */
  key: string
  prefix: string
}

/** An admin creates a server key for the team's backend; the key itself is returned once and never stored. */
export async function createApiKey(admin: Viewer, name: string): Promise<CreatedApiKey> {
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`
  const prefix = key.slice(0, KEY_PREFIX.length + 6)
  const id = await asService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.api_keys (name, key_hash, key_prefix, created_by, created_at) values ($1, $2, $3, $4, $5) returning id`,
      [name, hashOf(key), prefix, admin.id, now()],
    )
    const created = rows[0]!.id
    await recordAudit(tx, { actor: { type: 'admin', id: admin.id }, action: 'api_key.created', subject: { type: 'api_key', id: created }, after: { name, prefix } })
    return created
  })
  return { id, name, key, prefix }
}

export async function revokeApiKey(admin: Viewer, id: string): Promise<void> {
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

/** `last_used_at` is written at most this often, so busy keys do not queue on their row. */
const LAST_USED_RESOLUTION_MS = 60_000

/** The active key a bearer token names, or null. Looking up by hash leaks nothing about stored keys. */
export async function findApiKey(token: string): Promise<{ id: string; name: string } | null> {
  if (!token.startsWith(KEY_PREFIX)) return null
  const at = now()
  return asService(async (tx) => {
    const { rows } = await tx.query<{ id: string; name: string; lastUsedAt: Date | null }>(
      `select id, name, last_used_at as "lastUsedAt" from public.api_keys where key_hash = $1 and revoked_at is null`,
      [hashOf(token)],
    )
    const key = rows[0]
    if (!key) return null
    if (!key.lastUsedAt || at.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await tx.query(`update public.api_keys set last_used_at = $2 where id = $1`, [key.id, at])
    }
    return { id: key.id, name: key.name }
  })
}
