/**
 * `npm run quickstart` (scripts/quickstart.mjs) on a throwaway database: it seeds, serves the
 * production build of the admin, and SIGTERM stops the server it started, leaving the port free.
 * It reuses the admin build (`npm test` makes it current first) rather than building one.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { adminBuildIsCurrent, quickstartSecret } from '../scripts/lib.mjs'
import { createTestDatabase, type TestDatabase } from './helpers/database'
import { ROOT } from './helpers/server'

let database: TestDatabase
let quickstart: ChildProcess | undefined
let output = ''

/** A port nothing listens on now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })

/** Whether a listener on `port` can be opened (nothing else holds it). */
const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, () => probe.close(() => resolve(true)))
  })

beforeAll(async () => {
  database = await createTestDatabase('quickstart')
})

afterAll(async () => {
  if (quickstart && quickstart.exitCode === null && quickstart.signalCode === null) {
    const exited = new Promise((resolve) => quickstart!.once('exit', resolve))
    quickstart.kill('SIGTERM')
    await exited
  }
  await database?.drop()
})

test('serves the production admin build, and SIGTERM stops everything it started and frees the port', async () => {
  if (!adminBuildIsCurrent()) {
    throw new Error('The admin build (.next) is older than the sources, and this test reuses it rather than building: run `npm run build` (`npm test` does) first.')
  }
  const port = await freePort()
  const child = spawn(process.execPath, ['scripts/quickstart.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '--conditions=production',
      DATABASE_URI: database.uri,
      PORT: String(port),
      // Set, so that this test does not write ./data/.quickstart-secret.
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      JOBS_AUTORUN: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  quickstart = child
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = output.match(/Careline is served at (http:\/\/localhost:\d+)/)
      if (match) {
        child.stdout!.off('data', onData)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', onData)
    void exited.then((code) => reject(new Error(`quickstart exited with ${code} before serving:\n${output}`)))
  })
  expect(url).toBe(`http://localhost:${port}`)
  expect(output).toContain('editor@example.com')

  const login = await fetch(`${url}/admin/login`)
  expect(login.status).toBe(200)
  expect(login.headers.get('content-type')).toMatch(/text\/html/)
  // The page of the production build (`next build`), not one compiled by `next dev`.
  const buildId = fs.readFileSync(path.join(ROOT, '.next/BUILD_ID'), 'utf8').trim()
  expect(await login.text()).toContain(buildId)
  const signIn = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'editor@example.com', password: 'careline-demo' }),
  })
  expect(signIn.status).toBe(200)

  child.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect(output).toContain('Stopped cleanly')
  expect(await portIsFree(port)).toBe(true)
}, 120_000)

test('the generated secret is kept for later runs, readable by its owner only', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-quickstart-'))
  try {
    const secret = quickstartSecret(dir)
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(quickstartSecret(dir)).toBe(secret)
    expect(fs.statSync(path.join(dir, '.quickstart-secret')).mode & 0o777).toBe(0o600)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
