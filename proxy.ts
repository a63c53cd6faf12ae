import { createServerClient } from '@supabase/ssr'
import { NextResponse, type NextRequest } from 'next/server'
import { isAdminClaims, type JwtClaims } from '@/lib/auth/claims'
import { DEMO_SESSION_COOKIE, verifyDemoToken } from '@/lib/auth/demo-token'
import { supabaseAuth } from '@/lib/env'
import { errorBody, noSuchRoute, unauthenticated } from '@/lib/http/errors'

/** Refreshes the Supabase session cookie on each request and reads who is asking. */
async function refreshSupabaseSession(request: NextRequest, auth: NonNullable<typeof supabaseAuth>) {
  let response = NextResponse.next({ request })
  const supabase = createServerClient(auth.url, auth.key, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (cookiesToSet) => {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value)
        response = NextResponse.next({ request })
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options)
      },
    },
  })
  const { data } = await supabase.auth.getClaims()
  return { response, claims: (data?.claims as JwtClaims | undefined) ?? null }
}

async function demoSession(request: NextRequest) {
  const token = request.cookies.get(DEMO_SESSION_COOKIE)?.value
  return { response: NextResponse.next(), claims: token ? await verifyDemoToken(token) : null }
}

/** The outer wall of the admin API, whatever the method: each admin route checks again itself. */
function refuseNonAdmin(claims: JwtClaims | null): NextResponse | null {
  if (claims && isAdminClaims(claims)) return null
  const { status, body } = errorBody(claims ? noSuchRoute() : unauthenticated())
  return NextResponse.json(body, { status })
}

export async function proxy(request: NextRequest) {
  const { response, claims } = supabaseAuth ? await refreshSupabaseSession(request, supabaseAuth) : await demoSession(request)
  const path = request.nextUrl.pathname
  if (path === '/api/admin' || path.startsWith('/api/admin/')) return refuseNonAdmin(claims) ?? response
  return response
}

export const config = {
  // Pages and the customer and admin APIs: webhooks, cron, metrics and static files carry no user session.
  matcher: ['/((?!api/webhooks|api/cron|api/metrics|api/health|_next/static|_next/image|favicon.ico).*)'],
}
