/**
 * Express speaks Node streams; Payload's handlers speak the Web `Request`/`Response`. These two
 * functions translate between them without buffering request bodies, so uploads stream through
 * and Payload itself parses what it receives (no body parser in front of it).
 */
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

export interface BridgedRequest {
  request: Request
  /** True once the body went past the limit; the handler's answer is then replaced by a 413. */
  bodyTooLarge(): boolean
}

/**
 * The request's headers as a Web `Headers`, as Payload would see them (all of them: its CSRF
 * check reads Origin and Sec-Fetch-Site beside the cookie).
 */
export function webHeadersOf(req: { rawHeaders: string[] }): Headers {
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
    } catch {
      // A header value Node accepted but Headers refuses: not one Payload reads.
    }
  }
  return headers
}

/**
 * Wraps an Express request as a Web `Request`. The body is counted as it streams, so a body
 * without a Content-Length (chunked) is held to the same limit as one that declares it.
 */
export function toWebRequest(req: ExpressRequest, maxBodyBytes = Number.POSITIVE_INFINITY): BridgedRequest {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`)
  const headers = webHeadersOf(req)
  const controller = new AbortController()
  // Stop work for a client that went away before its answer was written. (On the response, not
  // the socket: a kept-alive socket carries many requests and would collect one listener each.)
  req.res?.once('close', () => {
    if (!req.res?.writableFinished) controller.abort()
  })

  let tooLarge = false
  let body: ReadableStream | undefined
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    let received = 0
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length
        if (received > maxBodyBytes) {
          tooLarge = true
          done(new Error(`request body over ${maxBodyBytes} bytes`))
          return
        }
        done(null, chunk)
      },
    })
    req.on('error', (error) => counted.destroy(error))
    body = Readable.toWeb(req.pipe(counted)) as unknown as ReadableStream
    // A handler that answers without reading the body (a 404, a refusal) leaves the rest of it
    // on the connection, and the next request on that kept-alive connection would be reset.
    // Read what is left and throw it away, as Node does for a body nobody consumed; past the
    // limit the connection is closed instead.
    req.res?.once('finish', () => {
      if (req.complete || tooLarge) return
      req.unpipe(counted)
      counted.destroy()
      req.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received > maxBodyBytes) req.socket.destroy()
      })
      req.resume()
    })
  }
  const request = new Request(url, {
    method: req.method,
    headers,
    body,
    signal: controller.signal,
    // Required by undici when the body is a stream.
    ...(body ? { duplex: 'half' } : {}),
  } as RequestInit)
  return { request, bodyTooLarge: () => tooLarge }
}

export async function sendWebResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status)
  response.headers.forEach((value, key) => {
    // A cache policy already decided by the server (src/cache) wins over the handler's.
    if (key === 'cache-control' && res.hasHeader(key)) return
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
