/**
 * Backup and restore across all three databases: content written on SQLite (published and draft
 * documents in two locales, versions, the review audit trail, accounts, a webhook, an internal
 * link in rich text, the pages' publication history) is exported with `npm run export`, restored
 * with `npm run import-backup` into an empty MongoDB database (every record gets an ObjectId),
 * exported from there and restored into an empty PostgreSQL database (numbers again). Every API
 * answer is compared with SQLite's at each stop, ids apart (through the id maps the restores
 * write): anonymous and staff, REST and GraphQL, lists, versions, review history, pages. The
 * record of what the public saw is kept word for word, with the restores' re-renders added.
 * Accounts sign in with the same passwords. A restore into a database that is not empty is
 * refused and writes nothing. (Always these three, whichever TEST_DATABASE says.)
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

import { createTestDatabase, type TestDatabase } from './helpers/database'
import { createContent, createStaff, DEFAULT_TEST_PASSWORD, paragraph, publish } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { childNodeOptions, ROOT, type RunningServer, startServer } from './helpers/server'

let source: TestPayload
let payload: Payload
let mongodb: TestDatabase
let target: TestDatabase
let content: Awaited<ReturnType<typeof createContent>>
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-backup-'))
const archive = path.join(tmp, 'backup.jsonl.gz')
const fromMongo = path.join(tmp, 'from-mongodb.jsonl.gz')
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')

const cli = (script: string, args: string[], databaseURI: string) =>
  spawnSync(TSX, [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URI: databaseURI, NODE_OPTIONS: childNodeOptions(databaseURI), NODE_ENV: 'test' },
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
  // A draft whose rich text links to a symptom inside the text (an id in Lexical's JSON).
  const description = paragraph('Pain along the arm, ')
  description.root.children[0].children.push({
    type: 'link', format: '', indent: 0, version: 3, direction: 'ltr', id: '6752f0c1a1b2c3d4e5f60718',
    fields: { linkType: 'internal', newTab: false, doc: { relationTo: 'symptoms', value: content.burning.id } },
    children: [{ type: 'text', text: 'burning pain', format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
  } as never)
  await payload.update({ collection: 'conditions', id: content.cervical.id, data: { description }, draft: true })
  await payload.create({ collection: 'webhooks', data: { name: 'Static site', url: 'https://hooks.example.org/careline', events: ['publish'], secret: 'a-secret-of-enough-length-0123456789' } as never })
  mongodb = await createTestDatabase('backup-mongodb', 'mongodb')
  target = await createTestDatabase('backup-target', 'postgres')
}, 240_000)
afterAll(async () => {
  await source?.stop()
  await mongodb?.drop()
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

type IdMaps = { documents: Record<string, Record<string, number | string>>; versions: Record<string, Record<string, number | string>> }
/** How a record of the source (SQLite) is named on the database a server runs on. */
type IdOf = (collection: string, id: number | string) => number | string

/** Everything a front end or an editor can read, as each of them. `asOf`: a time before any restore. */
async function answers(server: RunningServer, idOf: IdOf, asOf: string) {
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
    '/api/conditions/page/back-and-spine-neuropathy?locale=es',
    '/api/symptoms/page/burning-pain',
    `/api/conditions/page/back-and-spine-neuropathy?asOf=${asOf}`,
    `/api/conditions/page/cervical-radiculopathy?asOf=${asOf}&locale=es`,
    '/api/search?q=pain',
    `/api/conditions/${idOf('conditions', content.neuropathy.id)}/review`,
    `/api/symptoms/${idOf('symptoms', content.burning.id)}/review`,
  ]
  const out: Record<string, unknown> = {}
  for (const [name, headers] of Object.entries(who)) {
    for (const p of paths) {
      const res = await fetch(`${server.url}${p}`, { headers })
      out[`${name} GET ${p.replace(/\/[0-9a-f]{24}\/|\/\d+\//, '/:id/')}`] = { status: res.status, body: withoutSessions(await res.json()) }
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

/** The history of a page as staff read it, newest first. */
async function historyOf(server: RunningServer, page: string) {
  const login = await fetch(`${server.url}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'editor@test.careline', password: DEFAULT_TEST_PASSWORD }) })
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${server.url}${page}/history`, { headers: { authorization: `JWT ${token}` } })
  expect(res.status).toBe(200)
  return ((await res.json()) as { docs: Record<string, any>[] }).docs
}

/**
 * The first place where `after` differs from `before` (SQLite's), or null when they are the same
 * but for ids: a value of `after` may be the id a restore gave to the value `before` holds. A
 * field without a value is null on one database and absent on another (Payload's adapters differ:
 * SQLite answers a missing summary as null in `locale=all` and leaves it out of one locale's
 * answer, MongoDB leaves it out of both); both are "no value" to a front end, and the same here.
 * Likewise a version's `latest`: false on SQL, removed on MongoDB (Payload's createVersion `$unset`s it).
 */
function firstDifference(before: unknown, after: unknown, renamed: Map<string, Set<string>>, at = '$'): string | null {
  if (Object.is(before, after) || (before == null && after == null)) return null
  if (at.endsWith('.latest') && !before && !after) return null
  if ((typeof after === 'string' || typeof after === 'number') && (typeof before === 'string' || typeof before === 'number')) {
    return renamed.get(String(after))?.has(String(before)) ? null : `${at}: ${JSON.stringify(before)} became ${JSON.stringify(after)}`
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return `${at}: ${before.length} items became ${after.length}`
    for (let i = 0; i < before.length; i++) {
      const found = firstDifference(before[i], after[i], renamed, `${at}[${i}]`)
      if (found) return found
    }
    return null
  }
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before) && !Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    for (const key of keys) {
      const found = firstDifference((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], renamed, `${at}.${key}`)
      if (found) return found
    }
    return null
  }
  return `${at}: ${JSON.stringify(before)?.slice(0, 200)} became ${JSON.stringify(after)?.slice(0, 200)}`
}

const readIdMaps = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as IdMaps

/** New id -> the source ids it may stand for, through each restore's maps in turn. */
function renamedThrough(...steps: IdMaps[]) {
  const renamed = new Map<string, Set<string>>()
  const kinds = ['documents', 'versions'] as const
  for (const kind of kinds) {
    for (const collection of Object.keys(steps[0][kind])) {
      for (const [source, first] of Object.entries(steps[0][kind][collection])) {
        let id: number | string | undefined = first
        for (const step of steps.slice(1)) id = id === undefined ? undefined : step[kind][collection]?.[String(id)]
        if (id !== undefined) renamed.set(String(id), new Set([...(renamed.get(String(id)) ?? []), source]))
      }
    }
  }
  return renamed
}

const idOfThrough =
  (...steps: IdMaps[]): IdOf =>
  (collection, id) =>
    steps.reduce<number | string>((current, step) => step.documents[collection][String(current)], id)

test('SQLite -> MongoDB -> PostgreSQL: every API answer is the same, ids apart, and the public record is kept', async () => {
  const asOf = new Date().toISOString()
  const step = (script: string, args: string[], uri: string) => {
    const run = cli(script, args, uri)
    expect({ script, uri, status: run.status, out: `${run.stdout}\n${run.stderr}`.slice(-3000) }).toMatchObject({ status: 0 })
    return run.stdout
  }
  step('scripts/export.ts', ['--out', archive], source.database.uri)
  expect(fs.statSync(archive).size).toBeGreaterThan(1000)
  expect(step('scripts/import-backup.ts', ['--in', archive, '--id-map', path.join(tmp, 'to-mongodb.json')], mongodb.uri)).toMatch(/Every record has a new id/)
  step('scripts/export.ts', ['--out', fromMongo], mongodb.uri)
  expect(step('scripts/import-backup.ts', ['--in', fromMongo], target.uri)).toMatch(/Every record has a new id/)
  const toMongo = readIdMaps(path.join(tmp, 'to-mongodb.json'))
  const toPostgres = readIdMaps(path.join(tmp, 'from-mongodb.id-map.json'))
  expect(toMongo.documents.conditions[String(content.neuropathy.id)]).toMatch(/^[0-9a-f]{24}$/)
  expect(typeof toPostgres.documents.conditions[String(toMongo.documents.conditions[String(content.neuropathy.id)])]).toBe('number')

  const read = async (uri: string, idOf: IdOf) => {
    const server = await startServer({ API_ONLY: 'true', DATABASE_URI: uri, JOBS_AUTORUN: 'false' })
    try {
      return { answers: await answers(server, idOf, asOf), history: await historyOf(server, '/api/conditions/page/back-and-spine-neuropathy') }
    } finally {
      await server.stop()
    }
  }
  const before = await read(source.database.uri, (_collection, id) => id)
  const stops = [
    { database: 'MongoDB', uri: mongodb.uri, maps: [toMongo], restores: ['sqlite'] },
    { database: 'PostgreSQL', uri: target.uri, maps: [toMongo, toPostgres], restores: ['mongoose', 'sqlite'] },
  ]
  for (const stop of stops) {
    const after = await read(stop.uri, idOfThrough(...stop.maps))
    const renamed = renamedThrough(...stop.maps)
    expect(Object.keys(after.answers).length).toBeGreaterThan(60)
    expect(Object.keys(after.answers).sort()).toEqual(Object.keys(before.answers).sort())
    for (const key of Object.keys(before.answers)) {
      expect({ database: stop.database, request: key, difference: firstDifference(before.answers[key], after.answers[key], renamed) }).toEqual({ database: stop.database, request: key, difference: null })
    }
    // The history: each restore re-rendered the page with the new ids (newest first), and what the
    // public saw before is there word for word, the old ids included.
    const added = after.history.slice(0, stop.restores.length)
    expect(added.map((entry) => [entry.event, entry.cause?.event, entry.cause?.from])).toEqual(stop.restores.map((from) => ['rerender', 'restore', from]))
    expect(after.history.slice(stop.restores.length).map((entry) => entry.event)).toEqual(before.history.map((entry) => entry.event))
    expect(firstDifference(before.history, after.history.slice(stop.restores.length), renamed)).toBeNull()
  }

  // New writes on the restored database get new ids, not ones already taken.
  const server = await startServer({ API_ONLY: 'true', DATABASE_URI: target.uri, JOBS_AUTORUN: 'false' })
  try {
    const login = await fetch(`${server.url}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@test.careline', password: DEFAULT_TEST_PASSWORD }) })
    const { token } = (await login.json()) as { token: string }
    const created = await fetch(`${server.url}/api/specialties`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ name: 'Neurology' }),
    })
    expect(created.status).toBe(201)
  } finally {
    await server.stop()
  }
}, 600_000)

test('a restore into a database that is not empty is refused, and writes nothing', async () => {
  const again = cli('scripts/import-backup.ts', ['--in', archive], target.uri)
  expect(again.status).toBe(1)
  expect(again.stderr).toMatch(/Nothing was restored: The database is not empty/)
  const missing = cli('scripts/import-backup.ts', ['--in', path.join(tmp, 'nope.gz')], target.uri)
  expect(missing.status).toBe(2)
  expect(missing.stderr).toMatch(/No such file/)
  const notABackup = path.join(tmp, 'not-a-backup.jsonl.gz')
  fs.writeFileSync(notABackup, 'plain text, not gzip')
  const refused = cli('scripts/import-backup.ts', ['--in', notABackup], target.uri)
  expect({ status: refused.status, stderr: refused.stderr.slice(-500) }).toMatchObject({ status: 1, stderr: expect.stringMatching(/Nothing was restored: This file is not a Careline backup/) })
})

test('an archive cut short, or an id table that cannot be kept, is refused, and writes nothing', async () => {
  const cut = path.join(tmp, 'cut.jsonl.gz')
  const whole = fs.readFileSync(archive)
  fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)))
  const empty = await createTestDatabase('backup-cut', 'sqlite')
  try {
    const refused = cli('scripts/import-backup.ts', ['--in', cut], empty.uri)
    expect({ status: refused.status, stderr: refused.stderr.slice(-500) }).toMatchObject({ status: 1, stderr: expect.stringMatching(/Nothing was restored: The archive cannot be read after line \d+: unexpected end of file/) })
    // Ids to rewrite, and nowhere to keep their table: refused before the restore commits.
    const noTable = cli('scripts/import-backup.ts', ['--in', fromMongo, '--id-map', path.join(tmp, 'no-such-folder', 'ids.json')], empty.uri)
    expect({ status: noTable.status, stderr: noTable.stderr.slice(-500) }).toMatchObject({ status: 1, stderr: expect.stringMatching(/Nothing was restored: .*the table of old and new ids cannot be written to .*no-such-folder/) })
    // Nothing was written: the whole archive still restores, and a restore takes only an empty database.
    const restored = cli('scripts/import-backup.ts', ['--in', archive], empty.uri)
    expect({ status: restored.status, out: restored.stderr.slice(-1000) }).toMatchObject({ status: 0 })
  } finally {
    await empty.drop()
  }
}, 120_000)
