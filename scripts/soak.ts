/**
 * `npm run soak [-- --minutes 3] [--rate 40] [--database-uri URI]`: a bounded soak on loopback.
 * Seeds the bundled document (published through review) into a fresh database, starts the
 * production server (API_ONLY) and sends a steady mix of reads and writes at a fixed rate (an
 * open loop: a slow server does not slow the sender down). Every 30 seconds it prints the
 * requests, errors, p50/p99 and the server's RSS; at the end, the RSS growth from the first
 * minute to the last. Exits 1 if any request failed or RSS grew by 10% or more. Figures, not a test.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { ensureServerBuild, serverNodeArgs } from './lib.mjs'

const ROOT = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '3' }, rate: { type: 'string', default: '40' }, 'database-uri': { type: 'string' } },
})
const minutes = Number(values.minutes)
const rate = Number(values.rate)
if (!(minutes > 0) || !(rate > 0)) throw new Error('--minutes and --rate must be positive numbers')
const WINDOW_MS = Math.min(30_000, minutes * 30_000)
const MAX_IN_FLIGHT = 256

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-soak-'))
const DATABASE_URI = values['database-uri'] ?? `file:${path.join(tmp, 'soak.db')}`
const env = { ...process.env, DATABASE_URI, NODE_OPTIONS: '--conditions=production' }

console.log(`Seeding ${DATABASE_URI} ...`)
const seeded = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['seed/index.ts', '--publish'], { cwd: ROOT, env: { ...env, NODE_ENV: 'development' }, stdio: 'ignore' })
if (seeded.status !== 0) throw new Error('seeding failed')

await ensureServerBuild()
const child = spawn(process.execPath, serverNodeArgs(), {
  cwd: ROOT,
  env: { ...env, NODE_ENV: 'production', API_ONLY: 'true', PORT: '0', JOBS_AUTORUN: 'false', PAYLOAD_SECRET: 'soak-'.repeat(8), DEMO_PASSWORD: 'careline-demo' },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let output = ''
const base = await new Promise<string>((resolve, reject) => {
  child.stdout.on('data', (chunk) => {
    output += chunk
    const match = output.match(/listening on (http:\/\/localhost:\d+)/)
    if (match) resolve(match[1].replace('localhost', '127.0.0.1'))
  })
  child.stderr.on('data', (chunk) => (output += chunk))
  child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.slice(-3000)}`)))
})
const rssMB = () => {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

// The editor (seeded demo account, default password outside production) writes drafts.
const login = await fetch(`${base}/api/users/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'editor@example.com', password: 'careline-demo' }),
})
if (login.status !== 200) throw new Error(`editor login answered ${login.status}`)
const staff = { authorization: `JWT ${((await login.json()) as { token: string }).token}` }
const draftSymptom = await fetch(`${base}/api/symptoms?draft=true`, {
  method: 'POST',
  headers: { ...staff, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'Soak test symptom', summary: 'Rewritten again and again by the soak.' }),
})
if (draftSymptom.status !== 201) throw new Error(`creating the draft answered ${draftSymptom.status}: ${await draftSymptom.text()}`)
const draftId = ((await draftSymptom.json()) as { doc: { id: number } }).doc.id

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]
const WORDS = ['nerve', 'pain', 'numbness', 'spine', 'surgery', 'injection', 'tingling', 'weakness', 'neuropaty', 'back']
let writes = 0
/** The mix: mostly anonymous reads (some cached, some not), staff draft reads, and draft writes. */
const MIX: [weight: number, name: string, send: () => Promise<Response>][] = [
  [30, 'condition page', () => fetch(`${base}/api/conditions/page/back-or-spine-neuropathy`)],
  [15, 'list', () => fetch(`${base}/api/symptoms?limit=10&page=${1 + Math.floor(Math.random() * 3)}&sort=name`)],
  [15, 'nearby', () => fetch(`${base}/api/locations/nearby?lat=${(39 + Math.random()).toFixed(3)}&lng=${(-84 + Math.random()).toFixed(3)}&radiusKm=200`)],
  [15, 'search', () => fetch(`${base}/api/search?q=${pick(WORDS)}`)],
  [10, 'staff draft read', () => fetch(`${base}/api/symptoms/${draftId}?draft=true&depth=1`, { headers: staff })],
  [
    15,
    'draft write',
    () =>
      fetch(`${base}/api/symptoms/${draftId}?draft=true`, {
        method: 'PATCH',
        headers: { ...staff, 'content-type': 'application/json' },
        body: JSON.stringify({ summary: `Rewritten by the soak, time ${++writes}.` }),
      }),
  ],
]
const totalWeight = MIX.reduce((sum, [w]) => sum + w, 0)
const choose = () => {
  let r = Math.random() * totalWeight
  for (const entry of MIX) if ((r -= entry[0]) < 0) return entry
  return MIX[0]
}

interface Window {
  latencies: number[]
  errors: Record<string, number>
  rss: number[]
  skipped: number
}
const newWindow = (): Window => ({ latencies: [], errors: {}, rss: [], skipped: 0 })
let current = newWindow()
const windows: Window[] = []
let inFlight = 0

const fire = async () => {
  if (inFlight >= MAX_IN_FLIGHT) {
    current.skipped++
    return
  }
  const [, name, send] = choose()
  const window = current
  inFlight++
  const started = performance.now()
  try {
    const res = await send()
    await res.arrayBuffer()
    window.latencies.push(performance.now() - started)
    if (res.status >= 400) window.errors[`${name} ${res.status}`] = (window.errors[`${name} ${res.status}`] ?? 0) + 1
  } catch (error) {
    window.errors[`${name} ${(error as Error).message}`] = (window.errors[`${name} ${(error as Error).message}`] ?? 0) + 1
  } finally {
    inFlight--
  }
}

const databaseName = (uri: string) => (uri.startsWith('postgres') ? 'PostgreSQL' : 'SQLite')
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN)
const report = (index: number, window: Window) => {
  const sorted = [...window.latencies].sort((a, b) => a - b)
  const errors = Object.values(window.errors).reduce((a, b) => a + b, 0)
  const rss = window.rss.reduce((a, b) => a + b, 0) / window.rss.length
  console.log(
    `${String(((index + 1) * WINDOW_MS) / 1000).padStart(4)} s  ${String(sorted.length).padStart(5)} requests  ${errors} errors  p50 ${percentile(sorted, 50).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  RSS ${rss.toFixed(0)} MB${window.skipped ? `  (${window.skipped} not sent: ${MAX_IN_FLIGHT} in flight)` : ''}${errors ? `  ${JSON.stringify(window.errors)}` : ''}`,
  )
}

console.log(`Soak: ${minutes} min at ${rate} requests/s against ${base} (${databaseName(DATABASE_URI)}), mix ${MIX.map(([w, n]) => `${n} ${Math.round((w / totalWeight) * 100)}%`).join(', ')}`)

const started = Date.now()
const sender = setInterval(() => void fire(), 1000 / rate)
const sampler = setInterval(() => current.rss.push(rssMB()), 1000)
await new Promise<void>((resolve) => {
  const roll = setInterval(() => {
    windows.push(current)
    report(windows.length - 1, current)
    current = newWindow()
    if (Date.now() - started >= minutes * 60_000 - 100) {
      clearInterval(roll)
      resolve()
    }
  }, WINDOW_MS)
})
clearInterval(sender)
clearInterval(sampler)
while (inFlight > 0) await new Promise((r) => setTimeout(r, 50))

const perMinute = Math.max(1, Math.round(60_000 / WINDOW_MS))
const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length
const firstMinute = mean(windows.slice(0, perMinute).flatMap((w) => w.rss))
const lastMinute = mean(windows.slice(-perMinute).flatMap((w) => w.rss))
const growth = (lastMinute / firstMinute - 1) * 100
const all = windows.flatMap((w) => w.latencies).sort((a, b) => a - b)
const errors = windows.reduce((sum, w) => sum + Object.values(w.errors).reduce((a, b) => a + b, 0), 0)
console.log(
  `\nTotal: ${all.length} requests, ${errors} errors (${((errors / Math.max(1, all.length)) * 100).toFixed(3)}%), p50 ${percentile(all, 50).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms, ${writes} draft writes`,
)
console.log(`RSS: first minute ${firstMinute.toFixed(0)} MB, last minute ${lastMinute.toFixed(0)} MB, growth ${growth.toFixed(1)}% (budget: under 10%)`)

child.kill('SIGTERM')
await new Promise((r) => child.once('exit', r))
fs.rmSync(tmp, { recursive: true, force: true })
process.exit(errors > 0 || growth >= 10 ? 1 : 0)
