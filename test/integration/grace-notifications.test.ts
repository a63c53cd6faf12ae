import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { runGraceJob } from '@/lib/grace/expire-job'
import { GRACE_COLUMNS, type GracePeriod } from '@/lib/grace/grace-period'
import { queueGraceNotice } from '@/lib/grace/notices'
import { smtpMailer } from '@/lib/notifications/mailer'
import { sendDueNotifications } from '@/lib/notifications/send'
import { runNotificationJob } from '@/lib/notifications/send-job'
import { MAX_RETRIES } from '@/lib/retry-schedule'
import { createTestDatabase, testDatabaseKind } from '@/test/database'

const DAY_MS = 86_400_000
const NOW = new Date('2027-03-10T03:00:00Z')
const frank = { id: '00000000-0000-4000-8000-0000000f0a1f', email: 'frank@grace.example', customer: 'cus_frank' }
const gina = { id: '00000000-0000-4000-8000-00000009a1a9', email: 'gina@grace.example', customer: 'cus_gina' }

interface Received {
  to: string
  raw: string
}

/** A real SMTP receiver on loopback; `reject` makes it refuse every message with a temporary error. */
async function startReceiver(reject = false) {
  const received: Received[] = []
  let attempts = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      attempts += 1
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (reject) return callback(Object.assign(new Error('mailbox unavailable, try later'), { responseCode: 451 }))
        received.push({ to: session.envelope.rcptTo[0]!.address, raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    received,
    attempts: () => attempts,
    mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'Billing <billing@test.example>'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function openGracePeriod(db: Database, user: typeof frank, endsAt: Date, invoiceId: string): Promise<GracePeriod> {
  const { rows } = await db.query<GracePeriod>(
    `insert into public.grace_periods (user_id, subscription_id, invoice_id, status, started_at, ends_at, amount_due, currency)
     values ($1, $2, $3, 'open', $4, $5, 4900, 'usd') returning ${GRACE_COLUMNS}`,
    [user.id, `sub_${user.customer}`, invoiceId, new Date(endsAt.getTime() - 7 * DAY_MS), endsAt],
  )
  await db.transaction((tx) => queueGraceNotice(tx, 'grace_started', rows[0]!))
  return rows[0]!
}

const statuses = async (db: Database) =>
  (await db.query<{ kind: string; status: string; attempts: number; last_error: string | null }>(
    `select kind, status, attempts, last_error from public.notifications order by kind, dedupe_key`,
  )).rows

describe(`customer messages reach a real SMTP server exactly once, on ${testDatabaseKind}`, () => {
  let db: Database

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    for (const user of [frank, gina]) {
      await db.query(`insert into auth.users (id, email) values ($1, $2)`, [user.id, user.email])
      await db.query(`insert into public.customers (user_id, stripe_customer_id, email) values ($1, $2, $3)`, [user.id, user.customer, user.email])
    }
  })
  afterAll(async () => {
    await db.close()
  })

  it('expires, reminds and delivers each message once when both jobs run twice at once', async () => {
    const receiver = await startReceiver()
    try {
      const ending = await openGracePeriod(db, frank, new Date(NOW.getTime() + 2.5 * DAY_MS), 'in_frank')
      const overdue = await openGracePeriod(db, gina, new Date(NOW.getTime() - 60_000), 'in_gina')
      const options = { mailer: receiver.mailer, now: () => NOW }
      await Promise.all([runGraceJob(options), runGraceJob(options), runNotificationJob(options), runNotificationJob(options)])

      const delivered = receiver.received.map(({ to, raw }) => [to, /^Subject: (.*)$/m.exec(raw)?.[1]]).sort()
      expect(delivered).toEqual([
        [frank.email, 'Your payment of $49.00 failed'],
        [frank.email, '3 days left to pay $49.00'],
        [gina.email, 'Your grace period has ended: $49.00 unpaid'],
        [gina.email, 'Your payment of $49.00 failed'],
      ].sort())
      const reminder = receiver.received.find(({ raw }) => raw.includes('3 days left'))!.raw
      expect(reminder).toContain('Your payment of $49.00 is still outstanding.')
      expect(reminder).toContain('Your plan stays active until March 12, 2027 at 3:00 PM UTC')
      expect(reminder).toContain('http://localhost:3000/billing')
      expect((await statuses(db)).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true)

      const { rows } = await db.query(`select id, status from public.grace_periods order by ends_at`)
      expect(rows).toEqual([{ id: overdue.id, status: 'expired' }, { id: ending.id, status: 'open' }])
      const { rows: audit } = await db.query(`select subject_id from public.billing_audit_log where action = 'grace_period.expired'`)
      expect(audit).toEqual([{ subject_id: overdue.id }])
    } finally {
      await receiver.close()
    }
  })

  it('retries a message the SMTP server refuses with backoff, then marks it failed with the error kept', async () => {
    await db.exec(`delete from public.notifications; delete from public.grace_periods;`)
    const receiver = await startReceiver(true)
    try {
      await openGracePeriod(db, frank, new Date(NOW.getTime() + 7 * DAY_MS), 'in_frank_2')
      let at = NOW.getTime()
      for (let run = 0; run < MAX_RETRIES + 3; run++) {
        await sendDueNotifications({ mailer: receiver.mailer, now: () => new Date(at) })
        at += 2 * 60 * 60_000
      }
      expect(receiver.attempts()).toBe(MAX_RETRIES + 1)
      const [row] = await statuses(db)
      expect(row).toMatchObject({ kind: 'grace_started', status: 'failed', attempts: MAX_RETRIES + 1 })
      expect(row!.last_error).toMatch(/451.*mailbox unavailable, try later/)
    } finally {
      await receiver.close()
    }
  })
})
