import 'server-only'
import { NextResponse } from 'next/server'
import { logger } from '@/lib/log'
import { AppError, errorBody } from './errors'

/** Wraps a route handler so every failure becomes `{ error: { code, message } }` with the right status. */
export function handleRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args)
    } catch (error) {
      const { status, body } = errorBody(error)
      if (status >= 500) logger.error({ err: error }, 'route failed')
      return NextResponse.json(body, { status })
    }
  }
}

/** Parses a JSON body, answering 400 (not 500) when it is not JSON at all. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json()
  } catch {
    throw new AppError('invalid_json', 'The request body must be JSON.', 400)
  }
}
