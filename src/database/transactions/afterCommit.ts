/**
 * WORKAROUND (Payload 3.90.2): Payload has no "after the transaction committed" hook, yet some
 * work must wait for it: a cache dropped before the commit can be refilled from the old rows by a
 * concurrent read. `runAfterCommit(req, fn)` runs `fn` once the request's transaction commits
 * (never if it rolls back), or at once when the write has no transaction. `enableAfterCommit`
 * wraps the adapter's commit and rollback to make that happen.
 *
 * How to tell when it can go: when Payload offers such a hook, run `runAfterCommit`'s callers
 * (src/cache) on it instead and check tests/caching.test.ts ("invalidation") on SQLite and
 * PostgreSQL.
 */
import type { Payload } from 'payload'

type AfterCommit = () => void | Promise<void>
type TransactionID = string | number
const AFTER_COMMIT = Symbol.for('careline.afterCommit')

export function enableAfterCommit(payload: Payload): void {
  const db = payload.db as unknown as Record<string | symbol, any>
  if (db[AFTER_COMMIT]) return
  const pending = new Map<TransactionID, AfterCommit[]>()
  db[AFTER_COMMIT] = pending
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (id: TransactionID | Promise<TransactionID>) => {
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
  db.rollbackTransaction = async (id: TransactionID | Promise<TransactionID>) => {
    const key = await id
    pending.delete(key)
    await rollback(key)
  }
}

/** Runs `callback` after the request's transaction commits (dropped if it rolls back); at once without one. */
export async function runAfterCommit(req: { payload: Payload; transactionID?: unknown }, callback: AfterCommit): Promise<void> {
  const pending = (req.payload.db as unknown as Record<symbol, Map<TransactionID, AfterCommit[]> | undefined>)[AFTER_COMMIT]
  const id = (await req.transactionID) as TransactionID | undefined
  if (!pending || id == null) {
    await callback()
    return
  }
  pending.set(id, [...(pending.get(id) ?? []), callback])
}
