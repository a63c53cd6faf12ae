import { AUDIT_CRITERIA_KEYS, type AuditCriteria } from '@/lib/audit/queries'

/** The query string of the audit log's criteria plus an optional cursor, for links that keep the filters. */
export function auditQuery(criteria: AuditCriteria, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams()
  for (const key of AUDIT_CRITERIA_KEYS) {
    const value = criteria[key]
    if (value !== undefined) params.set(key, String(value))
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value))
  const query = params.toString()
  return query ? `?${query}` : ''
}
