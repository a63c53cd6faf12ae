export interface QueryResult<Row> {
  rows: Row[]
  rowCount: number
}

/** What both drivers (PGlite and node-postgres) offer the app: parameterised queries. */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<Row>>
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /**
   * Runs fn in one transaction on one connection; commits when it resolves, rolls back when it throws.
   * `setup` (statements without parameters) runs first, sent with the `begin` in one round trip.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, setup?: string): Promise<T>
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>
  close(): Promise<void>
}
