/**
 * Watching what the adapters send, opt-in, through Drizzle's logger (SQL) or Mongoose's debug hook
 * on the connection (MongoDB: each collection operation is one query):
 * - `DATABASE_QUERY_LOG=true` prints every statement (for reading query plans);
 * - `DATABASE_QUERY_COUNT=true` counts each statement against the work running inside
 *   `countDatabaseQueries()` or `countDatabaseQueriesInto()` (async context). The query budget
 *   test counts a page's queries this way; the benchmark's header (bench/queryCountHeader.ts)
 *   counts a request's.
 * Off by default: no logger, no cost.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

import { databaseSettings } from './settings'

/** What a counted unit of work has sent so far. */
export interface QueryCounter {
  queries: number
}

const queryCounts = new AsyncLocalStorage<QueryCounter>()

export const databaseQueryCountEnabled = () => databaseSettings().queryCount

const queryCountLogger = {
  logQuery() {
    const counter = queryCounts.getStore()
    if (counter) counter.queries++
  },
}

/** Counts one statement sent past the adapters' loggers (the stored-JSON reader's own SQLite connection). */
export function countQuerySentDirectly() {
  queryCountLogger.logQuery()
}

/** The logger the SQL adapters are given: Drizzle's own printer, the counter, or none. */
export function queryLogger() {
  const settings = databaseSettings()
  return settings.queryLog ? true : settings.queryCount ? queryCountLogger : undefined
}

/**
 * For MongoDB's adapter (`afterCreateConnection`): Mongoose calls the connection's debug hook
 * for each collection operation, in the caller's async context.
 */
export function mongooseQueryWatcher(): ((adapter: { connection: { set(option: 'debug', value: unknown): void } }) => void) | undefined {
  const settings = databaseSettings()
  if (settings.queryLog) return (adapter) => adapter.connection.set('debug', true)
  if (settings.queryCount) return (adapter) => adapter.connection.set('debug', queryCountLogger.logQuery)
  return undefined
}

/** Runs `work` with the queries it (and everything it starts) sends added to `counter`, read at any time. */
export function countDatabaseQueriesInto<T>(counter: QueryCounter, work: () => T): T {
  return queryCounts.run(counter, work)
}

/** Runs `work` and counts the SQL queries it (and everything it awaits) sends. */
export async function countDatabaseQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const counter: QueryCounter = { queries: 0 }
  const result = await countDatabaseQueriesInto(counter, work)
  return { result, queries: counter.queries }
}
