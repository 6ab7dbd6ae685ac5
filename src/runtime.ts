/**
 * Opening Careline's Payload instance outside Next.js (the server, the importer, scripts and
 * tests): connect, then bring the schema up to date with the committed migrations.
 */
import { getPayload, type Payload } from 'payload'

import { databaseSettings, installDatabasePatches, refreshQueryPlannerStatistics, resolveDatabaseTarget, type DatabaseKind } from './database'
import { backfillPageSnapshots, pageSnapshotsMissing } from './publication'
import { rebuildSearchIndex, searchIndexIsEmpty } from './search'
import { migrations as postgresMigrations } from './migrations/postgres/index'
import { migrations as sqliteMigrations } from './migrations/sqlite/index'
import configPromise from './payload.config'

type MigrationList = NonNullable<Parameters<Payload['db']['migrate']>[0]>['migrations']

export class MigrationError extends Error {
  override name = 'MigrationError'
}

/** Committed migrations for the SQL databases; MongoDB needs none for its schema. */
export function migrationsFor(kind: DatabaseKind) {
  if (kind === 'sqlite') return sqliteMigrations
  if (kind === 'postgres') return postgresMigrations
  return []
}

/**
 * Applies pending migrations, never prompting. A database that had its schema pushed
 * (PAYLOAD_DB_PUSH=true) is refused with a message instead of Payload's interactive question.
 */
export async function applyMigrations(payload: Payload): Promise<void> {
  const kind = resolveDatabaseTarget().kind
  const migrations = migrationsFor(kind)
  if (!migrations.length || databaseSettings().pushSchema) return
  const { docs } = await payload
    .find({ collection: 'payload-migrations', where: { batch: { equals: -1 } }, limit: 1, depth: 0 })
    .catch(() => ({ docs: [] as unknown[] })) // no migrations table yet: a new database
  if (docs.length) {
    throw new MigrationError(
      'This database had its schema pushed in development (PAYLOAD_DB_PUSH=true), so migrations cannot be ' +
        'applied to it safely. Start from a fresh database, or keep PAYLOAD_DB_PUSH=true for it.',
    )
  }
  await payload.db.migrate({ migrations: migrations as unknown as MigrationList })
}

/** `cron: true` (the server) also runs queued background jobs on their schedule. */
export async function openCareline({ cron = false }: { cron?: boolean } = {}): Promise<Payload> {
  const payload = await getPayload({ config: configPromise, cron })
  installDatabasePatches(payload)
  await applyMigrations(payload)
  // An optimisation, never a reason not to start: the job cron starts with Payload and can hold
  // SQLite's write lock at that moment ("database is locked" failed a server start in CI). The
  // server refreshes the statistics again every few hours.
  await refreshQueryPlannerStatistics(payload).catch((error: Error) =>
    payload.logger.warn({ msg: `Query planner statistics not refreshed at start: ${error.message}` }),
  )
  // Content published before search existed (or restored from a backup) gets indexed once.
  if (await searchIndexIsEmpty(payload)) {
    payload.logger.info(`Search index built: ${await rebuildSearchIndex(payload)} published records`)
  }
  // Likewise page snapshots, on a database without migrations (MongoDB) or restored from an older backup.
  if (await pageSnapshotsMissing(payload)) {
    payload.logger.info(`Page snapshots written: ${await backfillPageSnapshots(payload)} published pages`)
  }
  return payload
}
