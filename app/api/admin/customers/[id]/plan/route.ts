// GET /api/admin/customers/:id/plan?priceId= – the customer's exact preview of moving to that plan, as a quote (admins only)
// POST /api/admin/customers/:id/plan – apply the quote `{ quoteId }` for the customer, once per idempotency key (admins only);
//   answers once Stripe's webhooks have landed the new plan (`applied`), or after a short wait without them
import { customerActionRoute } from '@/lib/admin/customer-action-route'
import { changeCustomerPlan, planChangeInput, planChangePreviewInput, previewCustomerPlanChange } from '@/lib/admin/plan-change'
import { waitForPlanChangeWebhooks } from '@/lib/billing/confirm-plan-change'

const route = customerActionRoute({
  previewInput: planChangePreviewInput,
  preview: previewCustomerPlanChange,
  input: planChangeInput,
  act: async (admin, userId, input) => {
    const change = await changeCustomerPlan(admin, userId, input)
    return { ...change, applied: await waitForPlanChangeWebhooks(change) }
  },
})
export const GET = route.GET
export const POST = route.POST
