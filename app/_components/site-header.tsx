import Link from 'next/link'
import { getViewer } from '@/lib/auth/session'
import { isDemoMode } from '@/lib/env'
import { signOutAction } from './session-actions'

export async function SiteHeader() {
  const viewer = await getViewer()
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/billing" className="font-semibold">
          Billing Console
        </Link>
        {isDemoMode && (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800" title="Local sign-in with seeded accounts; Stripe is the local emulator">
            Demo mode
          </span>
        )}
        <nav aria-label="Main" className="flex gap-4 text-sm">
          {viewer && <Link href="/billing">Billing</Link>}
          {viewer?.isStaff && <Link href="/admin">Admin</Link>}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {viewer ? (
            <>
              <span className="text-slate-600">{viewer.email}</span>
              <form action={signOutAction}>
                <button type="submit" className="text-indigo-600 hover:underline">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <Link href="/sign-in" className="text-indigo-600 hover:underline">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  )
}
