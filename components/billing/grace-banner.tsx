import type { ReactNode } from 'react'
import { LocalDate } from '@/components/ui/local-date'
import { formatMoney } from '@/lib/format'
import type { GraceBanner as GraceBannerData } from '@/lib/grace/banner'
import { metricLabel } from './usage-meters'
import { RefreshWhileShown } from './refresh-while-shown'

const NUMBER = new Intl.NumberFormat('en-US')

function amountOf(banner: GraceBannerData): string {
  return banner.amountDue !== null && banner.currency ? formatMoney(banner.amountDue, banner.currency) : 'the amount due'
}

/**
 * Shown on every portal page while a failed payment is unpaid. `actions` are the page's own buttons (update
 * card, pay now); the banner refreshes itself, so it leaves once the invoice is paid.
 */
export function GraceBanner({ banner, actions }: { banner: GraceBannerData; actions: ReactNode }) {
  const open = banner.status === 'open'
  return (
    <section
      aria-label={open ? 'Payment failed' : 'Payment overdue'}
      data-testid="grace-banner"
      data-status={banner.status}
      className={`mb-6 rounded-xl border p-4 sm:p-5 ${open ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-red-300 bg-red-50 text-red-950'}`}
    >
      <RefreshWhileShown />
      {open ? (
        <>
          <h2 className="font-semibold">Your last payment failed</h2>
          <p className="mt-1 text-sm">
            {banner.daysLeft === 1 ? '1 day left' : `${banner.daysLeft} days left`} to pay {amountOf(banner)} (until <LocalDate value={banner.endsAt} />). Your plan keeps
            working until then. Update your card, then pay now.
          </p>
        </>
      ) : (
        <>
          <h2 className="font-semibold">Your payment is overdue: your account is limited</h2>
          {banner.heldToFreePlan ? (
            <p className="mt-1 text-sm">
              Since <LocalDate value={banner.endsAt} /> you have the {banner.freePlanName ?? 'free'} plan&apos;s limits:{' '}
              {banner.limits.map((limit) => `${metricLabel(limit.metric)} ${NUMBER.format(limit.limit)}`).join(', ')}. Pay {amountOf(banner)} to restore your
              plan at once.
            </p>
          ) : (
            <p className="mt-1 text-sm">
              The grace period ended on <LocalDate value={banner.endsAt} />. Pay {amountOf(banner)} to keep your plan.
            </p>
          )}
        </>
      )}
      <div className="mt-3 flex flex-wrap items-start gap-3">{actions}</div>
    </section>
  )
}
