import type { ReactNode } from 'react'

/** A GET form: submitting puts the filters in the URL, so a filtered view is shareable and the back button works. */
export function FilterBar({ action, children }: { action: string; children: ReactNode }) {
  return (
    <form action={action} method="get" role="search" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
      {children}
      <button type="submit" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Apply
      </button>
    </form>
  )
}

export function SelectFilter({ name, label, value, options }: { name: string; label: string; value?: string; options: readonly string[] }) {
  return (
    <label className="flex flex-col text-sm">
      {label}
      <select name={name} defaultValue={value ?? ''} className="mt-1 rounded border border-slate-300 bg-white px-2 py-1.5">
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  )
}
