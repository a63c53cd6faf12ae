// GET /api/admin/customers/:id/credit?amount= – exactly what crediting the customer's balance would do
// POST /api/admin/customers/:id/credit – credit it for their next invoices, once per idempotency key (admins only)
import { creditCustomer, creditInput, creditPreviewInput, previewCredit } from '@/lib/admin/credit'
import { customerActionRoute } from '@/lib/admin/customer-action-route'

const route = customerActionRoute({ previewInput: creditPreviewInput, preview: previewCredit, input: creditInput, act: creditCustomer })
export const GET = route.GET
export const POST = route.POST
