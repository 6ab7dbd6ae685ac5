/**
 * Stock Payload behind a minimal Express server, API only: every `/api` request becomes a Web
 * Request for Payload's own `handleEndpoints`, as a Payload user without Next.js would mount it.
 * `STOCK_DATABASE_URI=... node --import tsx bench/stock/server.ts`; prints `listening on http://...`.
 * The database must have been filled by bench/stock/seed.ts (the schema is pushed there).
 */
import { createServer } from 'node:http'
import { Readable } from 'node:stream'

import express from 'express'
import { getPayload, handleEndpoints } from 'payload'

import configPromise from './config'

const config = await configPromise
await getPayload({ config })

const app = express()
app.disable('x-powered-by')
app.use('/api', async (req, res, next) => {
  try {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.originalUrl}`, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit)
    const response = await handleEndpoints({ config, request })
    res.status(response.status)
    response.headers.forEach((value, name) => res.setHeader(name, value))
    res.end(Buffer.from(await response.arrayBuffer()))
  } catch (error) {
    next(error)
  }
})
const server = createServer(app)
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
