/**
 * The Payload database adapter for each kind of database, configured for Careline.
 *
 * SQL databases get their schema from the committed migrations in `src/migrations/<dialect>/`,
 * applied on every start by `src/runtime.ts`. Pushing the schema straight from the config is
 * opt-in (`PAYLOAD_DB_PUSH=true`) for quick local experiments: a pushed database can no longer
 * take migrations without losing data.
 */
import fs from 'node:fs'
import path from 'node:path'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { index as postgresIndex } from 'drizzle-orm/pg-core'
import { index as sqliteIndex } from 'drizzle-orm/sqlite-core'
import type { DatabaseAdapterObj } from 'payload'

import { indexLocalizedRowsByParent, indexRelationshipTargets } from './indexes'
import { mongodbAdapter } from './mongodb'
import { queryLogger } from './queryCount'
import { databaseSettings } from './settings'
import { type DatabaseTarget, resolveDatabaseTarget, rootDir } from './target'

/**
 * Async so that MongoDB's driver is loaded only when MongoDB is the database (mongodb.ts). The
 * SQL adapters are loaded anyway: the committed migrations import them.
 */
export async function databaseAdapter(target: DatabaseTarget = resolveDatabaseTarget()): Promise<DatabaseAdapterObj> {
  const settings = databaseSettings()
  switch (target.kind) {
    case 'sqlite':
      // libSQL does not create missing folders; a fresh clone has no ./data yet.
      fs.mkdirSync(path.dirname(target.url.slice('file:'.length)), { recursive: true })
      return sqliteAdapter({
        client: { url: target.url },
        // A writer waits for the lock instead of failing at once under concurrent requests.
        busyTimeout: 5000,
        wal: true,
        // Payload leaves SQLite transactions off by default; without them a failed write (or a
        // failed import) could leave half its rows behind. IMMEDIATE takes the write lock up
        // front, so two writers queue instead of deadlocking on a lock upgrade.
        transactionOptions: { behavior: 'immediate' },
        push: settings.pushSchema,
        migrationDir: path.join(rootDir, 'src/migrations/sqlite'),
        logger: queryLogger(),
        afterSchemaInit: [indexLocalizedRowsByParent(sqliteIndex), indexRelationshipTargets],
      })
    case 'postgres':
      return postgresAdapter({
        pool: {
          connectionString: target.url,
          max: settings.poolMax,
          // Fail fast instead of queueing forever when the server is gone.
          connectionTimeoutMillis: 2000,
        },
        push: settings.pushSchema,
        migrationDir: path.join(rootDir, 'src/migrations/postgres'),
        logger: queryLogger(),
        afterSchemaInit: [indexLocalizedRowsByParent(postgresIndex)],
      })
    case 'mongodb':
      return mongodbAdapter(target.url, settings.mongodbCompatibility)
  }
}
