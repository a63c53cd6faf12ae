'use client'

import { useActionState } from 'react'
import { Button } from '@/components/ui/button'
import { signInWithPasswordAction } from './actions'

export function PasswordForm() {
  const [state, formAction, pending] = useActionState(signInWithPasswordAction, null)
  return (
    <form action={formAction} className="space-y-4">
      <label className="block text-sm">
        Email
        <input name="email" type="email" required autoComplete="email" className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2" />
      </label>
      <label className="block text-sm">
        Password
        <input name="password" type="password" required autoComplete="current-password" className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2" />
      </label>
      {state && !state.ok && <p role="alert" className="text-sm text-red-700">{state.error.message}</p>}
      <Button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  )
}
