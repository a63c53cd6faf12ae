import Link from 'next/link'
import { AUDIT_ACTOR_TYPES, type AuditCriteria } from '@/lib/audit/queries'

const INPUT = 'mt-1 w-full rounded-lg border border-slate-300 px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600'

function Field({ name, label, value, placeholder, type = 'text' }: { name: keyof AuditCriteria; label: string; value?: string; placeholder?: string; type?: string }) {
  return (
    <label className="block text-sm">
      <span className="text-slate-700">{label}</span>
      <input name={name} type={type} defaultValue={value ?? ''} placeholder={placeholder} className={INPUT} />
    </label>
  )
}

/** A plain GET form: applying it puts the filters in the URL, so a view can be shared and the back button works. */
export function AuditFilters({ criteria }: { criteria: AuditCriteria }) {
  return (
    <form method="get" action="/admin/audit" role="search" aria-label="Filter audit log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Field name="customer" label="Customer" value={criteria.customer} placeholder="email, cus_… or user id" />
      <Field name="action" label="Action" value={criteria.action} placeholder="subscription.plan_changed" />
      <Field name="actor" label="Actor id" value={criteria.actor} placeholder="user id, evt_…, job" />
      <label className="block text-sm">
        <span className="text-slate-700">Actor type</span>
        <select name="actorType" defaultValue={criteria.actorType ?? ''} className={INPUT}>
          <option value="">Any</option>
          {AUDIT_ACTOR_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <Field name="subjectType" label="Subject type" value={criteria.subjectType} placeholder="subscription" />
      <Field name="subjectId" label="Subject id" value={criteria.subjectId} placeholder="sub_…" />
      <Field name="from" label="From (UTC day)" type="date" value={criteria.from} />
      <Field name="to" label="To (UTC day, included)" type="date" value={criteria.to} />
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
        <button type="submit" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Apply filters
        </button>
        <Link href="/admin/audit" className="text-sm text-indigo-600 hover:underline">
          Clear filters
        </Link>
      </div>
    </form>
  )
}
