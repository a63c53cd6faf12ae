import { NextResponse } from 'next/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_SESSION_COOKIE } from '@/lib/auth/demo-token'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, insertUsers } from '@/test/fixtures'
import { insertPlans, subscribeToTeam } from '@/test/usage-fixtures'
import type { UsageAnswer } from './answer'

// The signed-in customer's cookies, as Next.js hands them to a route handler.
const jar = new Map<string, string>()
vi.mock('next/headers', () => ({ cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }) }))
// Test files share a worker: load the app afresh so its session reading sees the cookies above.
vi.resetModules()
const { startDemoSession } = await import('@/lib/auth/demo-sessions')
const { withQuota } = await import('./with-quota')

describe(`withQuota around a team's own route handler, on ${testDatabaseKind}`, () => {
  let db: Database
  const served: UsageAnswer[] = []
  // As the README shows it: the handler runs only when the plan allows the use, and is told what was counted.
  const POST = withQuota('api_calls', async (_request: Request, usage: UsageAnswer) => {
    served.push(usage)
    return NextResponse.json({ exported: true })
  })
  const call = (idempotencyKey?: string) =>
    POST(new Request('http://localhost/api/reports', { method: 'POST', headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} }))

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(async (tx) => {
      await insertUsers(tx)
      await insertPlans(tx)
      await subscribeToTeam(tx, ALICE, new Date())
    })
  })
  afterAll(() => db.close())
  beforeEach(() => jar.clear())

  it('refuses a caller who is not signed in with 401, and runs nothing', async () => {
    const response = await call('anonymous')
    expect(response.status).toBe(401)
    expect(served).toEqual([])
  })

  it("counts one use for the signed-in customer before the handler runs, and adds the quota headers to the handler's answer", async () => {
    jar.set(DEMO_SESSION_COOKIE, await startDemoSession({ id: ALICE.id, email: ALICE.email, appMetadata: {} }))
    const response = await call('report-1')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ exported: true })
    expect(served.at(-1)).toMatchObject({ metric: 'api_calls', used: 1, limit: 50, remaining: 49 })
    expect(response.headers.get('x-quota-limit')).toBe('50')
    expect(response.headers.get('x-quota-remaining')).toBe('49')
  })

  it('counts a request sent again with the same Idempotency-Key once', async () => {
    jar.set(DEMO_SESSION_COOKIE, await startDemoSession({ id: ALICE.id, email: ALICE.email, appMetadata: {} }))
    const again = await call('report-1')
    expect(again.status).toBe(200)
    expect(again.headers.get('x-quota-remaining')).toBe('49')
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from public.usage_records where user_id = $1`, [ALICE.id])
    expect(rows[0]!.n).toBe(1)
  })

  it('refuses past the quota with 429 and the quota headers, without running the handler', async () => {
    jar.set(DEMO_SESSION_COOKIE, await startDemoSession({ id: ALICE.id, email: ALICE.email, appMetadata: {} }))
    for (let index = 0; index < 49; index++) expect((await call(`fill-${index}`)).status).toBe(200)
    const handled = served.length
    const refused = await call('one-too-many')
    expect(refused.status).toBe(429)
    expect((await refused.json()).error.code).toBe('quota_exceeded')
    expect(refused.headers.get('x-quota-remaining')).toBe('0')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(served.length).toBe(handled)
  })
})
