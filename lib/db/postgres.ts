import pg from 'pg'
import { logger } from '@/lib/log'
import type { Database, Queryable, QueryResult } from './types'

// bigint columns hold cents and counts, well inside Number's safe range.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value))

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(text: string, params: unknown[] = []): Promise<QueryResult<Row>> {
      // Unnamed statements only: Supavisor in transaction mode cannot keep named prepared statements.
      const result = await client.query(text, params)
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length }
    },
  }
}

export function openPostgres(connectionString: string, maxConnections = 10): Database {
  const pool = new pg.Pool({ connectionString, max: maxConnections })
  // An idle connection the server drops (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection closed'))
  const base = wrap(pool)
  return {
    kind: 'postgres',
    query: base.query,
    async transaction(fn, setup) {
      const client = await pool.connect()
      try {
        await client.query(setup ? `begin; ${setup}` : 'begin')
        const result = await fn(wrap(client))
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    exec: async (sql) => {
      await pool.query(sql)
    },
    close: () => pool.end(),
  }
}
