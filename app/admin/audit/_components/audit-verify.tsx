'use client'

import { useState } from 'react'
import { adminFetch } from '@/components/admin/admin-fetch'
import { Button } from '@/components/ui/button'
import { LocalDate } from '@/components/ui/local-date'
import type { AuditLogRow } from '@/lib/audit/queries'
import type { AuditVerification } from '@/lib/audit/verify'
import type { Json } from '@/lib/http/json'

/** The last recorded verification, or one just run, which names the entry at the first broken link. */
export type ChainVerification = Json<AuditVerification & { brokenEntry?: AuditLogRow | null }>

function Outcome({ verification }: { verification: ChainVerification | null }) {
  if (!verification) return <>Hash chain never verified. Verify it to check no entry was changed.</>
  const { brokenAt, brokenEntry } = verification
  return (
    <>
      Last verified <LocalDate value={verification.verifiedAt} withTime />:{' '}
      {brokenAt === null ? (
        `hash chain intact through entry ${verification.position}.`
      ) : (
        <>
          hash chain broken at entry {brokenAt}
          {brokenEntry ? ` (id ${brokenEntry.id}, ${brokenEntry.action} on ${brokenEntry.subjectType} ${brokenEntry.subjectId})` : ''}: the log was changed
          behind the database&apos;s back from there on. Restore that entry from a backup and compare against your checkpoints.
        </>
      )}
    </>
  )
}

/** The last recorded verification, and a button that walks the whole chain again (seconds at a million entries). */
export function AuditVerify({ last, canAct }: { last: ChainVerification | null; canAct: boolean }) {
  const [verification, setVerification] = useState(last)
  const [pending, setPending] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  async function verify() {
    setPending(true)
    setFailure(null)
    try {
      setVerification(await adminFetch<ChainVerification>('/api/admin/audit/verify', { method: 'POST', body: {} }))
    } catch (error) {
      setFailure(`${error instanceof Error ? error.message : 'Verification failed.'} Try again in a moment.`)
    } finally {
      setPending(false)
    }
  }

  const broken = verification?.brokenAt !== null && verification !== null
  return (
    <div className={`flex flex-wrap items-center gap-3 rounded-lg p-3 text-sm ${!verification ? 'bg-slate-100 text-slate-700' : broken ? 'bg-red-50 text-red-800' : 'bg-emerald-50 text-emerald-800'}`}>
      <p role="status" className="min-w-0 flex-1" data-testid="audit-verification">
        <Outcome verification={verification} />
      </p>
      {canAct && (
        <Button variant="secondary" onClick={verify} disabled={pending} aria-busy={pending}>
          {pending ? 'Verifying…' : 'Verify chain'}
        </Button>
      )}
      {failure && (
        <p role="alert" className="w-full text-red-800">
          {failure}
        </p>
      )}
    </div>
  )
}
