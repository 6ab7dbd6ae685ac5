/**
 * `npm run bench:condition-page [-- --requests 300] [--database-uri URI]`: seeds the bundled
 * document (published through review) into a fresh database, starts the production server
 * (API_ONLY) twice, with the response cache on and off, and prints the condition page's response
 * sizes and latencies over REST and GraphQL: the first request after start (cold), then
 * sequential requests uncached and cached. Figures, not a test; issue 7's harness adds load.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'

import { ensureServerBuild, serverNodeArgs } from './lib.mjs'

const ROOT = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { requests: { type: 'string', default: '300' }, 'database-uri': { type: 'string' } } })
const requests = Number(values.requests)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-page-bench-'))
const DATABASE_URI = values['database-uri'] ?? `file:${path.join(tmp, 'bench.db')}`
const env = { ...process.env, DATABASE_URI, NODE_OPTIONS: '--conditions=production' }
const tsx = path.join(ROOT, 'node_modules/.bin/tsx')

await ensureServerBuild()
console.log(`Seeding ${DATABASE_URI} ...`)
const seeded = spawnSync(tsx, ['seed/index.ts', '--publish'], { cwd: ROOT, env: { ...env, NODE_ENV: 'development' }, stdio: 'ignore' })
if (seeded.status !== 0) throw new Error('seeding failed')

const slug = 'back-or-spine-neuropathy'
const REST = `/api/conditions/page/${slug}`
const GRAPHQL_QUERY = `{ conditionPage(slug: "${slug}") {
  condition { name summary description alternateNames { name } causes { name description } riskFactors { name modifiable } prognosis
    subtypes { docs { name slug summary } } diagnosticTests { name slug kind } specialties { name } references { title url }
    codes { system code } reviewedBy { name credentials } lastReviewedAt nextReviewDue }
  symptomGroups { group label symptoms { name slug } }
  treatmentGroups { invasiveness label kinds { kind label treatments { name slug } } }
  jsonLd } }`
const GRAPHQL_GET = `/api/graphql?query=${encodeURIComponent(GRAPHQL_QUERY)}`

async function startServer(extra: Record<string, string>) {
  const started = performance.now()
  const child = spawn(process.execPath, serverNodeArgs(), { cwd: ROOT, env: { ...env, NODE_ENV: 'production', API_ONLY: 'true', PORT: '0', JOBS_AUTORUN: 'false', PAYLOAD_SECRET: 'x'.repeat(40), RATE_LIMIT_GRAPHQL_PER_IP: '0', ...extra }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk
      const match = output.match(/listening on (http:\/\/localhost:\d+)/)
      if (match) resolve(match[1])
    })
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  return { url, readyMs: performance.now() - started, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) }
}

async function timed(url: string, init?: RequestInit) {
  const started = performance.now()
  const res = await fetch(url, init)
  const body = Buffer.from(await res.arrayBuffer())
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.toString().slice(0, 200)}`)
  return { ms: performance.now() - started, bytes: body.length, gzip: gzipSync(body).length, cache: res.headers.get('x-cache') ?? '-' }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

async function series(label: string, url: string, init?: RequestInit) {
  const samples: number[] = []
  let last
  for (let i = 0; i < requests; i++) {
    last = await timed(url, init)
    samples.push(last.ms)
  }
  samples.sort((a, b) => a - b)
  return { label, requests, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), bytes: last!.bytes, gzip: last!.gzip, cache: last!.cache }
}

const rows: Record<string, unknown>[] = []
const fmt = (ms: number) => Number(ms.toFixed(2))
const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: GRAPHQL_QUERY }) }
for (const [mode, extra] of [
  ['uncached', { CACHE_MAX_MB: '0' }],
  ['cached', {}],
] as const) {
  const server = await startServer(extra)
  try {
    const coldRest = await timed(server.url + REST)
    const coldGraphQL = await timed(server.url + GRAPHQL_GET)
    rows.push({ mode, query: 'REST page: first request after start', ms: fmt(coldRest.ms), bytes: coldRest.bytes, gzip: coldRest.gzip })
    rows.push({ mode, query: 'GraphQL page (GET): first request after start', ms: fmt(coldGraphQL.ms), bytes: coldGraphQL.bytes, gzip: coldGraphQL.gzip })
    for (const result of [
      await series('REST page', server.url + REST),
      await series('GraphQL page (GET)', server.url + GRAPHQL_GET),
      ...(mode === 'uncached' ? [await series('GraphQL page (POST)', `${server.url}/api/graphql`, post)] : []),
    ]) {
      rows.push({ mode, query: `${result.label}: ${result.requests} sequential`, p50: fmt(result.p50), p95: fmt(result.p95), p99: fmt(result.p99), bytes: result.bytes, gzip: result.gzip, 'x-cache': result.cache })
    }
  } finally {
    await server.stop()
  }
}
console.table(rows)
fs.rmSync(tmp, { recursive: true, force: true })
