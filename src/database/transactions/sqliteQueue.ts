/**
 * WORKAROUND (Payload 3.90.2 / libsql 0.4.7): SQLite transactions of one process, one at a time.
 * SQLite has one writer at a time, and libSQL's driver is synchronous: a transaction that waits
 * for the write lock blocks the whole event loop, so two transactions in one process (two jobs,
 * two requests) could only fail (SQLITE_BUSY) or stall each other. Payload's SQLite adapter
 * begins them as they come, so Careline queues them in order here, and keeps SQLite's busy
 * timeout for other processes (a CLI beside the server). A transaction that waits longer than
 * `waitMs` for its turn fails with a message instead of hanging.
 *
 * How to tell when it can go: only once the driver waits for the lock without blocking the
 * event loop, or Payload's SQLite adapter queues transactions itself. Then tests/concurrency.test.ts
 * on SQLite (concurrent saves and publishes answer 200 or 409, never a 500) and
 * tests/faults.test.ts pass without it.
 */
import type { Payload } from 'payload'

type TransactionID = string | number

export function serializeSqliteTransactions(payload: Payload, waitMs = 30_000): void {
  const db = payload.db as unknown as Record<string, any>
  if (db.name !== 'sqlite' || db.__carelineSerialized) return
  db.__carelineSerialized = true

  let tail: Promise<void> = Promise.resolve()
  const holders = new Map<TransactionID, () => void>()
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
  const finish = async (end: (id: unknown) => Promise<void>, id: TransactionID | Promise<TransactionID>) => {
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
  db.commitTransaction = (id: TransactionID | Promise<TransactionID>) => finish(commit, id)
  db.rollbackTransaction = (id: TransactionID | Promise<TransactionID>) => finish(rollback, id)
}
