import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET } from '@/app/api/health/route'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { env } from '@/lib/env'
import { createTestDatabase, testDatabaseKind } from '@/test/database'

const check = (headers: Record<string, string> = {}) => GET(new Request('http://localhost/api/health', { headers }))

describe(`GET /api/health on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
  })
  afterAll(() => db.close())

  it('tells the public only whether the app is healthy', async () => {
    const response = await check()
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ healthy: true })
    expect(await (await check({ authorization: 'Bearer wrong' })).json()).toEqual({ healthy: true })
  })

  it('gives the details to a caller with the metrics token', async () => {
    const response = await check({ authorization: `Bearer ${env.METRICS_TOKEN}` })
    expect(await response.json()).toMatchObject({ healthy: true, database: 'ok', migrations: { current: true, pending: [] } })
  })
})
