/**
 * WORKAROUND (@libsql/client 0.14.0, libsql 0.4.7, under Payload 3.90.2's SQLite adapter): the
 * client prepares every statement anew (`executeStmt` calls `db.prepare(sql)` on each execute)
 * and libSQL keeps no statement cache, so SQLite compiles the same SQL on every read. Payload's
 * relational queries are long (a condition by slug at depth 1 is 3.6 KB of SQL with a subquery
 * per array and locale table): compiling them was 8% of that read's CPU.
 *
 * So each connection keeps its most recently prepared statements by SQL text and hands the same
 * statement back. That is safe because the client uses a statement synchronously, from prepare
 * to its last row (`all` or `run`), and sets its modes (`safeIntegers`, `raw`) each time; SQLite
 * re-prepares a kept statement itself when the schema changes. A connection's statements are
 * dropped when it is closed (a transaction's connection is, src/database/transactions). A
 * statement that throws while stepping (SQLITE_BUSY) stays in progress, holding its connection's
 * snapshot, until it is run again; src/database/transactions/libsqlConnections.ts moves the
 * client off such a connection.
 *
 * How to tell when it can go: @libsql/client's `executeStmt` (lib-esm/sqlite3.js) reuses
 * statements itself, or Payload's SQLite adapter moves to a driver that does; then removing this
 * file changes no figure of `npm run bench -- --scenarios rest-by-slug`.
 */
import type { Payload } from 'payload'

import { type LibsqlConnection, libsqlDatabase } from './internals'

/** Statements kept per connection: Payload's query shapes for a collection number in the tens. */
const KEPT_PER_CONNECTION = 200

const kept = new WeakMap<LibsqlConnection, Map<string, unknown>>()

export function cacheSqliteStatements(payload: Payload): void {
  if (payload.db.name !== 'sqlite') return
  const { prototype } = libsqlDatabase()
  const patched = prototype as { __carelineStatementCache?: boolean }
  if (patched.__carelineStatementCache) return
  const { prepare, close } = prototype
  prototype.prepare = function (this: LibsqlConnection, sql: string) {
    let statements = kept.get(this)
    if (!statements) kept.set(this, (statements = new Map()))
    const known = statements.get(sql)
    if (known) {
      // Most recently used last: the first entry is the one to drop.
      statements.delete(sql)
      statements.set(sql, known)
      return known
    }
    const statement = prepare.call(this, sql)
    statements.set(sql, statement)
    if (statements.size > KEPT_PER_CONNECTION) statements.delete(statements.keys().next().value!)
    return statement
  }
  prototype.close = function (this: LibsqlConnection) {
    kept.delete(this)
    close.call(this)
  }
  patched.__carelineStatementCache = true
}
