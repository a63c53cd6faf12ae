import 'server-only'
import { env } from '@/lib/env'
import { readOrCreateLocalSecret } from '@/lib/secrets/local-secret'

let cached: string | undefined

/**
 * The key the audit chain is sealed with. It never enters the database's tables: without it, a chain rewritten
 * by someone who holds only database access fails verification. PGlite installs make their own (DATA_DIR).
 */
export function auditHashKey(): string {
  cached ??= env.AUDIT_HASH_KEY ?? readOrCreateLocalSecret(env.DATA_DIR, 'audit-hash-key')
  return cached
}
