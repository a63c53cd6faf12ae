// GET /api/admin/customers/:id/cancel?when=now|period_end – which subscription would end, and when
// POST /api/admin/customers/:id/cancel – cancel it now or at the period end, once per idempotency key (admins only)
import { cancelCustomerSubscription, cancelInput, cancelPreviewInput, previewCancel } from '@/lib/admin/cancel-subscription'
import { customerActionRoute } from '@/lib/admin/customer-action-route'

const route = customerActionRoute({ previewInput: cancelPreviewInput, preview: previewCancel, input: cancelInput, act: cancelCustomerSubscription })
export const GET = route.GET
export const POST = route.POST
