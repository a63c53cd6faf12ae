import { mkdirSync } from 'node:fs'
import { PGlite, types } from '@electric-sql/pglite'
import type { Database, Queryable, QueryResult } from './types'

type PGliteLike = Pick<PGlite, 'query'>

function wrap(client: PGliteLike): Queryable {
  return {
    async query<Row>(text: string, params: unknown[] = []): Promise<QueryResult<Row>> {
      const result = await client.query<Row>(text, params)
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length }
    },
  }
}

type PgliteOptions = {
  /** A dump of another instance's data (`dump`) to start from. */
  loadDataDir?: Blob
  /** PostgreSQL's `shared_buffers` (128MB by default), which the engine clears on every start. */
  sharedBuffers?: string
}

/** Embedded Postgres in this process; dataDir undefined keeps it in memory (tests). */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Database & { dump(): Promise<Blob> }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const pglite = await PGlite.create(dataDir, {
    parsers: { [types.INT8]: (value: string) => Number(value) },
    loadDataDir: options.loadDataDir,
    postgresqlconf: options.sharedBuffers ? [`shared_buffers=${options.sharedBuffers}`] : undefined,
  })
  const base = wrap(pglite)
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn, setup) =>
      pglite.transaction(async (tx) => {
        if (setup) await tx.exec(setup)
        return fn(wrap(tx))
      }),
    exec: async (sql) => {
      await pglite.exec(sql)
    },
    close: () => pglite.close(),
    dump: () => pglite.dumpDataDir('none'),
  }
}
