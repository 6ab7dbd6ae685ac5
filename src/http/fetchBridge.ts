/**
 * Express speaks Node streams; Payload's handlers speak the Web `Request`/`Response`. These
 * functions translate between them without buffering request bodies, so uploads stream through
 * and Payload itself parses what it receives (no body parser in front of it). The one body read
 * whole first is an anonymous GraphQL POST's (`readWholeBody`): its query decides who answers.
 */
import type { IncomingMessage } from 'node:http'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

export interface BridgedRequest {
  request: Request
  /**
   * Set once the body went past the size limit (the handler's answer is then replaced by a 413)
   * or, for JSON, past MAX_JSON_NESTING levels of arrays and objects (replaced by a 400).
   */
  bodyRefusal(): BodyRefusal | undefined
}

export type BodyRefusal = 'too large' | 'too deep'

/** A Payload handler, and every API policy after the bridge: Web Request -> Response. */
export type WebHandler = (request: Request) => Promise<Response>
/** A policy around a Web handler: answers itself, or asks `next` and may change its answer. */
export type WebPolicy = (next: WebHandler) => WebHandler

/** `handler` inside `policies`, the first outermost. */
export const wrappedIn = (policies: WebPolicy[], handler: WebHandler): WebHandler => policies.reduceRight((next, policy) => policy(next), handler)

/**
 * Deepest nesting of arrays and objects a JSON body may have. Payload copies and walks documents
 * recursively and ran out of stack on a body a few thousand levels deep (a 500); no document or
 * query needs more than a few dozen levels (a rich-text list nested ten deep is about forty).
 * Counted as the body streams, so a deep body is refused without being parsed. (Payload 3.90
 * workaround, listed in src/errors/callerMistakes.ts; the limit is worth keeping anyway.)
 */
export const MAX_JSON_NESTING = 256

/** Feeds a JSON text chunk by chunk; answers true once its nesting goes past `max`. */
export function jsonNestingCounter(max: number): (chunk: Uint8Array) => boolean {
  let depth = 0
  let inString = false
  let escaped = false
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]
      if (inString) {
        if (escaped) escaped = false
        else if (byte === 0x5c /* backslash */) escaped = true
        else if (byte === 0x22 /* " */) inString = false
      } else if (byte === 0x22) inString = true
      else if (byte === 0x7b /* { */ || byte === 0x5b /* [ */) {
        if (++depth > max) return true
      } else if (byte === 0x7d /* } */ || byte === 0x5d /* ] */) depth--
    }
    return false
  }
}

const isJSON = (contentType: string | undefined) => (contentType ?? '').split(';', 1)[0].trim().toLowerCase() === 'application/json'

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
export function toWebRequest(req: ExpressRequest, maxBodyBytes = Number.POSITIVE_INFINITY, bodyRead?: Buffer): BridgedRequest {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`)
  const headers = webHeadersOf(req)
  const controller = new AbortController()
  // Stop work for a client that went away before its answer was written. (On the response, not
  // the socket: a kept-alive socket carries many requests and would collect one listener each.)
  req.res?.once('close', () => {
    if (!req.res?.writableFinished) controller.abort()
  })

  let refusal: BodyRefusal | undefined
  let body: ReadableStream | Buffer | undefined = bodyRead
  if (bodyRead) {
    // Read already, within the limits (`readWholeBody`).
  } else if (req.method !== 'GET' && req.method !== 'HEAD') {
    let received = 0
    const tooDeep = isJSON(req.headers['content-type']) ? jsonNestingCounter(MAX_JSON_NESTING) : () => false
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length
        if (received > maxBodyBytes) {
          refusal = 'too large'
          done(new Error(`request body over ${maxBodyBytes} bytes`))
          return
        }
        if (tooDeep(chunk)) {
          refusal = 'too deep'
          done(new Error(`JSON body nested over ${MAX_JSON_NESTING} levels`))
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
      if (req.complete || refusal === 'too large') return
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
    ...(body && !bodyRead ? { duplex: 'half' } : {}),
  } as RequestInit)
  return { request, bodyRefusal: () => refusal }
}

/**
 * Reads a request's whole body, held to the same limits as `toWebRequest` holds a streamed one:
 * the body, its refusal, or undefined when the client went away before sending it all. For a
 * body the server needs before deciding who answers (an anonymous GraphQL read, src/http/app.ts);
 * `toWebRequest(req, max, body)` then hands it on.
 */
export function readWholeBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer | BodyRefusal | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let received = 0
    const tooDeep = isJSON(req.headers['content-type']) ? jsonNestingCounter(MAX_JSON_NESTING) : () => false
    const done = (outcome: Buffer | BodyRefusal | undefined) => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('close', onClose)
      // The rest of a body too deep is read and thrown away, so the connection can be reused;
      // one too large is not read (the refusal closes the connection).
      if (outcome === 'too deep') req.resume()
      resolve(outcome)
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received > maxBodyBytes) done('too large')
      else if (tooDeep(chunk)) done('too deep')
      else chunks.push(chunk)
    }
    const onEnd = () => done(Buffer.concat(chunks, received))
    const onClose = () => done(undefined)
    req.on('data', onData)
    req.once('end', onEnd)
    req.once('close', onClose)
    // An 'error' is followed by 'close'; a listener keeps it from being thrown.
    req.once('error', () => {})
  })
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
