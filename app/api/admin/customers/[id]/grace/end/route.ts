// GET /api/admin/customers/:id/grace/end?gracePeriodId= – the grace period ending would close
// POST /api/admin/customers/:id/grace/end – end an open or expired grace period as a comp, once per idempotency key (admins only)
import { endGracePeriod, graceEndInput, graceEndPreviewInput, previewGraceEnd } from '@/lib/admin/grace-actions'
import { customerActionRoute } from '@/lib/admin/customer-action-route'

const route = customerActionRoute({ previewInput: graceEndPreviewInput, preview: previewGraceEnd, input: graceEndInput, act: endGracePeriod })
export const GET = route.GET
export const POST = route.POST
