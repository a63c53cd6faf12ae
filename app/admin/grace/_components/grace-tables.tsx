import type { OpenPerDay, WeeklyOutcomes } from '@/lib/grace/analytics'

const cell = 'py-1 pr-4'

export function OpenPerDayTable({ data }: { data: OpenPerDay[] }) {
  return (
    <table className="text-left text-sm">
      <caption className="sr-only">Open grace periods at the end of each day</caption>
      <thead className="text-slate-500">
        <tr>
          <th className={cell}>Day (UTC)</th>
          <th className={`${cell} text-right`}>Open</th>
        </tr>
      </thead>
      <tbody>
        {data.map((row) => (
          <tr key={row.day} className="border-t border-slate-100">
            <td className={cell}>{row.day}</td>
            <td className={`${cell} text-right`}>{row.open}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function OutcomesByWeekTable({ data }: { data: WeeklyOutcomes[] }) {
  return (
    <table className="text-left text-sm">
      <caption className="sr-only">Outcomes of grace periods by the week they opened</caption>
      <thead className="text-slate-500">
        <tr>
          {['Week of (UTC)', 'Opened', 'Recovered', 'Expired', 'Cancelled', 'Still open'].map((heading) => (
            <th key={heading} className={cell}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.map((row) => (
          <tr key={row.week} className="border-t border-slate-100">
            <td className={cell}>{row.week}</td>
            {[row.opened, row.recovered, row.expired, row.canceled, row.stillOpen].map((value, index) => (
              <td key={index} className={`${cell} text-right`}>
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
