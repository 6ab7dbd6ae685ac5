/**
 * WORKAROUND (Payload 3.90.2 / @payloadcms/db-postgres 3.90.2): Payload's API has no locking read
 * (`select ... for update`), so two writes deciding from the same document's state (its revision,
 * its review stage) under PostgreSQL's READ COMMITTED could both decide from the old state.
 * Needed on PostgreSQL only: SQLite transactions already run one at a time here
 * (./sqliteQueue.ts), and MongoDB aborts one of two transactions writing the same document.
 *
 * How to tell when it can go: when Payload's reads can take a row lock, use that in
 * collections/medicalReview/hooks/applyReviewWorkflow.ts and check tests/concurrency.test.ts with
 * TEST_DATABASE=postgres (concurrent publishes of one revision: it goes live once).
 */
import type { Payload } from 'payload'

import { executeInTransaction, tableNameOf, transactionSession } from '../internals'

/**
 * Takes the row lock of a document for the rest of the request's transaction, so that the writes
 * deciding from it go one after the other. Returns whether a lock was taken (the caller then
 * re-reads what it decides from).
 */
export async function lockDocumentRow(req: { payload: Payload; transactionID?: unknown }, collection: string, id: number | string): Promise<boolean> {
  const { payload } = req
  if (payload.db.name !== 'postgres') return false
  const transactionID = await req.transactionID
  const table = tableNameOf(payload, collection)
  if (!transactionSession(payload, transactionID) || !table || !/^\d+$/.test(String(id))) return false
  const { sql } = await import('drizzle-orm')
  await executeInTransaction(payload, transactionID, sql.raw(`select id from "${table}" where id = ${Number(id)} for update`))
  return true
}
