/**
 * Faults, on a PostgreSQL server of the test's own (never the shared one): the database stops
 * in the middle of load and comes back; the process is killed in the middle of publishing. What
 * must hold: requests fail fast with 503 (no hang, no 500), /readyz says 503 within a second,
 * the service recovers by itself, and a crash leaves no partial document, orphan or duplicate.
 * (This file always uses its own PostgreSQL, whichever TEST_DATABASE says.)
 */
import { spawn, spawnSync } from 'node:child_process'

import pgClient from 'pg'

import { ROOT, type RunningServer, startServer } from './helpers/server'
import { startThrowawayPostgres, type ThrowawayPostgres } from './helpers/throwawayPostgres'

let pg: ThrowawayPostgres
let server: RunningServer
let token: string
const PASSWORD = 'correct-horse-battery-staple'

const call = async (path: string, init: RequestInit = {}) => {
  const started = performance.now()
  try {
    const res = await fetch(`${server.url}${path}`, { ...init, signal: AbortSignal.timeout(15_000) })
    const body = await res.text()
    return { status: res.status, ms: performance.now() - started, body }
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: (error as Error).message }
  }
}
/** Waits (by polling) until `condition` holds: the phases below end on what was seen, not after a set time. */
async function until(condition: () => boolean, what: string, withinMs = 60_000) {
  const started = performance.now()
  while (!condition()) {
    if (performance.now() - started > withinMs) throw new Error(`not seen within ${withinMs} ms: ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
const asAdmin = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { 'content-type': 'application/json', authorization: `JWT ${token}`, ...(init.headers ?? {}) } })

beforeAll(async () => {
  pg = await startThrowawayPostgres()
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: pg.uri, JOBS_AUTORUN: 'false' })
  // The first account becomes the admin.
  const first = await call('/api/users/first-register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@faults.test', password: PASSWORD, name: 'Ada Admin' }),
  })
  expect(first.status).toBe(200)
  token = JSON.parse(first.body).token
  for (let i = 0; i < 5; i++) {
    const created = await call('/api/specialties', asAdmin({ method: 'POST', body: JSON.stringify({ name: `Specialty ${i}` }) }))
    expect(created.status).toBe(201)
  }
}, 180_000)
afterAll(async () => {
  await server?.stop()
  pg?.destroy()
})

test('PostgreSQL stops mid-load: 503s come fast, /readyz turns 503 within a second, and the service recovers without a restart', async () => {
  const results: { status: number; ms: number; phase: string }[] = []
  let phase = 'up'
  let running = true
  // Staff reads: never served from the response cache, so every one needs the database.
  const loop = async () => {
    while (running) {
      const r = await call('/api/specialties?limit=5&depth=0', asAdmin())
      results.push({ status: r.status, ms: r.ms, phase })
    }
  }
  const loops = Array.from({ length: 6 }, loop)
  await until(() => results.length >= 24, '24 reads answered while the database is up')

  phase = 'down'
  // The clock starts once the database is gone: pg_ctl's own stop (run synchronously, waiting
  // for the postmaster to exit) took most of a second on a busy CI machine and is not the server's.
  pg.stop('immediate')
  const stoppedAt = performance.now()
  let readyzDownAfter = Number.POSITIVE_INFINITY
  for (let i = 0; i < 100; i++) {
    const r = await call('/readyz')
    if (r.status === 503) {
      readyzDownAfter = performance.now() - stoppedAt
      break
    }
    await new Promise((res) => setTimeout(res, 20))
  }
  // Long enough for every loop to have met the outage more than once.
  await until(() => results.filter((r) => r.phase === 'down').length >= 24, '24 reads answered while the database is down')

  phase = 'recovering'
  pg.start()
  const restartedAt = performance.now()
  let recoveredAfter = Number.POSITIVE_INFINITY
  for (let i = 0; i < 300; i++) {
    if ((await call('/readyz')).status === 200 && (await call('/api/specialties?limit=1', asAdmin())).status === 200) {
      recoveredAfter = performance.now() - restartedAt
      break
    }
    await new Promise((res) => setTimeout(res, 50))
  }
  phase = 'recovered'
  await until(() => results.filter((r) => r.phase === 'recovered').length >= 12, '12 reads answered after recovery')
  running = false
  await Promise.all(loops)

  const during = results.filter((r) => r.phase === 'down')
  const summary = {
    before: results.filter((r) => r.phase === 'up').length,
    down: during.length,
    statusesWhileDown: [...new Set(during.map((r) => r.status))].sort(),
    slowestWhileDownMs: Math.round(Math.max(...during.map((r) => r.ms))),
    readyzDownAfterMs: Math.round(readyzDownAfter),
    recoveredAfterMs: Math.round(recoveredAfter),
    afterRecovery: [...new Set(results.filter((r) => r.phase === 'recovered').map((r) => r.status))],
  }
  console.log(`database outage: ${JSON.stringify(summary)}`)
  expect(results.filter((r) => r.phase === 'up').every((r) => r.status === 200)).toBe(true)
  expect(during.length).toBeGreaterThan(0)
  // While the database is gone: a 503 (with a message), never a 500, never a cut connection.
  expect(summary.statusesWhileDown.filter((s) => s !== 503 && s !== 200)).toEqual([])
  expect(during.filter((r) => r.status === 503).length).toBeGreaterThan(0)
  expect(summary.slowestWhileDownMs).toBeLessThan(5000) // fails fast rather than hanging (functional bound)
  expect(readyzDownAfter).toBeLessThan(1000)
  expect(recoveredAfter).toBeLessThan(15_000)
  expect(summary.afterRecovery).toEqual([200])
  expect(server.child.exitCode).toBeNull() // the same process all along
  const unavailable = await (async () => {
    pg.stop('immediate')
    try {
      return await call('/api/specialties?limit=1', asAdmin())
    } finally {
      pg.start()
    }
  })()
  expect(unavailable.status).toBe(503)
  expect(JSON.parse(unavailable.body).errors[0].message).toMatch(/database is not answering/)
})

test('the seed killed in the middle of publishing, then run again: no partial document, no orphan, no duplicated version', async () => {
  // One Node process with tsx as its loader: the tsx command would run the seed in a child
  // process of its own, which a SIGKILL of the command leaves running (it then raced the rerun).
  const SEED = ['--import', 'tsx', 'seed/index.ts', '--publish']
  const seedEnv = (uri: string): NodeJS.ProcessEnv => ({ ...process.env, DATABASE_URI: uri, NODE_OPTIONS: '--conditions=production', NODE_ENV: 'development' })
  const crashed = pg.createDatabase('careline_crashed')
  const clean = pg.createDatabase('careline_clean')

  const query = async (uri: string, text: string) => {
    const client = new pgClient.Client({ connectionString: uri })
    await client.connect()
    try {
      return (await client.query(text)).rows
    } finally {
      await client.end()
    }
  }

  // Kill it (SIGKILL: no cleanup of any kind) once publishing is under way.
  const child = spawn(process.execPath, SEED, { cwd: ROOT, env: seedEnv(crashed), stdio: 'ignore' })
  let events = 0
  for (let i = 0; i < 600 && events < 12; i++) {
    await new Promise((r) => setTimeout(r, 50))
    events = await query(crashed, 'select count(*)::int as n from review_events').then((rows) => rows[0].n, () => 0)
  }
  child.kill('SIGKILL')
  await new Promise((r) => child.once('exit', r))
  const atCrash = (await query(crashed, "select count(*)::int as n from review_events where action = 'publish'"))[0].n
  console.log(`seed killed after ${events} review events (${atCrash} publishes)`)
  expect(events).toBeGreaterThanOrEqual(12)

  for (const uri of [crashed, clean]) {
    const run = spawnSync(process.execPath, SEED, { cwd: ROOT, env: seedEnv(uri), encoding: 'utf8', timeout: 180_000 })
    if (run.status) {
      // What the workflow saw, for whoever reads the failure.
      for (const table of ['locations', 'conditions']) {
        const rows = await query(uri, `select v.parent_id, v.id, v.version_review_stage as stage, v.version__status as status, v.latest, v.updated_at, d.updated_at as doc_updated_at, d.review_stage as doc_stage from _${table}_v v join ${table} d on d.id = v.parent_id order by v.parent_id, v.id`)
        console.log(`${uri} ${table} versions:\n${rows.map((r) => JSON.stringify(r)).join('\n')}`)
      }
    }
    expect({ uri, status: run.status, err: run.status ? run.stderr.slice(-2000) : '' }).toEqual({ uri, status: 0, err: '' })
  }

  const tables = ['conditions', 'symptoms', 'treatments', 'diagnostic_tests', 'locations', 'specialties', 'users']
  const counts = async (uri: string) =>
    Object.fromEntries(await Promise.all(tables.map(async (t) => [t, (await query(uri, `select count(*)::int as n from ${t}`))[0].n])))
  const crashedCounts = await counts(crashed)
  console.log(`crash during publish: killed after ${atCrash} publishes; then ${JSON.stringify(crashedCounts)}`)
  expect(crashedCounts).toEqual(await counts(clean))

  for (const table of ['conditions', 'symptoms', 'treatments', 'diagnostic_tests', 'locations']) {
    // Everything went live exactly once, with one latest version per document and no stray ones.
    expect({ table, unpublished: (await query(crashed, `select count(*)::int as n from ${table} where _status <> 'published'`))[0].n }).toEqual({ table, unpublished: 0 })
    const latest = await query(crashed, `select parent_id, count(*)::int as n from _${table}_v where latest group by parent_id having count(*) <> 1`)
    expect({ table, documentsWithoutOneLatestVersion: latest }).toEqual({ table, documentsWithoutOneLatestVersion: [] })
    const orphans = await query(crashed, `select count(*)::int as n from _${table}_v v left join ${table} d on d.id = v.parent_id where d.id is null`)
    expect({ table, orphanVersions: orphans[0].n }).toEqual({ table, orphanVersions: 0 })
    const publishes = await query(crashed, `select document_id, count(*)::int as n from review_events where document_collection = '${table.replace('_', '-')}' and action = 'publish' group by document_id having count(*) <> 1`)
    expect({ table, documentsNotPublishedExactlyOnce: publishes }).toEqual({ table, documentsNotPublishedExactlyOnce: [] })
  }
}, 300_000)
