import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { clientAddress, countSignInAttempt, SIGN_IN_LIMITS } from './sign-in-limits'

const WINDOW_START = new Date('2026-11-25T10:00:00Z')
const at = (seconds: number) => new Date(WINDOW_START.getTime() + seconds * 1000)

describe(`sign-in attempts are limited in the database, on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
  })
  afterAll(() => db.close())

  it('per account, whatever the address, until the window ends', async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount.limit; attempt++) {
      await countSignInAttempt({ account: 'Ann@Example.com', address: `10.0.0.${attempt}` }, at(attempt))
    }
    await expect(countSignInAttempt({ account: 'ann@example.com', address: '10.0.1.1' }, at(60))).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
      headers: { 'retry-after': String(15 * 60 - 60) },
    })
    await expect(countSignInAttempt({ account: 'ann@example.com', address: '10.0.1.1' }, at(15 * 60))).resolves.toBeUndefined()
  })

  it('per address, across accounts', async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAddress.limit; attempt++) {
      await countSignInAttempt({ account: `user${attempt}@example.com`, address: '192.0.2.7' }, at(attempt))
    }
    await expect(countSignInAttempt({ account: 'fresh@example.com', address: '192.0.2.7' }, at(100))).rejects.toMatchObject({ status: 429 })
    await expect(countSignInAttempt({ account: 'fresh@example.com', address: '192.0.2.8' }, at(100))).resolves.toBeUndefined()
  })

  it('reads the address the platform reports', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.5, 10.0.0.1' }))).toBe('203.0.113.5')
    expect(clientAddress(new Headers({ 'x-real-ip': '203.0.113.9', 'x-forwarded-for': '1.1.1.1' }))).toBe('203.0.113.9')
    expect(clientAddress(new Headers())).toBeNull()
  })
})
