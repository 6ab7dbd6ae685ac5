/**
 * Backup and restore: content written on SQLite (published and draft documents in two locales,
 * versions, the review audit trail, accounts, a webhook) is exported with `npm run export`,
 * restored with `npm run import-backup` into an empty PostgreSQL database, and every API answer
 * is compared before and after: anonymous and staff, REST and GraphQL, lists, versions, review
 * history. Accounts sign in with the same passwords. A restore into a database that is not empty
 * is refused and writes nothing. (Always SQLite -> PostgreSQL, whichever TEST_DATABASE says.)
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

import { createTestDatabase, type TestDatabase } from './helpers/database'
import { createContent, createStaff, DEFAULT_TEST_PASSWORD, paragraph, publish } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { ROOT, type RunningServer, startServer } from './helpers/server'

let source: TestPayload
let payload: Payload
let target: TestDatabase
let content: Awaited<ReturnType<typeof createContent>>
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-backup-'))
const archive = path.join(tmp, 'backup.jsonl.gz')
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')

const cli = (script: string, args: string[], databaseURI: string) =>
  spawnSync(TSX, [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URI: databaseURI, NODE_OPTIONS: '--conditions=production', NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 120_000,
  })

beforeAll(async () => {
  process.env.TEST_DATABASE = 'sqlite'
  source = await startTestPayload('backup-source')
  payload = source.payload
  const staff = await createStaff(payload)
  await payload.update({ collection: 'users', id: staff.reader.id, data: { enableAPIKey: true, apiKey: 'backup-reader-key-0123456789abcdef' } })
  content = await createContent(payload, staff)
  // Spanish text, a second published version, and a webhook with its secret.
  await payload.update({ collection: 'symptoms', id: content.burning.id, locale: 'es', data: { name: 'Dolor ardiente' }, draft: true })
  await publish(payload, staff, { collection: 'symptoms', id: content.burning.id })
  await payload.update({ collection: 'conditions', id: content.cervical.id, data: { description: paragraph('Pain along the arm.') }, draft: true })
  await payload.create({ collection: 'webhooks', data: { name: 'Static site', url: 'https://hooks.example.org/careline', events: ['publish'], secret: 'a-secret-of-enough-length-0123456789' } as never })
  target = await createTestDatabase('backup-target', 'postgres')
}, 240_000)
afterAll(async () => {
  await source?.stop()
  await target?.drop()
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** The sign-ins this test makes add sessions of their own on each side: those are not content. */
const withoutSessions = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutSessions)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'sessions').map(([key, v]) => [key, withoutSessions(v)]))
      : value

/** Everything a front end or an editor can read, as each of them. */
async function answers(server: RunningServer) {
  const login = async (email: string) => {
    const res = await fetch(`${server.url}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEFAULT_TEST_PASSWORD }) })
    expect({ email, status: res.status }).toEqual({ email, status: 200 })
    return ((await res.json()) as { token: string }).token
  }
  const who: Record<string, Record<string, string>> = {
    anonymous: {},
    reader: { authorization: 'users API-Key backup-reader-key-0123456789abcdef' },
    admin: { authorization: `JWT ${await login('admin@test.careline')}` },
    editor: { authorization: `JWT ${await login('editor@test.careline')}` },
  }
  const paths = [
    ...['conditions', 'symptoms', 'treatments', 'diagnostic-tests', 'specialties', 'references'].flatMap((slug) => [
      `/api/${slug}?limit=100&sort=id&depth=1&locale=all`,
      `/api/${slug}?limit=100&sort=id&depth=0&locale=es&draft=true`,
    ]),
    ...['conditions', 'symptoms'].map((slug) => `/api/${slug}/versions?limit=100&sort=createdAt&locale=all`),
    '/api/users?limit=100&sort=id',
    '/api/webhooks?limit=100&sort=id',
    '/api/conditions/page/back-and-spine-neuropathy',
    '/api/search?q=pain',
    `/api/conditions/${content.neuropathy.id}/review`,
    `/api/symptoms/${content.burning.id}/review`,
  ]
  const out: Record<string, unknown> = {}
  for (const [name, headers] of Object.entries(who)) {
    for (const p of paths) {
      const res = await fetch(`${server.url}${p}`, { headers })
      out[`${name} GET ${p}`] = { status: res.status, body: withoutSessions(await res.json()) }
    }
    const gql = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ Conditions(limit: 100, sort: "id") { docs { id name summary subtypes { docs { name } } symptoms { group symptom { name } } reviewedBy { name } } } }' }),
    })
    out[`${name} GraphQL`] = { status: gql.status, body: await gql.json() }
  }
  return out
}

test('SQLite -> archive -> empty PostgreSQL: every API answer is the same', async () => {
  const exported = cli('scripts/export.ts', ['--out', archive], source.database.uri)
  expect({ status: exported.status, stderr: exported.stderr.slice(-2000) }).toMatchObject({ status: 0 })
  expect(fs.statSync(archive).size).toBeGreaterThan(1000)

  const restored = cli('scripts/import-backup.ts', ['--in', archive], target.uri)
  expect({ status: restored.status, out: `${restored.stdout}\n${restored.stderr}`.slice(-3000) }).toMatchObject({ status: 0 })

  const before = await startServer({ API_ONLY: 'true', DATABASE_URI: source.database.uri, JOBS_AUTORUN: 'false' })
  let beforeAnswers: Record<string, unknown>
  try {
    beforeAnswers = await answers(before)
  } finally {
    await before.stop()
  }
  const after = await startServer({ API_ONLY: 'true', DATABASE_URI: target.uri, JOBS_AUTORUN: 'false' })
  try {
    const afterAnswers = await answers(after)
    expect(Object.keys(afterAnswers).length).toBeGreaterThan(60)
    for (const key of Object.keys(beforeAnswers)) {
      expect({ request: key, answer: afterAnswers[key] }).toEqual({ request: key, answer: beforeAnswers[key] })
    }
    // New writes on the restored database get new ids, not ones already taken.
    const created = await fetch(`${after.url}/api/specialties`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${await (async () => {
        const res = await fetch(`${after.url}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@test.careline', password: DEFAULT_TEST_PASSWORD }) })
        return ((await res.json()) as { token: string }).token
      })()}` },
      body: JSON.stringify({ name: 'Neurology' }),
    })
    expect(created.status).toBe(201)
  } finally {
    await after.stop()
  }
}, 300_000)

test('a restore into a database that is not empty is refused, and writes nothing', async () => {
  const again = cli('scripts/import-backup.ts', ['--in', archive], target.uri)
  expect(again.status).toBe(1)
  expect(again.stderr).toMatch(/Nothing was restored: The database is not empty/)
  const missing = cli('scripts/import-backup.ts', ['--in', path.join(tmp, 'nope.gz')], target.uri)
  expect(missing.status).toBe(2)
  expect(missing.stderr).toMatch(/No such file/)
})
