const TONES: Record<string, string> = {
  processed: 'bg-emerald-50 text-emerald-800',
  sent: 'bg-emerald-50 text-emerald-800',
  resolved: 'bg-emerald-50 text-emerald-800',
  active: 'bg-emerald-50 text-emerald-800',
  dead: 'bg-red-50 text-red-800',
  failed: 'bg-red-50 text-red-800',
  expired: 'bg-red-50 text-red-800',
  revoked: 'bg-slate-100 text-slate-700',
  open: 'bg-amber-50 text-amber-800',
  pending: 'bg-amber-50 text-amber-800',
  processing: 'bg-amber-50 text-amber-800',
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONES[status] ?? 'bg-slate-100 text-slate-700'}`}>{status}</span>
}
