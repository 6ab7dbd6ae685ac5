/**
 * Careline's HTTP server: one Express process in front of Payload (REST, GraphQL) and the
 * Next.js admin. `API_ONLY=true` serves the API alone, without loading Next.js.
 */
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { contentCache } from './cache'
import { startCacheSync } from './cache/sync'
import { closeDatabase, refreshQueryPlannerStatistics } from './database'
import { createApp, gracefulServer } from './http'
import { recordBoundApiOrigin, settings } from './settings'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const STATISTICS_REFRESH_MS = 6 * 60 * 60 * 1000

async function loadNext(port: number) {
  const { default: next } = await import('next')
  const dev = settings.nodeEnv === 'development'
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
  const cache = contentCache()
  const cacheSync = startCacheSync({ payload, cache })
  await cacheSync.ready
  const app = createApp({ payload, config: configPromise, nextHandler, lifecycle, cache })
  // A failed request must not end the process. With the admin loaded, Next.js has already
  // registered listeners that log an uncaught exception or unhandled rejection and carry on;
  // API-only mode has none, and Node's default ends the process on the first unhandled
  // rejection. The same behaviour in both modes, logged through Payload's logger.
  if (!process.listenerCount('unhandledRejection')) {
    process.on('unhandledRejection', (reason) => payload.logger.error({ err: reason, msg: 'Unhandled promise rejection; the server carries on' }))
  }
  if (!process.listenerCount('uncaughtException')) {
    process.on('uncaughtException', (error) => payload.logger.error({ err: error, msg: 'Uncaught exception; the server carries on' }))
  }

  const server = createServer(app)
  // Idle kept-alive connections stay open longer than a load balancer's or client's own idle
  // timeout (60 s is common), so the client always closes first: otherwise a request sent just
  // as the server closes an idle connection fails with "other side closed".
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  const connections = gracefulServer(server)
  await listen(server, port, settings.host)
  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  // The public site reads the public API over HTTP, here unless SITE_API_URL says elsewhere.
  recordBoundApiOrigin(`http://127.0.0.1:${boundPort}`)
  payload.logger.info(
    `Careline ${settings.apiOnly ? 'API' : 'API and admin'} listening on http://localhost:${boundPort} (${payload.db.name}, ready in ${Date.now() - started} ms)`,
  )

  // SQLite's statistics follow the content as it grows (see refreshQueryPlannerStatistics).
  const statistics = setInterval(() => {
    refreshQueryPlannerStatistics(payload).catch((error: Error) => payload.logger.warn({ msg: `Refreshing query planner statistics failed: ${error.message}` }))
  }, STATISTICS_REFRESH_MS)
  statistics.unref()

  // After SIGTERM the server keeps accepting until connections stop arriving, at most
  // SHUTDOWN_DRAIN_MS: requests already on their way are answered, and a load balancer (which
  // sees /readyz turn 503) has time to move away. See src/http/shutdown.ts.
  const { shutdownDrainMs: SHUTDOWN_DRAIN_MS, shutdownGraceMs: SHUTDOWN_GRACE_MS } = settings
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    lifecycle.draining = true
    clearInterval(statistics)
    payload.logger.info(`${signal}: not ready; answering what arrives (up to ${SHUTDOWN_DRAIN_MS} ms), then finishing requests in flight`)
    const force = setTimeout(() => {
      payload.logger.error(`Requests still open ${SHUTDOWN_GRACE_MS} ms after the drain; closing them`)
      connections.closeAll()
    }, SHUTDOWN_DRAIN_MS + SHUTDOWN_GRACE_MS)
    force.unref()
    // Answers say `Connection: close` from now on; see src/http/shutdown.ts for the order of things.
    await connections.close({ maxAcceptMs: SHUTDOWN_DRAIN_MS })
    clearTimeout(force)
    await cacheSync.stop()
    await closeDatabase(payload)
    payload.logger.info('Stopped cleanly')
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((error: unknown) => {
  console.error(`Careline could not start: ${error instanceof Error ? error.message : String(error)}`)
  // Not through `settings`: they may be what failed.
  if (process.env.NODE_ENV !== 'production' && error instanceof Error && !/Configuration|DatabaseConfig/.test(error.name)) {
    console.error(error.stack)
  }
  process.exit(1)
})
