// GET /api/billing/invoices – the signed-in customer's invoices, newest first, one page per cursor
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { requireViewer } from '@/lib/auth/session'
import { getInvoicePage, INVOICE_PAGE_SIZE } from '@/lib/billing/invoices'
import { handleRoute } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

const query = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(INVOICE_PAGE_SIZE),
})

export const GET = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  const { cursor, limit } = query.parse(Object.fromEntries(new URL(request.url).searchParams))
  const page = await getInvoicePage(viewer, { cursor, limit })
  return NextResponse.json({
    data: page.invoices.map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      status: invoice.status,
      currency: invoice.currency,
      total: invoice.total,
      amount_due: invoice.amountDue,
      amount_paid: invoice.amountPaid,
      amount_refunded: invoice.refunded,
      credit_notes: invoice.creditNotes,
      created: invoice.createdAt,
      hosted_invoice_url: invoice.hostedInvoiceUrl,
      invoice_pdf: invoice.invoicePdf,
    })),
    next_cursor: page.nextCursor,
  })
})
