import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { env } from '@/lib/env'
import { readOrCreateLocalSecret } from '@/lib/secrets/local-secret'
import { signDemoToken, verifyDemoToken } from './demo-token'

const admin = { id: '33333333-3333-4333-8333-333333333333', email: 'admin@example.com', appMetadata: { role: 'admin' } }
const SESSION = '44444444-4444-4444-8444-444444444444'
const keyOf = (secret: string) => new TextEncoder().encode(secret)

describe('demo session tokens', () => {
  it('are signed with a secret of this install, kept under DATA_DIR', async () => {
    const token = await signDemoToken(admin, SESSION)
    expect(await verifyDemoToken(token)).toMatchObject({ sub: admin.id, app_metadata: { role: 'admin' } })
    const installSecret = readOrCreateLocalSecret(env.DATA_DIR, 'demo-session-secret')
    expect(await verifyDemoToken(token, keyOf(installSecret))).not.toBeNull()
  })

  it('refuse a token signed with any other secret', async () => {
    const forged = await signDemoToken(admin, SESSION, randomBytes(32))
    expect(await verifyDemoToken(forged)).toBeNull()
  })

  it('refuse a token signed with the constant earlier versions shipped', async () => {
    const forged = await signDemoToken(admin, SESSION, keyOf('demo-session-secret-not-for-production'))
    expect(await verifyDemoToken(forged)).toBeNull()
  })

  it('refuse an unsigned token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')
    const payload = Buffer.from(JSON.stringify({ sub: admin.id, aud: 'authenticated', app_metadata: { role: 'admin' } })).toString('base64url')
    expect(await verifyDemoToken(`${header}.${payload}.`)).toBeNull()
  })
})
