/**
 * The open connection's two moments outside Payload's own API: asking whether the database
 * answers (`/readyz`), and closing everything at shutdown.
 */
import type { Payload } from 'payload'

import { postgresPoolClients } from './internals'

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
 * WORKAROUND (Payload 3.90.2 / pg 8.20): Payload's `destroy()` leaves the SQL connection open
 * (the PostgreSQL pool keeps the process alive), so the underlying client is closed here too.
 * Can go when, with only `payload.destroy()` here, a script on PostgreSQL (`npm run seed`) and a
 * PostgreSQL test run (TEST_DATABASE=postgres tests/readiness.test.ts) still exit on their own.
 */
export async function closeDatabase(payload: Payload): Promise<void> {
  const db = payload.db as unknown as Record<string, any>
  await payload.destroy()
  if (db.name === 'postgres' && db.pool && !db.pool.ended) {
    // The adapter checks one client out at connect and never returns it, so `pool.end()` alone
    // waits forever. End the pool, then destroy every client still checked out.
    const ended = db.pool.end()
    for (const client of postgresPoolClients(db.pool)) client.release?.(true)
    await ended
  }
  if (db.name === 'sqlite') db.client?.close?.()
  if (db.name === 'mongoose') await db.connection?.close?.()
}
