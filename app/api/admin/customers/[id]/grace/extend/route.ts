// GET /api/admin/customers/:id/grace/extend?gracePeriodId=&days= – the deadline an extension would give
// POST /api/admin/customers/:id/grace/extend – move an open grace period's deadline later, once per idempotency key (admins only)
import { extendGracePeriod, graceExtendInput, graceExtendPreviewInput, previewGraceExtension } from '@/lib/admin/grace-actions'
import { customerActionRoute } from '@/lib/admin/customer-action-route'

const route = customerActionRoute({ previewInput: graceExtendPreviewInput, preview: previewGraceExtension, input: graceExtendInput, act: extendGracePeriod })
export const GET = route.GET
export const POST = route.POST
