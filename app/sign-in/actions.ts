'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { isStaffClaims } from '@/lib/auth/claims'
import { sessionCookieOptions } from '@/lib/auth/cookie-options'
import { getDemoAccount } from '@/lib/auth/demo-accounts'
import { startDemoSession } from '@/lib/auth/demo-sessions'
import { DEMO_SESSION_COOKIE, DEMO_SESSION_SECONDS } from '@/lib/auth/demo-token'
import { clientAddress, countSignInAttempt } from '@/lib/auth/sign-in-limits'
import { createSupabaseServerClient } from '@/lib/auth/supabase'
import { isDemoMode } from '@/lib/env'
import type { ActionResult } from '@/lib/http/action'
import { AppError } from '@/lib/http/errors'

/** Counts the attempt; returns the refusal when the account or the address has used up its attempts. */
async function refuseWhenLimited(account: string): Promise<AppError | null> {
  try {
    await countSignInAttempt({ account, address: clientAddress(await headers()) })
    return null
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
}

const demoSignIn = z.object({ userId: z.uuid() })

export async function signInDemoAction(formData: FormData): Promise<void> {
  if (!isDemoMode) throw new Error('demo sign-in is disabled when Supabase Auth is configured')
  const { userId } = demoSignIn.parse(Object.fromEntries(formData))
  if (await refuseWhenLimited(userId)) redirect('/sign-in?error=rate_limited')
  const account = await getDemoAccount(userId)
  if (!account) redirect('/sign-in?error=unknown_account')
  ;(await cookies()).set(DEMO_SESSION_COOKIE, await startDemoSession(account), { ...sessionCookieOptions(await headers()), httpOnly: true, maxAge: DEMO_SESSION_SECONDS })
  redirect(isStaffClaims({ app_metadata: account.appMetadata }) ? '/admin' : '/billing')
}

const passwordSignIn = z.object({ email: z.email(), password: z.string().min(1, 'Enter your password') })

export async function signInWithPasswordAction(_previous: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const parsed = passwordSignIn.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return { ok: false, error: { code: 'invalid_request', message: parsed.error.issues[0]!.message } }
  const limited = await refuseWhenLimited(parsed.data.email)
  if (limited) return { ok: false, error: { code: limited.code, message: limited.message } }
  const supabase = await createSupabaseServerClient()
  if (!supabase) throw new Error('Supabase Auth is not configured')
  const { data, error } = await supabase.auth.signInWithPassword(parsed.data)
  if (error) return { ok: false, error: { code: 'invalid_credentials', message: 'That email and password do not match an account.' } }
  redirect(isStaffClaims({ app_metadata: data.user.app_metadata }) ? '/admin' : '/billing')
}
