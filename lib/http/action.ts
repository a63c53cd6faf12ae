import 'server-only'
import { z } from 'zod'
import { AppError, errorBody, type ErrorBody } from './errors'

/** A refusal of input names each field it refuses in `issues` (its path and what is wrong), for a form to show beside it. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody['error'] }

/**
 * Server actions are public endpoints: parse the input, run, and hand back what the user can fix as
 * `{ ok: false, error }`. Anything else is a bug and is thrown.
 */
export function validatedAction<Schema extends z.ZodType, T>(schema: Schema, fn: (input: z.infer<Schema>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      return { ok: true, data: await fn(schema.parse(input)) }
    } catch (error) {
      if (error instanceof AppError || error instanceof z.ZodError) return { ok: false, error: errorBody(error).body.error }
      throw error
    }
  }
}
