/**
 * The origins a deployment calls its own besides the host a request was addressed to, as the settings give
 * them (`ALLOWED_ORIGINS`, `APP_URL`). Pure and free of imports: `lib/env.ts` validates with it, and
 * `next.config.ts` reads it before the app's settings are parsed.
 */
export interface AddressSettings {
  /** A proxy in front sets `X-Forwarded-Host`; without one, a client could name any host there. */
  trustProxy: boolean
  /** Origins accepted besides the addressed host's (`ALLOWED_ORIGINS` and `APP_URL`), normalised. */
  allowedOrigins: ReadonlySet<string>
}

/** Origins from a comma-separated setting, each an http(s) origin with nothing after the host. */
export function parseOrigins(value: string | undefined): { origins: string[]; invalid: string[] } {
  const origins: string[] = []
  const invalid: string[] = []
  for (const entry of (value ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
    try {
      const url = new URL(entry)
      const bare = /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !url.username
      if (bare) origins.push(url.origin)
      else invalid.push(entry)
    } catch {
      invalid.push(entry)
    }
  }
  return { origins, invalid }
}
