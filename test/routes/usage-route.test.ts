import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST } from '@/app/api/usage/route'
import { createApiKey, revokeApiKey } from '@/lib/api-keys/keys'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, insertUsers, viewerFor } from '@/test/fixtures'
import { insertPlans, subscribeToTeam } from '@/test/usage-fixtures'

const post = (body: unknown, key?: string) =>
  POST(new Request('http://localhost/api/usage', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) } }))

describe(`POST /api/usage with a server API key, on ${testDatabaseKind}`, () => {
  let db: Database
  let key: string
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(async (tx) => {
      await insertUsers(tx)
      await insertPlans(tx)
      await subscribeToTeam(tx, ALICE, new Date())
    })
    key = (await createApiKey(viewerFor(ADMIN, true), 'backend')).key
  })
  afterAll(() => db.close())

  it('records usage for a customer named by Stripe id, with the quota in headers', async () => {
    const response = await post({ metric: 'api_calls', quantity: 3, idempotency_key: 'req-1', customer: ALICE.customer }, key)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ metric: 'api_calls', used: 3, limit: 50, remaining: 47 })
    expect(response.headers.get('x-quota-remaining')).toBe('47')
    const again = await post({ metric: 'api_calls', quantity: 3, idempotency_key: 'req-1', customer: ALICE.id }, key)
    expect(await again.json()).toMatchObject({ used: 3 })
  })

  it('marks the key used, as the list of keys shows', async () => {
    const lastUsed = () => db.query<{ last_used_at: Date | null }>(`select last_used_at from public.api_keys where name = 'backend'`)
    await db.query(`update public.api_keys set last_used_at = null where name = 'backend'`)
    expect((await post({ metric: 'api_calls', quantity: 1, idempotency_key: 'req-used', customer: ALICE.customer }, key)).status).toBe(200)
    expect((await lastUsed()).rows[0]!.last_used_at).toBeInstanceOf(Date)
  })

  it('refuses past the quota with 429, Retry-After and the quota headers', async () => {
    const response = await post({ metric: 'api_calls', quantity: 48, idempotency_key: 'req-2', customer: ALICE.customer }, key)
    expect(response.status).toBe(429)
    expect(await response.json()).toEqual({ error: { code: 'quota_exceeded', message: expect.stringMatching(/upgrade/) } })
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(response.headers.get('x-quota-limit')).toBe('50')
  })

  it('answers each event of a batch on its own', async () => {
    const events = Array.from({ length: 1000 }, (_, index) => ({ metric: 'seats', quantity: 1, idempotency_key: `batch-${index}` }))
    const response = await post({ customer: ALICE.customer, events }, key)
    const { results } = await response.json()
    expect(results).toHaveLength(1000)
    expect(results.filter((result: { status: number }) => result.status === 200)).toHaveLength(10)
    expect(results[10]).toMatchObject({ idempotency_key: 'batch-10', status: 429, error: { code: 'quota_exceeded' } })
  })

  it('refuses bad input, unknown customers and revoked keys clearly', async () => {
    expect((await post({ metric: 'api_calls', quantity: 1, idempotency_key: 'x' }, key)).status).toBe(422)
    expect((await post({ metric: 'Bad Metric', quantity: 0, idempotency_key: '', customer: ALICE.id }, key)).status).toBe(422)
    expect((await post({ metric: 'api_calls', quantity: 1, idempotency_key: 'y', customer: 'cus_nobody' }, key)).status).toBe(404)
    expect((await post({ metric: 'api_calls', quantity: 1, idempotency_key: 'z', customer: ALICE.id }, 'bck_forged')).status).toBe(401)
    const { id, key: doomed } = await createApiKey(viewerFor(ADMIN, true), 'old')
    await revokeApiKey(viewerFor(ADMIN, true), id)
    const forgedBatch = await post({ customer: ALICE.id, events: [{ metric: 'api_calls', quantity: 1, idempotency_key: 'v' }] }, 'bck_forged')
    expect(forgedBatch.status).toBe(401)
    const revoked = await post({ metric: 'api_calls', quantity: 1, idempotency_key: 'w', customer: ALICE.id }, doomed)
    expect(revoked.status).toBe(401)
    expect((await revoked.json()).error.code).toBe('invalid_api_key')
    const audit = await db.query<{ action: string }>(`select action from public.billing_audit_log where subject_type = 'api_key' order by id`)
    expect(audit.rows.map((row) => row.action)).toEqual(['api_key.created', 'api_key.created', 'api_key.revoked'])
    const stored = await db.query<{ n: number }>(`select count(*)::int as n from public.usage_records where idempotency_key in ('x', 'y', 'z', 'v', 'w')`)
    expect(stored.rows[0]!.n).toBe(0)
  })
})
