import { describe, expect, it } from 'vitest'
import { cookieOptionsFor } from './cookie-options'

const direct = { trustProxy: false, allowedOrigins: new Set<string>() }
const secureAt = (appUrl: string, values: Record<string, string>, settings = direct) => cookieOptionsFor(new Headers(values), appUrl, settings).secure

describe('session cookies', () => {
  it('are Secure behind an https proxy that speaks http to the app, whatever APP_URL says', () => {
    expect(secureAt('http://localhost:3000', { host: 'app.internal:3000', 'x-forwarded-proto': 'https' })).toBe(true)
  })

  it('are Secure at APP_URL’s https host even when the proxy sends no X-Forwarded-Proto', () => {
    expect(secureAt('https://billing.example.com', { host: 'billing.example.com' })).toBe(true)
    expect(secureAt('https://billing.example.com', { host: 'app.internal', 'x-forwarded-host': 'billing.example.com' }, { ...direct, trustProxy: true })).toBe(true)
  })

  it('are not Secure at a plain-http address of the same deployment, where a browser would drop them', () => {
    expect(secureAt('https://billing.example.com', { host: '127.0.0.1:3000' })).toBe(false)
    expect(secureAt('http://localhost:3000', { host: '192.168.1.20:3000' })).toBe(false)
  })

  it('stay SameSite=Lax on the whole site', () => {
    expect(cookieOptionsFor(new Headers(), 'http://localhost:3000', direct)).toMatchObject({ sameSite: 'lax', path: '/' })
  })
})
