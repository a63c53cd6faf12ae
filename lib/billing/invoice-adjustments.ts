import 'server-only'
import type { Queryable } from '@/lib/db/types'

export interface CreditNoteSummary {
  id: string
  number: string
  status: string
  total: number
}

/** What changed an invoice after it was paid or issued: money refunded, credit notes against it. */
export interface InvoiceAdjustments {
  /** Refunded from the payments that paid it (pending refunds included, failed and canceled ones not). */
  refunded: number
  creditNotes: CreditNoteSummary[]
}

/** The status a customer is shown: Stripe keeps a refunded invoice `paid`; once all it took is refunded it says so. */
export function invoiceDisplayStatus(invoice: { status: string; amountPaid: number } & InvoiceAdjustments): string {
  return invoice.status === 'paid' && invoice.amountPaid > 0 && invoice.refunded >= invoice.amountPaid ? 'refunded' : invoice.status
}

/**
 * Adds each invoice's refunds and credit notes, two index probes per page whatever the history's size. A payment's
 * refunded total is the larger of its charge's running total (charge.refunded) and its refunds added up (refund.*),
 * so the figure is right whichever of the two kinds of event arrived first.
 */
export async function withAdjustments<T extends { id: string }>(tx: Queryable, invoices: T[]): Promise<(T & InvoiceAdjustments)[]> {
  if (invoices.length === 0) return []
  const ids = invoices.map((invoice) => invoice.id)
  const refunds = await tx.query<{ invoiceId: string; refunded: number }>(
    `select p.invoice_id as "invoiceId", sum(greatest(p.amount_refunded, coalesce(r.total, 0))) as refunded
       from public.invoice_payments p
       left join lateral (select sum(amount) as total from public.refunds
                           where payment_intent_id = p.payment_intent_id and status in ('succeeded', 'pending')) r on true
      where p.invoice_id = any($1::text[])
      group by p.invoice_id`,
    [ids],
  )
  const notes = await tx.query<CreditNoteSummary & { invoiceId: string }>(
    `select id, invoice_id as "invoiceId", number, status, total from public.credit_notes
      where invoice_id = any($1::text[]) order by stripe_created_at, number, id`,
    [ids],
  )
  const refunded = new Map(refunds.rows.map((row) => [row.invoiceId, Number(row.refunded)]))
  return invoices.map((invoice) => ({
    ...invoice,
    refunded: refunded.get(invoice.id) ?? 0,
    creditNotes: notes.rows.filter((note) => note.invoiceId === invoice.id).map(({ invoiceId: _invoiceId, ...note }) => note),
  }))
}
