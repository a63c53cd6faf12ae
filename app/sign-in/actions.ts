'use server'

import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { getDemoAccount } from '@/lib/auth/demo-accounts'
import { DEMO_SESSION_COOKIE, DEMO_SESSION_SECONDS, signDemoToken } from '@/lib/auth/demo-token'
import { createSupabaseServerClient } from '@/lib/auth/supabase'
import { env, isDemoMode } from '@/lib/env'
import type { ActionResult } from '@/lib/http/action'

const demoSignIn = z.object({ userId: z.uuid() })

export async function signInDemoAction(formData: FormData): Promise<void> {
  if (!isDemoMode) throw new Error('demo sign-in is disabled when Supabase Auth is configured')
  const { userId } = demoSignIn.parse(Object.fromEntries(formData))
  const account = await getDemoAccount(userId)
  if (!account) redirect('/sign-in?error=unknown_account')
  ;(await cookies()).set(DEMO_SESSION_COOKIE, await signDemoToken(account), {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.APP_URL.startsWith('https://'),
    path: '/',
    maxAge: DEMO_SESSION_SECONDS,
  })
  redirect(account.appMetadata.role === 'admin' ? '/admin/audit' : '/billing')
}

const passwordSignIn = z.object({ email: z.email(), password: z.string().min(1, 'Enter your password') })

export async function signInWithPasswordAction(_previous: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const parsed = passwordSignIn.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return { ok: false, error: { code: 'invalid_request', message: parsed.error.issues[0]!.message } }
  const supabase = await createSupabaseServerClient()
  if (!supabase) throw new Error('Supabase Auth is not configured')
  const { error } = await supabase.auth.signInWithPassword(parsed.data)
  if (error) return { ok: false, error: { code: 'invalid_credentials', message: 'That email and password do not match an account.' } }
  redirect('/billing')
}
