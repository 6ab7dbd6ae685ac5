/**
 * WORKAROUND (Payload 3.90.2 / @libsql/client 0.14.0, libsql 0.4.7): the connection libSQL gives
 * each transaction.
 * - It is never closed: the connection (its page cache and parsed schema, native memory) lives
 *   until the garbage collector happens to finalize it. Under a steady write load the process grew
 *   by a couple of hundred megabytes before levelling off (npm run soak). So it is closed as soon
 *   as the transaction ends.
 * - The client then opens a fresh connection of its own without the busy timeout Payload set at
 *   connect, so the timeout is set again after each transaction is opened.
 * - A BEGIN refused with SQLITE_BUSY_SNAPSHOT leaves the client on the connection that refused it,
 *   and every later BEGIN there is refused too: the connection holds a read of an older snapshot
 *   (a statement on it was left unfinished), which SQLite will not promote to a write once
 *   another process has written. Seen in CI with a test process writing beside the server: every
 *   write of the server answered 500 from then on. The client is moved off that connection by a
 *   deferred BEGIN (which takes no lock, so it cannot be refused), the stale connection is rolled
 *   back and closed, and the transaction is opened again on a fresh one.
 * - What leaves a statement unfinished: a statement run outside a transaction that finds the
 *   database locked (SQLITE_BUSY after the busy timeout, e.g. Payload's job-queue cron writing
 *   its stats while another process writes) stays in progress in libSQL, and libSQL has no way
 *   to reset it: its connection keeps reading the snapshot it began with, so later reads on the
 *   client miss newer rows (a user just registered: 403) and its writes are refused. Kept
 *   statements (src/database/statementCache.ts) made that last until the same SQL ran again.
 *   So such an error also moves the client off its connection (the same deferred BEGIN).
 *
 * The driver keeps the transaction's connection in a private field; it is recognised by the
 * statement run on it first, seen through a process-wide patch of libSQL's
 * `Database.prototype.prepare` (watchLibsqlStatements).
 *
 * How to tell when it can go: tests/concurrency.test.ts on SQLite ("a transaction's own connection
 * is closed when it commits or rolls back") passes with this file's patch removed, and
 * `npm run soak` holds steady memory; for the timeout, `PRAGMA busy_timeout` on the client after a
 * transaction answers 5000 without the reset; for the stale snapshot, the concurrency test "a
 * write goes through after the client's connection was left on an old snapshot" passes without it;
 * for a locked statement, "a statement that found the database locked leaves the client reading
 * current rows" passes without it (libSQL resets such statements, or exposes `reset`).
 */
import type { Payload } from 'payload'

import { type LibsqlConnection, libsqlDatabase } from '../internals'

interface SqliteTransaction {
  execute(sql: string): Promise<unknown>
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): void
}

/** Connections that prepared a statement while a transaction's first statement was being run. */
let capturing: LibsqlConnection[] | undefined

/** Process-wide and once: libSQL's `prepare` notes its connection while someone is listening. */
function watchLibsqlStatements(): void {
  const { prototype } = libsqlDatabase()
  const watched = prototype as { __carelineCapture?: boolean }
  if (watched.__carelineCapture) return
  const prepare = prototype.prepare
  prototype.prepare = function (this: LibsqlConnection, sql: string) {
    capturing?.push(this)
    return prepare.call(this, sql)
  }
  watched.__carelineCapture = true
}

/** The transaction, with its connection closed as soon as it commits, rolls back or is closed. */
function closesItsConnection(transaction: SqliteTransaction): SqliteTransaction {
  let connection: LibsqlConnection | undefined
  const identify = async () => {
    // The driver prepares the statement synchronously, within the call: only ours is seen.
    const seen: LibsqlConnection[] = []
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

/** Wraps the SQLite adapter's libSQL client so each transaction closes its connection and keeps the busy timeout, and no connection stays on an old snapshot. */
export function closeTransactionConnections(payload: Payload): void {
  const db = payload.db as unknown as Record<string, any>
  if (db.name !== 'sqlite' || db.__carelineTransactionConnections) return
  db.__carelineTransactionConnections = true
  watchLibsqlStatements()

  const client = db.client as { transaction: (...args: unknown[]) => Promise<unknown>; execute(...args: unknown[]): Promise<unknown>; batch(...args: unknown[]): Promise<unknown> }
  const timeout = Number(db.busyTimeout) || 5000
  const openTransaction = client.transaction.bind(client)
  const opened = async (...args: unknown[]) => {
    const transaction = closesItsConnection((await openTransaction(...args)) as SqliteTransaction)
    await client.execute(`PRAGMA busy_timeout = ${timeout};`)
    return transaction
  }
  /** The client's connection is closed (a deferred BEGIN takes it, rolled back) and the client opens a fresh one. */
  const leaveConnection = async () => {
    const stale = await opened('deferred')
    await stale.rollback().catch(() => undefined)
  }
  client.transaction = async (...args: unknown[]) => {
    try {
      return await opened(...args)
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY_SNAPSHOT') throw error
      payload.logger.warn('SQLite: the connection reads an old snapshot and cannot begin a write; moving to a fresh connection')
      await leaveConnection()
      return opened(...args)
    }
  }
  for (const method of ['execute', 'batch'] as const) {
    const run = client[method].bind(client)
    client[method] = async (...args: unknown[]) => {
      try {
        return await run(...args)
      } catch (error) {
        if (/^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code))) {
          payload.logger.warn(`SQLite: a statement found the database locked (${String((error as { code?: unknown }).code)}) and holds its connection's old snapshot; moving to a fresh connection`)
          await leaveConnection().catch((cause: unknown) => payload.logger.error({ err: cause, msg: 'SQLite: could not leave the locked connection' }))
        }
        throw error
      }
    }
  }
}
