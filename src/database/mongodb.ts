/**
 * MongoDB and the managed services that speak its protocol. `MONGODB_COMPATIBILITY` names the
 * server behind `DATABASE_URI`; each name selects the options Payload recommends for it
 * (`compatibilityOptions` of @payloadcms/db-mongodb), so a hospital on AWS DocumentDB, Azure
 * Cosmos DB or Firestore's MongoDB compatibility sets one variable instead of learning the
 * adapter's flags:
 *   mongodb     MongoDB itself (docker-compose.yml's production database): Payload's defaults
 *   documentdb  no join aggregations (joins are read with plain finds), no index hints, bulk
 *               writes one document per transaction
 *   cosmosdb    as documentdb, and no transactions, no pipelines in sort lookups
 *   firestore   as cosmosdb, and no index building, no dropDatabase, BigInt number ids
 *
 * On every kind but Firestore, Careline builds the indexes at start and waits for them
 * (`ensureIndexes`) instead of leaving it to Mongoose's background `autoIndex`: the unique index
 * on slugs is what refuses a duplicate, and a server that does not build it in the background
 * (or builds it late) would otherwise accept duplicates silently.
 *
 * The MongoDB test lane runs on a MongoDB-wire test server with `documentdb` (tests/mongodbLane.mjs).
 */
import type { DatabaseAdapterObj } from 'payload'

import { mongooseQueryWatcher } from './queryCount'
import type { DatabaseSettings } from './settings'

export type MongoCompatibility = DatabaseSettings['mongodbCompatibility']

export async function mongodbAdapter(url: string, compatibility: MongoCompatibility): Promise<DatabaseAdapterObj> {
  // Loaded only when MongoDB is the database: Mongoose and the driver are about a tenth of the
  // start-up CPU.
  const { compatibilityOptions, mongooseAdapter } = await import('@payloadcms/db-mongodb')
  return mongooseAdapter({
    url,
    connectOptions: { serverSelectionTimeoutMS: 5000 },
    ensureIndexes: true,
    afterCreateConnection: mongooseQueryWatcher() as never,
    ...(compatibility === 'mongodb' ? {} : compatibilityOptions[compatibility]),
  })
}
