/**
 * WORKAROUND (Payload 3.90.2 / pg 8.20): a lost PostgreSQL connection must not kill the process.
 * node-postgres reports a dropped connection as an 'error' event on the pool (idle clients) and
 * on the client itself (clients checked out, e.g. the one Payload's adapter holds from connect, or
 * one holding a transaction); Payload's adapter listens to neither, and with no listener Node
 * treats the event as a crash. With this, requests fail and /readyz says 503 until the database
 * is back; the pool then reconnects.
 *
 * How to tell when it can go: remove it and run tests/faults.test.ts and tests/readiness.test.ts
 * with TEST_DATABASE=postgres; if the server survives PostgreSQL stopping (Payload then listens
 * itself), it is no longer needed.
 */
import type { Payload } from 'payload'

import { type PostgresClient, postgresPoolClients } from './internals'

export function surviveConnectionLoss(payload: Payload): void {
  const db = payload.db as unknown as Record<string, any>
  if (db.name !== 'postgres' || !db.pool || db.pool.__carelineWatched) return
  db.pool.__carelineWatched = true
  const report = (error: Error) => payload.logger.warn({ msg: `Database connection lost: ${error.message}` })
  const watch = (client: PostgresClient) => client.on('error', report)
  db.pool.on('error', report)
  // Clients connected from now on, and those connected before this ran (the adapter's own).
  db.pool.on('connect', watch)
  for (const client of postgresPoolClients(db.pool)) watch(client)
}
