import { z } from 'zod'

/** An error the caller can act on: its code and message go to the client, its status to the response. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Response headers that go with the refusal, e.g. `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const unauthenticated = () => new AppError('unauthenticated', 'Sign in to continue.', 401)
export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`, 404)
/** What an unknown address answers; admin routes answer non-admins the same, so they learn nothing. */
export const noSuchRoute = () => new AppError('no_such_route', 'There is nothing at this address.', 404)

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] }
}

export function errorBody(error: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } }, headers: error.headers }
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
    const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')
    return { status: 422, body: { error: { code: 'invalid_request', message: `Invalid request: ${summary}`, issues } } }
  }
  return { status: 500, body: { error: { code: 'internal_error', message: 'Something went wrong on our side. Please try again.' } } }
}
