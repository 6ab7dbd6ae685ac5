// Helpers for the project's own scripts. Plain Node, no dependencies: they run before
// `node_modules` exists on a fresh clone.
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options })
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`)
  }
}

const mtime = (file) => {
  try {
    return fs.statSync(file).mtimeMs
  } catch {
    return 0
  }
}

/** Installs exactly what package-lock.json says, when node_modules is missing or older. */
export function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules/.package-lock.json')
  if (mtime(marker) >= mtime(path.join(ROOT, 'package-lock.json'))) return
  console.log('Installing dependencies from package-lock.json ...')
  // Not `npm ci`: the registry mirror these machines use lacks some other-platform binaries
  // (e.g. @swc/core-darwin-arm64 at the locked version), so the lockfile omits those optional
  // entries and `npm ci` refuses it as out of sync. `npm install` installs the locked versions
  // all the same; .ci/run checks that it left package-lock.json untouched.
  run('npm', ['install', '--no-audit', '--no-fund'])
}

function newestSourceChange() {
  let tracked
  try {
    const files = ['src', 'collections', 'next.config.mjs', 'package-lock.json', 'tsconfig.json']
    tracked = execFileSync('git', ['ls-files', ...files], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean)
  } catch {
    return Number.POSITIVE_INFINITY // not a git checkout: cannot tell, so always rebuild
  }
  return Math.max(...tracked.map((file) => mtime(path.join(ROOT, file))))
}

/** Builds the admin (next build) when there is no build or the sources changed since. */
export function ensureAdminBuild() {
  const buildId = path.join(ROOT, '.next/BUILD_ID')
  if (mtime(buildId) > newestSourceChange()) return
  console.log('Building the admin panel (next build) ...')
  run('npx', ['next', 'build'])
}

const reachable = (port, host = '127.0.0.1') =>
  new Promise((resolve) => {
    const socket = net.connect(port, host)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)))
  })

/**
 * The suite uses PostgreSQL for its database tests and its outage test. On these machines the
 * server is installed as cluster "15 main"; start it when it is not listening.
 */
export async function ensurePostgres() {
  const url = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
  const port = Number(url.port || 5432)
  if (await reachable(port, url.hostname)) return
  const clusters = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : []
  if (!clusters.length) {
    throw new Error(`PostgreSQL is not reachable at ${url.host} and no local cluster is installed. Start one, or set TEST_POSTGRES_URL.`)
  }
  console.log(`Starting PostgreSQL ${clusters[0]} main ...`)
  run('pg_ctlcluster', ['--skip-systemctl-redirect', clusters[0], 'main', 'start'])
  for (let i = 0; i < 50; i++) {
    if (await reachable(port, url.hostname)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`PostgreSQL did not come up on ${url.host}`)
}

/**
 * The cache tests check invalidation across replicas through Redis. Starts a throwaway local
 * Redis (nothing kept on disk) when none answers on TEST_REDIS_URL's port.
 */
export async function ensureRedis() {
  const url = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379')
  const port = Number(url.port || 6379)
  if (await reachable(port, url.hostname)) return
  if (spawnSync('which', ['redis-server']).status !== 0) {
    throw new Error(`Redis is not reachable at ${url.host} and redis-server is not installed (apt-get install redis-server), or set TEST_REDIS_URL.`)
  }
  console.log('Starting Redis ...')
  run('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'])
  for (let i = 0; i < 50; i++) {
    if (await reachable(port, url.hostname)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`Redis did not come up on ${url.host}`)
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * The browser tests drive Debian's Chromium with Playwright. Installs it from Debian's packages
 * when it is missing (these machines run the scripts as root; elsewhere, install it yourself or
 * point CHROMIUM_PATH at a Chromium).
 */
export function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return
  console.log('Installing Chromium from Debian packages (for the browser tests) ...')
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  if (install().status !== 0) {
    run('apt-get', ['update'])
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM} after installing it; set CHROMIUM_PATH.`)
}

/**
 * The MongoDB lane's server (jongodb) is an optional dependency with a native binary for Linux
 * x64 with glibc, installed from the npm registry by `npm install`; elsewhere npm skips it and the
 * lane cannot run.
 */
export function ensureMongoWireServer() {
  const binary = path.join(ROOT, 'node_modules/@jongodb/memory-server-bin-linux-x64-gnu/bin/jongodb')
  if (!fs.existsSync(binary)) {
    throw new Error(`The MongoDB lane needs the jongodb test server at ${binary}: it installs with \`npm install\` on Linux x64 (glibc) only.`)
  }
}

const SERVER_BUNDLE = path.join(ROOT, 'dist/server.js')

/**
 * Node's arguments for the server, read from `npm start` in package.json (the one place they are
 * written) so that the tests and the benchmark run the server exactly as production does. A
 * `${NAME:-default}` in the script is expanded from `env`, as the shell does for `npm start`.
 */
export function serverNodeArgs(env = process.env) {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start
  const match = script.match(/(?:^|\s)node\s+(.*)$/)
  if (!match) throw new Error(`package.json's start script does not run node: ${script}`)
  return match[1]
    .trim()
    .split(/\s+/)
    .map((arg) => arg.replace(/\$\{(\w+):-([^}]*)\}/g, (_all, name, fallback) => env[name] || fallback))
}
const SERVER_SOURCES = ['src', 'collections', 'seed', 'package-lock.json', 'tsconfig.json']

function newestMtimeUnder(entry) {
  const full = path.join(ROOT, entry)
  let stat
  try {
    stat = fs.statSync(full)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs // a deleted file changes its folder's mtime
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtimeUnder(path.join(entry, child)))
  return newest
}

/**
 * Compiles the server (src/server.ts and everything it imports from this project) into
 * dist/server.js with esbuild; packages stay in node_modules. Production and the tests run this
 * build with plain Node: loading the TypeScript sources through tsx's loader thread took about
 * twice as long to start and a hundred megabytes more memory. `force: false` skips the build when
 * dist/ is newer than every source file.
 */
export async function ensureServerBuild({ force = true, quiet = false } = {}) {
  if (!force && mtime(SERVER_BUNDLE) > Math.max(...SERVER_SOURCES.map(newestMtimeUnder))) return
  if (!quiet) console.log('Compiling the server (dist/server.js) ...')
  const { build } = await import('esbuild')
  // Built beside dist/ and moved in file by file, so a server starting meanwhile (a test, or
  // `npm start` in another terminal) never finds a chunk missing: unchanged sources give the same
  // hashed chunk names, and only files the new build lacks are removed, last.
  const dist = path.join(ROOT, 'dist')
  const staging = path.join(ROOT, `dist.building-${process.pid}`)
  fs.rmSync(staging, { recursive: true, force: true })
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: ['src/server.ts'],
      outdir: staging,
      bundle: true,
      // Dependencies load from node_modules as they are; only Careline's own code is compiled.
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20.9',
      // src/server.ts loads the config and Next.js lazily (import()), so they become chunks.
      splitting: true,
      sourcemap: true,
      jsx: 'automatic',
      logLevel: 'warning',
    })
    fs.mkdirSync(dist, { recursive: true })
    const built = new Set(fs.readdirSync(staging))
    // The entry point last: what it imports is in place before it is.
    const entryLast = [...built].sort((a, b) => Number(a.startsWith('server.js')) - Number(b.startsWith('server.js')))
    for (const file of entryLast) fs.renameSync(path.join(staging, file), path.join(dist, file))
    for (const file of fs.readdirSync(dist)) if (!built.has(file)) fs.rmSync(path.join(dist, file), { recursive: true, force: true })
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}

/** True when the admin build (.next) is newer than every source file: ensureAdminBuild() would do nothing. */
export function adminBuildIsCurrent() {
  return mtime(path.join(ROOT, '.next/BUILD_ID')) > newestSourceChange()
}

/**
 * PAYLOAD_SECRET for `npm run quickstart`'s production server: generated once (64 hex
 * characters) and kept in `dir/.quickstart-secret` (./data/ is gitignored), readable by its owner
 * only. Sessions signed by an earlier run stay valid. Not for a real deployment, which sets its own.
 */
export function quickstartSecret(dir = path.join(ROOT, 'data')) {
  const file = path.join(dir, '.quickstart-secret')
  try {
    const kept = fs.readFileSync(file, 'utf8').trim()
    if (/^[0-9a-f]{64}$/.test(kept)) return kept
  } catch (error) {
    if (error.code !== 'ENOENT') throw error
  }
  fs.mkdirSync(dir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 })
  fs.chmodSync(file, 0o600) // an existing file keeps its mode through writeFileSync
  return secret
}
