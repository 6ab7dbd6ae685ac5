/**
 * A fresh, empty database for each test file: a temporary SQLite file by default, a new
 * PostgreSQL database when TEST_DATABASE=postgres, or a MongoDB-wire server of its own when
 * TEST_DATABASE=mongodb (tests/helpers/mongodbServer.ts). Tests always talk to a real database.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { startMongoWireServer } from './mongodbServer'

export type TestDatabaseKind = 'sqlite' | 'postgres' | 'mongodb'
const KINDS: TestDatabaseKind[] = ['sqlite', 'postgres', 'mongodb']

export const testDatabaseKind = (): TestDatabaseKind => {
  const kind = (process.env.TEST_DATABASE ?? 'sqlite').toLowerCase()
  if (!KINDS.includes(kind as TestDatabaseKind)) {
    throw new Error(`TEST_DATABASE must be ${KINDS.map((k) => `"${k}"`).join(', ')}, not "${kind}".`)
  }
  return kind as TestDatabaseKind
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
  if (kind === 'mongodb') {
    // A server per database: the test server keeps everything in memory, starts in milliseconds,
    // and one file's load never shares a server with another's.
    const server = await startMongoWireServer(`careline_test_${suffix}`)
    // The test server has DocumentDB's gaps (no join aggregations...): the setting a hospital on
    // DocumentDB would use, for this process and the servers it starts.
    process.env.MONGODB_COMPATIBILITY = 'documentdb'
    return { kind, uri: server.uri, drop: () => server.stop() }
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
