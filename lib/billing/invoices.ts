import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { asUser } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { AppError } from '@/lib/http/errors'
import { withAdjustments, type InvoiceAdjustments } from './invoice-adjustments'
import type { InvoiceSummary } from './queries'

export const INVOICE_PAGE_SIZE = 10

export interface InvoicePage {
  invoices: InvoiceSummary[]
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null
}

interface Position {
  createdAt: Date
  id: string
}

export function encodeInvoiceCursor(position: Position): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url')
}

export function decodeInvoiceCursor(cursor: string): Position {
  const [at, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const createdAt = new Date(at ?? '')
  if (!id || extra !== undefined || Number.isNaN(createdAt.getTime())) {
    throw new AppError('invalid_cursor', 'This page link is not valid any more: start again from the first page of invoices.', 400)
  }
  return { createdAt, id }
}

/**
 * One page of the customer's invoices, newest first. Keyset on (stripe_created_at, id), the order of
 * invoices_user_created_idx, so any page costs the same however many invoices come before it.
 */
export async function listInvoicePage(tx: Queryable, userId: string, options: { cursor?: string | null; limit?: number } = {}): Promise<InvoicePage> {
  const limit = options.limit ?? INVOICE_PAGE_SIZE
  const after = options.cursor ? decodeInvoiceCursor(options.cursor) : null
  const { rows } = await tx.query<Omit<InvoiceSummary, keyof InvoiceAdjustments>>(
    `select id, number, status, currency, total, amount_due as "amountDue", amount_paid as "amountPaid",
            stripe_created_at as "createdAt", hosted_invoice_url as "hostedInvoiceUrl", invoice_pdf as "invoicePdf"
       from public.invoices
      where user_id = $1 and status <> 'draft'
        and ($2::timestamptz is null or (stripe_created_at, id) < ($2::timestamptz, $3::text))
      order by stripe_created_at desc, id desc limit $4`,
    [userId, after?.createdAt ?? null, after?.id ?? null, limit + 1],
  )
  const invoices = await withAdjustments(tx, rows.slice(0, limit))
  const last = invoices.at(-1)
  return { invoices, nextCursor: rows.length > limit && last ? encodeInvoiceCursor(last) : null }
}

/** The signed-in customer's invoices; row-level security limits them to their own. */
export async function getInvoicePage(viewer: Viewer, options: { cursor?: string | null; limit?: number } = {}): Promise<InvoicePage> {
  return asUser(viewer.claims, (tx) => listInvoicePage(tx, viewer.id, options))
}
