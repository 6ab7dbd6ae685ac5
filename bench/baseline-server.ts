/**
 * The physical limit of this stack: bare Express 5 answering each route with bytes captured
 * from the real server beforehand (same status, same content type, same body), no work at all.
 * `node --import tsx bench/baseline-server.ts BODIES.json`; prints `listening on http://...`.
 * BODIES.json: `{ "<name>": { "status": 200, "contentType": "...", "body": "<base64>" } }`,
 * served at `/<name>` to a GET or a POST (whose body is read and dropped, as any server must).
 */
import fs from 'node:fs'
import { createServer } from 'node:http'

import express from 'express'

interface Captured {
  status: number
  contentType: string
  body: string
}

const bodies = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Record<string, Captured>
const app = express()
app.disable('x-powered-by')
for (const [name, captured] of Object.entries(bodies)) {
  const bytes = Buffer.from(captured.body, 'base64')
  app.get(`/${name}`, (_req, res) => {
    res.status(captured.status).setHeader('content-type', captured.contentType)
    res.end(bytes)
  })
  app.post(`/${name}`, (req, res) => {
    req.resume()
    req.once('end', () => {
      res.status(captured.status).setHeader('content-type', captured.contentType)
      res.end(bytes)
    })
  })
}
const server = createServer(app)
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
