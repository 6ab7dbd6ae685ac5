/**
 * The schema comes from committed migrations, and those migrations describe the config exactly:
 * a config change without `npm run migrate:create` fails here.
 */
import fs from 'node:fs'

import type { Payload } from 'payload'

import { startTestPayload, type TestPayload } from './helpers/payload'

let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  ctx = await startTestPayload('migrations')
  payload = ctx.payload
})
afterAll(async () => {
  await ctx?.stop()
})

test('the test database was built by the committed migrations, not by a schema push', async () => {
  const { docs } = await payload.find({ collection: 'payload-migrations', limit: 100, sort: 'name' })
  const files = fs.readdirSync(payload.db.migrationDir).filter((f) => /^\d.*\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, ''))
  expect(files.length).toBeGreaterThan(0)
  expect(docs.map((d) => d.name)).toEqual(files.sort())
  expect(docs.every((d) => Number(d.batch) >= 1)).toBe(true)
})

test(`the latest ${process.env.TEST_DATABASE ?? 'sqlite'} migration snapshot matches the config`, async () => {
  const db = payload.db as unknown as {
    schema: unknown
    migrationDir: string
    requireDrizzleKit(): {
      generateDrizzleJson(schema: unknown): Promise<{ version: string }>
      generateMigration(before: unknown, after: unknown): Promise<string[]>
      upSnapshot?: (snapshot: unknown) => unknown
    }
  }
  const { generateDrizzleJson, generateMigration } = db.requireDrizzleKit()
  const latest = fs.readdirSync(db.migrationDir).filter((f) => f.endsWith('.json')).sort().at(-1)
  expect(latest).toBeDefined()
  const before = JSON.parse(fs.readFileSync(`${db.migrationDir}/${latest}`, 'utf8'))
  const after = await generateDrizzleJson(db.schema)
  const pending = await generateMigration(before, after)
  // Non-empty: the config changed without a migration. Run `npm run migrate:create -- NAME` for
  // both SQLite and PostgreSQL (see README) and commit the files.
  expect(pending).toEqual([])
})

test('applying migrations again is a no-op', async () => {
  const { applyMigrations } = await import('../src/runtime')
  await applyMigrations(payload)
  const { totalDocs } = await payload.count({ collection: 'payload-migrations' })
  expect(totalDocs).toBe(fs.readdirSync(payload.db.migrationDir).filter((f) => /^\d.*\.ts$/.test(f)).length)
})
