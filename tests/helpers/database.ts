/**
 * A fresh, empty database for each test file: a temporary SQLite file by default, or a new
 * PostgreSQL database when TEST_DATABASE=postgres. Tests always talk to a real database.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

export type TestDatabaseKind = 'sqlite' | 'postgres'

export const testDatabaseKind = (): TestDatabaseKind => {
  const kind = (process.env.TEST_DATABASE ?? 'sqlite').toLowerCase()
  if (kind !== 'sqlite' && kind !== 'postgres') {
    throw new Error(`TEST_DATABASE must be "sqlite" or "postgres", not "${kind}".`)
  }
  return kind
}

/** Server-level connection used to create and drop the per-file databases. */
export const postgresAdminURL = () => process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
  kind: TestDatabaseKind
  uri: string
  drop(): Promise<void>
}

export async function createTestDatabase(label: string, kind: TestDatabaseKind = testDatabaseKind()): Promise<TestDatabase> {
  const suffix = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${randomBytes(3).toString('hex')}`
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-test-'))
    return {
      kind,
      uri: `file:${path.join(dir, `${suffix}.db`)}`,
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const name = `careline_test_${suffix}`
  const admin = new pg.Client({ connectionString: postgresAdminURL() })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  const url = new URL(postgresAdminURL())
  url.pathname = `/${name}`
  return {
    kind,
    uri: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresAdminURL() })
      await client.connect()
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      } finally {
        await client.end()
      }
    },
  }
}
