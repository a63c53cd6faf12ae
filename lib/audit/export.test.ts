import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { insertBulkAuditRows } from '@/test/audit-rows'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, viewerFor } from '@/test/fixtures'
import { exportAuditLog } from './admin'
import { listAuditEntries } from './queries'
import { recordAudit } from './record'

const admin = viewerFor(ADMIN, true)
const BULK_ROWS = 100_000
const MiB = 1024 * 1024

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const readAll = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text()

describe(`audit log export on ${testDatabaseKind}`, () => {
  let db: Database

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    for (const [index, note] of ['plain', 'with, comma', 'with "quotes"', 'two\nlines', '=SUM(A1)'].entries()) {
      await db.transaction((tx) =>
        recordAudit(tx, { actor: { type: 'admin', id: 'admin-1' }, action: index % 2 ? 'note.odd' : 'note.even', subject: { type: 'note', id: `note_${index}` }, after: { note } }),
      )
    }
  })
  afterAll(() => db.close())

  it('writes CSV with a header, one record per entry newest first, and fields quoted safely', async () => {
    const csv = await readAll(exportAuditLog(admin, { action: 'note.even' }, 'csv'))
    const records = csv.split('\r\n').filter(Boolean)
    expect(records[0]).toBe('id,chain_position,occurred_at,actor_type,actor_id,action,subject_type,subject_id,user_id,before,after,context,hash')
    expect(records).toHaveLength(4)
    expect(records[1]).toContain(',note,note_4,,,"{""note"":""=SUM(A1)""}",{},')
    expect(records[2]).toContain(String.raw`"{""note"":""with \""quotes\""""}"`)
    expect(records[3]).toContain('{""note"":""plain""}')
  })

  it('writes NDJSON with the same entries and filters as the page', async () => {
    const lines = (await readAll(exportAuditLog(admin, { actor: 'admin-1' }, 'ndjson'))).trimEnd().split('\n').map((line) => JSON.parse(line))
    const page = await db.transaction((tx) => listAuditEntries(tx, { actor: 'admin-1', limit: 50 }))
    expect(lines.map((line) => line.id)).toEqual(page.rows.map((row) => row.id))
    expect(lines[1]).toMatchObject({ action: 'note.odd', after: { note: 'two\nlines' } })
  })

  // PostgreSQL only: PGlite takes about a minute and a half to seed and read this many rows.
  it.skipIf(testDatabaseKind === 'pglite')(`streams ${BULK_ROWS.toLocaleString('en')} rows, read slowly, with memory that does not grow with the row count`, { timeout: 240_000 }, async () => {
    await insertBulkAuditRows(db, BULK_ROWS, { payloadBytes: 400 })
    const response = new Response(exportAuditLog(admin, {}, 'ndjson'))
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let lines = 0
    let bytes = 0
    let chunks = 0
    let baseline = 0
    let peak = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      bytes += value.byteLength
      for (const char of decoder.decode(value, { stream: true })) if (char === '\n') lines++
      chunks++
      await yieldToLoop() // a slow client: the stream must wait for it rather than read ahead
      if (chunks % 10 === 0) {
        collectGarbage()
        const heap = process.memoryUsage().heapUsed
        if (chunks === 10) baseline = heap
        peak = Math.max(peak, heap)
      }
    }
    expect(lines).toBe(BULK_ROWS + 5)
    expect(bytes).toBeGreaterThan(90 * MiB)
    // Holding the export would take ~100 MiB of strings; one page in flight is about 1 MiB.
    expect((peak - baseline) / MiB).toBeLessThan(16)
  })
})
