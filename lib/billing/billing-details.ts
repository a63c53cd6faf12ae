import 'server-only'
import { isDeepStrictEqual } from 'node:util'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit } from '@/lib/audit/record'
import { asService, asUser } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import {
  createCustomerTaxId,
  deleteCustomerTaxId,
  retrieveCustomerDetails,
  updateCustomerDetails,
  type CustomerDetails,
  type CustomerTaxId,
  type PostalAddress,
} from '@/lib/stripe/customer-details'
import type { BillingDetailsInput } from './billing-details-inputs'
import { getStripeCustomerId } from './customers'
import { taxIdExample, taxIdTypeLabel } from './tax-id-types'

export type { CustomerDetails as BillingDetails, CustomerTaxId, PostalAddress }

/** Stripe includes the first 10 of a customer's tax IDs with the customer, so the page can show them all. */
export const MAX_TAX_IDS = 10

const noCustomer = () => new AppError('no_customer', 'Your billing details can be added once you have chosen a plan.', 409)

/** The viewer's own Stripe customer: row-level security answers only their row. */
async function customerOf(viewer: Viewer): Promise<string | null> {
  return asUser(viewer.claims, (tx) => getStripeCustomerId(tx, viewer.id))
}

async function requireCustomer(viewer: Viewer): Promise<string> {
  const customerId = await customerOf(viewer)
  if (!customerId) throw noCustomer()
  return customerId
}

async function audit(viewer: Viewer, customerId: string, action: string, before: unknown, after: unknown): Promise<void> {
  await asService((tx) =>
    recordAudit(tx, { actor: { type: 'user', id: viewer.id }, action, subject: { type: 'customer', id: customerId }, userId: viewer.id, before, after }),
  )
}

/** Name, billing email, address and tax IDs as Stripe prints them on invoices; null without a Stripe customer. */
export async function getBillingDetails(viewer: Viewer): Promise<CustomerDetails | null> {
  const customerId = await customerOf(viewer)
  return customerId ? retrieveCustomerDetails(customerId) : null
}

const contactOf = ({ name, email, address }: CustomerDetails) => ({ name, email, address })

/** Changes the fields given (others stay); audited with the details before and after. */
export async function updateBillingDetails(viewer: Viewer, change: BillingDetailsInput): Promise<CustomerDetails> {
  const customerId = await requireCustomer(viewer)
  const current = await retrieveCustomerDetails(customerId)
  if (!current) throw noCustomer()
  const wanted = { ...contactOf(current), ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) }
  if (isDeepStrictEqual(wanted, contactOf(current))) return current
  const updated = await updateCustomerDetails(customerId, change)
  await audit(viewer, customerId, 'billing_details.updated', contactOf(current), contactOf(updated))
  return updated
}

/** Adds a tax ID to the viewer's invoices; Stripe's refusal of the number is a 422 the customer can act on. */
export async function addTaxId(viewer: Viewer, type: string, value: string): Promise<CustomerTaxId> {
  const customerId = await requireCustomer(viewer)
  const current = await retrieveCustomerDetails(customerId)
  if (!current) throw noCustomer()
  if (current.taxIds.length >= MAX_TAX_IDS) throw new AppError('too_many_tax_ids', `You can keep up to ${MAX_TAX_IDS} tax IDs; remove one first.`, 409)
  const normalised = value.replace(/\s+/g, '').toUpperCase()
  if (current.taxIds.some((taxId) => taxId.type === type && taxId.value.replace(/\s+/g, '').toUpperCase() === normalised)) {
    throw new AppError('tax_id_exists', 'This tax ID is already on your invoices.', 409)
  }
  const created = await createCustomerTaxId(customerId, type, value)
  if (!created.ok) {
    const example = taxIdExample(type)
    const message = created.code === 'tax_id_invalid' ? `This is not a valid ${taxIdTypeLabel(type)}.${example ? ` It should look like ${example}.` : ''}` : created.message
    throw new AppError(created.code, message, 422)
  }
  await audit(viewer, customerId, 'billing_details.tax_id_added', null, created.taxId)
  return created.taxId
}

/** Removes one of the viewer's own tax IDs; another customer's id is a 404, as an unknown one is. */
export async function removeTaxId(viewer: Viewer, taxIdId: string): Promise<void> {
  const customerId = await requireCustomer(viewer)
  const current = await retrieveCustomerDetails(customerId)
  const taxId = current?.taxIds.find((candidate) => candidate.id === taxIdId)
  if (!taxId || !(await deleteCustomerTaxId(customerId, taxIdId))) throw new AppError('not_found', 'That tax ID is not on your account.', 404)
  await audit(viewer, customerId, 'billing_details.tax_id_removed', taxId, null)
}
