'use server'

import { revalidatePath } from 'next/cache'
import { requireViewer } from '@/lib/auth/session'
import { addTaxId, removeTaxId, updateBillingDetails } from '@/lib/billing/billing-details'
import { billingDetailsInput, taxIdIdInput, taxIdInput } from '@/lib/billing/billing-details-inputs'
import { validatedAction } from '@/lib/http/action'

export const updateBillingDetailsAction = validatedAction(billingDetailsInput, async (change) => {
  const details = await updateBillingDetails(await requireViewer(), change)
  revalidatePath('/billing')
  return details
})

export const addTaxIdAction = validatedAction(taxIdInput, async ({ type, value }) => {
  const taxId = await addTaxId(await requireViewer(), type, value)
  revalidatePath('/billing')
  return taxId
})

export const removeTaxIdAction = validatedAction(taxIdIdInput, async ({ id }) => {
  await removeTaxId(await requireViewer(), id)
  revalidatePath('/billing')
  return { removed: id }
})
