/**
 * Careline's database: which one `DATABASE_URI` names, the Payload adapter built for it, and what
 * Careline adds where Payload's adapters stop. Everything else in Careline imports from here.
 *
 *   settings.ts           the settings the database reads (checked with all others in src/settings)
 *   target.ts             DATABASE_URI -> SQLite, PostgreSQL or MongoDB (no connection made)
 *   adapters.ts           the Payload adapter for each, with Careline's options
 *   mongodb.ts            MongoDB and the managed services that speak it (MONGODB_COMPATIBILITY)
 *   indexes.ts            indexes added to Payload's schema for the queries it sends
 *   plannerStatistics.ts  SQLite's ANALYZE statistics, refreshed at start and every few hours
 *   queryCount.ts         opt-in SQL logging and per-request query counting
 *   connection.ts         the readiness ping and a clean close
 *   storedJson.ts         one row's JSON field as stored text, by key (the public pages' bodies)
 *   patches.ts            installs the runtime patches below, in a stated order
 *   connectionLoss.ts     PostgreSQL: a dropped connection is not a crash
 *   statementCache.ts     SQLite: each connection keeps the statements it prepared
 *   postgresStatements.ts PostgreSQL: each connection names its reads, so each is planned once
 *   relationalQueryMemo.ts SQLite and PostgreSQL: Drizzle builds each shape of read's SQL once
 *   mongodbJoins.ts       MongoDB without join aggregations: joins read inside their transaction,
 *                         and whether a read of several documents gets their joins right
 *   transactions/         SQLite's queue and libSQL's connections, after-commit work, row locks
 *   internals.ts          every read of a field Payload's adapters or drivers keep to themselves
 *
 * Workarounds for Payload or a driver are labelled WORKAROUND in their file, with what they work
 * around and how to tell when they can go.
 */
export { databaseAdapter } from './adapters'
export { closeDatabase, pingDatabase } from './connection'
export { executeInTransaction, libsqlDatabase } from './internals'
export { joinsExactInMultiDocumentReads } from './mongodbJoins'
export { installDatabasePatches } from './patches'
export { refreshQueryPlannerStatistics } from './plannerStatistics'
export { countDatabaseQueries, countDatabaseQueriesInto, databaseQueryCountEnabled, type QueryCounter } from './queryCount'
export { databaseSettings } from './settings'
export { keepsJsonTextCopy, storedJsonReader, type StoredJsonReader } from './storedJson'
export { type DatabaseKind, type DatabaseTarget, DatabaseConfigError, DEFAULT_SQLITE_FILE, resolveDatabaseTarget } from './target'
export { runAfterCommit } from './transactions/afterCommit'
export { lockDocumentRow } from './transactions/rowLocks'
