/**
 * `npm run bench -- [--scale 1k|10k|100k|N] [--database sqlite|postgres] [--duration SECONDS] [--rounds N] [--smoke]`
 *
 * Issue 7's harness. Prepares a database at the scale (bench/prepare.ts, cached under
 * bench/.data/), starts the production server (dist/server.js, compiled from src/server.ts, as `npm start` runs it) and
 * drives it with autocannon for each scenario and concurrency, each run followed by one of bare
 * Express sending the same bytes (the baseline, the limit of this stack), in `--rounds` pairs (3)
 * of which the median ratio is reported. The server is pinned
 * to core 0 and the load generator to core 1 when `taskset` exists. Also measures cold start
 * (API-only and full), database queries per request, import throughput and server RSS, then
 * writes bench/results/<timestamp>-<database>-<scale>.{json,md} and redraws
 * bench/results/latency-vs-scale.svg from every result present.
 *
 * `--smoke`: 50 conditions, SQLite, API-only, 2-second runs at 1 and 16 connections; exits
 * non-zero when any request failed. It checks that the harness works, never the figures.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'

import { BENCH_DEMO_PASSWORD, DATA_DIR, type DatabaseKind, type Prepared, prepareDatabase, REVIEWER_EMAIL, ROOT } from './prepare'
import type { LoadJob, LoadResult } from './load'
import { type BenchResult, type Row, markdownOf, writePlot } from './report'
import { postgresAdmin } from './sql'
import { prepareStockDatabase } from './stock/prepare'
import { ensureServerBuild, serverNodeArgs } from '../scripts/lib.mjs'

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1k' },
    database: { type: 'string', default: 'sqlite' },
    duration: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    'import-count': { type: 'string' },
    'skip-full': { type: 'boolean', default: false },
    connections: { type: 'string' },
    scenarios: { type: 'string' },
    'skip-stock': { type: 'boolean', default: false },
    'results-dir': { type: 'string' },
    rounds: { type: 'string' },
  },
})

const smoke = values.smoke
const scale = smoke ? 50 : parseScale(values.scale!)
const label = smoke ? 'smoke' : labelOf(scale)
const database = (smoke ? 'sqlite' : values.database) as DatabaseKind
if (database !== 'sqlite' && database !== 'postgres') throw new Error(`--database must be sqlite or postgres, not "${values.database}"`)
const duration = Number(values.duration ?? (smoke ? 2 : 5))
if (!(duration >= 1)) throw new Error('--duration must be at least 1 second')
const concurrencies = values.connections ? values.connections.split(',').map(Number) : smoke ? [1, 16] : [1, 16, 64]
if (!concurrencies.every((c) => Number.isInteger(c) && c >= 1)) throw new Error('--connections must be a comma-separated list of whole numbers, e.g. 1,16,64')
const importCount = Number(values['import-count'] ?? (smoke ? 20 : 200))
if (!Number.isInteger(importCount) || importCount < 0) throw new Error('--import-count must be a whole number (0 skips the import)')
// Paired rounds: each measured run is followed at once by its comparison (the baseline, or stock
// Payload), and the median of the rounds' ratios is reported. On this shared machine the same
// server's throughput moves by a third between runs minutes apart (the baseline itself between
// 3,000 and 8,400 req/s in one day), so one run against one later run was a coin toss.
const rounds = Number(values.rounds ?? (smoke ? 1 : 3))
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number of at least 1')
const resultsDir = values['results-dir'] ? path.resolve(values['results-dir']) : smoke ? path.join(DATA_DIR, 'smoke-results') : path.join(ROOT, 'bench/results')
const onlyScenarios = values.scenarios ? values.scenarios.split(',').map((id) => id.trim()) : null
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0 && os.cpus().length >= 2
const SECRET = 'careline-bench-secret-0123456789abcdefghijklmnop'

function parseScale(raw: string): number {
  const match = raw.trim().toLowerCase().match(/^(\d+(?:\.\d+)?)(k?)$/)
  const value = match ? Math.round(Number(match[1]) * (match[2] ? 1000 : 1)) : NaN
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--scale must be 1k, 10k, 100k or a number of conditions, not "${raw}"`)
  return value
}
function labelOf(n: number) {
  return n % 1000 === 0 ? `${n / 1000}k` : String(n)
}

const log = (line: string) => console.log(line)
const pinnedCommand = (core: number, command: string, args: string[]): [string, string[]] =>
  pinned ? ['taskset', ['-c', String(core), command, ...args]] : [command, args]

// ---------------------------------------------------------------------------------------------
// Child processes

interface Child {
  url: string
  child: ChildProcess
  spawnedAt: number
  listeningMs: number
  output(): string
  stop(): Promise<void>
}

const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))

function startChild(args: string[], env: NodeJS.ProcessEnv, core: number, timeoutMs = 120_000): Promise<Child> {
  const spawnedAt = performance.now()
  const [command, argv] = pinnedCommand(core, process.execPath, args)
  const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  let output = ''
  // Keep the start of the output (start-up messages) and its latest part; the request log is long.
  const keep = (chunk: Buffer) => {
    output += chunk
    if (output.length > 200_000) output = output.slice(0, 20_000) + '\n...\n' + output.slice(-100_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => (children.delete(child), resolve())))
  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in ${timeoutMs} ms:\n${output.slice(-4000)}`)), timeoutMs)
    const onData = () => {
      const match = output.match(/listening on (http:\/\/(?:localhost|127\.0\.0\.1):\d+)/)
      if (!match) return
      clearTimeout(timer)
      child.stdout!.off('data', onData)
      resolve({
        url: match[1].replace('localhost', '127.0.0.1'),
        child,
        spawnedAt,
        listeningMs: performance.now() - spawnedAt,
        output: () => output,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
          const force = setTimeout(() => child.kill('SIGKILL'), 15_000)
          await exited
          clearTimeout(force)
        },
      })
    }
    child.stdout!.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`${args.join(' ')} exited with ${child.exitCode ?? child.signalCode} before listening:\n${output.slice(-4000)}`))
    })
  })
}

const serverEnv = (prepared: Prepared, extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  DATABASE_URI: prepared.uri,
  NODE_ENV: 'production',
  NODE_OPTIONS: '--conditions=production',
  PORT: '0',
  PAYLOAD_SECRET: SECRET,
  JOBS_AUTORUN: 'false',
  RATE_LIMIT_GRAPHQL_PER_IP: '0',
  RATE_LIMIT_LOGIN_PER_IP: '0',
  RATE_LIMIT_LOGIN_PER_ACCOUNT: '0',
  DEMO_PASSWORD: BENCH_DEMO_PASSWORD,
  API_ONLY: 'true',
  PAYLOAD_DB_PUSH: '',
  DATABASE_QUERY_COUNT: '',
  ...extra,
})

// As `npm start` runs it (its Node flags too): the compiled server, built from the current sources in main().
const startServer = (prepared: Prepared, extra: Record<string, string>) => startChild(serverNodeArgs(), serverEnv(prepared, extra), 0)

/** CPU time (ms) a process has used so far, from /proc/<pid>/stat (utime + stime, 100 ticks/s). */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

/**
 * Waits until the server has finished the requests a run left in flight (autocannon stops
 * waiting at the end of a run, the server does not): otherwise a slow scenario's backlog would
 * be billed to the next run. Idle: under 10% of a core for 300 ms.
 */
async function waitIdle(pid: number | undefined, maxMs = 60_000) {
  const until = Date.now() + maxMs
  let before = cpuMs(pid)
  while (before !== null && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 300))
    const after = cpuMs(pid)
    if (after === null || after - before <= 30) return
    before = after
  }
}

function rssMb(pid: number | undefined): number | null {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)\s+kB/)
    return match ? Math.round(Number(match[1]) / 1024) : null
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Scenario {
  id: string
  label: string
  path: string
  /** Anonymous and cacheable: also measured against the server with its response cache on. */
  cacheable: boolean
  authenticated?: boolean
  /** A POST with this JSON body (GraphQL as Apollo and urql send it); a GET otherwise. */
  post?: string
}

const GRAPHQL_QUERY = (slug: string) => `{ conditionPage(slug: "${slug}") {
  condition { name summary description alternateNames { name } causes { name description } riskFactors { name modifiable } prognosis
    subtypes { docs { name slug summary } } diagnosticTests { name slug kind } specialties { name } references { title url }
    codes { system code } reviewedBy { name credentials } lastReviewedAt nextReviewDue }
  symptomGroups { group label symptoms { name slug } }
  treatmentGroups { invasiveness label kinds { kind label treatments { name slug } } }
  jsonLd } }`

/**
 * The same generic read of a condition by slug, as a front end writes it over each API: its own
 * fields and the name and slug of its related records (issue 21: a GraphQL read within 1.25x of
 * the same read over REST). Not a page query: Payload's own resolvers answer it.
 */
const GENERIC_FIELDS = ['name', 'slug', 'summary', 'description', 'symptoms', 'treatments', 'diagnosticTests'] as const
const GENERIC_RELATED = ['symptoms', 'treatments', 'diagnosticTests'] as const
const GRAPHQL_GENERIC_QUERY = (slug: string) =>
  `{ Conditions(where: { slug: { equals: "${slug}" } }, limit: 1) { docs { name slug summary description symptoms { group symptom { name slug } } treatments { name slug } diagnosticTests { name slug } } } }`
const restGenericPath = (slug: string) => {
  const params = new URLSearchParams({ 'where[slug][equals]': slug, depth: '1', limit: '1' })
  for (const field of GENERIC_FIELDS) params.set(`select[${field}]`, 'true')
  const populated = { symptoms: 'symptoms', treatments: 'treatments', diagnosticTests: 'diagnostic-tests' } satisfies Record<(typeof GENERIC_RELATED)[number], string>
  for (const field of GENERIC_RELATED) for (const shown of ['name', 'slug']) params.set(`populate[${populated[field]}][${shown}]`, 'true')
  return `/api/conditions?${params}`
}

/**
 * A delivery-list cursor in the middle of the list (the sample condition's own place): the cursor
 * the list gives out after that condition. Its shape is the delivery list's (src/publication/delivery.ts).
 */
const deliveryCursor = (slug: string) => Buffer.from(JSON.stringify([slug.replace(/-/g, ' '), slug])).toString('base64url')

function scenariosOf(prepared: Prepared): Scenario[] {
  const { conditionSlug: slug, specialtyId, nearby, search } = prepared.samples
  const bySlug = `/api/conditions?where[slug][equals]=${encodeURIComponent(slug)}&depth=1&limit=1`
  const listFilter = specialtyId === null ? 'where[parent][exists]=false' : `where[specialties][in]=${specialtyId}`
  return [
    { id: 'rest-by-slug', label: 'REST condition by slug, depth 1', path: bySlug, cacheable: true },
    { id: 'rest-page', label: 'REST condition page', path: `/api/conditions/page/${encodeURIComponent(slug)}`, cacheable: true },
    { id: 'graphql-page', label: 'GraphQL conditionPage (GET)', path: `/api/graphql?query=${encodeURIComponent(GRAPHQL_QUERY(slug))}`, cacheable: true },
    { id: 'graphql-page-post', label: 'GraphQL conditionPage (POST, as Apollo sends it)', path: '/api/graphql', post: JSON.stringify({ query: GRAPHQL_QUERY(slug), variables: {} }), cacheable: true },
    { id: 'rest-by-slug-fields', label: 'REST condition by slug, its fields and the name and slug of related records (select, populate)', path: restGenericPath(slug), cacheable: false },
    { id: 'graphql-by-slug', label: 'GraphQL Conditions by slug, the same fields (POST, as Apollo sends it)', path: '/api/graphql', post: JSON.stringify({ query: GRAPHQL_GENERIC_QUERY(slug), variables: {} }), cacheable: false },
    { id: 'graphql-by-slug-whole', label: "The same GraphQL read with select: false (Payload's default: whole records are read)", path: '/api/graphql', post: JSON.stringify({ query: GRAPHQL_GENERIC_QUERY(slug).replace('limit: 1)', 'limit: 1, select: false)'), variables: {} }), cacheable: false },
    { id: 'rest-list', label: 'REST list: 20, filtered by specialty, sorted by name', path: `/api/conditions?${listFilter}&sort=name&limit=20&depth=0`, cacheable: true },
    { id: 'delivery-list', label: 'Delivery list: 20 condition pages in name order, from a cursor', path: `/api/conditions/list?limit=20&cursor=${deliveryCursor(slug)}`, cacheable: true },
    { id: 'nearby', label: 'Nearby locations (25 km)', path: `/api/locations/nearby?lat=${nearby.lat}&lng=${nearby.lng}&radiusKm=${nearby.radiusKm}`, cacheable: true },
    { id: 'search', label: 'Search', path: `/api/search?q=${encodeURIComponent(search)}`, cacheable: true },
    { id: 'draft-read', label: 'Draft read by slug as the reviewer (JWT)', path: `${bySlug}&draft=true`, cacheable: false, authenticated: true },
  ]
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: REVIEWER_EMAIL, password: BENCH_DEMO_PASSWORD }) })
  const body = (await res.json()) as { token?: string }
  if (!res.ok || !body.token) throw new Error(`signing in as ${REVIEWER_EMAIL} failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`)
  return body.token
}

interface Captured {
  status: number
  contentType: string
  body: string
  bytes: number
  queries?: number
}

async function capture(url: string, headers: Record<string, string> = {}, request: { method?: string; body?: string } = {}): Promise<Captured> {
  const res = await fetch(url, { headers, ...request })
  const body = Buffer.from(await res.arrayBuffer())
  const queries = res.headers.get('x-database-queries')
  return { status: res.status, contentType: res.headers.get('content-type') ?? 'application/octet-stream', body: body.toString('base64'), bytes: body.length, queries: queries === null ? undefined : Number(queries) }
}

/** The load generator process (bench/load.ts), started once and pinned to core 1. */
let loader: { child: ChildProcess; pending: ((line: string) => void)[] } | undefined
function loadGenerator() {
  if (loader && loader.child.exitCode === null) return loader
  const [command, argv] = pinnedCommand(1, process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/load.ts')])
  const child = spawn(command, argv, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] })
  children.add(child)
  const pending: ((line: string) => void)[] = []
  createInterface({ input: child.stdout! }).on('line', (line) => pending.shift()?.(line))
  child.once('exit', () => {
    children.delete(child)
    for (const waiting of pending.splice(0)) waiting(JSON.stringify({ error: 'the load generator exited' }))
  })
  loader = { child, pending }
  return loader
}

/** A scenario's request: its headers, and its method and body when it is a POST. */
const requestOf = (scenario: Scenario, headers: Record<string, string> = {}) =>
  scenario.post ? { headers: { ...headers, 'content-type': 'application/json' }, method: 'POST' as const, body: scenario.post } : { headers }

function load(url: string, connections: number, seconds: number, headers?: Record<string, string>, request: Pick<LoadJob, 'method' | 'body'> = {}): Promise<LoadResult> {
  const { child, pending } = loadGenerator()
  return new Promise((resolve, reject) => {
    pending.push((line) => {
      const answer = JSON.parse(line) as LoadResult & { error?: string }
      if (answer.error) reject(new Error(`load run against ${url} failed: ${answer.error}`))
      else resolve(answer)
    })
    child.stdin!.write(JSON.stringify({ url, connections, duration: seconds, headers, ...request } satisfies LoadJob) + '\n')
  })
}

/**
 * Warm-up before a measured run (JIT, connection pool, the cache when on): one-second loads at 16
 * connections until throughput settles (two in a row within 5%), at most 10. A fixed second was
 * about 100 requests of a generic read, and V8 was still optimising: Careline's read went from
 * 82 to 111 req/s between two 6 s runs after it. The smoke checks the harness, not the figures,
 * and skips it.
 */
async function warmUp(url: string, headers?: Record<string, string>, request: Pick<LoadJob, 'method' | 'body'> = {}): Promise<void> {
  if (smoke) return
  let previous = 0
  for (let round = 0; round < 10; round++) {
    const { rps } = await load(url, 16, 1, headers, request)
    if (previous && Math.abs(rps - previous) <= 0.05 * previous) return
    previous = rps
  }
}

// ---------------------------------------------------------------------------------------------
// The run

const startedAt = new Date()
const loadAtStart = os.loadavg()[0]
const rows: Row[] = []
const failures: string[] = []
const coldStarts: BenchResult['coldStart'] = []
const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits))

function printRow(row: Row) {
  const ratio = row.ratio === null ? '' : ` | ratio ${fmt(row.ratio, 3)}${row.rounds && row.rounds.length > 1 ? ` (rounds ${row.rounds.join(', ')})` : ''}`
  const failed = row.errors + row.non2xx + row.timeouts
  log(
    `  ${row.scenario.padEnd(13)} ${row.server.padEnd(8)} c=${String(row.concurrency).padEnd(3)} ${fmt(row.rps, 0).padStart(6)} req/s | p50 ${fmt(row.p50, 2)} p95 ${fmt(row.p95, 2)} p99 ${fmt(row.p99, 2)} ms${ratio} | failed ${failed} | RSS ${row.rssMb ?? '-'} MB`,
  )
}

/** One load run, with the server's CPU time per request (its backlog at the end included). */
async function measured(pid: number | undefined, url: string, connections: number, headers?: Record<string, string>, request: Pick<LoadJob, 'method' | 'body'> = {}) {
  await waitIdle(pid)
  const before = cpuMs(pid)
  const result = await load(url, connections, duration, headers, request)
  await waitIdle(pid)
  const after = cpuMs(pid)
  return { ...result, cpuMsPerRequest: before !== null && after !== null && result.requests ? Math.round(((after - before) / result.requests) * 1000) / 1000 : null }
}

/** The round whose figure is the median (the lower one of an even count: always a real round). */
function medianOf<T>(items: T[], figure: (item: T) => number): T {
  return [...items].sort((a, b) => figure(a) - figure(b))[Math.floor((items.length - 1) / 2)]
}
const round3 = (x: number) => Math.round(x * 1000) / 1000

async function measureServer(server: Child, mode: 'uncached' | 'cached', scenarios: Scenario[], captured: Map<string, Captured>, baseline: Child, token: string) {
  for (const scenario of scenarios) {
    const { headers, ...request } = requestOf(scenario, scenario.authenticated ? { authorization: `JWT ${token}` } : {})
    await warmUp(server.url + scenario.path, headers, request)
    for (const connections of concurrencies) {
      const key = `${scenario.id} ${connections}`
      const paired = []
      for (let round = 0; round < rounds; round++) {
        const result = await measured(server.child.pid, server.url + scenario.path, connections, headers, request)
        const rss = rssMb(server.child.pid)
        const base = await measured(baseline.child.pid, `${baseline.url}/${scenario.id}`, connections, requestOf(scenario).headers, request)
        paired.push({ result, rss, base, ratio: base.rps ? result.rps / base.rps : 0 })
        if (result.errors + result.non2xx + result.timeouts) failures.push(`${mode} ${key}: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`)
        if (base.errors + base.non2xx + base.timeouts) failures.push(`baseline ${key}: ${base.errors} errors, ${base.non2xx} non-2xx, ${base.timeouts} timeouts`)
      }
      const { result, rss, base, ratio } = medianOf(paired, (p) => p.ratio)
      const bytes = captured.get(scenario.id)!.bytes
      const baseRow: Row = { scenario: scenario.id, label: scenario.label, server: 'baseline', concurrency: connections, ...pick(base), ratio: null, baselineRps: null, rssMb: rssMb(baseline.child.pid), bytes, cpuMsPerRequest: base.cpuMsPerRequest }
      rows.push(baseRow)
      const row: Row = {
        scenario: scenario.id,
        label: scenario.label,
        server: mode,
        concurrency: connections,
        ...pick(result),
        baselineRps: base.rps,
        ratio: base.rps ? round3(ratio) : null,
        rounds: paired.map((p) => round3(p.ratio)),
        cpuMsPerRequest: result.cpuMsPerRequest,
        rssMb: rss,
        bytes,
      }
      rows.push(row)
      printRow(row)
    }
  }
}

const pick = (r: LoadResult) => ({ requests: r.requests, rps: r.rps, p50: r.p50, p95: r.p95, p99: r.p99, max: r.max, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx })

async function coldStart(prepared: Prepared, mode: 'api-only' | 'full', extra: Record<string, string>, firstPath: string) {
  const server = await startServer(prepared, { ...extra, API_ONLY: mode === 'api-only' ? 'true' : 'false' })
  const first = await fetch(server.url + firstPath)
  await first.arrayBuffer()
  const firstRequestMs = performance.now() - server.spawnedAt
  if (!first.ok) failures.push(`first request after start (${mode}) answered ${first.status}`)
  coldStarts.push({ mode, cache: extra.CACHE_MAX_MB === '0' ? 'off' : 'on', listeningMs: Math.round(server.listeningMs), firstRequestMs: Math.round(firstRequestMs), rssMbAtStart: rssMb(server.child.pid) })
  log(`Cold start, ${mode}${extra.CACHE_MAX_MB === '0' ? ' (cache off)' : ''}: listening after ${Math.round(server.listeningMs)} ms, first request served after ${Math.round(firstRequestMs)} ms (${first.status}), RSS ${rssMb(server.child.pid)} MB`)
  return server
}

interface PageBody {
  condition?: { subtypes?: { docs?: { slug?: string }[] }; diagnosticTests?: unknown[] }
  symptomGroups?: { symptoms: unknown[] }[]
  treatmentGroups?: { kinds: { treatments: unknown[] }[] }[]
}

/** Symptoms, treatments and diagnostic tests embedded in a condition page. */
const relatedCountOf = (page: PageBody) =>
  (page.symptomGroups ?? []).reduce((n, g) => n + g.symptoms.length, 0) +
  (page.treatmentGroups ?? []).reduce((n, g) => n + g.kinds.reduce((m, k) => m + k.treatments.length, 0), 0) +
  (page.condition?.diagnosticTests?.length ?? 0)

/**
 * The comparator (bench/stock/): stock Payload 3.90.2 with localization and drafts and a plain
 * condition model, seeded with the condition Careline answered (its 23 related records), behind
 * a minimal Express server on the same core with the same heap cap, loaded with the same
 * `rest-by-slug` read at each concurrency, in rounds paired with the same read of Careline's
 * cache-off server (both alive, one loaded at a time). Throughput and CPU time per request are
 * reported; CPU time per request does not move with the machine's other work as throughput does.
 */
async function measureStock(prepared: Prepared, bySlug: Scenario, carelineAnswer: Captured, careline: Child): Promise<BenchResult['comparator']> {
  const condition = (JSON.parse(Buffer.from(carelineAnswer.body, 'base64').toString()) as { docs?: Parameters<typeof prepareStockDatabase>[1][] }).docs?.[0]
  if (!condition) {
    failures.push('stock comparator: Careline answered no condition to seed it with')
    return null
  }
  const stockDb = await prepareStockDatabase(database, condition, Math.min(prepared.scale, 1000) - 1, log)
  // The same heap flags as `npm start` (old-generation cap, young-generation size).
  const heap = (serverNodeArgs() as string[]).filter((arg) => arg.startsWith('--max-old-space-size') || arg.startsWith('--max-semi-space-size'))
  const server = await startChild([...heap, '--import', 'tsx', 'bench/stock/server.ts'], { ...process.env, NODE_ENV: 'production', NODE_OPTIONS: '', STOCK_DATABASE_URI: stockDb.uri, PAYLOAD_SECRET: SECRET }, 0)
  const rowsOut: NonNullable<BenchResult['comparator']>['rows'] = []
  try {
    const answer = await capture(server.url + bySlug.path)
    const body = Buffer.from(answer.body, 'base64').toString()
    if (answer.status !== 200 || /"docs":\[\]/.test(body)) failures.push(`stock ${bySlug.id} answered ${answer.status}: ${body.slice(0, 200)}`)
    log(`Stock Payload comparator (${stockDb.conditions} conditions${stockDb.cached ? ', prepared earlier' : ''}): ${bySlug.id} ${answer.status}, ${answer.bytes} bytes`)
    await warmUp(server.url + bySlug.path)
    await warmUp(careline.url + bySlug.path)
    for (const connections of concurrencies) {
      // Paired rounds: Careline's read, then stock's at once, the median of stock / Careline.
      const paired = []
      for (let round = 0; round < rounds; round++) {
        const ours = await measured(careline.child.pid, careline.url + bySlug.path, connections)
        const theirs = await measured(server.child.pid, server.url + bySlug.path, connections)
        paired.push({ ours, theirs, slower: ours.rps ? theirs.rps / ours.rps : 0, cpu: ours.cpuMsPerRequest && theirs.cpuMsPerRequest ? ours.cpuMsPerRequest / theirs.cpuMsPerRequest : 0 })
        for (const [who, r] of [['stock', theirs], ['careline (beside stock)', ours]] as const) {
          if (r.errors + r.non2xx + r.timeouts) failures.push(`${who} ${bySlug.id} ${connections}: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts`)
        }
      }
      const { ours, theirs, slower } = medianOf(paired, (p) => p.slower)
      const cpu = medianOf(paired, (p) => p.cpu)
      const row: Row = { scenario: bySlug.id, label: `${bySlug.label}, stock Payload`, server: 'stock', concurrency: connections, ...pick(theirs), baselineRps: null, ratio: null, rssMb: rssMb(server.child.pid), bytes: answer.bytes, cpuMsPerRequest: theirs.cpuMsPerRequest }
      rows.push(row)
      printRow(row)
      rowsOut.push({
        concurrency: connections,
        stockRps: theirs.rps,
        stockP50: theirs.p50,
        stockP99: theirs.p99,
        carelineRps: ours.rps,
        carelineP50: ours.p50,
        carelineP99: ours.p99,
        stockOverCareline: Math.round(slower * 100) / 100,
        rounds: paired.map((p) => Math.round(p.slower * 100) / 100),
        carelineCpuMsPerRequest: cpu.ours.cpuMsPerRequest,
        stockCpuMsPerRequest: cpu.theirs.cpuMsPerRequest,
        cpuCarelineOverStock: cpu.cpu ? Math.round(cpu.cpu * 100) / 100 : null,
      })
      log(
        `  Careline ${bySlug.id} c=${connections}: ${fmt(ours.rps, 0)} req/s against stock's ${fmt(theirs.rps, 0)}: stock is ${fmt(slower, 2)}x (rounds ${paired.map((p) => fmt(p.slower, 2)).join(', ')}); ` +
          `CPU per request ${fmt(cpu.ours.cpuMsPerRequest, 2)} ms against ${fmt(cpu.theirs.cpuMsPerRequest, 2)} ms (${fmt(cpu.cpu, 2)}x)`,
      )
    }
    return { system: 'Payload 3.90.2, localization (en, es), drafts, plain condition model (bench/stock/)', scenario: bySlug.id, bytes: answer.bytes, carelineBytes: carelineAnswer.bytes, conditions: stockDb.conditions, rows: rowsOut }
  } finally {
    await server.stop()
  }
}

async function measureQueries(prepared: Prepared, scenarios: Scenario[], token: string) {
  const server = await startChild(['--import', 'tsx', 'bench/query-server.ts'], serverEnv(prepared, { DATABASE_QUERY_COUNT: 'true', CACHE_MAX_MB: '0' }), 0)
  try {
    const queries: BenchResult['queries'] = []
    for (const scenario of scenarios) {
      const { headers, ...request } = requestOf(scenario, scenario.authenticated ? { authorization: `JWT ${token}` } : {})
      const first = await capture(server.url + scenario.path, headers, request)
      const again = await capture(server.url + scenario.path, headers, request)
      if (again.status >= 300) failures.push(`query count of ${scenario.id}: ${again.status}`)
      queries.push({ scenario: scenario.id, first: first.queries ?? null, steady: again.queries ?? null })
    }
    log(`Database queries per request (first / steady): ${queries.map((q) => `${q.scenario} ${q.first}/${q.steady}`).join(', ')}`)

    // The condition page of the main condition and of its subtypes, which have fewer related
    // records: a bounded page costs the same number of queries whatever its fan-out.
    const pageQueries: BenchResult['pageQueries'] = []
    const main = await fetch(`${server.url}/api/conditions/page/${encodeURIComponent(prepared.samples.conditionSlug)}`).then((r) => r.json() as Promise<PageBody>)
    const slugs = [prepared.samples.conditionSlug, ...(main.condition?.subtypes?.docs ?? []).map((d) => d.slug).filter((slug): slug is string => Boolean(slug))]
    for (const slug of slugs.slice(0, 4)) {
      const answer = await capture(`${server.url}/api/conditions/page/${encodeURIComponent(slug)}`)
      const page = JSON.parse(Buffer.from(answer.body, 'base64').toString()) as PageBody
      const related = relatedCountOf(page)
      pageQueries.push({ slug, related, queries: answer.queries ?? null })
    }
    log(`Condition page queries by fan-out: ${pageQueries.map((p) => `${p.slug} (${p.related} related) ${p.queries}`).join(', ')}`)
    return { queries, pageQueries }
  } finally {
    await server.stop()
  }
}

async function measureImport(): Promise<BenchResult['import']> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-bench-import-'))
  const name = 'careline_bench_import'
  const uri = database === 'sqlite' ? `file:${path.join(tmp, 'import.db')}` : (process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(/\/[^/]*$/, `/${name}`)
  if (database === 'postgres') {
    await postgresAdmin(uri, `drop database if exists ${name} with (force)`)
    await postgresAdmin(uri, `create database ${name}`)
  }
  try {
    const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bench-import.ts', '--count', String(importCount), '--database-uri', uri], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', NODE_OPTIONS: '--conditions=production', DATABASE_URI: uri },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    const match = result.stdout.match(/imported (\d+) documents in ([\d.]+) s: ([\d.]+) documents\/s/)
    if (result.status !== 0 || !match) {
      failures.push(`import throughput run failed (${result.status})`)
      log(`Import throughput run failed:\n${(result.stdout + result.stderr).slice(-3000)}`)
      return null
    }
    const imported = { count: Number(match[1]), seconds: Number(match[2]), documentsPerSecond: Number(match[3]) }
    log(`Import: ${imported.count} generated documents in ${imported.seconds} s, ${imported.documentsPerSecond} documents/s (10k would take about ${Math.round(10_000 / imported.documentsPerSecond)} s)`)
    return imported
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
    if (database === 'postgres') await postgresAdmin(uri, `drop database if exists ${name} with (force)`).catch(() => {})
  }
}

function ensureBuild(): boolean {
  if (fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) return true
  log('No .next build: running `npm run build` for the full (admin and site) server ...')
  const started = performance.now()
  const logFile = path.join(DATA_DIR, 'build.log')
  const out = fs.openSync(logFile, 'w')
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', out, out], env: { ...process.env, NODE_ENV: 'production' } })
  fs.closeSync(out)
  log(`  build ${built.status === 0 ? 'done' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(0)} s (log: ${path.relative(ROOT, logFile)})`)
  return built.status === 0
}

async function main() {
  log(`Careline benchmark: ${database}, scale ${label} (${scale} conditions), ${duration} s per run, connections ${concurrencies.join(', ')}${smoke ? ', smoke' : ''}`)
  log(pinned ? 'Pinned: every server on core 0 (taskset -c 0), the load generator on core 1 (taskset -c 1).' : 'Not pinned (no taskset, or a single core): server and load generator share the cores.')
  fs.mkdirSync(DATA_DIR, { recursive: true })
  await ensureServerBuild()
  const prepared = await prepareDatabase(database, scale, label, log)
  const allScenarios = scenariosOf(prepared)
  const unknown = (onlyScenarios ?? []).filter((id) => !allScenarios.some((s) => s.id === id))
  if (unknown.length) throw new Error(`--scenarios: no scenario ${unknown.join(', ')} (there are ${allScenarios.map((s) => s.id).join(', ')})`)
  // The condition page is what cold starts and query counts read, whichever scenarios are loaded.
  const scenarios = onlyScenarios ? allScenarios.filter((s) => onlyScenarios.includes(s.id)) : allScenarios
  const pagePath = allScenarios.find((s) => s.id === 'rest-page')!.path

  // Uncached: every answer computed (CACHE_MAX_MB=0); the bodies captured here are the baseline's.
  const uncached = await coldStart(prepared, 'api-only', { CACHE_MAX_MB: '0' }, pagePath)
  let baseline: Child | undefined
  let token = ''
  const captured = new Map<string, Captured>()
  let bySlugAnswer: Captured | undefined
  let comparator: BenchResult['comparator'] = null
  try {
    token = await login(uncached.url)
    for (const scenario of scenarios) {
      const { headers, ...request } = requestOf(scenario, scenario.authenticated ? { authorization: `JWT ${token}` } : {})
      const answer = await capture(uncached.url + scenario.path, headers, request)
      captured.set(scenario.id, answer)
      const body = Buffer.from(answer.body, 'base64').toString()
      if (answer.status !== 200 || /"errors"\s*:/.test(body.slice(0, 200)) || /"docs":\[\]/.test(body)) {
        failures.push(`${scenario.id} answered ${answer.status}: ${body.slice(0, 200)}`)
      }
      log(`  ${scenario.id}: ${answer.status}, ${answer.bytes} bytes, ${answer.contentType}`)
    }
    bySlugAnswer = captured.get(allScenarios[0].id) ?? (await capture(uncached.url + allScenarios[0].path))
    const bodiesFile = path.join(DATA_DIR, `baseline-bodies-${process.pid}.json`)
    fs.writeFileSync(bodiesFile, JSON.stringify(Object.fromEntries(captured)))
    baseline = await startChild(['--import', 'tsx', 'bench/baseline-server.ts', bodiesFile], { ...process.env, NODE_ENV: 'production' }, 0)
    if (!smoke) await load(`${baseline.url}/${scenarios[0].id}`, 16, 1)
    log(`Load runs, uncached server (CACHE_MAX_MB=0), alternating with the baseline:`)
    await measureServer(uncached, 'uncached', scenarios, captured, baseline, token)
    fs.rmSync(bodiesFile, { force: true })
    // Issue 21's GraphQL budget: the generic read over GraphQL within 1.25x of the same read over REST.
    for (const connections of concurrencies) {
      const rate = (id: string) => rows.find((r) => r.server === 'uncached' && r.scenario === id && r.concurrency === connections)?.rps
      const [rest, graphQL, whole] = [rate('rest-by-slug-fields'), rate('graphql-by-slug'), rate('graphql-by-slug-whole')]
      if (rest && graphQL) log(`  generic read c=${connections}: REST ${fmt(rest, 0)} req/s, GraphQL ${fmt(graphQL, 0)}: REST is ${fmt(rest / graphQL, 2)}x GraphQL`)
      if (rest && whole) log(`  generic read c=${connections}: REST ${fmt(rest, 0)} req/s, GraphQL with select: false ${fmt(whole, 0)}: REST is ${fmt(rest / whole, 2)}x GraphQL`)
    }
    // Stock Payload, same read, same database kind, same core, in rounds with Careline's cache-off server.
    if (!values['skip-stock'] && bySlugAnswer) comparator = await measureStock(prepared, allScenarios[0], bySlugAnswer, uncached)
  } finally {
    await uncached.stop()
  }

  try {
    const cached = await coldStart(prepared, 'api-only', {}, pagePath)
    try {
      log(`Load runs, server with its response cache on (anonymous reads):`)
      await measureServer(cached, 'cached', scenarios.filter((s) => s.cacheable), captured, baseline!, token)
    } finally {
      await cached.stop()
    }
  } finally {
    await baseline?.stop()
  }

  if (!smoke && !values['skip-full']) {
    if (ensureBuild()) {
      const full = await coldStart(prepared, 'full', {}, pagePath)
      try {
        const started = performance.now()
        const site = await fetch(`${full.url}/`)
        await site.arrayBuffer()
        log(`  full server: first site page / answered ${site.status} in ${Math.round(performance.now() - started)} ms`)
        coldStarts[coldStarts.length - 1].firstSitePageMs = Math.round(performance.now() - started)
      } finally {
        await full.stop()
      }
    } else failures.push('next build failed; no full-mode cold start')
  }

  loader?.child.stdin!.end()
  const { queries, pageQueries } = await measureQueries(prepared, scenarios, token)
  // The import runs into a fresh database, so its figure does not depend on the scale: `--import-count 0` skips it.
  const imported = importCount > 0 ? await measureImport() : null

  const result: BenchResult = {
    harness: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    database,
    scale,
    label,
    smoke,
    durationSeconds: duration,
    concurrencies,
    pinned,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? '',
      node: process.version,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: { start: Math.round(loadAtStart * 100) / 100, end: Math.round(os.loadavg()[0] * 100) / 100 },
    },
    preparation: { cached: prepared.cached, seconds: prepared.seconds, generations: prepared.generations, rows: prepared.rows, counts: prepared.counts, samples: prepared.samples },
    comparator,
    scenarios: scenarios.map((s) => ({ id: s.id, label: s.label, path: s.path.length > 200 ? s.path.slice(0, 200) + '...' : s.path, bytes: captured.get(s.id)?.bytes ?? null })),
    coldStart: coldStarts,
    rows,
    queries,
    pageQueries,
    import: imported,
    failures,
  }
  fs.mkdirSync(resultsDir, { recursive: true })
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z')
  const base = path.join(resultsDir, `${stamp}-${database}-${label}`)
  fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n')
  fs.writeFileSync(`${base}.md`, markdownOf(result))
  const plot = writePlot(resultsDir)
  log(`\nWrote ${path.relative(ROOT, base)}.json and .md${plot ? `, and ${path.relative(ROOT, plot)}` : ''}`)
  log('\n' + markdownOf(result))
  if (failures.length) {
    log(`\n${failures.length} problem(s):\n  ${failures.join('\n  ')}`)
    process.exitCode = 1
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exitCode = 1
  })
  // A run that failed half-way leaves servers and the load generator running, and their pipes
  // kept this process alive (CI waited on it): whatever is still running is stopped.
  .finally(() => {
    for (const child of children) child.kill('SIGKILL')
  })
