// GET /api/admin/customers/:id/refund?invoiceId=&amount= – exactly what refunding a paid invoice would do
// POST /api/admin/customers/:id/refund – refund it (a credit note with a refund), once per idempotency key (admins only)
import { previewRefund, refundInput, refundPaidInvoice, refundPreviewInput } from '@/lib/admin/refund'
import { customerActionRoute } from '@/lib/admin/customer-action-route'

const route = customerActionRoute({ previewInput: refundPreviewInput, preview: previewRefund, input: refundInput, act: refundPaidInvoice })
export const GET = route.GET
export const POST = route.POST
