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
      const { status, body, headers } = errorBody(error)
      if (status >= 500) logger.error({ err: error }, 'route failed')
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
