import { env } from '@/lib/env'

/**
 * Session cookies: `Secure` whenever the app is served over https, `SameSite=Lax` so other sites' forms and
 * scripts never carry them. Supabase's own cookies stay readable by its browser client, as its SSR guide says.
 */
export const SESSION_COOKIE_BASE = { secure: env.APP_URL.startsWith('https://'), sameSite: 'lax' as const, path: '/' }
