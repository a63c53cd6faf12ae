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
