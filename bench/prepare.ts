/**
 * A database for one (database, scale): the bundled document seeded and published through
 * review once per database kind (the template), copied, then grown to the scale by
 * bench/generate.ts. Kept under bench/.data/ (SQLite files) or as `careline_bench_<scale>`
 * (PostgreSQL), with a marker recording what built it, so reruns start at once.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { cellOf, FAMILIES, generate, GENERATOR_VERSION, tagOf } from './generate'
import { connect, postgresAdmin, q } from './sql'

export const ROOT = path.resolve(import.meta.dirname, '..')
export const DATA_DIR = path.join(ROOT, 'bench/.data')
export const BENCH_DEMO_PASSWORD = 'careline-bench-demo-password'
export const REVIEWER_EMAIL = 'reviewer@example.com'
const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export type DatabaseKind = 'sqlite' | 'postgres'

export interface Samples {
  /** Slug of a condition of the middle generation with the seed's full fan-out. */
  conditionSlug: string
  specialtyId: number | null
  nearby: { lat: number; lng: number; radiusKm: number }
  search: string
}

export interface Prepared {
  database: DatabaseKind
  label: string
  scale: number
  uri: string
  cached: boolean
  /** Seconds spent preparing (when built by an earlier run: what that run spent). */
  seconds: { seed: number; generate: number; total: number }
  generations: number
  rows: number
  counts: Record<string, number>
  samples: Samples
}

const hashOf = (files: string[]) => {
  const hash = createHash('sha256')
  for (const file of files.sort()) hash.update(file).update(fs.readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))

/**
 * What the seeded template depends on: the bundled document and the schema (the migrations).
 * Code changes without a migration (hooks, access) leave the stored rows' shape as it is, so
 * they do not throw away prepared databases (10 minutes at 100k); delete bench/.data/ to force.
 */
const seedFingerprint = () => hashOf([...filesUnder(path.join(ROOT, 'seed/source')), ...filesUnder(path.join(ROOT, 'src/migrations'))])
export const generatedFingerprint = () => `${seedFingerprint()}-v${GENERATOR_VERSION}`

const postgresUri = (database: string) => POSTGRES_SERVER.replace(/\/[^/]*$/, `/${database}`)
const sqliteFile = (name: string) => path.join(DATA_DIR, `sqlite-${name}.db`)
const uriOf = (database: DatabaseKind, name: string) => (database === 'sqlite' ? `file:${sqliteFile(name)}` : postgresUri(`careline_bench_${name}`))

async function exists(database: DatabaseKind, uri: string) {
  if (database === 'sqlite') return fs.existsSync(uri.slice('file:'.length))
  try {
    const sql = await connect(uri)
    await sql.close()
    return true
  } catch {
    return false
  }
}

async function dropDatabase(database: DatabaseKind, name: string) {
  if (database === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${sqliteFile(name)}${suffix}`, { force: true })
  } else {
    await postgresAdmin(POSTGRES_SERVER, `drop database if exists ${q(`careline_bench_${name}`)} with (force)`)
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string) {
  return new Promise<void>((resolve, reject) => {
    const out = fs.openSync(logFile, 'w')
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', out, out] })
    child.once('exit', (code) => {
      fs.closeSync(out)
      if (code === 0) resolve()
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}; see ${path.relative(ROOT, logFile)}`))
    })
  })
}

/**
 * The seeded template: the bundled document imported and published through review. Returns the
 * seconds seeding took (when an earlier run seeded it, what that run spent).
 */
async function seedTemplate(database: DatabaseKind, log: (line: string) => void): Promise<number> {
  const marker = path.join(DATA_DIR, `${database}-seed.json`)
  const uri = uriOf(database, 'seed')
  const fingerprint = seedFingerprint()
  if (fs.existsSync(marker)) {
    const previous = JSON.parse(fs.readFileSync(marker, 'utf8')) as { fingerprint: string; seconds: number }
    if (previous.fingerprint === fingerprint && (await exists(database, uri))) return previous.seconds
  }
  log(`Seeding the template database (${database}) with the bundled document, published through review ...`)
  const started = performance.now()
  await dropDatabase(database, 'seed')
  if (database === 'postgres') await postgresAdmin(POSTGRES_SERVER, `create database careline_bench_seed`)
  await run(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['seed/index.ts', '--publish'],
    { ...process.env, DATABASE_URI: uri, NODE_ENV: 'development', NODE_OPTIONS: '--conditions=production', DEMO_PASSWORD: BENCH_DEMO_PASSWORD, PAYLOAD_DB_PUSH: '' },
    path.join(DATA_DIR, `${database}-seed.log`),
  )
  const seconds = (performance.now() - started) / 1000
  fs.writeFileSync(marker, JSON.stringify({ fingerprint, seconds }))
  log(`  seeded in ${seconds.toFixed(1)} s`)
  return seconds
}

export async function prepareDatabase(database: DatabaseKind, scale: number, label: string, log: (line: string) => void = console.log): Promise<Prepared> {
  fs.mkdirSync(DATA_DIR, { recursive: true })
  const marker = path.join(DATA_DIR, `${database}-${label}.json`)
  const uri = uriOf(database, label)
  const fingerprint = generatedFingerprint()
  if (fs.existsSync(marker)) {
    const previous = JSON.parse(fs.readFileSync(marker, 'utf8')) as Prepared & { fingerprint: string }
    if (previous.fingerprint === fingerprint && previous.scale === scale && (await exists(database, uri))) {
      log(`Using the prepared ${database} database for scale ${label} (${path.relative(ROOT, marker)}; it took ${previous.seconds.total.toFixed(1)} s to prepare)`)
      return { ...previous, cached: true }
    }
  }
  const seedSeconds = await seedTemplate(database, log)
  // Timed from here; the template's seeding (once per database kind) is added to the total.
  const started = performance.now()
  log(`Preparing ${database} at scale ${label} (${scale} conditions) ...`)
  await dropDatabase(database, label)
  if (database === 'sqlite') {
    for (const suffix of ['', '-wal']) {
      const from = `${sqliteFile('seed')}${suffix}`
      if (fs.existsSync(from)) fs.copyFileSync(from, `${sqliteFile(label)}${suffix}`)
    }
  } else {
    await postgresAdmin(POSTGRES_SERVER, `create database ${q(`careline_bench_${label}`)} template careline_bench_seed`)
  }

  const sql = await connect(uri)
  try {
    const templateConditions = Number((await sql.all<{ n: unknown }>(`select count(*) as n from conditions`))[0].n)
    const generations = Math.max(0, Math.ceil(scale / templateConditions) - 1)
    const generateStarted = performance.now()
    const report = await generate(sql, generations, log)
    const generateSeconds = (performance.now() - generateStarted) / 1000

    // What the scenarios read: the seed's main condition (the most symptoms) in the middle generation.
    const [main] = await sql.all<{ id: unknown; slug: string }>(
      `select c.id, c.slug from conditions c join conditions_symptoms s on s._parent_id = c.id group by c.id, c.slug order by count(*) desc, c.id limit 1`,
    )
    const middle = Math.ceil(generations / 2)
    const tag = middle ? tagOf(middle) : ''
    const [specialty] = await sql.all<{ id: unknown }>(`select specialties_id as id from conditions_rels where parent_id = ${Number(main.id)} and specialties_id is not null order by ${q('order')} limit 1`)
    const [location] = await sql.all<{ lat: unknown; lng: unknown }>(`select latitude as lat, longitude as lng from locations order by id limit 1`)
    const cell = middle ? cellOf(middle, generations) : { lat: Number(location.lat), lng: Number(location.lng) }
    const samples: Samples = {
      conditionSlug: middle ? `${main.slug}-${tag}` : main.slug,
      specialtyId: specialty ? Number(specialty.id) : null,
      nearby: { lat: cell.lat, lng: cell.lng, radiusKm: 25 },
      search: middle ? `neuropathy ${tag}` : 'neuropathy',
    }
    const counts: Record<string, number> = {}
    for (const table of [...FAMILIES, 'search_index']) counts[table] = Number((await sql.all<{ n: unknown }>(`select count(*) as n from ${q(table)}`))[0].n)
    const total = seedSeconds + (performance.now() - started) / 1000
    const prepared: Prepared = {
      database,
      label,
      scale,
      uri,
      cached: false,
      seconds: { seed: seedSeconds, generate: generateSeconds, total },
      generations,
      rows: report.rows,
      counts,
      samples,
    }
    fs.writeFileSync(marker, JSON.stringify({ ...prepared, fingerprint }, null, 2))
    log(`Prepared ${database} at scale ${label} in ${total.toFixed(1)} s (seeding the template ${seedSeconds.toFixed(1)} s, once per database kind; SQL generation ${generateSeconds.toFixed(1)} s): ${JSON.stringify(counts)}`)
    return prepared
  } finally {
    await sql.close()
  }
}
