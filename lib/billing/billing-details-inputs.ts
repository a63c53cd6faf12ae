import { z } from 'zod'
import { TAX_ID_TYPE_NAMES } from './tax-id-types'

// A field sent empty (or null) clears it on Stripe.
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .nullish()
    .transform((value) => value || null)

const required = (max: number, message: string) => z.string().trim().min(1, message).max(max, `Keep this under ${max} characters.`)

export const billingAddressInput = z.object({
  line1: required(200, 'Enter the street address.'),
  line2: text(200),
  city: required(200, 'Enter the city.'),
  state: text(200),
  postalCode: text(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Choose a country.'),
})

/** PATCH semantics: a field left out stays as it is; `address: null` removes the address. */
export const billingDetailsInput = z.object({
  name: text(256).optional(),
  email: z
    .union([z.literal(''), z.email('Enter an email address such as billing@example.com.').max(512)])
    .transform((value) => value || null)
    .optional(),
  address: billingAddressInput.nullable().optional(),
})

export const taxIdInput = z.object({
  type: z.enum(TAX_ID_TYPE_NAMES, 'Choose the kind of tax ID.'),
  value: z.string().trim().min(1, 'Enter the number.').max(64, 'Keep the number under 64 characters.'),
})

export const taxIdIdInput = z.object({ id: z.string().regex(/^txi_[A-Za-z0-9]+$/, 'Not a tax ID.').max(255) })

export type BillingDetailsInput = z.infer<typeof billingDetailsInput>
