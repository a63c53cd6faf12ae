import 'server-only'
import { createServerClient } from '@supabase/ssr'
import { cookies, headers } from 'next/headers'
import { supabaseAuth } from '@/lib/env'
import { supabaseClientOptions } from './supabase-options'

/** Supabase Auth for the current request; null in demo mode. */
export async function createSupabaseServerClient() {
  if (!supabaseAuth) return null
  const cookieStore = await cookies()
  return createServerClient(supabaseAuth.url, supabaseAuth.key, {
    ...supabaseClientOptions(await headers()),
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll: (cookiesToSet) => {
        try {
          for (const { name, value, options } of cookiesToSet) cookieStore.set(name, value, options)
        } catch {
          // Server components cannot set cookies; proxy.ts refreshes the session instead.
        }
      },
    },
  })
}
