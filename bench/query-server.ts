/**
 * The real Express app (src/http/app.ts) behind the query count header (./queryCountHeader.ts),
 * so the harness can read each scenario's `x-database-queries`. Run with DATABASE_QUERY_COUNT=true
 * and CACHE_MAX_MB=0 (every answer computed); prints `listening on http://...`.
 * The header is bench code, so the production server does not mount it: this server does.
 */
import { createServer } from 'node:http'

import express from 'express'

import { closeDatabase, databaseQueryCountEnabled } from '../src/database'
import { createApp } from '../src/http/app'
import { databaseQueryCountHeader } from './queryCountHeader'

if (!databaseQueryCountEnabled()) throw new Error('bench/query-server.ts needs DATABASE_QUERY_COUNT=true')
const { default: configPromise } = await import('../src/payload.config')
const { openCareline } = await import('../src/runtime')
const payload = await openCareline()
const outer = express()
outer.disable('x-powered-by')
outer.use(databaseQueryCountHeader())
outer.use(createApp({ payload, config: configPromise }))
const server = createServer(outer)
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
})
process.once('SIGTERM', () => server.close(() => void closeDatabase(payload).then(() => process.exit(0))))
