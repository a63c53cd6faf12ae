import 'server-only'
import { NextResponse } from 'next/server'
import { logger } from '@/lib/log'
import { bumpCounterAlone } from '@/lib/metrics/counters'
import { AppError, errorBody } from './errors'

/** The request's path with id-like segments (anything holding a digit) as `:id`, so routes stay few. */
export function routeOf(request: Request): string {
  return new URL(request.url).pathname.split('/').map((segment) => (/\d/.test(segment) ? ':id' : segment)).join('/')
}

/** Wraps a route handler so every failure becomes `{ error: { code, message } }` with the right status. */
export function handleRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args)
    } catch (error) {
      const { status, body, headers } = errorBody(error)
      if (status >= 500) {
        logger.error({ err: error }, 'route failed')
        const request = args[0]
        if (request instanceof Request) await bumpCounterAlone('http_server_errors_total', { route: routeOf(request) })
      }
      return NextResponse.json(body, { status, headers })
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

/** Reads the raw body as text, refusing with 413 as soon as it passes `maxBytes` (however it is sent). */
export async function readTextWithLimit(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new AppError('payload_too_large', `The body is limited to ${Math.round(maxBytes / 1024)} KiB.`, 413)
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge()
  if (!request.body) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > maxBytes) throw tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}
