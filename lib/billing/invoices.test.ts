import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, BOB, insertUsers, viewerFor } from '@/test/fixtures'
import { decodeInvoiceCursor, encodeInvoiceCursor, getInvoicePage } from './invoices'

const BASE = Date.parse('2026-01-01T00:00:00Z')

/** 23 invoices for Alice, three of them in one second (Stripe's timestamps have no finer grain), a draft, and Bob's. */
async function insertInvoices(db: Database): Promise<string[]> {
  const rows: { id: string; user: typeof ALICE; status: string; at: number }[] = []
  for (let i = 0; i < 20; i++) rows.push({ id: `in_alice_${String(i).padStart(2, '0')}`, user: ALICE, status: 'paid', at: BASE + i * 86_400_000 })
  for (const suffix of ['a', 'b', 'c']) rows.push({ id: `in_alice_same_${suffix}`, user: ALICE, status: 'open', at: BASE + 5 * 86_400_000 })
  rows.push({ id: 'in_alice_draft', user: ALICE, status: 'draft', at: BASE + 30 * 86_400_000 })
  rows.push({ id: 'in_bob_1', user: BOB, status: 'paid', at: BASE + 3 * 86_400_000 })
  for (const row of rows) {
    await db.query(
      `insert into public.invoices (id, user_id, stripe_customer_id, status, currency, total, stripe_created_at, hosted_invoice_url, invoice_pdf)
       values ($1, $2, $3, $4, 'usd', 1900, $5, $6, $7)`,
      [row.id, row.user.id, row.user.customer, row.status, new Date(row.at), `https://invoice.example/${row.id}`, `https://invoice.example/${row.id}/pdf`],
    )
  }
  return rows
    .filter((row) => row.user === ALICE && row.status !== 'draft')
    .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
    .map((row) => row.id)
}

describe(`invoice pages on ${testDatabaseKind}`, () => {
  let db: Database
  let expected: string[]
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
    expected = await insertInvoices(db)
  })
  afterAll(() => db.close())

  it('walks every invoice of the customer once, newest first, including several in the same second, and stops', async () => {
    const seen: string[] = []
    const sizes: number[] = []
    let cursor: string | null = null
    do {
      const page = await getInvoicePage(viewerFor(ALICE), { cursor, limit: 10 })
      seen.push(...page.invoices.map((invoice) => invoice.id))
      sizes.push(page.invoices.length)
      cursor = page.nextCursor
    } while (cursor)
    expect(sizes).toEqual([10, 10, 3])
    expect(seen).toEqual(expected)
    expect(seen).not.toContain('in_alice_draft')
    expect(seen).not.toContain('in_bob_1')
  })

  it('gives no next cursor when the last page is exactly full', async () => {
    const first = await getInvoicePage(viewerFor(ALICE), { limit: 23 })
    expect(first.invoices).toHaveLength(23)
    expect(first.nextCursor).toBeNull()
  })

  it('answers the same page for the same cursor, even after newer invoices arrive', async () => {
    const first = await getInvoicePage(viewerFor(ALICE), { limit: 5 })
    const before = await getInvoicePage(viewerFor(ALICE), { cursor: first.nextCursor, limit: 5 })
    await db.query(
      `insert into public.invoices (id, user_id, stripe_customer_id, status, currency, total, stripe_created_at) values ('in_alice_new', $1, $2, 'paid', 'usd', 100, $3)`,
      [ALICE.id, ALICE.customer, new Date(BASE + 60 * 86_400_000)],
    )
    const after = await getInvoicePage(viewerFor(ALICE), { cursor: first.nextCursor, limit: 5 })
    expect(after.invoices.map((invoice) => invoice.id)).toEqual(before.invoices.map((invoice) => invoice.id))
    expect((await getInvoicePage(viewerFor(ALICE), { limit: 1 })).invoices[0]!.id).toBe('in_alice_new')
    await db.query(`delete from public.invoices where id = 'in_alice_new'`)
  })

  it("never shows another customer's invoices, whatever the cursor", async () => {
    const aliceCursor = encodeInvoiceCursor({ createdAt: new Date(BASE + 40 * 86_400_000), id: 'zzz' })
    const page = await getInvoicePage(viewerFor(BOB), { cursor: aliceCursor })
    expect(page.invoices.map((invoice) => invoice.id)).toEqual(['in_bob_1'])
    expect(page.invoices[0]).toMatchObject({ total: 1900, currency: 'usd', invoicePdf: 'https://invoice.example/in_bob_1/pdf' })
  })

  it('refuses a cursor it did not make with a 400 the customer can act on', async () => {
    for (const bad of ['nonsense', Buffer.from('not-a-date|in_1').toString('base64url'), Buffer.from('2026-01-01T00:00:00.000Z|a|b').toString('base64url')]) {
      expect(() => decodeInvoiceCursor(bad)).toThrow(expect.objectContaining({ code: 'invalid_cursor', status: 400 }))
    }
  })
})
