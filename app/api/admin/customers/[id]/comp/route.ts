// GET /api/admin/customers/:id/comp?months= – which plan's invoices a comp would make free, and from when
// POST /api/admin/customers/:id/comp – comp the subscription with a 100 % coupon for N months, once per idempotency key (admins only)
import { compCustomerSubscription, compInput, compPreviewInput, previewComp } from '@/lib/admin/comp-subscription'
import { customerActionRoute } from '@/lib/admin/customer-action-route'

const route = customerActionRoute({ previewInput: compPreviewInput, preview: previewComp, input: compInput, act: compCustomerSubscription })
export const GET = route.GET
export const POST = route.POST
