/**
 * Database choice, in one place.
 *
 * `DATABASE_URI` picks the adapter by its scheme:
 *   unset or `file:`                -> SQLite, the embedded default (a file under ./data/)
 *   `postgres://`, `postgresql://`  -> PostgreSQL
 *   `mongodb://`, `mongodb+srv://`  -> MongoDB
 * Anything else stops start-up with a message that says what is accepted.
 *
 * SQL databases get their schema from the committed migrations in `src/migrations/<dialect>/`,
 * applied on every start by `src/runtime.ts`. Pushing the schema straight from the config is
 * opt-in (`PAYLOAD_DB_PUSH=true`) for quick local experiments.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { extendDrizzleTable } from '@payloadcms/drizzle'
import { index as postgresIndex } from 'drizzle-orm/pg-core'
import { index as sqliteIndex } from 'drizzle-orm/sqlite-core'
import { isNotNull } from 'drizzle-orm'
import type { DatabaseAdapterObj, Payload } from 'payload'


const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type DatabaseKind = 'sqlite' | 'postgres' | 'mongodb'

export interface DatabaseTarget {
  kind: DatabaseKind
  /** The connection string handed to the adapter (for SQLite, a `file:` URL). */
  url: string
}

export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError'
}

export const DEFAULT_SQLITE_FILE = 'data/careline.db'

/** Reads `DATABASE_URI` and says which database it names, without connecting to anything. */
export function resolveDatabaseTarget(uri: string | undefined = process.env.DATABASE_URI): DatabaseTarget {
  const value = uri?.trim()
  if (!value) {
    return { kind: 'sqlite', url: `file:${path.join(rootDir, DEFAULT_SQLITE_FILE)}` }
  }
  const scheme = value.slice(0, value.indexOf(':') + 1).toLowerCase()
  switch (scheme) {
    case 'file:': {
      // Relative paths are taken from the project root, so every script agrees on one file.
      const filePath = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
      if (!filePath) throw new DatabaseConfigError('DATABASE_URI "file:" needs a path, e.g. file:./data/careline.db')
      return { kind: 'sqlite', url: `file:${path.isAbsolute(filePath) ? filePath : path.join(rootDir, filePath)}` }
    }
    case 'postgres:':
    case 'postgresql:':
      return { kind: 'postgres', url: value }
    case 'mongodb:':
    case 'mongodb+srv:':
      return { kind: 'mongodb', url: value }
    default:
      throw new DatabaseConfigError(
        `DATABASE_URI has an unsupported scheme "${scheme || value}". Use file:PATH (SQLite), ` +
          'postgres:// or postgresql:// (PostgreSQL), or mongodb:// or mongodb+srv:// (MongoDB); ' +
          `leave it unset for the embedded SQLite file ${DEFAULT_SQLITE_FILE}.`,
      )
  }
}

/**
 * Payload keeps localized fields in `<table>_locales` with a unique index on (locale, parent). Its
 * reads fetch a document's locales by parent alone, which that index cannot serve: SQLite scanned
 * the whole locales table once per document read (a condition page: ~25 scans; growing with the
 * content). Every locales table gets an index on its parent as well.
 */
function indexLocalizedRowsByParent(index: (name: string) => { on: (...columns: any[]) => unknown }) {
  return <Schema extends { tables: Record<string, any> }>({ schema, extendTable }: { schema: Schema; extendTable: typeof extendDrizzleTable }): Schema => {
    for (const [name, table] of Object.entries(schema.tables)) {
      if (!name.endsWith('_locales') || !table._parentID) continue
      const indexName = `${name}_parent_idx`
      extendTable({ table, extraConfig: (columns) => ({ [indexName]: index(indexName).on(columns._parentID) }) })
    }
    return schema
  }
}

/**
 * A `<collection>_rels` table holds every relationship of a collection, one column per target,
 * so each target's column is NULL in most rows. SQLite's statistics count those NULLs as one
 * huge group: with full statistics it judged "conditions whose specialty is X" by
 * `conditions_rels_specialties_id_idx` as matching half the table, and read every condition
 * instead (a filtered list at 100k conditions: 700 ms). An index over the non-NULL rows only has
 * honest statistics, and holds what the filter's join needs (target, path, parent), so the
 * relationship rows are never read. SQLite only: PostgreSQL keeps the NULL fraction apart.
 */
function indexRelationshipTargets<Schema extends { tables: Record<string, any> }>({ schema, extendTable }: { schema: Schema; extendTable: typeof extendDrizzleTable }): Schema {
  for (const [name, table] of Object.entries(schema.tables)) {
    // Content collections only: not their versions, nor Payload's own bookkeeping (locks, preferences).
    if (!name.endsWith('_rels') || name.startsWith('_') || name.startsWith('payload_')) continue
    extendTable({
      table,
      extraConfig: (columns: Record<string, any>) =>
        Object.fromEntries(
          Object.values(columns)
            .filter((column) => column.name.endsWith('_id') && column.name !== 'parent_id')
            .map((column) => {
              const indexName = `${name}_${column.name}_targets_idx`
              return [indexName, sqliteIndex(indexName).on(column, columns.path, columns.parent).where(isNotNull(column))]
            }),
        ),
    })
  }
  return schema
}

/**
 * SQLite plans queries from the statistics ANALYZE leaves in sqlite_stat1. Without them, or with
 * sampled ones, it picks indexes that match almost every row: at 100k conditions it read
 * locations by `_status` instead of latitude (48 ms instead of 0.7 for a nearby query) and
 * versions by `latest` instead of their slug (a draft read over a second instead of 40 ms). A
 * sample (`PRAGMA analysis_limit`) is not enough: it caps the rows-per-value estimate at the
 * sample size, so a two-valued `_status` looked as selective as a latitude range.
 *
 * So every table that holds rows but has no statistics is analyzed in full at start (a new
 * database: nothing to read; a restored or bulk-loaded one: seconds at 100k, once), and `PRAGMA
 * optimize` re-analyzes the tables whose size has changed tenfold since. The server repeats the
 * latter every few hours (src/server.ts), as SQLite advises for long-running processes.
 */
export async function refreshQueryPlannerStatistics(payload: Payload): Promise<{ analyzed: string[] }> {
  const db = payload.db as unknown as { name: string; client?: { execute(sql: string): Promise<{ rows: Record<string, unknown>[] }> } }
  if (db.name !== 'sqlite' || !db.client) return { analyzed: [] }
  const client = db.client
  await client.execute('PRAGMA analysis_limit = 0')
  const hasStatistics = (await client.execute("select 1 from sqlite_master where name = 'sqlite_stat1'")).rows.length > 0
  const { rows } = await client.execute(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL TABLE%'" +
      (hasStatistics ? ' and name not in (select tbl from sqlite_stat1)' : ''),
  )
  const analyzed: string[] = []
  for (const { name } of rows) {
    const table = `"${String(name).replaceAll('"', '""')}"`
    if (!(await client.execute(`select 1 from ${table} limit 1`)).rows.length) continue
    await client.execute(`ANALYZE ${table}`)
    analyzed.push(String(name))
  }
  await client.execute('PRAGMA optimize = 0x10002')
  return { analyzed }
}

/**
 * Opt-in query counting for the benchmark (bench/): with `DATABASE_QUERY_COUNT=true`, the SQL
 * adapters get a Drizzle logger that counts each query against the work running inside
 * `countDatabaseQueries()` (async context), and `databaseQueryCountHeader()` reports a
 * request's count in an `x-database-queries` response header. Off by default: no logger, no cost.
 */
const queryCounts = new AsyncLocalStorage<{ queries: number }>()
export const databaseQueryCountEnabled = () => process.env.DATABASE_QUERY_COUNT === 'true'
const queryCountLogger = {
  logQuery() {
    const counter = queryCounts.getStore()
    if (counter) counter.queries++
  },
}

/** Runs `work` and counts the SQL queries it (and everything it awaits) sends. */
export async function countDatabaseQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const counter = { queries: 0 }
  const result = await queryCounts.run(counter, work)
  return { result, queries: counter.queries }
}

/** Middleware: `x-database-queries: N` on every answer when DATABASE_QUERY_COUNT=true; else a no-op. */
export function databaseQueryCountHeader() {
  if (!databaseQueryCountEnabled()) return (_req: IncomingMessage, _res: ServerResponse, next: () => void) => next()
  return (_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const counter = { queries: 0 }
    const writeHead = res.writeHead
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      if (!this.headersSent) this.setHeader('x-database-queries', String(counter.queries))
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args)
    } as ServerResponse['writeHead']
    queryCounts.run(counter, next)
  }
}

/** `DATABASE_QUERY_LOG=true` prints every SQL statement (Drizzle's logger): for reading query plans. */
const queryLogger = () => (process.env.DATABASE_QUERY_LOG === 'true' ? true : databaseQueryCountEnabled() ? queryCountLogger : undefined)

/** Opt-in only: a pushed database can no longer take migrations without losing data. */
const pushSchema = () => process.env.PAYLOAD_DB_PUSH === 'true'

/**
 * Async so that MongoDB's driver (Mongoose and the MongoDB client: about a tenth of the start-up
 * CPU) is loaded only when MongoDB is the database. The SQL adapters are loaded anyway: the
 * committed migrations import them.
 */
export async function databaseAdapter(target: DatabaseTarget = resolveDatabaseTarget()): Promise<DatabaseAdapterObj> {
  switch (target.kind) {
    case 'sqlite':
      // libSQL does not create missing folders; a fresh clone has no ./data yet.
      fs.mkdirSync(path.dirname(target.url.slice('file:'.length)), { recursive: true })
      return sqliteAdapter({
        client: { url: target.url },
        // A writer waits for the lock instead of failing at once under concurrent requests.
        busyTimeout: 5000,
        wal: true,
        // Payload leaves SQLite transactions off by default; without them a failed write (or a
        // failed import) could leave half its rows behind. IMMEDIATE takes the write lock up
        // front, so two writers queue instead of deadlocking on a lock upgrade.
        transactionOptions: { behavior: 'immediate' },
        push: pushSchema(),
        migrationDir: path.join(rootDir, 'src/migrations/sqlite'),
        logger: queryLogger(),
        afterSchemaInit: [indexLocalizedRowsByParent(sqliteIndex), indexRelationshipTargets],
      })
    case 'postgres':
      return postgresAdapter({
        pool: {
          connectionString: target.url,
          max: Number(process.env.DATABASE_POOL_MAX ?? 10),
          // Fail fast instead of queueing forever when the server is gone.
          connectionTimeoutMillis: 2000,
        },
        push: pushSchema(),
        migrationDir: path.join(rootDir, 'src/migrations/postgres'),
        logger: queryLogger(),
        afterSchemaInit: [indexLocalizedRowsByParent(postgresIndex)],
      })
    case 'mongodb': {
      const { mongooseAdapter } = await import('@payloadcms/db-mongodb')
      return mongooseAdapter({
        url: target.url,
        connectOptions: { serverSelectionTimeoutMS: 5000 },
      })
    }
  }
}

/**
 * Keeps a lost database connection from killing the process. node-postgres reports a dropped
 * connection as an 'error' event on the pool (idle clients) and on the client itself (clients
 * checked out, e.g. holding a transaction); with no listener, Node treats it as a crash.
 * Requests fail and /readyz says 503 until the database is back; the pool then reconnects.
 */
export function surviveConnectionLoss(payload: Payload): void {
  const db = payload.db as unknown as Record<string, any>
  if (db.name !== 'postgres' || !db.pool || db.pool.__carelineWatched) return
  db.pool.__carelineWatched = true
  const report = (error: Error) => payload.logger.warn({ msg: `Database connection lost: ${error.message}` })
  const watch = (client: { on(event: 'error', listener: (error: Error) => void): void }) => client.on('error', report)
  db.pool.on('error', report)
  db.pool.on('connect', watch)
  for (const client of db.pool._clients ?? []) watch(client)
}

interface SqliteTransaction {
  execute(sql: string): Promise<unknown>
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): void
}
interface LibsqlDatabase {
  open: boolean
  close(): void
  prepare(sql: string): unknown
}

/**
 * libSQL gives each transaction a connection of its own and never closes it: the connection (its
 * page cache and parsed schema, native memory) lives until the garbage collector happens to
 * finalize it. Under a steady write load the process grew by a couple of hundred megabytes before
 * levelling off (npm run soak). So the transaction's connection is closed as soon as it ends.
 * The driver keeps it in a private field; it is recognised by the statement the wrapper runs on
 * it first.
 */
/** libSQL's `Database` class, the driver behind Payload's SQLite adapter (also for tools and tests that open it directly). */
export const libsqlDatabase = (() => {
  let Database: { prototype: LibsqlDatabase } | undefined
  return () => {
    if (!Database) {
      // libSQL's driver is a dependency of Payload's SQLite adapter, not of Careline.
      const fromAdapter = createRequire(createRequire(import.meta.url).resolve('@payloadcms/db-sqlite'))
      const fromClient = createRequire(fromAdapter.resolve('@libsql/client'))
      Database = fromClient('libsql') as { prototype: LibsqlDatabase }
    }
    return Database
  }
})()
let capturing: LibsqlDatabase[] | undefined

function closesItsConnection(transaction: SqliteTransaction): SqliteTransaction {
  const { prototype } = libsqlDatabase()
  if (!(prototype as { __carelineCapture?: boolean }).__carelineCapture) {
    const prepare = prototype.prepare
    prototype.prepare = function (this: LibsqlDatabase, sql: string) {
      capturing?.push(this)
      return prepare.call(this, sql)
    }
    ;(prototype as { __carelineCapture?: boolean }).__carelineCapture = true
  }
  let connection: LibsqlDatabase | undefined
  const identify = async () => {
    // The driver prepares the statement synchronously, within the call: only ours is seen.
    const seen: LibsqlDatabase[] = []
    capturing = seen
    let ran: Promise<unknown>
    try {
      ran = transaction.execute('SELECT 1')
    } finally {
      capturing = undefined
    }
    // If it cannot be told (a driver that works differently), the connection is left as before.
    await ran.catch(() => undefined)
    connection = seen[0]
  }
  const release = () => {
    if (connection?.open) connection.close()
  }
  const ready = identify()
  const endings: Record<string, unknown> = {
    async commit() {
      await ready
      await transaction.commit()
      release()
    },
    async rollback() {
      await ready
      try {
        await transaction.rollback()
      } finally {
        release()
      }
    },
    close() {
      try {
        if (connection === undefined || connection.open) transaction.close()
      } finally {
        release()
      }
    },
  }
  // Everything else is the driver's own (bound to it: its fields are private).
  return new Proxy(transaction, {
    get(target, name) {
      if (typeof name === 'string' && name in endings) return endings[name]
      const value = Reflect.get(target, name, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * SQLite has one writer at a time, and libSQL's driver is synchronous: a transaction that waits
 * for the write lock blocks the whole event loop, so two transactions in one process (two jobs,
 * two requests) could only fail (SQLITE_BUSY) or stall each other. Careline therefore queues its
 * own transactions in order, and keeps SQLite's busy timeout for other processes (a CLI beside
 * the server). libSQL opens a fresh connection after each transaction without the timeout
 * Payload set at connect, so it is set again on each one.
 */
export function serializeSqliteTransactions(payload: Payload, waitMs = 30_000): void {
  const db = payload.db as unknown as Record<string, any>
  if (db.name !== 'sqlite' || db.__carelineSerialized) return
  db.__carelineSerialized = true

  const client = db.client as { transaction: (...args: unknown[]) => Promise<unknown>; execute(sql: string): Promise<unknown> }
  const timeout = Number(db.busyTimeout) || 5000
  const openTransaction = client.transaction.bind(client)
  client.transaction = async (...args: unknown[]) => {
    const transaction = closesItsConnection((await openTransaction(...args)) as SqliteTransaction)
    await client.execute(`PRAGMA busy_timeout = ${timeout};`)
    return transaction
  }

  let tail: Promise<void> = Promise.resolve()
  const holders = new Map<string | number, () => void>()
  const acquire = () => {
    let release!: () => void
    const turn = new Promise<void>((resolve) => (release = resolve))
    const ready = tail
    tail = tail.then(() => turn)
    let timer: NodeJS.Timeout | undefined
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`SQLite stayed busy for ${waitMs} ms; try again.`)), waitMs)
    })
    return Promise.race([ready.then(() => release), waited]).then(
      (r) => (clearTimeout(timer), r),
      (error) => {
        clearTimeout(timer)
        // Give up our place without blocking those behind us.
        void ready.then(release)
        throw error
      },
    )
  }
  const begin = db.beginTransaction.bind(db)
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  const finish = async (end: (id: unknown) => Promise<void>, id: string | number | Promise<string | number>) => {
    const key = await id
    try {
      await end(key)
    } finally {
      holders.get(key)?.()
      holders.delete(key)
    }
  }
  db.beginTransaction = async (options?: unknown) => {
    const release = await acquire()
    try {
      const id = await begin(options)
      if (id == null) release()
      else holders.set(id, release)
      return id
    } catch (error) {
      release()
      throw error
    }
  }
  db.commitTransaction = (id: string | number | Promise<string | number>) => finish(commit, id)
  db.rollbackTransaction = (id: string | number | Promise<string | number>) => finish(rollback, id)
}

/** Cheap round trip used by `/readyz`; rejects when the database does not answer in time. */
export async function pingDatabase(payload: Payload, timeoutMs = 1000): Promise<void> {
  const db = payload.db as unknown as Record<string, any>
  const ping = (async () => {
    switch (db.name) {
      case 'sqlite':
        await db.client.execute('select 1')
        return
      case 'postgres':
        await db.pool.query('select 1')
        return
      case 'mongoose':
        await db.connection.db.admin().ping()
        return
      default:
        throw new Error(`No readiness check for database adapter "${db.name}"`)
    }
  })()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([ping, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Payload's `destroy()` leaves the SQL connection open (the PostgreSQL pool keeps the process
 * alive), so close the underlying client here too.
 */
export async function closeDatabase(payload: Payload): Promise<void> {
  const db = payload.db as unknown as Record<string, any>
  await payload.destroy()
  if (db.name === 'postgres' && db.pool && !db.pool.ended) {
    // The adapter checks one client out at connect and never returns it, so `pool.end()` alone
    // waits forever. End the pool, then destroy every client still checked out.
    const ended = db.pool.end()
    for (const client of db.pool._clients ?? []) client.release?.(true)
    await ended
  }
  if (db.name === 'sqlite') db.client?.close?.()
  if (db.name === 'mongoose') await db.connection?.close?.()
}

type AfterCommit = () => void | Promise<void>
const AFTER_COMMIT = Symbol.for('careline.afterCommit')

/**
 * Payload has no "after the transaction committed" hook, yet some work must wait for it: a
 * cache dropped before the commit can be refilled from the old rows by a concurrent read.
 * `runAfterCommit(req, fn)` runs `fn` once the request's transaction commits (never if it
 * rolls back), or at once when the write has no transaction. Installed by `openCareline()`.
 */
export function enableAfterCommit(payload: Payload): void {
  const db = payload.db as unknown as Record<string | symbol, any>
  if (db[AFTER_COMMIT]) return
  const pending = new Map<string | number, AfterCommit[]>()
  db[AFTER_COMMIT] = pending
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (id: string | number | Promise<string | number>) => {
    const key = await id
    await commit(key)
    const callbacks = pending.get(key) ?? []
    pending.delete(key)
    for (const callback of callbacks) {
      try {
        await callback()
      } catch (error) {
        payload.logger.error({ err: error, msg: 'After-commit work failed' })
      }
    }
  }
  db.rollbackTransaction = async (id: string | number | Promise<string | number>) => {
    const key = await id
    pending.delete(key)
    await rollback(key)
  }
}

export async function runAfterCommit(req: { payload: Payload; transactionID?: unknown }, callback: AfterCommit): Promise<void> {
  const pending = (req.payload.db as unknown as Record<symbol, Map<string | number, AfterCommit[]> | undefined>)[AFTER_COMMIT]
  const id = (await req.transactionID) as string | number | undefined
  if (!pending || id == null) {
    await callback()
    return
  }
  pending.set(id, [...(pending.get(id) ?? []), callback])
}

/**
 * Takes the row lock of a document for the rest of the request's transaction, so that two
 * writes deciding from the same document's state (its revision, its review stage) go one after
 * the other. Needed on PostgreSQL only: SQLite transactions already run one at a time here
 * (serializeSqliteTransactions), and MongoDB aborts one of two transactions writing the same
 * document. Returns whether a lock was taken (the caller then re-reads what it decides from).
 */
export async function lockDocumentRow(req: { payload: Payload; transactionID?: unknown }, collection: string, id: number | string): Promise<boolean> {
  const db = req.payload.db as unknown as Record<string, any>
  if (db.name !== 'postgres') return false
  const transactionID = await req.transactionID
  const session = transactionID == null ? undefined : db.sessions?.[String(transactionID)]
  const table = db.tableNameMap?.get(collection.replace(/-/g, '_'))
  if (!session || !table || !/^\d+$/.test(String(id))) return false
  const { sql } = await import('drizzle-orm')
  await db.execute({ db: session.db, sql: sql.raw(`select id from "${table}" where id = ${Number(id)} for update`) })
  return true
}
