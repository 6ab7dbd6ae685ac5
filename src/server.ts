/**
 * Careline's HTTP server: one Express process in front of Payload (REST, GraphQL) and the
 * Next.js admin. `API_ONLY=true` serves the API alone, without loading Next.js.
 */
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { closeDatabase } from './database'
import { createApp } from './http/app'
import { settings } from './settings'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000)

async function loadNext(port: number) {
  const { default: next } = await import('next')
  const dev = process.env.NODE_ENV === 'development'
  const nextApp = next({ dev, dir: rootDir, hostname: 'localhost', port })
  await nextApp.prepare()
  return nextApp.getRequestHandler()
}

function listen(server: Server, port: number, host: string | undefined) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

async function main() {
  const started = Date.now()
  const port = settings.port
  // Imported here so a configuration error (bad DATABASE_URI, missing secret) is reported by
  // the handler below as one clear line rather than as an import-time stack trace.
  const { default: configPromise } = await import('./payload.config')
  const { openCareline } = await import('./runtime')
  const payload = await openCareline({ cron: true })
  const lifecycle = { draining: false }
  const nextHandler = settings.apiOnly ? undefined : await loadNext(port)
  const app = createApp({ payload, config: configPromise, nextHandler, lifecycle })

  const server = createServer(app)
  await listen(server, port, process.env.HOST)
  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  payload.logger.info(
    `Careline ${settings.apiOnly ? 'API' : 'API and admin'} listening on http://localhost:${boundPort} (${payload.db.name}, ready in ${Date.now() - started} ms)`,
  )

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    lifecycle.draining = true
    payload.logger.info(`${signal}: no new connections; finishing requests in flight`)
    const force = setTimeout(() => {
      payload.logger.error(`Requests still open after ${SHUTDOWN_GRACE_MS} ms; closing them`)
      server.closeAllConnections()
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    // Stop accepting. Kept-alive sockets close as soon as they are idle: now, or once the
    // request they carry has been answered.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    const sweep = setInterval(() => server.closeIdleConnections(), 50)
    server.closeIdleConnections()
    await closed
    clearInterval(sweep)
    clearTimeout(force)
    await closeDatabase(payload)
    payload.logger.info('Stopped cleanly')
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((error: unknown) => {
  console.error(`Careline could not start: ${error instanceof Error ? error.message : String(error)}`)
  if (process.env.NODE_ENV !== 'production' && error instanceof Error && !/Configuration|DatabaseConfig/.test(error.name)) {
    console.error(error.stack)
  }
  process.exit(1)
})
