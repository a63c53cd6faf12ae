import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { NextRequest } from 'next/server'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { startGoTrueStandIn, type GoTrueStandIn } from '@/test/gotrue-stand-in'

const member = { id: '5b0c2d8e-1f3a-4c6b-9d7e-0a1b2c3d4e5f', email: 'member@project.example', password: 'correct horse battery staple' }
const operator = { id: '6c1d3e9f-2a4b-4d7c-8e8f-1b2c3d4e5f60', email: 'ops@project.example', password: 'another long password', appMetadata: { role: 'admin' } }

/** The request's cookie store, as `next/headers` gives it to server code: what the browser sent, and what the app sets. */
class CookieJar {
  private readonly values = new Map<string, string>()
  getAll = () => [...this.values].map(([name, value]) => ({ name, value }))
  get = (name: string) => (this.values.has(name) ? { name, value: this.values.get(name)! } : undefined)
  set = (name: string, value: string, options: { maxAge?: number } = {}) => {
    if (options.maxAge === 0 || value === '') this.values.delete(name)
    else this.values.set(name, value)
  }
  delete = (name: string) => void this.values.delete(name)
  header = () => this.getAll().map(({ name, value }) => `${name}=${value}`).join('; ')
  replaceWith(cookies: { name: string; value: string }[]) {
    this.values.clear()
    for (const { name, value } of cookies) if (value) this.values.set(name, value)
  }
  /** Supabase's session as @supabase/ssr keeps it: `sb-<ref>-auth-token`, maybe in chunks, base64url JSON. */
  session(): { access_token: string; refresh_token: string } | null {
    const parts = this.getAll()
      .filter(({ name }) => /^sb-.+-auth-token(\.\d+)?$/.test(name))
      .sort((a, b) => Number(a.name.split('.')[1] ?? 0) - Number(b.name.split('.')[1] ?? 0))
    if (parts.length === 0) return null
    const joined = parts.map(({ value }) => value).join('')
    return JSON.parse(Buffer.from(joined.replace(/^base64-/, ''), 'base64url').toString('utf8'))
  }
}

/** Where a server action's `redirect()` sends the browser (Next.js throws it as an error with a digest). */
async function redirectOf(action: Promise<unknown>): Promise<string> {
  const thrown = await action.then(
    () => null,
    (error: unknown) => error,
  )
  const digest = (thrown as { digest?: string } | null)?.digest ?? ''
  if (!digest.startsWith('NEXT_REDIRECT')) throw new Error(`expected a redirect, got ${String(thrown)}`)
  return digest.split(';')[2]!
}

const form = (fields: Record<string, string>) => {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.set(name, value)
  return data
}

describe(`Supabase Auth sign-in, session refresh and sign-out against a GoTrue stand-in, on ${testDatabaseKind}`, () => {
  let gotrue: GoTrueStandIn
  let db: Database
  const jar = new CookieJar()
  let app: {
    signIn: typeof import('@/app/sign-in/actions').signInWithPasswordAction
    signOut: typeof import('@/app/_components/session-actions').signOutAction
    getViewer: typeof import('./session').getViewer
    proxy: typeof import('@/proxy').proxy
    NextRequest: typeof NextRequest
    isDemoMode: boolean
  }

  beforeAll(async () => {
    gotrue = await startGoTrueStandIn([member, operator])
    db = await createTestDatabase()
    // The settings are read once per module load: load the app afresh, configured for Supabase Auth.
    vi.stubEnv('NEXT_PUBLIC_SUPABASE_URL', gotrue.url)
    vi.stubEnv('NEXT_PUBLIC_SUPABASE_ANON_KEY', 'anon-key-of-the-stand-in')
    vi.resetModules()
    vi.doMock('next/headers', () => ({
      cookies: async () => jar,
      headers: async () => new Headers({ host: 'localhost:3000', cookie: jar.header(), 'x-forwarded-for': '198.51.100.20' }),
    }))
    ;(await import('@/lib/db/client')).setDatabase(db)
    app = {
      signIn: (await import('@/app/sign-in/actions')).signInWithPasswordAction,
      signOut: (await import('@/app/_components/session-actions')).signOutAction,
      getViewer: (await import('./session')).getViewer,
      proxy: (await import('@/proxy')).proxy,
      NextRequest: (await import('next/server')).NextRequest,
      isDemoMode: (await import('@/lib/env')).isDemoMode,
    }
  })
  beforeEach(() => {
    gotrue.requests.length = 0
    gotrue.accessTokenSeconds = 3600
  })
  afterAll(async () => {
    vi.doUnmock('next/headers')
    vi.unstubAllEnvs()
    vi.unstubAllGlobals()
    vi.resetModules()
    await gotrue.close()
    await db.close()
  })

  it('runs in Supabase mode, not demo mode', () => {
    expect(app.isDemoMode).toBe(false)
  })

  it('refuses a wrong password with a message the person can act on, and sets no session', async () => {
    const result = await app.signIn(null, form({ email: member.email, password: 'not it' }))
    expect(result).toEqual({ ok: false, error: { code: 'invalid_credentials', message: 'That email and password do not match an account.' } })
    expect(jar.session()).toBeNull()
    expect(await app.getViewer()).toBeNull()
  })

  it('signs in with email and password: the session lands in cookies and the viewer is the Supabase user', async () => {
    expect(await redirectOf(app.signIn(null, form({ email: member.email, password: member.password })))).toBe('/billing')
    expect(gotrue.requests[0]).toMatchObject({ method: 'POST', path: '/auth/v1/token', grantType: 'password', body: { email: member.email, password: member.password } })
    const session = jar.session()
    expect(session).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) })

    expect(await app.getViewer()).toMatchObject({ id: member.id, email: member.email, isAdmin: false, isDemo: false })
    // HS256 tokens are checked with Supabase Auth itself on each read.
    expect(gotrue.requests.at(-1)).toMatchObject({ method: 'GET', path: '/auth/v1/user', bearer: session!.access_token })
  })

  it("reads the admin role from the user's app_metadata, and sends an admin to the console as demo sign-in does", async () => {
    const memberCookies = jar.getAll()
    jar.replaceWith([])
    expect(await redirectOf(app.signIn(null, form({ email: operator.email, password: operator.password })))).toBe('/admin')
    expect(await app.getViewer()).toMatchObject({ id: operator.id, email: operator.email, isAdmin: true })
    jar.replaceWith(memberCookies)
    expect(await app.getViewer()).toMatchObject({ id: member.id, isAdmin: false })
  })

  it('refreshes an expiring session in the proxy, handing the new tokens to the page and the browser', async () => {
    jar.replaceWith([])
    gotrue.accessTokenSeconds = 30 // inside the client's refresh margin, so the next request refreshes it
    await redirectOf(app.signIn(null, form({ email: member.email, password: member.password })))
    const before = jar.session()!
    gotrue.accessTokenSeconds = 3600
    gotrue.requests.length = 0

    const response = await app.proxy(new app.NextRequest('http://localhost:3000/billing', { headers: { cookie: jar.header() } }))
    expect(gotrue.requests[0]).toMatchObject({ method: 'POST', path: '/auth/v1/token', grantType: 'refresh_token', body: { refresh_token: before.refresh_token } })
    jar.replaceWith(response.cookies.getAll())
    const after = jar.session()!
    expect(after.refresh_token).not.toBe(before.refresh_token)
    expect(after.access_token).not.toBe(before.access_token)

    gotrue.requests.length = 0
    expect(await app.getViewer()).toMatchObject({ id: member.id })
    expect(gotrue.requests).toEqual([expect.objectContaining({ path: '/auth/v1/user', bearer: after.access_token })])
  })

  it('signs out: Supabase ends the session, the cookies go, and a copy of the old cookies no longer signs anyone in', async () => {
    const copied = jar.getAll()
    const { access_token: token } = jar.session()!
    gotrue.requests.length = 0
    expect(await redirectOf(app.signOut())).toBe('/sign-in')
    expect(gotrue.requests).toContainEqual(expect.objectContaining({ method: 'POST', path: '/auth/v1/logout', bearer: token }))
    expect(jar.session()).toBeNull()
    expect(await app.getViewer()).toBeNull()

    jar.replaceWith(copied)
    gotrue.requests.length = 0
    expect(await app.getViewer()).toBeNull()
    expect(gotrue.requests).toEqual([expect.objectContaining({ path: '/auth/v1/user', bearer: token })])
  })
})
