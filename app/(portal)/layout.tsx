import type { ReactNode } from 'react'
import { DemoClockControl } from '@/components/billing/demo-clock-control'
import { GraceBanner } from '@/components/billing/grace-banner'
import { PayNowButton } from '@/components/billing/pay-now-button'
import { SubmitButton } from '@/components/billing/submit-button'
import { getViewer } from '@/lib/auth/session'
import { clockOffsetMs } from '@/lib/clock'
import { demoClockEnabled } from '@/lib/demo/clock'
import { getGraceBanner } from '@/lib/grace/banner'
import { updateCardAction } from './billing/actions'
import { advanceDemoClockAction, payOverdueInvoiceAction, resetDemoClockAction } from './_components/portal-actions'

const DAY_MS = 86_400_000

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer()
  const banner = viewer ? await getGraceBanner(viewer) : null
  return (
    <>
      {viewer && demoClockEnabled && (
        <DemoClockControl offsetDays={Math.round(clockOffsetMs() / DAY_MS)} advance={advanceDemoClockAction} reset={resetDemoClockAction} />
      )}
      {banner && (
        <GraceBanner
          banner={banner}
          actions={
            <>
              <form action={updateCardAction}>
                <SubmitButton variant="secondary" pendingLabel="Opening…">
                  Update card
                </SubmitButton>
              </form>
              <PayNowButton label="Pay now" pay={payOverdueInvoiceAction} />
            </>
          }
        />
      )}
      {children}
    </>
  )
}
