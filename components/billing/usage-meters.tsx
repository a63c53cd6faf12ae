import { Card } from '@/components/ui/card'
import { LocalDate } from '@/components/ui/local-date'
import type { UsageSummary } from '@/lib/usage/queries'

const NUMBER = new Intl.NumberFormat('en-US')
const WARN_AT = 0.8

export function metricLabel(metric: string): string {
  const words = metric.replace(/_/g, ' ')
  return words.replace(/^api\b/i, 'API').replace(/^\w/, (first) => first.toUpperCase())
}

function levelOf(used: number, limit: number): 'ok' | 'warning' | 'limit' {
  if (used >= limit) return 'limit'
  return used > limit * WARN_AT ? 'warning' : 'ok'
}

const LEVEL_TEXT = { ok: 'text-slate-600', warning: 'text-amber-700', limit: 'text-red-700' }

function Meter({ metric, used, limit }: UsageSummary['metrics'][number]) {
  const label = metricLabel(metric)
  if (limit === null) {
    return (
      <li className="flex flex-wrap items-baseline justify-between gap-2" data-testid={`usage-${metric}`}>
        <span className="font-medium">{label}</span>
        <span className="text-sm text-slate-600">{NUMBER.format(used)} used · Unlimited</span>
      </li>
    )
  }
  const level = levelOf(used, limit)
  const id = `usage-meter-${metric}`
  return (
    <li className="space-y-1" data-testid={`usage-${metric}`} data-level={level}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        <span className={`text-sm tabular-nums ${LEVEL_TEXT[level]}`}>
          {NUMBER.format(used)} of {NUMBER.format(limit)}
          {level === 'warning' && ' · over 80 % used'}
          {level === 'limit' && ' · limit reached'}
        </span>
      </div>
      {/* A native meter colours itself: green below `low`, amber up to `high`, red beyond (at the limit). */}
      <meter id={id} className="block h-3 w-full" min={0} max={Math.max(limit, 1)} value={Math.min(used, limit)} low={limit * WARN_AT} high={Math.max(limit - 0.5, 0)} optimum={0} />
    </li>
  )
}

export function UsageMeters({ usage }: { usage: UsageSummary }) {
  return (
    <Card title="Usage">
      {usage.metrics.length === 0 ? (
        <p className="text-slate-600">No usage this period yet.</p>
      ) : (
        <ul className="space-y-4">
          {usage.metrics.every((metric) => metric.used === 0) && <li className="text-slate-600">Nothing used yet this period.</li>}
          {usage.metrics.map((metric) => (
            <Meter key={metric.metric} {...metric} />
          ))}
        </ul>
      )}
      <p className="mt-4 text-sm text-slate-600">
        This period resets on <LocalDate value={usage.period.end} />.
      </p>
    </Card>
  )
}
