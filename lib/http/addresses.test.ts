import { describe, expect, it } from 'vitest'
import { parseOrigins, type AddressSettings } from '@/lib/origins'
import { addressedHost, browserUsedHttps, ownOrigin } from './addresses'

const direct: AddressSettings = { trustProxy: false, allowedOrigins: new Set(['http://localhost:3000']) }
const behindProxy: AddressSettings = { ...direct, trustProxy: true }
const headers = (values: Record<string, string>) => new Headers(values)

describe('a change request is the app’s own when its Origin is the host it was addressed to', () => {
  it('accepts the app at 127.0.0.1, at localhost and at a LAN address, whatever APP_URL says', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '192.168.1.20:3000', '[::1]:3000']) {
      expect(ownOrigin(headers({ host, origin: `http://${host}` }), direct)).toBe(`http://${host}`)
    }
  })

  it('compares with the default port of the origin’s scheme, and refuses another port of the same host', () => {
    expect(ownOrigin(headers({ host: 'billing.example.com:443', origin: 'https://billing.example.com' }), direct)).toBe('https://billing.example.com')
    expect(ownOrigin(headers({ host: 'BILLING.example.com', origin: 'https://billing.example.com' }), direct)).toBe('https://billing.example.com')
    expect(ownOrigin(headers({ host: 'localhost:3001', origin: 'http://localhost:3002' }), direct)).toBeNull()
  })

  it('refuses a foreign origin, a null origin, a missing one and a malformed one', () => {
    expect(ownOrigin(headers({ host: 'localhost:3000', origin: 'https://attacker.example' }), direct)).toBeNull()
    expect(ownOrigin(headers({ host: 'localhost:3000', origin: 'null' }), direct)).toBeNull()
    expect(ownOrigin(headers({ host: '127.0.0.1:3000' }), direct)).toBeNull()
    expect(ownOrigin(headers({ host: '127.0.0.1:3000', origin: 'file:///tmp/page.html' }), direct)).toBeNull()
    expect(ownOrigin(headers({ host: 'attacker.example/x', origin: 'http://attacker.example' }), direct)).toBeNull()
  })

  it('accepts an allowed extra origin (APP_URL, ALLOWED_ORIGINS) at any addressed host', () => {
    const settings = { ...direct, allowedOrigins: new Set(['http://localhost:3000', 'https://www.example.com']) }
    expect(ownOrigin(headers({ host: 'app.internal:8080', origin: 'https://www.example.com' }), settings)).toBe('https://www.example.com')
    expect(ownOrigin(headers({ host: 'app.internal:8080', origin: 'http://localhost:3000' }), settings)).toBe('http://localhost:3000')
    expect(ownOrigin(headers({ host: 'app.internal:8080', origin: 'https://example.com' }), settings)).toBeNull()
  })
})

describe('a proxy’s X-Forwarded-Host', () => {
  const proxied = { host: 'app.internal:3000', 'x-forwarded-host': 'billing.example.com', 'x-forwarded-proto': 'https', origin: 'https://billing.example.com' }

  it('names the addressed host where the settings say a proxy is in front (the first of a chain)', () => {
    expect(ownOrigin(headers(proxied), behindProxy)).toBe('https://billing.example.com')
    expect(addressedHost(headers({ ...proxied, 'x-forwarded-host': 'billing.example.com, edge.internal' }), behindProxy)).toBe('billing.example.com')
  })

  it('is ignored without one, so a client cannot name the host it pleases', () => {
    expect(ownOrigin(headers(proxied), direct)).toBeNull()
    expect(ownOrigin(headers({ host: 'localhost:3000', 'x-forwarded-host': 'attacker.example', origin: 'http://attacker.example' }), direct)).toBeNull()
    expect(addressedHost(headers(proxied), direct)).toBe('app.internal:3000')
  })

  it('falls back to Host when a trusted proxy sends none', () => {
    expect(ownOrigin(headers({ host: 'preview-abc.vercel.app', origin: 'https://preview-abc.vercel.app' }), behindProxy)).toBe('https://preview-abc.vercel.app')
  })
})

it('reads https from the first X-Forwarded-Proto', () => {
  expect(browserUsedHttps(headers({ 'x-forwarded-proto': 'https' }))).toBe(true)
  expect(browserUsedHttps(headers({ 'x-forwarded-proto': 'https,http' }))).toBe(true)
  expect(browserUsedHttps(headers({ 'x-forwarded-proto': 'http' }))).toBe(false)
  expect(browserUsedHttps(headers({}))).toBe(false)
})

it('parses ALLOWED_ORIGINS into origins and names each entry that is not one', () => {
  expect(parseOrigins(' https://www.example.com/, http://10.0.0.5:3000 ,')).toEqual({ origins: ['https://www.example.com', 'http://10.0.0.5:3000'], invalid: [] })
  expect(parseOrigins('example.com,https://example.com/billing,ftp://example.com,https://user@example.com').invalid).toEqual([
    'example.com',
    'https://example.com/billing',
    'ftp://example.com',
    'https://user@example.com',
  ])
  expect(parseOrigins(undefined)).toEqual({ origins: [], invalid: [] })
})
