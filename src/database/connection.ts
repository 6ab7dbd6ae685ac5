/**
 * The open connection's two moments outside Payload's own API: asking whether the database
 * answers (`/readyz`), and closing everything at shutdown.
 */
import type { Payload } from 'payload'

import { postgresPoolClients } from './internals'
import { closeStoredJsonReaders } from './storedJson'

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

/** Croner's job (Payload's job autorun): `stop()` ends the schedule; `isBusy()` is true while a run is in flight. */
interface JobCron {
  stop(): unknown
  isBusy(): boolean
}

/**
 * WORKAROUND (Payload 3.90.2): `destroy()` stops the job autorun's schedule but does not wait for
 * a run already in flight, which then met a closed connection ("Operation interrupted because
 * client was closed" on MongoDB, for every job of the batch) and left its jobs half-run. The
 * schedule is stopped here first and a run in flight given up to `maxWaitMs` to finish. Can go
 * when Payload's `destroy()` awaits the running job batch.
 */
async function finishJobRunsInFlight(payload: Payload, maxWaitMs = 10_000): Promise<void> {
  const crons = ((payload as unknown as { crons?: JobCron[] }).crons ?? []).filter((cron) => typeof cron?.isBusy === 'function')
  for (const cron of crons) cron.stop()
  const deadline = Date.now() + maxWaitMs
  // Croner has no event for the end of a run; its flag is read every 25 ms, at shutdown only.
  while (crons.some((cron) => cron.isBusy()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))
}

/**
 * WORKAROUND (Payload 3.90.2 / pg 8.20): Payload's `destroy()` leaves the SQL connection open
 * (the PostgreSQL pool keeps the process alive), so the underlying client is closed here too.
 * Can go when, with only `payload.destroy()` here, a script on PostgreSQL (`npm run seed`) and a
 * PostgreSQL test run (TEST_DATABASE=postgres tests/readiness.test.ts) still exit on their own.
 */
export async function closeDatabase(payload: Payload): Promise<void> {
  const db = payload.db as unknown as Record<string, any>
  await finishJobRunsInFlight(payload)
  await payload.destroy()
  if (db.name === 'postgres' && db.pool && !db.pool.ended) {
    // The adapter checks one client out at connect and never returns it, so `pool.end()` alone
    // waits forever. End the pool, then destroy every client still checked out.
    const ended = db.pool.end()
    for (const client of postgresPoolClients(db.pool)) client.release?.(true)
    await ended
  }
  if (db.name === 'sqlite') {
    closeStoredJsonReaders(payload)
    db.client?.close?.()
  }
  if (db.name === 'mongoose') await db.connection?.close?.()
}
