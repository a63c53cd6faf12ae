import 'server-only'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { consumeRateLimit } from '@/lib/http/rate-limits'

/** Attempts allowed per account and per client address in each window, counted in the database. */
export const SIGN_IN_LIMITS = {
  perAccount: { limit: 10, windowSeconds: 15 * 60 },
  perAddress: { limit: 30, windowSeconds: 15 * 60 },
}
const REFUSAL = 'Too many sign-in attempts. Wait a few minutes, then try again.'

/**
 * The client's address as the platform in front of the app reports it (Vercel sets these headers itself; a
 * self-hosted proxy must overwrite, not append to, X-Forwarded-For for the per-address limit to hold).
 * Null when nothing reports it: then only the per-account limit applies, rather than one shared bucket.
 */
export function clientAddress(headers: Headers): string | null {
  return headers.get('x-real-ip') ?? headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null
}

/** Counts one sign-in attempt; throws a 429 AppError once either limit is used up. */
export async function countSignInAttempt(attempt: { account: string; address: string | null }, at = now()): Promise<void> {
  await asService(async (tx) => {
    if (attempt.address) await consumeRateLimit(tx, { key: `sign-in:address:${attempt.address}`, ...SIGN_IN_LIMITS.perAddress }, at, REFUSAL)
    await consumeRateLimit(tx, { key: `sign-in:account:${attempt.account.toLowerCase()}`, ...SIGN_IN_LIMITS.perAccount }, at, REFUSAL)
  })
}
