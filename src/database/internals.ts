/**
 * Every read of something Payload's adapters (3.90.2) or their drivers keep to themselves, in one
 * place: fields their documentation does not promise, and a driver that is theirs, not
 * Careline's. Each reader says what it reads; when an upgrade moves one, the tests named in the
 * callers' WORKAROUND labels fail, and this is the file to fix.
 *
 * Callers: the runtime patches (./patches.ts and what it installs), closeDatabase
 * (./connection.ts), the row locks (./transactions/rowLocks.ts), the stored-JSON reader
 * (./storedJson.ts) and the restore (src/backup).
 */
import { createRequire } from 'node:module'

import type { SQL } from 'drizzle-orm'
import type { Payload } from 'payload'

const adapterOf = (payload: Payload) => payload.db as unknown as Record<string, any>

/**
 * @payloadcms/db-mongodb 3.90.2, beyond its documented options: `useJoinAggregations` as
 * configured, `sessions[transactionID]` (the ClientSession of an open transaction), and the
 * Mongoose models of each collection and its versions (`collections`, `versions`). Undefined on
 * the SQL databases.
 */
export function mongooseAdapterInternals<Adapter>(payload: Payload): Adapter | undefined {
  const adapter = adapterOf(payload)
  return adapter.name === 'mongoose' ? (adapter as Adapter) : undefined
}

export interface PostgresClient {
  on(event: 'error', listener: (error: Error) => void): void
  release?(destroy?: boolean): void
}

/**
 * node-postgres 8.20 `Pool#_clients`: every client of the pool, idle or checked out (the pool
 * publishes counts, not the clients). Empty on other databases.
 */
export function postgresPoolClients(pool: unknown): PostgresClient[] {
  return (pool as { _clients?: PostgresClient[] } | undefined)?._clients ?? []
}

/** node-postgres's `Client` (8.20) as the statement patch sees it: its `query` (postgresStatements.ts). */
export interface PostgresClientClass {
  prototype: { query(config: unknown, values?: unknown, callback?: unknown): unknown }
}

/**
 * node-postgres 8.20 (pg-pool) `Pool#Client`: the class the pool makes its connections from, so
 * a patch reaches exactly the adapter's connections, whichever copy of `pg` the adapter resolved.
 */
export function postgresClientClass(pool: unknown): PostgresClientClass | undefined {
  return (pool as { Client?: PostgresClientClass } | undefined)?.Client
}

/**
 * The SQL adapters' `sessions[transactionID]`: the Drizzle handle a transaction runs on. Payload
 * hands a transaction to its own operations through `req` but gives no way to run a statement of
 * one's own in it. Undefined when there is no such open transaction (or on MongoDB).
 */
export function transactionSession(payload: Payload, transactionID: unknown): { db: unknown } | undefined {
  if (transactionID == null) return undefined
  return adapterOf(payload).sessions?.[String(transactionID)]
}

/** Runs one SQL statement inside an open transaction of the SQL adapters (see transactionSession). */
export async function executeInTransaction<Row = unknown>(payload: Payload, transactionID: unknown, statement: SQL): Promise<{ rows: Row[] }> {
  const session = transactionSession(payload, transactionID)
  if (!session) throw new Error(`No open ${payload.db.name} transaction ${String(transactionID)} to run a statement in`)
  return adapterOf(payload).execute({ db: session.db, sql: statement })
}

/** A Drizzle relational query (`db.query.<table>.findMany(config)`) as the SQL memo sees it (relationalQueryMemo.ts). */
export interface RelationalQuery {
  config: unknown
  tableConfig: object
  _toSQL(): unknown
}

/**
 * drizzle-orm's relational query class (`PgRelationalQuery`, `SQLiteAsyncRelationalQuery`), whose
 * internal `_toSQL()` builds a read's statement: reached through the SQL adapter's own Drizzle
 * instance, so the patch meets the copy of drizzle-orm Payload uses. Undefined on MongoDB.
 */
export function drizzleRelationalQueryClass(payload: Payload): { prototype: RelationalQuery } | undefined {
  const adapter = adapterOf(payload)
  const query = adapter.name === 'mongoose' ? undefined : (adapter.drizzle?.query as Record<string, { findMany(config?: unknown): object }> | undefined)
  const table = query && Object.keys(query)[0]
  if (!table) return undefined
  const prototype = Object.getPrototypeOf(query[table].findMany()) as RelationalQuery
  return typeof prototype._toSQL === 'function' ? { prototype } : undefined
}

/** The SQL adapters' `tableNameMap`: the table a collection's rows live in (Payload may shorten or prefix names). */
export function tableNameOf(payload: Payload, collection: string): string | undefined {
  return adapterOf(payload).tableNameMap?.get(collection.replace(/-/g, '_'))
}

/**
 * @payloadcms/db-sqlite 3.90.2 `clientConfig.url`: the `file:` URL the adapter's client was
 * opened on (the adapter keeps its options there). Undefined on other databases.
 */
export function sqliteFileOf(payload: Payload): string | undefined {
  const adapter = adapterOf(payload)
  const url = adapter.name === 'sqlite' ? adapter.clientConfig?.url : undefined
  return typeof url === 'string' && url.startsWith('file:') ? url.slice('file:'.length) : undefined
}

/** The parts of libSQL's `Database` (its connection) the patches touch. */
export interface LibsqlConnection {
  open: boolean
  close(): void
  prepare(sql: string): unknown
}

/**
 * libSQL's `Database` class (libsql 0.4.7, under @libsql/client 0.14.0), the driver behind
 * Payload's SQLite adapter. A dependency of the adapter, not of Careline, so it is reached through
 * the adapter's own resolution. Also for tools and tests that open or watch it directly.
 */
export const libsqlDatabase = (() => {
  let Database: { prototype: LibsqlConnection } | undefined
  return () => {
    if (!Database) {
      const fromAdapter = createRequire(createRequire(import.meta.url).resolve('@payloadcms/db-sqlite'))
      const fromClient = createRequire(fromAdapter.resolve('@libsql/client'))
      Database = fromClient('libsql') as { prototype: LibsqlConnection }
    }
    return Database
  }
})()
