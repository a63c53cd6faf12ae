import { describe, expect, it } from 'vitest'
import { addressSettingsOf, parseEnv } from './env'

describe('settings', () => {
  it('runs on the embedded defaults with nothing set, and treats empty values as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', STRIPE_SECRET_KEY: '  ' })
    expect(env).toMatchObject({ DATA_DIR: '.data', GRACE_PERIOD_DAYS: 7 })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.STRIPE_SECRET_KEY).toBeUndefined()
  })

  it('refuses to start demo sign-in with a live Stripe key', () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: 'sk_live_123', STRIPE_WEBHOOK_SECRET: 'whsec_1' })).toThrow(/demo sign-in cannot run with a live Stripe key/)
  })

  it('refuses demo sign-in beside a Stripe test key unless DEMO_SIGN_IN turns it on', () => {
    const withTestKey = { STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_1' }
    expect(() => parseEnv(withTestKey)).toThrow(/set DEMO_SIGN_IN=on to choose demo sign-in/)
    expect(() => parseEnv({ ...withTestKey, DEMO_SIGN_IN: 'off' })).toThrow(/DEMO_SIGN_IN=on/)
    expect(parseEnv({ ...withTestKey, DEMO_SIGN_IN: 'on' }).DEMO_SIGN_IN).toBe(true)
  })

  it('keeps demo sign-in impossible with a live key, even when DEMO_SIGN_IN asks for it', () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: 'sk_live_123', STRIPE_WEBHOOK_SECRET: 'whsec_1', DEMO_SIGN_IN: 'on' })).toThrow(/live Stripe key/)
  })

  it('has no built-in session secret and refuses a short one', () => {
    expect(parseEnv({}).DEMO_SESSION_SECRET).toBeUndefined()
    expect(() => parseEnv({ DEMO_SESSION_SECRET: 'short' })).toThrow(/DEMO_SESSION_SECRET/)
  })

  it('needs the audit chain key with a shared database', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgresql://db.example/app' })).toThrow(/AUDIT_HASH_KEY: required with DATABASE_URL/)
    expect(parseEnv({ DATABASE_URL: 'postgresql://db.example/app', AUDIT_HASH_KEY: 'k'.repeat(32) }).AUDIT_HASH_KEY).toBe('k'.repeat(32))
  })

  it('accepts a live key once Supabase Auth is configured', () => {
    const env = parseEnv({
      STRIPE_SECRET_KEY: 'sk_live_123',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
      NEXT_PUBLIC_SUPABASE_URL: 'https://project.supabase.co',
      NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon',
    })
    expect(env.STRIPE_SECRET_KEY).toBe('sk_live_123')
  })

  it('names every setting that is wrong', () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: 'sk_test_1', DATABASE_URL: 'not a url', GRACE_PERIOD_DAYS: '0' })).toThrow(
      /STRIPE_WEBHOOK_SECRET[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*STRIPE_WEBHOOK_SECRET/,
    )
  })

  it('serves APP_URL at the port it starts on when APP_URL is not set', () => {
    expect(parseEnv({ PORT: '4100' }).APP_URL).toBe('http://localhost:4100')
    expect(parseEnv({ PORT: '4100', APP_URL: 'https://billing.example.com' }).APP_URL).toBe('https://billing.example.com')
  })

  it('trusts a proxy’s forwarded host on Vercel or when TRUST_PROXY says so, and accepts APP_URL and ALLOWED_ORIGINS', () => {
    expect(addressSettingsOf(parseEnv({})).trustProxy).toBe(false)
    expect(addressSettingsOf(parseEnv({ VERCEL: '1' })).trustProxy).toBe(true)
    expect(addressSettingsOf(parseEnv({ VERCEL: '1', TRUST_PROXY: 'off' })).trustProxy).toBe(false)
    expect(addressSettingsOf(parseEnv({ TRUST_PROXY: 'on' })).trustProxy).toBe(true)
    const settings = addressSettingsOf(parseEnv({ APP_URL: 'https://billing.example.com/', ALLOWED_ORIGINS: 'https://www.billing.example.com' }))
    expect([...settings.allowedOrigins]).toEqual(['https://billing.example.com', 'https://www.billing.example.com'])
  })

  it('refuses an ALLOWED_ORIGINS entry that is not an origin, naming it', () => {
    expect(() => parseEnv({ ALLOWED_ORIGINS: 'https://ok.example.com,www.example.com' })).toThrow(/ALLOWED_ORIGINS: not an origin .*: www\.example\.com/)
  })
})
