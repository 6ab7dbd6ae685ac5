/**
 * Several clients editing and publishing the same document at the same moment: the final state
 * is one of the submitted ones, every other client is told (409), no update is lost silently,
 * and the version history holds exactly the accepted saves.
 */
import { sql } from 'drizzle-orm'
import { createLocalReq, type Payload } from 'payload'

import { createContent, createStaff, DEFAULT_TEST_PASSWORD } from './helpers/fixtures'
import { executeInTransaction, libsqlDatabase } from '../src/database'
import { testDatabaseKind } from './helpers/database'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let content: Awaited<ReturnType<typeof createContent>>
let staff: Awaited<ReturnType<typeof createStaff>>
const tokens: Record<string, string> = {}

beforeAll(async () => {
  ctx = await startTestPayload('concurrency')
  payload = ctx.payload
  staff = await createStaff(payload)
  content = await createContent(payload, staff)
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false' })
  for (const email of ['editor@test.careline', 'editor2@test.careline', 'reviewer@test.careline', 'admin@test.careline']) {
    const res = await fetch(`${server.url}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEFAULT_TEST_PASSWORD }) })
    tokens[email.split('@')[0]] = ((await res.json()) as { token: string }).token
  }
})
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

const send = (method: string, path: string, who: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `JWT ${tokens[who]}` }, body: JSON.stringify(body) })

const draftOf = (id: number | string) => payload.findByID({ collection: 'conditions', id, draft: true, depth: 0, overrideAccess: true })
const versionCount = async (id: number | string) =>
  (await payload.countVersions({ collection: 'conditions', where: { parent: { equals: id } }, overrideAccess: true })).totalDocs

test('concurrent saves from the same copy: one wins, the others get 409, nothing is lost silently', async () => {
  const id = content.cervical.id
  const base = await draftOf(id)
  const versionsBefore = await versionCount(id)
  const texts = Array.from({ length: 6 }, (_, i) => `Concurrent edit ${i} of the cervical radiculopathy summary.`)
  const responses = await Promise.all(
    texts.map((summary, i) => send('PATCH', `/api/conditions/${id}?draft=true`, i % 2 ? 'editor2' : 'editor', { summary, revision: base.revision })),
  )
  const statuses = responses.map((r) => r.status)
  const accepted = texts.filter((_, i) => statuses[i] === 200)
  console.log(`6 concurrent saves from revision ${base.revision}: ${JSON.stringify(statuses)}`)
  expect(statuses.every((s) => s === 200 || s === 409)).toBe(true)
  expect(accepted).toHaveLength(1)
  for (const [i, res] of responses.entries()) {
    if (statuses[i] === 409) expect(((await res.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(/stale-copy|reload/i)
  }
  const after = await draftOf(id)
  expect(after.summary).toBe(accepted[0])
  expect(after.revision).toBe((base.revision ?? 1) + 1)
  expect(await versionCount(id)).toBe(versionsBefore + 1)
})

test('concurrent publishes of the same approved revision: it goes live once', async () => {
  const id = content.cervical.id
  const submit = await send('POST', `/api/conditions/${id}/review`, 'editor', { action: 'submit', reviewer: staff.reviewer.id })
  expect(submit.status).toBe(200)
  expect((await send('POST', `/api/conditions/${id}/review`, 'reviewer', { action: 'approve' })).status).toBe(200)
  const eventsBefore = (await payload.count({ collection: 'review-events', where: { and: [{ documentId: { equals: String(id) } }, { action: { equals: 'publish' } }] }, overrideAccess: true })).totalDocs
  const results = await Promise.all(Array.from({ length: 4 }, (_, i) => send('POST', `/api/conditions/${id}/review`, i % 2 ? 'reviewer' : 'admin', { action: 'publish' })))
  const statuses = results.map((r) => r.status)
  console.log(`4 concurrent publishes: ${JSON.stringify(statuses)}`)
  expect(statuses.filter((s) => s === 200)).toHaveLength(1)
  expect(statuses.every((s) => s === 200 || s === 409)).toBe(true)
  const events = (await payload.count({ collection: 'review-events', where: { and: [{ documentId: { equals: String(id) } }, { action: { equals: 'publish' } }] }, overrideAccess: true })).totalDocs
  expect(events).toBe(eventsBefore + 1)
  const live = await payload.findByID({ collection: 'conditions', id, depth: 0, overrideAccess: true })
  expect(live._status).toBe('published')
  expect(live.summary).toMatch(/^Concurrent edit \d of the cervical radiculopathy summary\.$/)
})

// libSQL gives each transaction its own connection and leaves it to the garbage collector; under
// steady writes that held hundreds of megabytes (npm run soak). src/database/transactions/libsqlConnections.ts closes it. The
// PostgreSQL adapter pools its connections, so this test exists only in the SQLite run.
if (testDatabaseKind() === 'sqlite') test("SQLite: a transaction's own connection is closed when it commits or rolls back", async () => {
  const Database = libsqlDatabase()
  const close = Database.prototype.close
  let closed = 0
  Database.prototype.close = function (this: unknown) {
    closed++
    return close.call(this)
  }
  try {
    const created = await payload.create({ collection: 'specialties', data: { name: 'Connection check' } })
    expect(closed).toBeGreaterThanOrEqual(1)
    const afterCommit = closed
    await expect(payload.create({ collection: 'specialties', data: { name: '' } })).rejects.toThrow()
    expect(closed).toBeGreaterThan(afterCommit)
    // Nothing else was closed under anyone's feet: reads and writes go on.
    expect((await payload.findByID({ collection: 'specialties', id: created.id })).name).toBe('Connection check')
    await payload.delete({ collection: 'specialties', id: created.id })
  } finally {
    Database.prototype.close = close
  }
})

// A statement left unfinished on the client's connection holds a read of an older snapshot, and
// once another process has written, SQLite refuses to begin a write there (SQLITE_BUSY_SNAPSHOT),
// on every try. Seen in CI: the server answered every write with a 500 from then on.
// src/database/transactions/libsqlConnections.ts moves the client to a fresh connection.
if (testDatabaseKind() === 'sqlite') test('SQLite: a write goes through after the client\'s connection was left on an old snapshot', async () => {
  const Database = libsqlDatabase() as unknown as { prototype: { prepare(sql: string): unknown } } & (new (file: string) => { exec(sql: string): void; close(): void })
  const client = (payload.db as unknown as { client: { execute(sql: string): Promise<unknown> } }).client
  // The client's current connection: the one that prepares its next statement.
  const prepare = Database.prototype.prepare
  let connection: { prepare(sql: string): { iterate(): Iterator<unknown> } } | undefined
  Database.prototype.prepare = function (this: typeof connection, sql: string) {
    connection ??= this
    return prepare.call(this, sql)
  }
  try {
    await client.execute('select 1')
  } finally {
    Database.prototype.prepare = prepare
  }
  // Five hundred rows read one batch at a time: after the first row the statement is unfinished.
  const rows = connection!.prepare('with recursive n(i) as (select 1 union all select i + 1 from n where i < 500) select i, (select count(*) from sqlite_master) from n').iterate()
  expect(rows.next().done).toBe(false)
  // Another process writes.
  const other = new Database(ctx.database.uri.replace(/^file:/, ''))
  try {
    other.exec("insert into payload_kv (key, data) values ('snapshot-check', '{}')")
  } finally {
    other.close()
  }
  const created = await payload.create({ collection: 'specialties', data: { name: 'Snapshot check' } })
  expect((await payload.findByID({ collection: 'specialties', id: created.id })).name).toBe('Snapshot check')
  await payload.delete({ collection: 'specialties', id: created.id })
})

// A statement run outside a transaction that finds the database locked stays in progress in
// libSQL (which cannot reset it), so its connection kept reading the snapshot it began with: in CI
// a user registered by one request was not found by the next (403), and writes failed after it.
if (testDatabaseKind() === 'sqlite') test('SQLite: a statement that found the database locked leaves the client reading current rows', async () => {
  const Database = libsqlDatabase() as unknown as new (file: string) => { exec(sql: string): void; close(): void }
  const client = (payload.db as unknown as { client: { execute(sql: string): Promise<unknown> } }).client
  const count = async (key: string) => Number(((await client.execute(`select count(*) as n from payload_kv where key = '${key}'`)) as { rows: { n: unknown }[] }).rows[0].n)
  await client.execute('PRAGMA busy_timeout = 0')
  const other = new Database(ctx.database.uri.replace(/^file:/, ''))
  try {
    // Another process holds the write lock: the client's write is refused at once.
    other.exec('begin immediate')
    other.exec("insert into payload_kv (key, data) values ('locked-check-other', '{}')")
    await expect(client.execute("insert into payload_kv (key, data) values ('locked-check', '{}') returning key")).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    other.exec('commit')
  } finally {
    other.close()
    await client.execute('PRAGMA busy_timeout = 5000')
  }
  // The client sees the other process's row, and writes.
  expect(await count('locked-check-other')).toBe(1)
  const created = await payload.create({ collection: 'specialties', data: { name: 'Locked check' } })
  expect((await payload.findByID({ collection: 'specialties', id: created.id })).name).toBe('Locked check')
  await payload.delete({ collection: 'specialties', id: created.id })
  await client.execute("delete from payload_kv where key like 'locked-check%'")
})

// SQLite compiled Payload's long relational SQL on every read; src/database/statementCache.ts keeps
// each connection's statements. A kept statement must read the rows as they are now.
if (testDatabaseKind() === 'sqlite') test('SQLite: a repeated read reuses the statements it prepared, and reads current rows', async () => {
  const Database = libsqlDatabase()
  const prepare = Database.prototype.prepare
  const prepared: [string, unknown][] = []
  Database.prototype.prepare = function (this: unknown, sql: string) {
    const statement = prepare.call(this, sql)
    prepared.push([sql, statement])
    return statement
  }
  const created = await payload.create({ collection: 'specialties', data: { name: 'Statement check' } })
  try {
    const byName = (name: string) => payload.find({ collection: 'specialties', where: { name: { equals: name } }, depth: 0 })
    expect((await byName('Statement check')).docs.map((doc) => doc.id)).toEqual([created.id])
    const first = new Map(prepared.splice(0))
    expect((await byName('Statement check')).docs.map((doc) => doc.id)).toEqual([created.id])
    const second = prepared.splice(0)
    expect(second.length).toBeGreaterThan(0)
    for (const [sql, statement] of second) expect(statement).toBe(first.get(sql))

    // A change made beside Payload, on the same connection: the kept statement sees it.
    await (payload.db as unknown as { client: { execute(sql: { sql: string; args: unknown[] }): Promise<unknown> } }).client.execute({
      sql: 'UPDATE specialties_locales SET name = ? WHERE _parent_id = ?',
      args: ['Statement check, renamed', created.id],
    })
    expect((await byName('Statement check')).docs).toEqual([])
    expect((await byName('Statement check, renamed')).docs.map((doc) => doc.id)).toEqual([created.id])
  } finally {
    Database.prototype.prepare = prepare
    await payload.delete({ collection: 'specialties', id: created.id })
  }
})

// PostgreSQL planned Payload's long reads anew on every read; src/database/postgresStatements.ts
// names them, so each connection parses and plans a read once. A kept statement must read the
// rows as they are now, and survive a schema change that alters what it returns.
if (testDatabaseKind() === 'postgres') test('PostgreSQL: a repeated read goes out as a named statement, reads current rows, and outlives a schema change', async () => {
  const created = await payload.create({ collection: 'specialties', data: { name: 'Statement check' } })
  const req = await createLocalReq({}, payload)
  // One transaction: every statement on one connection, whose prepared statements are then listed.
  req.transactionID = (await payload.db.beginTransaction())!
  try {
    const byName = (name: string) => payload.find({ collection: 'specialties', where: { name: { equals: name } }, depth: 0, req })
    expect((await byName('Statement check')).docs.map((doc) => doc.id)).toEqual([created.id])
    expect((await byName('Statement check')).docs.map((doc) => doc.id)).toEqual([created.id])
    const kept = await executeInTransaction<{ name: string; statement: string }>(payload, req.transactionID, sql`select name, statement from pg_prepared_statements`)
    const reads = kept.rows.filter((row) => row.name.startsWith('careline_') && row.statement.includes('"specialties"'))
    expect(reads.length).toBeGreaterThan(0)

    // A change made beside Payload, on the same connection: the kept statement sees it.
    await executeInTransaction(payload, req.transactionID, sql`update specialties_locales set name = 'Statement check, renamed' where _parent_id = ${created.id}`)
    expect((await byName('Statement check')).docs).toEqual([])
    expect((await byName('Statement check, renamed')).docs.map((doc) => doc.id)).toEqual([created.id])
  } finally {
    await payload.db.rollbackTransaction(req.transactionID)
    await payload.delete({ collection: 'specialties', id: created.id })
  }

  // A column added under a kept `select *`: PostgreSQL refuses that statement once, and the next
  // read parses it again under a new name. A connection keeps at most 40 (postgresStatements.ts).
  const pool = (payload.db as unknown as { pool: { connect(): Promise<{ query(config: object): Promise<{ rows: Record<string, unknown>[] }>; release(): void }> } }).pool
  const client = await pool.connect()
  try {
    await client.query({ text: 'create temporary table statement_check (a int)' })
    await client.query({ text: 'insert into statement_check values (1)' })
    const read = () => client.query({ text: 'select * from statement_check' })
    expect((await read()).rows).toEqual([{ a: 1 }])
    await client.query({ text: 'alter table statement_check add column b int default 2' })
    await expect(read()).rejects.toThrow(/cached plan must not change result type/)
    expect((await read()).rows).toEqual([{ a: 1, b: 2 }])

    // Many shapes of read on one connection: the oldest are deallocated, and read again when asked.
    for (let i = 0; i < 60; i++) expect((await client.query({ text: `select ${i} as n` })).rows).toEqual([{ n: i }])
    const { rows } = await client.query({ text: "select count(*)::int as kept from pg_prepared_statements where name like 'careline\\_%'" })
    expect(rows[0].kept).toBeGreaterThan(10)
    expect(rows[0].kept).toBeLessThanOrEqual(40)
    expect((await client.query({ text: 'select 0 as n' })).rows).toEqual([{ n: 0 }])
    expect((await read()).rows).toEqual([{ a: 1, b: 2 }])
  } finally {
    client.release()
  }
})
