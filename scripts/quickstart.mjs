#!/usr/bin/env node
// `npm run quickstart`: from a fresh clone to a running platform on the embedded SQLite database.
// Installs from the lockfile when needed, imports the bundled patient-education document
// (published, so the public API shows it) with demo accounts and sample locations, builds the
// admin (`next build`) and the server (dist/) when they are missing or older than the sources,
// then serves the production build on PORT (3000): the development server (`npm run dev`)
// compiles each admin page on first use, which took a minute for the first page and several
// seconds for each page after on a 2-core machine. Running it again changes no content and
// rebuilds nothing that is current.
//
// Ctrl-C, SIGTERM or SIGHUP stops whatever is running (a setup step or the server) and the
// process exits with its code. Each child runs in its own process group, so that a signal reaches
// it once, from here, and the whole group can be killed: if it has not exited within a few seconds
// after the signal, or another signal comes, it is killed.
import { spawn } from 'node:child_process'
import { constants } from 'node:os'

import { ensureServerBuild, quickstartSecret, ROOT, serverNodeArgs } from './lib.mjs'

const DEMO_ACCOUNTS = ['admin@example.com (admin)', 'editor@example.com (editor)', 'reviewer@example.com (reviewer)']
// No load balancer to wait for: the server stops taking connections at once and gives requests in
// flight 2 s (see src/server.ts); `npm start` waits 5 s and 10 s. Either can be set as usual.
const SHUTDOWN_DRAIN_MS = process.env.SHUTDOWN_DRAIN_MS ?? '0'
const SHUTDOWN_GRACE_MS = process.env.SHUTDOWN_GRACE_MS ?? '2000'
/** After a signal, how long the child has to exit before it is killed. */
const KILL_AFTER_MS = (Number(SHUTDOWN_DRAIN_MS) || 0) + (Number(SHUTDOWN_GRACE_MS) || 0) + 5000
/**
 * One Ctrl-C can arrive twice: from the terminal, and passed on by npm where its shell execs this
 * process (bash as /bin/sh, e.g. macOS). A second signal this soon after the first is that same
 * one, not a request to hurry.
 */
const SAME_SIGNAL_MS = 1000

const exitCode = (code, signal) => code ?? 128 + (constants.signals[signal] ?? 0)

/** The child running now (a setup step or the server), leader of its own process group. */
let child = null
/** The first stop signal received, and when. */
let stopping = null

function killGroup(signal) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // ESRCH: already gone
  }
}

function onSignal(signal) {
  if (!stopping) {
    stopping = { signal, at: Date.now() }
    if (!child) process.exit(exitCode(null, signal))
    console.log(`\n${signal}: stopping ...`)
    killGroup(signal === 'SIGHUP' ? 'SIGTERM' : signal)
    setTimeout(() => {
      console.error(`Still running ${KILL_AFTER_MS} ms after ${signal}; killing it.`)
      killGroup('SIGKILL')
    }, KILL_AFTER_MS).unref()
  } else if (Date.now() - stopping.at >= SAME_SIGNAL_MS) {
    console.error(`${signal} again: killing it.`)
    killGroup('SIGKILL')
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal)
// `npm run quickstart` runs this through `sh -c`, and a SIGTERM sent to npm reaches only that
// shell, which dies of it (dash neither passes it on nor execs this process), and then npm exits:
// this process would be left running. So when the shell that started it goes away, it stops as
// for SIGTERM.
if (process.env.npm_lifecycle_event === 'quickstart') {
  const parent = process.ppid
  const watch = setInterval(() => {
    if (process.ppid === parent) return
    clearInterval(watch)
    console.log('\nnpm, which started the quick start, has exited.')
    onSignal('SIGTERM')
  }, 250)
  watch.unref()
}
// Whatever ends this process (an uncaught error included) ends its child too.
process.on('exit', () => killGroup('SIGKILL'))

/** Starts a child in its own process group; resolves with its exit code. */
function start(command, args, { env = process.env, stdout = 'inherit' } = {}) {
  child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', stdout, 'inherit'], detached: true })
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`)
      resolve(127)
    })
    // 'close': after its output has been passed on, too.
    child.once('close', (code, signal) => resolve(exitCode(code, signal)))
  })
}

/** Runs a setup step to its end; a failure, or a signal meanwhile, ends the quick start. */
async function step(command, args, options) {
  const code = await start(command, args, options)
  child = null
  if (stopping) process.exit(code || exitCode(null, stopping.signal))
  if (code !== 0) {
    console.error(`Quick start stopped: ${[command, ...args].join(' ')} exited with code ${code}.`)
    process.exit(1)
  }
}

/** Runs one of lib.mjs's (synchronous) ensure… helpers in a child, so that a signal can stop it. */
function libStep(name) {
  const lib = JSON.stringify(new URL('./lib.mjs', import.meta.url).href)
  const source = `import { ${name} } from ${lib}\ntry { ${name}() } catch (error) { console.error(error.message); process.exit(1) }`
  return step(process.execPath, ['--input-type=module', '--eval', source])
}

/** `npm start`'s Lexical fix (.npmrc) for a Node started here rather than by npm. */
function withProductionCondition(options = '') {
  return options.includes('--conditions=production') ? options : `${options} --conditions=production`.trim()
}

await libStep('ensureDependencies')
// Not production, which creates no demo accounts without DEMO_PASSWORD.
await step('npm', ['run', 'seed', '--', '--publish'], { env: { ...process.env, NODE_ENV: 'development' } })
await libStep('ensureAdminBuild')
try {
  await ensureServerBuild({ force: false })
} catch (error) {
  console.error(`Compiling the server failed: ${error.message}`)
  process.exit(1)
}
if (stopping) process.exit(exitCode(null, stopping.signal))

const env = {
  ...process.env,
  NODE_ENV: 'production',
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET?.trim() || quickstartSecret(),
  SHUTDOWN_DRAIN_MS,
  SHUTDOWN_GRACE_MS,
  NODE_OPTIONS: withProductionCondition(process.env.NODE_OPTIONS),
}
console.log(`Starting Careline (production build) on port ${process.env.PORT || 3000} ...`)
const exited = start(process.execPath, serverNodeArgs(env), { env, stdout: 'pipe' })
let line = '' // the server's output since its last newline, until it says where it listens
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  if (line === null) return
  const lines = (line + chunk).split('\n')
  line = lines.pop().slice(-1000)
  const url = lines.join('\n').match(/listening on (http:\/\/\S+?:\d+)/)?.[1]
  if (!url) return
  line = null
  console.log(
    [
      '',
      `Careline is served at ${url}`,
      `  admin        ${url}/admin`,
      `  public site  ${url}/`,
      `  REST API     ${url}/api   GraphQL ${url}/api/graphql`,
      `Demo accounts (password: ${process.env.DEMO_PASSWORD ? 'your DEMO_PASSWORD' : 'careline-demo'}):`,
      ...DEMO_ACCOUNTS.map((account) => `  ${account}`),
      'Press Ctrl-C to stop. (Development mode, recompiling on changes: npm run dev)',
      '',
    ].join('\n'),
  )
})
const code = await exited
child = null
process.exit(code)
