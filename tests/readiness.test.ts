/**
 * /readyz reports the database, and the service recovers by itself when the database returns.
 * The outage is made with a TCP relay between the server and PostgreSQL that the test cuts and
 * restores, so the shared PostgreSQL server itself is never stopped. (This file always uses
 * PostgreSQL: an embedded SQLite file cannot become unreachable.)
 */
import net from 'node:net'

import { createTestDatabase, type TestDatabase } from './helpers/database'
import { type RunningServer, startServer } from './helpers/server'

class Relay {
  private server?: net.Server
  private sockets = new Set<net.Socket>()
  constructor(private target: { host: string; port: number }, public port = 0) {}
  async open() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target)
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => s.destroy())
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve))
    this.port = (this.server.address() as net.AddressInfo).port
  }
  async cut() {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server!.close(() => resolve()))
  }
}

let database: TestDatabase
let relay: Relay
let server: RunningServer

beforeAll(async () => {
  database = await createTestDatabase('readiness', 'postgres')
  const target = new URL(database.uri)
  relay = new Relay({ host: target.hostname, port: Number(target.port || 5432) })
  await relay.open()
  target.host = `127.0.0.1:${relay.port}`
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: target.toString() })
})
afterAll(async () => {
  await server?.stop()
  await relay?.cut().catch(() => undefined)
  await database?.drop()
})

const timed = async (path: string) => {
  const started = Date.now()
  try {
    const res = await fetch(`${server.url}${path}`)
    return { status: res.status, ms: Date.now() - started, body: await res.text() }
  } catch (error) {
    // Say what the server said: a failed fetch here means it crashed or cut the connection.
    throw new Error(`GET ${path} failed (${(error as Error).message}); server output:\n${server.output().slice(-3000)}`)
  }
}

test('ready while the database answers, 503 as soon as it is gone, ready again when it returns', async () => {
  expect((await timed('/readyz')).status).toBe(200)
  expect((await timed('/api/conditions')).status).toBe(200)

  await relay.cut()
  const down = await timed('/readyz')
  expect(down.status).toBe(503)
  expect(down.ms).toBeLessThan(1500) // fails fast rather than hanging (functional bound, not a benchmark)
  expect(JSON.parse(down.body)).toMatchObject({ status: 'unavailable', database: 'down' })
  const liveness = await timed('/healthz')
  expect(liveness.status).toBe(200) // the process itself is fine: no restart wanted

  await relay.open()
  let ready = 0
  for (let i = 0; i < 50 && ready !== 200; i++) {
    ready = (await timed('/readyz')).status
    if (ready !== 200) await new Promise((r) => setTimeout(r, 100))
  }
  expect(ready).toBe(200)
  expect((await timed('/api/conditions')).status).toBe(200)
})
