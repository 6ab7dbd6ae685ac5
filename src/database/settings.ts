/**
 * Every environment variable the database reads, and only here, so that they can move into
 * `src/settings.ts` (checked once at start-up) by swapping this one function.
 *
 * Read on each call, not at import: tests and tools set some of them after loading the module
 * (tests/query-budget.test.ts turns DATABASE_QUERY_COUNT on before Payload starts).
 */
export interface DatabaseSettings {
  /** `DATABASE_URI`: which database, by its scheme (see target.ts). Unset: the embedded SQLite file. */
  uri: string | undefined
  /** `DATABASE_POOL_MAX`: PostgreSQL connections in the pool. */
  poolMax: number
  /** `DATABASE_QUERY_LOG=true`: print every SQL statement (for reading query plans). */
  queryLog: boolean
  /** `DATABASE_QUERY_COUNT=true`: count SQL statements per unit of work (the benchmark, the query budget test). */
  queryCount: boolean
  /** `PAYLOAD_DB_PUSH=true`: push the schema from the config instead of migrating (local experiments only). */
  pushSchema: boolean
}

export function databaseSettings(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  return {
    uri: env.DATABASE_URI,
    poolMax: Number(env.DATABASE_POOL_MAX ?? 10),
    queryLog: env.DATABASE_QUERY_LOG === 'true',
    queryCount: env.DATABASE_QUERY_COUNT === 'true',
    pushSchema: env.PAYLOAD_DB_PUSH === 'true',
  }
}
