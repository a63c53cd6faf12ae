import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_SESSION_COOKIE } from '@/lib/auth/demo-token'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, insertUsers, SUPPORT } from '@/test/fixtures'

// The caller's cookies, as Next.js hands them to a route handler.
const jar = new Map<string, string>()
vi.mock('next/headers', () => ({ cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }) }))
// Test files share a worker: load the app afresh so its session reading sees the cookies above.
vi.resetModules()
const { startDemoSession } = await import('@/lib/auth/demo-sessions')
const auditRoute = await import('@/app/api/admin/audit/route')
const enforcementRoute = await import('@/app/api/admin/settings/grace-enforcement/route')
const discardRoute = await import('@/app/api/admin/webhooks/[id]/discard/route')

const ORIGIN = 'http://localhost'
const post = (path: string, body: unknown) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { host: 'localhost', origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) })
const params = (id: string) => ({ params: Promise.resolve({ id }) })

describe(`the admin route guard for each role, on ${testDatabaseKind}`, () => {
  let db: Database
  const signIn = async (user: { id: string; email: string }, role?: string) =>
    jar.set(DEMO_SESSION_COOKIE, await startDemoSession({ id: user.id, email: user.email, appMetadata: role ? { role } : {} }))

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(async (tx) => {
      await insertUsers(tx)
      await tx.query(`insert into auth.users (id, email, raw_app_meta_data) values ($1, $2, '{"role":"support"}')`, [SUPPORT.id, SUPPORT.email])
      await tx.query(`insert into public.webhook_events (id, type, stripe_created_at, payload, status) values ('evt_dead', 'invoice.paid', now(), '{}', 'dead')`)
    })
  })
  afterAll(() => db.close())
  beforeEach(() => jar.clear())

  it('lets support read through an admin GET route', async () => {
    await signIn(SUPPORT, 'support')
    const response = await auditRoute.GET(new Request(`${ORIGIN}/api/admin/audit`))
    expect(response.status).toBe(200)
    expect(await response.json()).toHaveProperty('rows')
  })

  it('answers support from every admin change what it answers a customer, the 404 of an unknown address, and changes nothing', async () => {
    await signIn(ALICE)
    const customer = await discardRoute.POST(post('/api/admin/webhooks/evt_dead/discard', { reason: 'duplicate' }), params('evt_dead'))
    await signIn(SUPPORT, 'support')
    const support = await discardRoute.POST(post('/api/admin/webhooks/evt_dead/discard', { reason: 'duplicate' }), params('evt_dead'))
    expect(support.status).toBe(404)
    expect(await support.json()).toEqual(await customer.json())
    const enforcement = await enforcementRoute.POST(post('/api/admin/settings/grace-enforcement', { on: false }))
    expect(enforcement.status).toBe(404)
    expect((await enforcement.json()).error.code).toBe('no_such_route')
    expect((await db.query<{ status: string }>(`select status from public.webhook_events where id = 'evt_dead'`)).rows[0]!.status).toBe('dead')
    expect((await db.query(`select 1 from public.app_settings where key = 'grace_enforcement'`)).rows).toEqual([])
  })

  it('refuses support a change before looking at where it came from, and lets an admin act', async () => {
    await signIn(SUPPORT, 'support')
    const crossSite = new Request(`${ORIGIN}/api/admin/settings/grace-enforcement`, { method: 'POST', headers: { origin: 'https://attacker.example' }, body: '{}' })
    expect((await enforcementRoute.POST(crossSite)).status).toBe(404)
    await signIn(ADMIN, 'admin')
    const discarded = await discardRoute.POST(post('/api/admin/webhooks/evt_dead/discard', { reason: 'duplicate' }), params('evt_dead'))
    expect(discarded.status).toBe(200)
    expect((await db.query<{ status: string }>(`select status from public.webhook_events where id = 'evt_dead'`)).rows[0]!.status).toBe('discarded')
  })

  it('answers anonymous callers 401 on reads and changes alike', async () => {
    expect((await auditRoute.GET(new Request(`${ORIGIN}/api/admin/audit`))).status).toBe(401)
    expect((await enforcementRoute.POST(post('/api/admin/settings/grace-enforcement', { on: false }))).status).toBe(401)
  })
})
