'use client'

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { OpenPerDay, WeeklyOutcomes } from '@/lib/grace/analytics'

const OUTCOME_COLOURS = { recovered: '#059669', expired: '#dc2626', canceled: '#64748b', stillOpen: '#d97706' }

// Charts are pictures for sighted users (hidden from assistive technology and out of the tab order);
// screen readers get the figure's label and the table view of the same numbers.
export function OpenPerDayChart({ data }: { data: OpenPerDay[] }) {
  return (
    <div className="h-64 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
          <Tooltip />
          <Line type="stepAfter" dataKey="open" name="Open grace periods" stroke="#4f46e5" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

export function OutcomesByWeekChart({ data }: { data: WeeklyOutcomes[] }) {
  return (
    <div className="h-64 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="week" tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
          <Tooltip />
          <Legend />
          <Bar dataKey="recovered" name="Recovered" stackId="outcome" fill={OUTCOME_COLOURS.recovered} isAnimationActive={false} />
          <Bar dataKey="expired" name="Expired" stackId="outcome" fill={OUTCOME_COLOURS.expired} isAnimationActive={false} />
          <Bar dataKey="canceled" name="Cancelled" stackId="outcome" fill={OUTCOME_COLOURS.canceled} isAnimationActive={false} />
          <Bar dataKey="stillOpen" name="Still open" stackId="outcome" fill={OUTCOME_COLOURS.stillOpen} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
