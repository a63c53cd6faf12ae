import { formatMoney } from '@/lib/format'

export interface RenderedMessage {
  subject: string
  text: string
  html: string
}

export interface MessageContext {
  kind: string
  payload: Record<string, unknown>
  /** Where the customer fixes their payment: `${APP_URL}/billing`. */
  billingUrl: string
}

const LOCALE = 'en-US'

const formatDeadline = (iso: string) =>
  `${new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!)

function amountOf(payload: Record<string, unknown>): string {
  const { amountDue, currency } = payload
  return typeof amountDue === 'number' && typeof currency === 'string' ? formatMoney(amountDue, currency, LOCALE) : 'the amount due'
}

/** Subject and paragraphs of each message; the link to the billing page is added to every one. */
function compose({ kind, payload }: MessageContext): { subject: string; paragraphs: string[] } {
  const amount = amountOf(payload)
  const deadline = typeof payload.endsAt === 'string' ? formatDeadline(payload.endsAt) : 'soon'
  switch (kind) {
    case 'grace_started':
      return {
        subject: `Your payment of ${amount} failed`,
        paragraphs: [`We could not charge ${amount} for your subscription.`, `Your plan stays active until ${deadline}. Update your payment method before then to keep it.`],
      }
    case 'grace_ending': {
      const days = Number(payload.daysLeft)
      const left = `${days} ${days === 1 ? 'day' : 'days'}`
      return {
        subject: `${left} left to pay ${amount}`,
        paragraphs: [`Your payment of ${amount} is still outstanding.`, `Your plan stays active until ${deadline}, ${left} from now. Update your payment method to keep it.`],
      }
    }
    case 'grace_expired':
      return {
        subject: `Your grace period has ended: ${amount} unpaid`,
        paragraphs: [`Your payment of ${amount} was not received by ${deadline}.`, 'Your account is limited to the Free plan until the payment goes through. Update your payment method to restore your plan.'],
      }
    case 'payment_recovered':
      return { subject: `Payment of ${amount} received`, paragraphs: [`Thank you: we received your payment of ${amount}.`, 'Your plan is fully restored.'] }
    case 'trial_ending': {
      const trialEnd = typeof payload.trialEnd === 'number' ? formatDeadline(new Date(payload.trialEnd * 1000).toISOString()) : 'soon'
      return { subject: 'Your trial ends soon', paragraphs: [`Your trial ends on ${trialEnd}.`, 'Check your payment method so your plan continues without interruption.'] }
    }
    default:
      return { subject: 'A message about your billing', paragraphs: ['There is news about your subscription.'] }
  }
}

/** Renders a queued notification as plain text and HTML. */
export function renderMessage(context: MessageContext): RenderedMessage {
  const { subject, paragraphs } = compose(context)
  const action = `Manage your billing: ${context.billingUrl}`
  const text = [...paragraphs, action].join('\n\n') + '\n'
  const html =
    paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n') +
    `\n<p><a href="${escapeHtml(context.billingUrl)}">Manage your billing</a></p>\n`
  return { subject, text, html }
}
