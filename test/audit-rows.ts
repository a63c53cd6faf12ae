import type { Database } from '@/lib/db/types'

/**
 * Bulk audit rows for export and paging at volume, inserted as the log's owner with triggers off
 * (session_replication_role = replica): the seal would cost one head update per row. They stay unsealed (no
 * chain columns), so they are rows to read, page and export, not a verifiable chain.
 */
export async function insertBulkAuditRows(db: Database, count: number, { batch = 50_000, payloadBytes = 0 } = {}): Promise<void> {
  const padding = 'x'.repeat(payloadBytes)
  for (let start = 1; start <= count; start += batch) {
    const end = Math.min(count, start + batch - 1)
    await db.transaction(async (tx) => {
      await tx.query(`set local session_replication_role = replica`)
      await tx.query(
        `insert into public.billing_audit_log (occurred_at, actor_type, actor_id, action, subject_type, subject_id, before, after, context)
         select now() - make_interval(secs => $3::int - n), 'system', 'job-' || (n % 7), 'bulk.action_' || (n % 10), 'invoice', 'in_bulk_' || (n % 1000),
                jsonb_build_object('status', 'open', 'n', n - 1, 'pad', $4::text), jsonb_build_object('status', 'paid', 'n', n, 'pad', $4::text), '{}'::jsonb
           from generate_series($1::int, $2::int) as n`,
        [start, end, count, padding],
      )
    })
  }
}
