import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE } from '@/test/fixtures'
import { readDemoSession, revokeDemoSession, startDemoSession } from './demo-sessions'
import { DEMO_SESSION_SECONDS, signDemoToken } from './demo-token'

const account = { id: ALICE.id, email: ALICE.email, appMetadata: {} }

describe(`demo sessions on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.query(`insert into auth.users (id, email) values ($1, $2)`, [ALICE.id, ALICE.email])
  })
  afterAll(async () => {
    vi.useRealTimers()
    await db.close()
  })

  it('accept a token whose session is live, and refuse it once signed out', async () => {
    const token = await startDemoSession(account)
    expect(await readDemoSession(token)).toMatchObject({ sub: ALICE.id, session_id: expect.any(String) })
    await revokeDemoSession(token)
    expect(await readDemoSession(token)).toBeNull()
  })

  it('refuse a well-signed token that names no session', async () => {
    expect(await readDemoSession(await signDemoToken(account, '55555555-5555-4555-8555-555555555555'))).toBeNull()
  })

  it('refuse a session past its end', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const token = await startDemoSession(account)
    vi.setSystemTime(Date.now() + DEMO_SESSION_SECONDS * 1000 + 1000)
    expect(await readDemoSession(token)).toBeNull()
    vi.useRealTimers()
  })
})
