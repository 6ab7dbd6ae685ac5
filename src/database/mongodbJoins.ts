/**
 * WORKAROUND (@payloadcms/db-mongodb 3.90.2): with `useJoinAggregations: false` (what
 * MONGODB_COMPATIBILITY=documentdb, cosmosdb and firestore select, src/database/mongodb.ts),
 * Payload fills join fields (a condition's `subtypes`, the conditions that list a symptom) with
 * plain finds that leave out the request's transaction session (utilities/resolveJoins.js). Inside
 * a transaction they read only what was committed before it: the page snapshot written in a
 * publish's own transaction (src/publication) missed the change being published, and any hook
 * reading a join mid-transaction saw stale data.
 *
 * The adapter's reads that resolve joins (find, findOne, queryDrafts) now run with their
 * request's session in an AsyncLocalStorage, and the models' `find` and `countDocuments` take that
 * session when the caller gave none. Nothing changes outside transactions or with join
 * aggregations on (MongoDB itself).
 *
 * How to tell when it can go: resolveJoins passes `session` to its `find` and `countDocuments`;
 * then tests/delivery.test.ts passes on TEST_DATABASE=mongodb without this patch.
 */
/*
 * WORKAROUND (@payloadcms/db-mongodb 3.90.2), the same code path: a find of several documents
 * fills their join fields with one query for all of them, and then gives each document the
 * `limit` and `hasNextPage` of all of them together (resolveJoins.js: `totalCount` is summed over
 * every parent, the `limit` cuts the combined list). A treatment listed by conditions showed
 * `hasNextPage: true` because another treatment in the same read was listed too (found by the
 * property test of tests/delivery.test.ts on the MongoDB lane). `joinsExactInMultiDocumentReads`
 * says whether a read of several documents may be trusted with joins; where it may not, the
 * page renderer (src/publication/pages.ts) reads one document per query.
 *
 * How to tell when it can go: resolveJoins counts and limits per parent; then that property test
 * passes on TEST_DATABASE=mongodb with this returning true.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

import type { Payload } from 'payload'

import { mongooseAdapterInternals } from './internals'

interface MongoQuery {
  getOptions(): { session?: unknown }
  session(session: unknown): MongoQuery
}
type ModelMethod = (...args: unknown[]) => MongoQuery
interface MongoModel {
  find: ModelMethod
  countDocuments: ModelMethod
  [patched]?: true
}
interface MongoAdapter {
  useJoinAggregations?: boolean
  sessions?: Record<string, { inTransaction(): boolean }>
  collections?: Record<string, MongoModel>
  versions?: Record<string, MongoModel>
  find: (args: { req?: { transactionID?: unknown } }) => Promise<unknown>
  findOne: MongoAdapter['find']
  queryDrafts: MongoAdapter['find']
  [patched]?: true
}

const patched = Symbol('careline.joinsInTransaction')
const sessionOfThisRead = new AsyncLocalStorage<unknown>()

export function joinsReadInTheirTransaction(payload: Payload): void {
  const adapter = mongooseAdapterInternals<MongoAdapter>(payload)
  if (!adapter || adapter.useJoinAggregations !== false || adapter[patched]) return
  adapter[patched] = true

  for (const method of ['find', 'findOne', 'queryDrafts'] as const) {
    const original = adapter[method].bind(adapter)
    adapter[method] = async (args) => {
      const transactionID = await args?.req?.transactionID
      const session = transactionID == null ? undefined : adapter.sessions?.[String(transactionID)]
      return session?.inTransaction() ? sessionOfThisRead.run(session, () => original(args)) : original(args)
    }
  }

  for (const model of [...Object.values(adapter.collections ?? {}), ...Object.values(adapter.versions ?? {})]) {
    if (model[patched]) continue
    model[patched] = true
    for (const method of ['find', 'countDocuments'] as const) {
      const original = model[method]
      model[method] = function (this: unknown, ...args: unknown[]) {
        const query = original.apply(this, args)
        const session = sessionOfThisRead.getStore()
        if (session && !query.getOptions().session) query.session(session)
        return query
      }
    }
  }
}

/** False where Payload gives a multi-document read wrong join pages (see the second WORKAROUND above). */
export function joinsExactInMultiDocumentReads(payload: Payload): boolean {
  return mongooseAdapterInternals<MongoAdapter>(payload)?.useJoinAggregations !== false
}
