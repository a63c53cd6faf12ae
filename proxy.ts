import { createServerClient } from '@supabase/ssr'
import { NextResponse, type NextRequest } from 'next/server'
import { supabaseAuth } from '@/lib/env'

/** Refreshes the Supabase session cookie on each page request; demo mode has nothing to refresh. */
export async function proxy(request: NextRequest) {
  if (!supabaseAuth) return NextResponse.next()
  let response = NextResponse.next({ request })
  const supabase = createServerClient(supabaseAuth.url, supabaseAuth.key, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (cookiesToSet) => {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value)
        response = NextResponse.next({ request })
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options)
      },
    },
  })
  await supabase.auth.getClaims()
  return response
}

export const config = {
  // Pages only: webhooks, cron, metrics and static files carry no user session.
  matcher: ['/((?!api/webhooks|api/cron|api/metrics|api/health|_next/static|_next/image|favicon.ico).*)'],
}
