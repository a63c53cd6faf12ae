import { formatMoney } from '@/lib/format'
import type { RecoverySummary, RevenueAtRisk } from '@/lib/grace/analytics'

function duration(seconds: number | null): string {
  if (seconds === null) return '—'
  const hours = seconds / 3600
  return hours < 48 ? `${hours.toFixed(1)} hours` : `${(hours / 24).toFixed(1)} days`
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-2xl font-semibold">{value}</dd>
      <dd className="text-xs text-slate-500">{note}</dd>
    </div>
  )
}

export function GraceSummary({ recovery, revenueAtRisk }: { recovery: RecoverySummary; revenueAtRisk: RevenueAtRisk[] }) {
  const atRisk = revenueAtRisk.length === 0 ? formatMoney(0, 'usd') : revenueAtRisk.map((row) => formatMoney(row.amountDue, row.currency)).join(' + ')
  const openNow = revenueAtRisk.reduce((sum, row) => sum + row.openPeriods, 0)
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Figure label="Recovery rate" value={recovery.recoveryRate === null ? '—' : `${Math.round(recovery.recoveryRate * 1000) / 10}%`} note={`${recovery.recovered} of ${recovery.ended} ended periods were paid`} />
      <Figure label="Median time to recover" value={duration(recovery.medianSecondsToRecover)} note="from the failed payment to the paid invoice" />
      <Figure label="Opened in range" value={String(recovery.opened)} note={`${recovery.opened - recovery.ended} still open`} />
      <Figure label="Revenue at risk now" value={atRisk} note={`due on ${openNow} open grace period${openNow === 1 ? '' : 's'}`} />
    </dl>
  )
}
