/**
 * Opens Careline's Payload (with migrations applied) on a fresh test database. The database is
 * chosen through DATABASE_URI exactly as in production, so the config module must be imported
 * after the variable is set: hence the dynamic imports.
 */
import type { Payload } from 'payload'

import { createTestDatabase, type TestDatabase } from './database'

export interface TestPayload {
  payload: Payload
  database: TestDatabase
  stop(): Promise<void>
}

export async function startTestPayload(label: string): Promise<TestPayload> {
  const database = await createTestDatabase(label)
  process.env.DATABASE_URI = database.uri
  // Settings are read once per process: read them again with this database and whatever the
  // test set before opening Payload (JOBS_AUTORUN, EMAIL_OUTBOX_FILE...).
  const { reloadSettings } = await import('../../src/settings')
  reloadSettings()
  const { openCareline } = await import('../../src/runtime')
  const { closeDatabase } = await import('../../src/database')
  const payload = await openCareline()
  return {
    payload,
    database,
    async stop() {
      await closeDatabase(payload)
      await database.drop()
    },
  }
}
