/**
 * SIGTERM under load: every request a client had already sent when the signal came is answered
 * in full, and the process exits 0. The load opens a new connection per request, so requests are
 * always waiting in the kernel's accept queue: the ones a careless shutdown resets.
 */
import { request as httpRequest } from 'node:http'

import { createTestDatabase, type TestDatabase } from './helpers/database'
import { type RunningServer, startServer } from './helpers/server'

let database: TestDatabase
let server: RunningServer
let token: string

interface Outcome {
  /** When the client's connection was established, relative to the signal (ms; negative: before). */
  connectedAt: number | null
  status: number
  complete: boolean
  error?: string
}

beforeAll(async () => {
  database = await createTestDatabase('shutdown')
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: database.uri, JOBS_AUTORUN: 'false' })
  const first = await fetch(`${server.url}/api/users/first-register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@shutdown.test', password: 'correct-horse-battery-staple', name: 'Ada Admin' }),
  })
  expect(first.status).toBe(200)
  token = ((await first.json()) as { token: string }).token
  for (let i = 0; i < 40; i++) {
    const res = await fetch(`${server.url}/api/specialties`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ name: `Specialty ${i}` }),
    })
    // On a failure, show what the server said and logged: a 500 here is a bug of its own.
    if (res.status !== 201) throw new Error(`Specialty ${i}: ${res.status} ${await res.text()}\nserver output:\n${server.output().slice(-3000)}`)
  }
}, 120_000)

afterAll(async () => {
  await server?.stop('SIGKILL')
  await database?.drop()
})

test('SIGTERM under load: every request already sent is answered in full, none is cut, and the process exits 0', async () => {
  const url = new URL(server.url)
  let signalAt: number | null = null
  const since = () => (signalAt === null ? performance.now() : performance.now() - signalAt)
  const outcomes: Outcome[] = []

  // A staff read (never served from the cache), on a new connection each time.
  const one = () =>
    new Promise<Outcome>((resolve) => {
      const outcome: Outcome = { connectedAt: null, status: 0, complete: false }
      const req = httpRequest(
        { host: '127.0.0.1', port: url.port, path: '/api/specialties?limit=40&depth=1', agent: false, headers: { authorization: `JWT ${token}` } },
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk) => (body += chunk))
          res.on('end', () => {
            outcome.status = res.statusCode ?? 0
            try {
              outcome.complete = (JSON.parse(body) as { docs: unknown[] }).docs.length === 40
            } catch {
              outcome.complete = false
            }
            resolve(outcome)
          })
          res.on('error', (error) => resolve({ ...outcome, error: error.message }))
        },
      )
      req.on('socket', (socket) => socket.once('connect', () => (outcome.connectedAt = signalAt === null ? -1 : since())))
      req.on('error', (error) => resolve({ ...outcome, error: (error as NodeJS.ErrnoException).code ?? error.message }))
      req.end()
    })

  let running = true
  const worker = async () => {
    while (running) {
      const outcome = await one()
      outcomes.push(outcome)
      // Once the listener has closed, this client has nothing more to learn.
      if (outcome.error === 'ECONNREFUSED') return
    }
  }
  const workers = Array.from({ length: 48 }, worker)
  // Let the load build up (the server falls behind: connections queue), then signal.
  while (outcomes.length < 150) await new Promise((r) => setTimeout(r, 20))
  signalAt = performance.now()
  const exited = server.stop('SIGTERM')
  // Clients keep trying until the process has exited; after the listener closes they are
  // refused, which is fine.
  const code = await exited
  running = false
  await Promise.all(workers)

  const beforeSignal = outcomes.filter((o) => o.connectedAt !== null && o.connectedAt < 0)
  const cut = beforeSignal.filter((o) => o.status !== 200 || !o.complete)
  const after = outcomes.filter((o) => !(o.connectedAt !== null && o.connectedAt < 0))
  const tally = (list: Outcome[]) =>
    list.reduce<Record<string, number>>((acc, o) => {
      const key = o.error ?? String(o.status)
      acc[key] = (acc[key] ?? 0) + 1
      return acc
    }, {})
  console.log(`SIGTERM under load: ${beforeSignal.length} requests sent before the signal ${JSON.stringify(tally(beforeSignal))}; after it ${JSON.stringify(tally(after))}; exit ${code}`)

  expect(beforeSignal.length).toBeGreaterThan(150)
  expect(cut).toEqual([])
  expect(code).toBe(0)
  expect(server.output()).toContain('Stopped cleanly')
}, 120_000)
