/**
 * Express speaks Node streams; Payload's handlers speak the Web `Request`/`Response`. These two
 * functions translate between them without buffering request bodies, so uploads stream through
 * and Payload itself parses what it receives (no body parser in front of it).
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

export function toWebRequest(req: ExpressRequest): Request {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`)
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  const controller = new AbortController()
  // Stop work for a client that went away before its answer was written.
  req.socket.once('close', () => {
    if (!req.complete || !req.res?.writableEnded) controller.abort()
  })
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream) : undefined,
    signal: controller.signal,
    // Required by undici when the body is a stream.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit)
}

export async function sendWebResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status)
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') res.setHeader(key, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('set-cookie', cookies)
  if (!response.body || res.req.method === 'HEAD') {
    res.end()
    return
  }
  await pipeline(Readable.fromWeb(response.body as any), res)
}
