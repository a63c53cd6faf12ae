import { createServerClient } from '@supabase/ssr'
import { NextResponse, type NextRequest } from 'next/server'
import { isAdminClaims, isStaffClaims, type JwtClaims } from '@/lib/auth/claims'
import { DEMO_SESSION_COOKIE, verifyDemoToken } from '@/lib/auth/demo-token'
import { supabaseClientOptions } from '@/lib/auth/supabase-options'
import { env, supabaseAuth } from '@/lib/env'
import { errorBody, noSuchRoute, unauthenticated } from '@/lib/http/errors'
import { browserUsedHttps } from '@/lib/http/addresses'
import { contentSecurityPolicy, HSTS } from '@/lib/http/security-headers'

type CookieToSet = { name: string; value: string; options: Parameters<NextResponse['cookies']['set']>[2] }

/** Reads who is asking from the Supabase session, refreshing its cookies when Supabase says so. */
async function readSupabaseSession(request: NextRequest, auth: NonNullable<typeof supabaseAuth>) {
  const cookiesToSet: CookieToSet[] = []
  const supabase = createServerClient(auth.url, auth.key, {
    ...supabaseClientOptions(request.headers),
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (changed) => {
        for (const cookie of changed) {
          request.cookies.set(cookie.name, cookie.value)
          cookiesToSet.push(cookie)
        }
      },
    },
  })
  const { data } = await supabase.auth.getClaims()
  return { claims: (data?.claims as JwtClaims | undefined) ?? null, cookiesToSet }
}

/** The demo token's claims by its signature alone; the routes and pages also check that its session is live. */
async function readDemoClaims(request: NextRequest) {
  const token = request.cookies.get(DEMO_SESSION_COOKIE)?.value
  return { claims: token ? await verifyDemoToken(token) : null, cookiesToSet: [] as CookieToSet[] }
}

/** The outer wall of the admin API: support may read, only admin may change; each admin route checks again itself. */
function refuseNonAdmin(claims: JwtClaims | null, method: string): NextResponse | null {
  if (claims && (method === 'GET' || method === 'HEAD' ? isStaffClaims(claims) : isAdminClaims(claims))) return null
  const { status, body } = errorBody(claims ? noSuchRoute() : unauthenticated())
  return NextResponse.json(body, { status })
}

export async function proxy(request: NextRequest) {
  const { claims, cookiesToSet } = supabaseAuth ? await readSupabaseSession(request, supabaseAuth) : await readDemoClaims(request)
  const path = request.nextUrl.pathname
  if (path === '/api/admin' || path.startsWith('/api/admin/')) {
    const refusal = refuseNonAdmin(claims, request.method)
    if (refusal) return refusal
  }
  const https = browserUsedHttps(request.headers)
  const requestHeaders = new Headers(request.headers)
  const csp = path.startsWith('/api/')
    ? null
    : contentSecurityPolicy(Buffer.from(crypto.randomUUID()).toString('base64'), { development: env.NODE_ENV === 'development', https })
  // Next.js reads the policy from the request to put its nonce on the scripts it renders.
  if (csp) requestHeaders.set('content-security-policy', csp)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options)
  if (csp) response.headers.set('content-security-policy', csp)
  if (https) response.headers.set('strict-transport-security', HSTS)
  return response
}

export const config = {
  // Pages and the customer and admin APIs: webhooks, cron, metrics and static files carry no user session, and
  // neither does a backend's usage call with a server key, so the hottest route skips the proxy's cost.
  matcher: [
    '/((?!api/usage$|api/webhooks|api/cron|api/metrics|api/health|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)',
    { source: '/api/usage', missing: [{ type: 'header', key: 'authorization' }] },
  ],
}
