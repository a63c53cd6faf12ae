import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { setDatabase } from './client'
import { quoteLiteral } from './quote-literal'
import { asUser } from './transactions'
import type { Database } from './types'

describe(`a transaction as the signed-in user on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
  })
  afterAll(() => db.close())

  const awkward = { sub: '00000000-0000-4000-8000-00000000c001', role: 'authenticated', email: "o'brien\\x@example.com", note: "'); drop table x; --", name: 'Zoë \u2028' }

  it('runs as role authenticated with the claims exactly as given, however they are spelled', async () => {
    const seen = await asUser(awkward, async (tx) => {
      const { rows } = await tx.query<{ role: string; claims: unknown; uid: string }>(
        `select current_user as role, current_setting('request.jwt.claims')::jsonb as claims, auth.uid()::text as uid`,
      )
      return rows[0]
    })
    expect(seen).toEqual({ role: 'authenticated', claims: awkward, uid: awkward.sub })
  })

  it('leaves neither the role nor the claims behind on the connection, after a commit or a rollback', async () => {
    await asUser(awkward, async () => undefined)
    await expect(asUser(awkward, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused')
    const { rows } = await db.query<{ role: string; claims: string | null }>(`select current_user as role, current_setting('request.jwt.claims', true) as claims`)
    expect(rows[0]!.role).not.toBe('authenticated')
    expect(rows[0]!.claims ?? '').toBe('')
  })

  it('refuses a literal that PostgreSQL text cannot hold', () => {
    expect(() => quoteLiteral('nul\0byte')).toThrow(/NUL/)
  })
})
