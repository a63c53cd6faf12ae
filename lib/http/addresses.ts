/**
 * Which addresses a request may come from and go back to. One deployment answers at many (localhost and
 * 127.0.0.1, a LAN address, a domain with and without `www`, each preview's URL, a proxy in front), so a
 * request is judged by the host it was addressed to, as browsers and Next.js server actions judge it, not by
 * one configured URL. Pure functions of the headers and the settings, so each rule is tested alone.
 */
import type { AddressSettings } from '@/lib/origins'

const HOST = /^[a-z0-9.\-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i

const firstValue = (header: string | null): string | null => header?.split(',')[0]?.trim() || null

/** The host (with its port) the request was addressed to: a trusted proxy's `X-Forwarded-Host`, else `Host`. */
export function addressedHost(headers: Headers, settings: AddressSettings): string | null {
  const host = (settings.trustProxy ? firstValue(headers.get('x-forwarded-host')) : null) ?? headers.get('host')
  return host && HOST.test(host) ? host.toLowerCase() : null
}

/**
 * The request's `Origin` when it is the app's own: the host the request was addressed to (compared with the
 * default port of the origin's scheme), or an allowed origin. Null for a missing, `null`, foreign or
 * malformed origin.
 */
export function ownOrigin(headers: Headers, settings: AddressSettings): string | null {
  let origin: URL
  try {
    origin = new URL(headers.get('origin') ?? '')
  } catch {
    return null
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return null
  if (settings.allowedOrigins.has(origin.origin)) return origin.origin
  const host = addressedHost(headers, settings)
  if (!host) return null
  return new URL(`${origin.protocol}//${host}`).host === origin.host ? origin.origin : null
}

/**
 * Whether the browser used https. `X-Forwarded-Proto` is read even without a trusted proxy: it can only make
 * a response stricter (Secure cookies, HSTS), never accept a request.
 */
export function browserUsedHttps(headers: Headers): boolean {
  return firstValue(headers.get('x-forwarded-proto')) === 'https'
}
