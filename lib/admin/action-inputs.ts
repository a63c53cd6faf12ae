import { z } from 'zod'
import { AppError } from '@/lib/http/errors'

/** What every admin action carries: the reason kept on the audit log, and the key its confirmation made. */
export const actionConfirmation = z.object({
  reason: z.string().trim().min(3, 'Give a reason of at least 3 characters.').max(500),
  idempotencyKey: z.uuid(),
})

/** An amount as the admin typed it, in the currency's major unit ("12.34"); converted on the server. */
export const moneyInput = z.string().trim().regex(/^\d{1,9}(\.\d{1,3})?$/, 'Enter an amount such as 12.34.')

const digitsOf = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2

/** "12.34" in USD → 1234, exactly (no floating point); more decimals than the currency has are refused. */
export function toMinorUnits(input: string, currency: string): number {
  const digits = digitsOf(currency)
  const [whole, fraction = ''] = input.split('.')
  if (fraction.length > digits) throw new AppError('invalid_amount', `${currency.toUpperCase()} amounts have at most ${digits} decimals.`, 422)
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0)
}

/** Refuses an amount outside 1 minor unit … `most`, saying what the limit is. */
export function assertAmountWithin(amount: number, most: number, what: string): void {
  if (amount <= 0) throw new AppError('invalid_amount', 'The amount must be more than zero.', 422)
  if (amount > most) throw new AppError('amount_too_large', `The amount is more than ${what}.`, 422)
}

/** 1234 in USD → "12.34": a previewed amount sent back exactly as the admin confirmed it. */
export function toMoneyInput(minorUnits: number, currency: string): string {
  const digits = digitsOf(currency)
  return digits === 0 ? String(minorUnits) : `${Math.floor(minorUnits / 10 ** digits)}.${String(minorUnits % 10 ** digits).padStart(digits, '0')}`
}
