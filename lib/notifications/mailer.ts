import 'server-only'
import nodemailer from 'nodemailer'
import { env } from '@/lib/env'
import { logger } from '@/lib/log'
import type { RenderedMessage } from './render'

export interface OutgoingMessage extends RenderedMessage {
  to: string
}

/** Delivers one message; throws when it was not accepted, so the sender retries it. */
export interface Mailer {
  deliver(message: OutgoingMessage): Promise<void>
}

/** SMTP through nodemailer, with timeouts well inside a cron function's time limit. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 })
  return {
    async deliver({ to, subject, text, html }) {
      await transport.sendMail({ from, to, subject, text, html })
    },
  }
}

/** Without SMTP_URL messages are logged, so a local install shows what a customer would receive. */
export const logMailer: Mailer = {
  async deliver({ to, subject, text }) {
    logger.info({ to, subject, text }, 'notification logged (SMTP_URL is not set)')
  },
}

export function configuredMailer(): Mailer {
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.SMTP_FROM) : logMailer
}
