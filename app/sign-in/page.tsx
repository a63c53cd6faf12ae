import { Card } from '@/components/ui/card'
import { listDemoAccounts } from '@/lib/auth/demo-accounts'
import { isDemoMode } from '@/lib/env'
import { signInDemoAction } from './actions'
import { PasswordForm } from './password-form'

export const dynamic = 'force-dynamic'

export default async function SignInPage() {
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
                  {account.appMetadata.role === 'admin' && <span className="text-xs font-medium text-indigo-700">admin</span>}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  )
}
