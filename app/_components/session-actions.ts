'use server'

import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { revokeDemoSession } from '@/lib/auth/demo-sessions'
import { DEMO_SESSION_COOKIE } from '@/lib/auth/demo-token'
import { createSupabaseServerClient } from '@/lib/auth/supabase'

export async function signOutAction(): Promise<void> {
  const supabase = await createSupabaseServerClient()
  if (supabase) await supabase.auth.signOut()
  const cookieStore = await cookies()
  const demoToken = cookieStore.get(DEMO_SESSION_COOKIE)?.value
  if (demoToken) await revokeDemoSession(demoToken)
  cookieStore.delete(DEMO_SESSION_COOKIE)
  redirect('/sign-in')
}
