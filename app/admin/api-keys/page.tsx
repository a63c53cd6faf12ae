import { StatusBadge } from '@/components/admin/status-badge'
import { Card } from '@/components/ui/card'
import { LocalDate } from '@/components/ui/local-date'
import { listApiKeys } from '@/lib/api-keys/queries'
import { adminOrNotFound } from '@/lib/auth/page-guards'
import { ApiKeyCreate } from './_components/api-key-create'
import { ApiKeyRevoke } from './_components/api-key-revoke'

export const dynamic = 'force-dynamic'

export default async function ApiKeysPage() {
  const viewer = await adminOrNotFound()
  const keys = await listApiKeys(viewer)
  return (
    <>
      <h1 className="text-2xl font-bold">API keys</h1>
      <p className="text-sm text-slate-600">Server keys your backend uses to record usage (POST /api/usage). Only a hash is stored.</p>
      {viewer.isAdmin && (
        <Card title="Create a key">
          <ApiKeyCreate />
        </Card>
      )}
      <Card title="Keys">
        {keys.length === 0 ? (
          <p className="text-slate-600">No keys yet.{viewer.isAdmin && ' Create one above for your backend.'}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm" data-testid="api-key">
                <span className="space-y-1">
                  <span className="block font-medium">{key.name}</span>
                  <span className="block font-mono text-xs text-slate-500">{key.prefix}…</span>
                </span>
                <span className="text-xs text-slate-600">
                  created <LocalDate value={key.createdAt} />
                  {key.createdBy ? ` by ${key.createdBy}` : ''} · last used {key.lastUsedAt ? <LocalDate value={key.lastUsedAt} withTime /> : 'never'}
                </span>
                {key.revokedAt ? <StatusBadge status="revoked" /> : viewer.isAdmin && <ApiKeyRevoke id={key.id} name={key.name} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  )
}
