// GET /api/admin/customers/:id/pay?invoiceId= – exactly what it would do
// POST /api/admin/customers/:id/pay – retry payment of an open invoice on the card on file, once per idempotency key (admins only)
import { invoiceActionRoute } from '@/lib/admin/customer-action-route'

const route = invoiceActionRoute('pay')

export const GET = route.GET
export const POST = route.POST
