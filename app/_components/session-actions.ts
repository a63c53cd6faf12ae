'use server'

import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { DEMO_SESSION_COOKIE } from '@/lib/auth/demo-token'
import { createSupabaseServerClient } from '@/lib/auth/supabase'

export async function signOutAction(): Promise<void> {
  const supabase = await createSupabaseServerClient()
  if (supabase) await supabase.auth.signOut()
  ;(await cookies()).delete(DEMO_SESSION_COOKIE)
  redirect('/sign-in')
}
