import { addressSettings, env } from '@/lib/env'
import { addressedHost, browserUsedHttps } from '@/lib/http/addresses'
import type { AddressSettings } from '@/lib/origins'

/**
 * Session cookies for a request: `SameSite=Lax` so other sites' forms and scripts never carry them, and
 * `Secure` when the browser used https (a proxy's `X-Forwarded-Proto`) or is at APP_URL's https host, so a
 * cookie is never refused at a plain-http address (127.0.0.1, a LAN address) of the same deployment.
 * Supabase's own cookies stay readable by its browser client, as its SSR guide says.
 */
export function cookieOptionsFor(headers: Headers, appUrl: string, settings: AddressSettings) {
  const app = new URL(appUrl)
  const atHttpsAppUrl = app.protocol === 'https:' && addressedHost(headers, settings) === app.host
  return { secure: browserUsedHttps(headers) || atHttpsAppUrl, sameSite: 'lax' as const, path: '/' }
}

export const sessionCookieOptions = (headers: Headers) => cookieOptionsFor(headers, env.APP_URL, addressSettings)
