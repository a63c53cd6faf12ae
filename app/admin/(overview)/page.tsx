import { Card } from '@/components/ui/card'
import { getAdminOverview } from '@/lib/admin/overview'
import { adminOrNotFound } from '@/lib/auth/page-guards'
import { OverviewCronJobs } from './_components/overview-cron'
import { GraceEnforcementSwitch } from './_components/overview-enforcement-switch'
import { OverviewFigures, SubscriptionsByPlan } from './_components/overview-figures'

export const dynamic = 'force-dynamic'

export default async function AdminOverviewPage() {
  const viewer = await adminOrNotFound()
  const overview = await getAdminOverview(viewer)
  return (
    <>
      <h1 className="text-2xl font-bold">Overview</h1>
      <OverviewFigures overview={overview} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Subscriptions by plan">
          <SubscriptionsByPlan plans={overview.subscriptionsByPlan} />
        </Card>
        <Card title="Grace enforcement">
          <GraceEnforcementSwitch on={overview.graceEnforcement.on} source={overview.graceEnforcement.source} canAct={viewer.isAdmin} />
        </Card>
      </div>
      <Card title="Cron jobs">
        <OverviewCronJobs jobs={overview.cronJobs} />
      </Card>
    </>
  )
}
