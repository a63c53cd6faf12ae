'use client'

export type Interval = 'month' | 'year'

/** Monthly or yearly prices, shown only where the catalogue has both. */
export function PlanIntervalToggle({ value, onChange }: { value: Interval; onChange: (interval: Interval) => void }) {
  return (
    <fieldset className="mb-4 inline-flex rounded-lg border border-slate-300 p-1 text-sm">
      <legend className="sr-only">Billing interval</legend>
      {(['month', 'year'] as const).map((interval) => (
        <label
          key={interval}
          className={`cursor-pointer rounded-md px-3 py-1 has-focus-visible:outline-2 has-focus-visible:outline-indigo-600 ${value === interval ? 'bg-indigo-600 text-white' : 'text-slate-700'}`}
        >
          <input type="radio" name="billing-interval" value={interval} checked={value === interval} onChange={() => onChange(interval)} className="sr-only" />
          {interval === 'month' ? 'Monthly' : 'Yearly'}
        </label>
      ))}
    </fieldset>
  )
}
