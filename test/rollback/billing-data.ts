import { recordAudit } from '@/lib/audit/record'
import type { Database } from '@/lib/db/types'

const USER_ID = '00000000-0000-4000-8000-00000000b0b1'

/** A customer with a webhook event, a canceled grace period and an audit entry, as the app would have written them. */
export async function insertBillingData(db: Database): Promise<void> {
  await db.query(`insert into auth.users (id, email) values ($1, 'rollback@example.com') on conflict (id) do nothing`, [USER_ID])
  await db.query(`insert into public.customers (user_id, stripe_customer_id, email) values ($1, 'cus_rollback', 'rollback@example.com')`, [USER_ID])
  await db.query(
    `insert into public.webhook_events (id, type, stripe_created_at, payload, status, attempts, processed_at)
     values ('evt_rollback', 'invoice.paid', now(), '{"id": "evt_rollback"}', 'processed', 1, now())`,
  )
  await db.query(
    `insert into public.grace_periods (user_id, subscription_id, invoice_id, status, started_at, ends_at, closed_at, closed_reason)
     values ($1, 'sub_rollback', 'in_rollback', 'canceled', now() - interval '2 days', now() + interval '5 days', now(), 'subscription ended')`,
    [USER_ID],
  )
  await db.transaction((tx) =>
    recordAudit(tx, { actor: { type: 'system', id: 'rollback-test' }, action: 'test.recorded', subject: { type: 'customer', id: USER_ID }, userId: USER_ID }),
  )
}

/** Every row of the tables a backup must bring back, in a stable order. */
export async function readBillingData(db: Database): Promise<Record<string, unknown[]>> {
  const tables = ['customers', 'webhook_events', 'grace_periods', 'billing_audit_log', 'billing_audit_chain_head']
  const content: Record<string, unknown[]> = {}
  for (const table of tables) {
    content[table] = (await db.query(`select to_jsonb(t) as row from public.${table} t order by to_jsonb(t)::text`)).rows
  }
  return content
}
