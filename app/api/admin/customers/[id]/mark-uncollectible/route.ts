// GET /api/admin/customers/:id/mark-uncollectible?invoiceId= – exactly what it would do
// POST /api/admin/customers/:id/mark-uncollectible – mark an open invoice uncollectible, once per idempotency key (admins only)
import { invoiceActionRoute } from '@/lib/admin/customer-action-route'

const route = invoiceActionRoute('mark_uncollectible')

export const GET = route.GET
export const POST = route.POST
