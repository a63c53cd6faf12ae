import Link from 'next/link'
import { AuditTable } from '@/components/admin/audit-table'
import { Card } from '@/components/ui/card'
import { LocalDate } from '@/components/ui/local-date'
import { getAuditLogPage } from '@/lib/audit/admin'
import { auditFilterSchema } from '@/lib/audit/queries'
import { adminOrNotFound } from '@/lib/auth/page-guards'

export const dynamic = 'force-dynamic'

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await adminOrNotFound()
  const parsed = auditFilterSchema.safeParse(await searchParams)
  const filter = parsed.success ? parsed.data : auditFilterSchema.parse({})
  const page = await getAuditLogPage(viewer, filter)
  const verified = page.lastVerification
  const next = page.nextCursor ? `?${new URLSearchParams({ ...(filter.action ? { action: filter.action } : {}), before: String(page.nextCursor) })}` : null
  return (
    <>
      <h1 className="text-2xl font-bold">Billing audit log</h1>
      <p role="status" className={`rounded-lg p-3 text-sm ${!verified ? 'bg-slate-100 text-slate-700' : verified.brokenAt === null ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}>
        {!verified ? (
          'Hash chain never verified.'
        ) : (
          <>
            Last verified <LocalDate value={verified.verifiedAt} withTime />:{' '}
            {verified.brokenAt === null ? `hash chain intact through entry ${verified.position}.` : `hash chain broken at entry ${verified.brokenAt}: the log was tampered with.`}
          </>
        )}
      </p>
      <Card title="Entries" actions={filter.before ? <Link href="/admin/audit" className="text-sm text-indigo-600 hover:underline">Newest</Link> : undefined}>
        <AuditTable rows={page.rows} />
        {next && (
          <Link href={`/admin/audit${next}`} className="mt-4 inline-block text-sm text-indigo-600 hover:underline">
            Older entries
          </Link>
        )}
      </Card>
    </>
  )
}
