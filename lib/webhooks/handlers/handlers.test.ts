import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, BOB, insertUsers } from '@/test/fixtures'
import { customerObject, eventOf, invoiceObject, priceObject, productObject, signPayload, subscriptionObject } from '@/test/stripe-objects'
import { receiveWebhook } from '../receive'

const T = 1_795_000_000

describe(`event handlers on ${testDatabaseKind}`, () => {
  let db: Database
  const deliver = async (event: Stripe.Event) => {
    const body = JSON.stringify(event)
    return receiveWebhook(body, signPayload(body))
  }
  const auditActions = async (subjectId: string) =>
    (await db.query<{ action: string }>(`select action from public.billing_audit_log where subject_id = $1 order by id`, [subjectId])).rows.map((row) => row.action)

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  afterAll(() => db.close())

  it('links a Stripe customer created outside the app to the user its metadata names, and keeps the newest email', async () => {
    await db.query(`delete from public.customers where user_id = $1`, [BOB.id])
    await deliver(eventOf('customer.created', customerObject({ id: 'cus_new_bob', email: 'bob@old.example', userId: BOB.id, created: T }), T))
    await deliver(eventOf('customer.updated', customerObject({ id: 'cus_new_bob', email: 'bob@new.example', userId: BOB.id, created: T }), T + 20))
    await deliver(eventOf('customer.updated', customerObject({ id: 'cus_new_bob', email: 'bob@stale.example', userId: BOB.id, created: T }), T + 10))
    const { rows } = await db.query(`select user_id, email, deleted_at from public.customers where stripe_customer_id = 'cus_new_bob'`)
    expect(rows).toEqual([{ user_id: BOB.id, email: 'bob@new.example', deleted_at: null }])
    await deliver(eventOf('customer.deleted', customerObject({ id: 'cus_new_bob', email: 'bob@new.example', userId: BOB.id, created: T }), T + 30))
    expect((await db.query(`select deleted_at is not null as deleted from public.customers where stripe_customer_id = 'cus_new_bob'`)).rows).toEqual([{ deleted: true }])
    expect(await auditActions('cus_new_bob')).toEqual(['customer.created', 'customer.updated', 'customer.deleted'])
  })

  it('ignores a customer whose metadata names no known user', async () => {
    await deliver(eventOf('customer.created', customerObject({ id: 'cus_stranger', email: 's@example.com', created: T }), T))
    expect((await db.query(`select 1 from public.customers where stripe_customer_id = 'cus_stranger'`)).rows).toEqual([])
  })

  it('marks a deleted subscription canceled and audits it as a cancellation', async () => {
    const created = subscriptionObject({ id: 'sub_cancel', customer: ALICE.customer, price: 'price_a', created: T })
    await deliver(eventOf('customer.subscription.created', created, T))
    await deliver(eventOf('customer.subscription.deleted', { ...created, status: 'canceled', ended_at: T + 50, canceled_at: T + 50 } as Stripe.Subscription, T + 50))
    expect((await db.query(`select status from public.subscriptions where id = 'sub_cancel'`)).rows).toEqual([{ status: 'canceled' }])
    expect(await auditActions('sub_cancel')).toEqual(['subscription.created', 'subscription.canceled'])
  })

  it('queues one trial-ending notice however often Stripe warns', async () => {
    const trialing = { ...subscriptionObject({ id: 'sub_trial', customer: ALICE.customer, price: 'price_a', created: T, status: 'trialing' }), trial_end: T + 3 * 86_400 } as Stripe.Subscription
    await deliver(eventOf('customer.subscription.trial_will_end', trialing, T + 1))
    await deliver(eventOf('customer.subscription.trial_will_end', trialing, T + 2))
    const { rows } = await db.query(`select user_id, kind from public.notifications where payload ->> 'subscriptionId' = 'sub_trial'`)
    expect(rows).toEqual([{ user_id: ALICE.id, kind: 'trial_ending' }])
  })

  it('records voided and uncollectible invoices as Stripe reports them', async () => {
    for (const [id, type, status] of [['in_void', 'invoice.voided', 'void'], ['in_bad', 'invoice.marked_uncollectible', 'uncollectible']] as const) {
      await deliver(eventOf('invoice.finalized', invoiceObject({ id, customer: ALICE.customer, subscription: 'sub_cancel', status: 'open', total: 500, created: T }), T))
      await deliver(eventOf(type, invoiceObject({ id, customer: ALICE.customer, subscription: 'sub_cancel', status, total: 500, created: T }), T + 5))
      expect((await db.query(`select status, user_id from public.invoices where id = $1`, [id])).rows).toEqual([{ status, user_id: ALICE.id }])
    }
  })

  it('keeps the plan catalogue in step: new products and prices appear, deleted ones turn inactive', async () => {
    await deliver(eventOf('product.created', productObject({ id: 'prod_team', name: 'Team', metadata: { tier: '3', quota_api_calls: '900000' }, updated: T }), T))
    await deliver(eventOf('price.created', priceObject({ id: 'price_team', product: 'prod_team', unitAmount: 19_900 }), T))
    await deliver(eventOf('product.updated', productObject({ id: 'prod_team', name: 'Team Plus', updated: T + 10 }), T + 10))
    await deliver(eventOf('product.updated', productObject({ id: 'prod_team', name: 'Team (stale)', updated: T + 5 }), T + 5))
    expect((await db.query(`select name, active from public.products where id = 'prod_team'`)).rows).toEqual([{ name: 'Team Plus', active: true }])
    await deliver(eventOf('price.deleted', priceObject({ id: 'price_team', product: 'prod_team', unitAmount: 19_900 }), T + 20))
    await deliver(eventOf('product.deleted', productObject({ id: 'prod_team', name: 'Team Plus', updated: T + 20 }), T + 20))
    expect((await db.query(`select p.active as product, pr.active as price from public.products p join public.prices pr on pr.product_id = p.id where p.id = 'prod_team'`)).rows).toEqual([
      { product: false, price: false },
    ])
  })
})
