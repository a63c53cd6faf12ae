import 'server-only'
import { z } from 'zod'
import { asService } from '@/lib/db/transactions'
import { listAuditEntries, type AuditCriteria, type AuditLogRow } from './queries'

export const auditExportFormatSchema = z.enum(['csv', 'ndjson'])
export type AuditExportFormat = z.infer<typeof auditExportFormatSchema>

export const AUDIT_EXPORT_PAGE_SIZE = 1000

const CSV_COLUMNS = ['id', 'chain_position', 'occurred_at', 'actor_type', 'actor_id', 'action', 'subject_type', 'subject_id', 'user_id', 'before', 'after', 'context', 'hash'] as const

function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value)
  // Quote what would split a field or a line; a leading formula character is escaped for spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

function exportRecord(row: AuditLogRow) {
  return {
    id: row.id,
    chain_position: row.chainPosition,
    occurred_at: new Date(row.occurredAt).toISOString(),
    actor_type: row.actorType,
    actor_id: row.actorId,
    action: row.action,
    subject_type: row.subjectType,
    subject_id: row.subjectId,
    user_id: row.userId,
    before: row.before,
    after: row.after,
    context: row.context,
    hash: row.hash,
  }
}

function encodeRows(rows: AuditLogRow[], format: AuditExportFormat): string {
  const records = rows.map(exportRecord)
  if (format === 'ndjson') return records.map((record) => `${JSON.stringify(record)}\n`).join('')
  return records.map((record) => `${CSV_COLUMNS.map((column) => csvField(record[column])).join(',')}\r\n`).join('')
}

/**
 * The entries matching the criteria, newest first, as a byte stream. It reads one keyset page per pull, each in
 * a short transaction of its own, and only when the reader has taken the previous page, so memory holds about
 * one page however many rows match (and no transaction stays open while a slow client downloads).
 */
export function streamAuditExport(criteria: AuditCriteria, format: AuditExportFormat, pageSize = AUDIT_EXPORT_PAGE_SIZE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let cursor: number | undefined
  let started = false
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const header = !started && format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : ''
        started = true
        const page = await asService((tx) => listAuditEntries(tx, { ...criteria, before: cursor, limit: pageSize }))
        const body = header + encodeRows(page.rows, format)
        if (body) controller.enqueue(encoder.encode(body))
        if (page.nextCursor === null) controller.close()
        else cursor = page.nextCursor
      },
    },
    { highWaterMark: 1 },
  )
}

export function auditExportFileName(format: AuditExportFormat, at: Date): string {
  return `billing-audit-log-${at.toISOString().slice(0, 19).replaceAll(':', '')}Z.${format}`
}
