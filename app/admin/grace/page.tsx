import type { ReactNode } from 'react'
import { FilterBar } from '@/components/admin/filter-bar'
import { Card } from '@/components/ui/card'
import { adminOrNotFound } from '@/lib/auth/page-guards'
import { now } from '@/lib/clock'
import { getGraceAnalytics } from '@/lib/grace/analytics-page'
import { parseGraceRange } from '@/lib/grace/analytics-range'
import { OpenPerDayChart, OutcomesByWeekChart } from './_components/grace-charts'
import { GraceSummary } from './_components/grace-summary'
import { OpenPerDayTable, OutcomesByWeekTable } from './_components/grace-tables'

export const dynamic = 'force-dynamic'

function ChartFigure({ label, chart, table }: { label: string; chart: ReactNode; table: ReactNode }) {
  return (
    <figure role="group" aria-label={label} className="space-y-3">
      {chart}
      <figcaption className="sr-only">{label}</figcaption>
      <details>
        <summary className="cursor-pointer text-sm text-indigo-700">Table view</summary>
        <div className="mt-2 max-h-80 overflow-auto">{table}</div>
      </details>
    </figure>
  )
}

export default async function GraceAnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await adminOrNotFound()
  const range = parseGraceRange(await searchParams, now())
  const analytics = await getGraceAnalytics(viewer, range)
  return (
    <>
      <h1 className="text-2xl font-bold">Grace period analytics</h1>
      <FilterBar action="/admin/grace">
        <label className="flex flex-col text-sm">
          From
          <input type="date" name="from" defaultValue={range.from} className="mt-1 rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col text-sm">
          To
          <input type="date" name="to" defaultValue={range.to} className="mt-1 rounded border border-slate-300 px-2 py-1.5" />
        </label>
      </FilterBar>
      <GraceSummary recovery={analytics.recovery} revenueAtRisk={analytics.revenueAtRisk} />
      <Card title="Open grace periods per day">
        <ChartFigure label={`Open grace periods at the end of each day, ${range.from} to ${range.to}`} chart={<OpenPerDayChart data={analytics.openPerDay} />} table={<OpenPerDayTable data={analytics.openPerDay} />} />
      </Card>
      <Card title="Outcomes by week opened">
        <ChartFigure label={`Grace periods by the week they opened, and how they ended, ${range.from} to ${range.to}`} chart={<OutcomesByWeekChart data={analytics.outcomesByWeek} />} table={<OutcomesByWeekTable data={analytics.outcomesByWeek} />} />
      </Card>
    </>
  )
}
