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
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
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

/** Opt-in only: a pushed database can no longer take migrations without losing data. */
const pushSchema = () => process.env.PAYLOAD_DB_PUSH === 'true'

export function databaseAdapter(target: DatabaseTarget = resolveDatabaseTarget()): DatabaseAdapterObj {
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
      })
    case 'mongodb':
      return mongooseAdapter({
        url: target.url,
        connectOptions: { serverSelectionTimeoutMS: 5000 },
      })
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
    const transaction = await openTransaction(...args)
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
