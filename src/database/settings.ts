/**
 * The settings the database reads, in the database's own words. The variables themselves are
 * read and checked with all the others, once, in src/settings.
 *
 * Asked on each call, not at import: a test that sets a variable (tests/query-budget.test.ts
 * turns DATABASE_QUERY_COUNT on) reloads the settings before Payload starts.
 */
import { type Settings, settings } from '../settings'

export interface DatabaseSettings {
  /** `DATABASE_URI`: which database, by its scheme (see target.ts). Unset: the embedded SQLite file. */
  uri: string | undefined
  /** `DATABASE_POOL_MAX`: PostgreSQL connections in the pool. */
  poolMax: number
  /** `DATABASE_QUERY_LOG=true`: print every SQL statement (for reading query plans). */
  queryLog: boolean
  /** `DATABASE_QUERY_COUNT=true`: count SQL statements per unit of work (the benchmark, the query budget test). */
  queryCount: boolean
  /** `MONGODB_COMPATIBILITY`: which MongoDB-compatible server `DATABASE_URI` names (mongodb.ts). */
  mongodbCompatibility: 'mongodb' | 'documentdb' | 'cosmosdb' | 'firestore'
  /** `PAYLOAD_DB_PUSH=true`: push the schema from the config instead of migrating (local experiments only). */
  pushSchema: boolean
}

export function databaseSettings(from: Settings = settings): DatabaseSettings {
  return {
    uri: from.databaseURI,
    poolMax: from.databasePoolMax,
    queryLog: from.databaseQueryLog,
    queryCount: from.databaseQueryCount,
    mongodbCompatibility: from.mongodbCompatibility,
    pushSchema: from.payloadDbPush,
  }
}
