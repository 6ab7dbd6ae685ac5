/**
 * The runtime patches on Payload's database adapter, installed together by `openCareline()`
 * (src/runtime.ts) right after connecting. Each is labelled WORKAROUND in its own file with what
 * it works around and how to tell when it can go; each does nothing on databases it is not for,
 * and nothing the second time.
 *
 * The order matters, because three of them wrap the same methods and the last installed runs
 * outermost:
 * 1. surviveConnectionLoss (PostgreSQL) first: from then on a dropped connection is a warning,
 *    not a crash, including the client the adapter has held since it connected.
 * 2. closeTransactionConnections (SQLite) wraps the libSQL client's `transaction()`, beneath
 *    Payload: every transaction Payload opens closes its connection and keeps the busy timeout;
 *    and its `execute`/`batch`: a statement that found the database locked leaves no connection
 *    on an old snapshot.
 *    It recognises a transaction's connection by the statement it prepares, so it wraps libSQL's
 *    `prepare` outside cacheSqliteStatements (installed just before it), which hands a kept
 *    statement back without preparing.
 * 3. serializeSqliteTransactions (SQLite) wraps begin/commit/rollback with the queue.
 * 4. enableAfterCommit wraps commit/rollback over the queue, so after-commit work runs once the
 *    queue has given the transaction's turn to the next one. Installed the other way round, work
 *    that opens a transaction of its own after a commit would wait for the turn its caller still
 *    holds, until the queue's timeout (30 s).
 *
 * 5. joinsReadInTheirTransaction (MongoDB without join aggregations) wraps the adapter's reads
 *    and the Mongoose models, beneath everything above: join fields read inside a transaction
 *    see that transaction's writes.
 *
 * installPostgresStatementNames (PostgreSQL) and cacheSqliteStatements (SQLite) keep each
 * connection's prepared reads; memoizeRelationalQueries (both) keeps the SQL Drizzle builds for
 * each shape of read. None wraps what another patch wraps.
 *
 * The row locks (./transactions/rowLocks.ts) are a function the review workflow calls, not a
 * patch, so they are not installed here.
 */
import type { Payload } from 'payload'

import { surviveConnectionLoss } from './connectionLoss'
import { joinsReadInTheirTransaction } from './mongodbJoins'
import { installPostgresStatementNames } from './postgresStatements'
import { memoizeRelationalQueries } from './relationalQueryMemo'
import { cacheSqliteStatements } from './statementCache'
import { enableAfterCommit } from './transactions/afterCommit'
import { closeTransactionConnections } from './transactions/libsqlConnections'
import { serializeSqliteTransactions } from './transactions/sqliteQueue'

export function installDatabasePatches(payload: Payload): void {
  surviveConnectionLoss(payload)
  installPostgresStatementNames(payload)
  memoizeRelationalQueries(payload)
  cacheSqliteStatements(payload)
  closeTransactionConnections(payload)
  serializeSqliteTransactions(payload)
  enableAfterCommit(payload)
  joinsReadInTheirTransaction(payload)
}
