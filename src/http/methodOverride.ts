/**
 * Payload's admin lists documents for its relationship pickers with
 * `POST /api/<collection>` + `X-Payload-HTTP-Method-Override: GET` and the query as a
 * form-encoded body (long `where`s do not fit in a URL). Payload reads that body as the query
 * string. Here such a request is turned into the GET it stands for before any policy sees it, so
 * the query guards, the rate limits and the response cache treat it exactly as the same GET:
 * one set of rules for reads, however they are spelled.
 */
import type { RequestHandler } from 'express'

import { sendRefusal, TooLarge } from '../errors'
import { bodyText, canonicalTarget } from './canonicalRequest'

/** A query longer than this is not a picker's: refuse it rather than buffer it. */
const MAX_QUERY_BYTES = 256 * 1024
const OVERRIDE_HEADERS = ['x-payload-http-method-override', 'x-http-method-override']
const BODY_HEADERS = new Set([...OVERRIDE_HEADERS, 'content-type', 'content-length', 'transfer-encoding'])

const queryTooLarge = () => new TooLarge(`A query sent as a form-encoded body may be at most ${MAX_QUERY_BYTES / 1024} KB.`)

const isFormEncoded = (contentType: string | undefined) => (contentType ?? '').split(';', 1)[0].trim().toLowerCase() === 'application/x-www-form-urlencoded'

export const methodOverrideAsGet: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || !OVERRIDE_HEADERS.some((name) => req.get(name)?.trim().toUpperCase() === 'GET')) return next()
  // A JSON body is Payload's other spelling of the override; it reads that one itself.
  if (!isFormEncoded(req.get('content-type'))) return next()
  if (Number(req.get('content-length') ?? 0) > MAX_QUERY_BYTES) {
    res.setHeader('connection', 'close')
    sendRefusal(res, queryTooLarge())
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  let refused = false
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > MAX_QUERY_BYTES && !refused) {
      refused = true
      res.setHeader('connection', 'close')
      sendRefusal(res, queryTooLarge())
      return
    }
    if (!refused) chunks.push(chunk)
  })
  req.once('error', next)
  req.once('end', () => {
    if (refused) return
    const query = bodyText(Buffer.concat(chunks)).trim().replace(/^\?/, '')
    // The joined target is made canonical again, as every request is before any policy
    // (src/http/canonicalRequest.ts): a `#` or a raw space in the body must not read one way
    // here and another to Payload.
    const join = (url: string) => {
      const joined = query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url
      return canonicalTarget(joined) ?? joined
    }
    req.method = 'GET'
    req.url = join(req.url)
    req.originalUrl = join(req.originalUrl)
    for (const name of BODY_HEADERS) delete req.headers[name]
    const raw: string[] = []
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (!BODY_HEADERS.has(req.rawHeaders[i].toLowerCase())) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1])
    }
    req.rawHeaders = raw
    next()
  })
}
