// GET /api/admin/customers/:id/void?invoiceId= – exactly what it would do
// POST /api/admin/customers/:id/void – void an open or uncollectible invoice, once per idempotency key (admins only)
import { invoiceActionRoute } from '@/lib/admin/customer-action-route'

const route = invoiceActionRoute('void')

export const GET = route.GET
export const POST = route.POST
