import { Card } from '@/components/ui/card'
import { listDemoAccounts } from '@/lib/auth/demo-accounts'
import { isDemoMode } from '@/lib/env'
import { signInDemoAction } from './actions'
import { PasswordForm } from './password-form'

export const dynamic = 'force-dynamic'

const SIGN_IN_ERRORS: Record<string, string> = {
  rate_limited: 'Too many sign-in attempts. Wait a few minutes, then try again.',
  unknown_account: 'That account does not exist any more. Pick another one.',
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams
  const problem = typeof error === 'string' ? SIGN_IN_ERRORS[error] : undefined
  if (!isDemoMode) {
    return (
      <div className="mx-auto max-w-sm">
        <Card title="Sign in">
          <PasswordForm />
        </Card>
      </div>
    )
  }
  const accounts = await listDemoAccounts()
  return (
    <div className="mx-auto max-w-md">
      <Card title="Sign in (demo mode)">
        {problem && (
          <p role="alert" className="mb-4 rounded-lg bg-red-50 p-3 text-sm text-red-800">
            {problem}
          </p>
        )}
        <p className="mb-4 text-sm text-slate-600">
          No Supabase project is configured, so these seeded accounts sign in locally and Stripe is the local
          emulator. Nothing here touches real money.
        </p>
        <ul className="space-y-2">
          {accounts.map((account) => (
            <li key={account.id}>
              <form action={signInDemoAction}>
                <input type="hidden" name="userId" value={account.id} />
                <button type="submit" className="flex w-full items-center justify-between rounded-lg border border-slate-200 px-4 py-3 text-left hover:bg-slate-50">
                  <span>Sign in as {account.email}</span>
                  {(account.appMetadata.role === 'admin' || account.appMetadata.role === 'support') && (
                    <span className="text-xs font-medium text-indigo-700">{account.appMetadata.role}</span>
                  )}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  )
}
