import 'server-only'
import type Stripe from 'stripe'
import { getStripe } from './client'
import { isStripeError } from './errors'

export interface PostalAddress {
  line1: string | null
  line2: string | null
  city: string | null
  state: string | null
  postalCode: string | null
  country: string | null
}

export interface CustomerTaxId {
  id: string
  type: string
  value: string
  country: string | null
  /** Stripe's check against the government register, where it makes one (EU, UK and Australian numbers). */
  verification: string | null
}

/** What Stripe prints on the customer's invoices: who they are billed to. */
export interface CustomerDetails {
  name: string | null
  email: string | null
  address: PostalAddress | null
  taxIds: CustomerTaxId[]
}

export type CustomerDetailsChange = Partial<Pick<CustomerDetails, 'name' | 'email' | 'address'>>

const addressOf = (address: Stripe.Address | null | undefined): PostalAddress | null =>
  address
    ? { line1: address.line1, line2: address.line2, city: address.city, state: address.state, postalCode: address.postal_code, country: address.country }
    : null

export const taxIdOf = (taxId: Stripe.TaxId): CustomerTaxId => ({
  id: taxId.id,
  type: taxId.type,
  value: taxId.value,
  country: taxId.country,
  verification: taxId.verification?.status ?? null,
})

function detailsOf(customer: Stripe.Customer): CustomerDetails {
  return {
    name: customer.name ?? null,
    email: customer.email,
    address: addressOf(customer.address),
    taxIds: (customer.tax_ids?.data ?? []).map(taxIdOf),
  }
}

/** The customer's billing details and tax IDs in one request (`tax_ids` is an includable field); null once deleted. */
export async function retrieveCustomerDetails(customerId: string): Promise<CustomerDetails | null> {
  const customer = await getStripe().customers.retrieve(customerId, { expand: ['tax_ids'] })
  return 'deleted' in customer && customer.deleted ? null : detailsOf(customer as Stripe.Customer)
}

// Stripe unsets a field sent empty.
const orEmpty = (value: string | null | undefined) => value ?? ''

export async function updateCustomerDetails(customerId: string, change: CustomerDetailsChange): Promise<CustomerDetails> {
  const params: Stripe.CustomerUpdateParams = { expand: ['tax_ids'] }
  if (change.name !== undefined) params.name = orEmpty(change.name)
  if (change.email !== undefined) params.email = orEmpty(change.email)
  if (change.address !== undefined) {
    const { address } = change
    params.address = address
      ? { line1: orEmpty(address.line1), line2: orEmpty(address.line2), city: orEmpty(address.city), state: orEmpty(address.state), postal_code: orEmpty(address.postalCode), country: orEmpty(address.country) }
      : ''
  }
  return detailsOf(await getStripe().customers.update(customerId, params))
}

export type TaxIdCreation = { ok: true; taxId: CustomerTaxId } | { ok: false; code: string; message: string }

/** Adds a tax ID; Stripe's refusal of the value (`tax_id_invalid`, …) comes back as the outcome, not thrown. */
export async function createCustomerTaxId(customerId: string, type: string, value: string): Promise<TaxIdCreation> {
  try {
    const taxId = await getStripe().customers.createTaxId(customerId, { type: type as Stripe.CustomerCreateTaxIdParams.Type, value })
    return { ok: true, taxId: taxIdOf(taxId) }
  } catch (error) {
    if (isStripeError(error, 'StripeInvalidRequestError') && error.param === 'value') return { ok: false, code: error.code ?? 'tax_id_invalid', message: error.message }
    throw error
  }
}

/** Removes one of the customer's tax IDs; false when the customer has no such tax ID. */
export async function deleteCustomerTaxId(customerId: string, taxIdId: string): Promise<boolean> {
  try {
    await getStripe().customers.deleteTaxId(customerId, taxIdId)
    return true
  } catch (error) {
    if (isStripeError(error, 'StripeInvalidRequestError') && error.code === 'resource_missing') return false
    throw error
  }
}
