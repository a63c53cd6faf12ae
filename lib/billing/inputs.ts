import { z } from 'zod'

/** Input shared by the billing routes and the page's server actions: ids only, never amounts. */
export const priceInput = z.object({ priceId: z.string().startsWith('price_').max(255) })

export const cancelInput = z.object({
  reason: z
    .string()
    .trim()
    .max(500, 'Keep the reason under 500 characters.')
    .nullish()
    .transform((reason) => reason || null),
})

/** A promotion code as typed: Stripe's codes are letters, digits and dashes; empty means none. */
export const promotionCodeInput = z
  .string()
  .trim()
  .max(64, 'A promotion code is at most 64 characters.')
  .regex(/^[A-Za-z0-9-]*$/, 'A promotion code has only letters, digits and dashes.')
  .nullish()
  .transform((code) => code || null)

export const previewInput = priceInput.extend({ promotionCode: promotionCodeInput })

export const checkoutPreviewInput = priceInput.extend({
  promotionCode: z.string().trim().min(1, 'Type a promotion code.').max(64).regex(/^[A-Za-z0-9-]+$/, 'A promotion code has only letters, digits and dashes.'),
})

export const seatsInput = z.object({
  quantity: z.number().int('Seats are a whole number.').min(1, 'Keep at least 1 seat.').max(500, 'At most 500 seats.'),
  promotionCode: promotionCodeInput,
})
