/**
 * HTTP caching of API answers. Anonymous reads of public content are cacheable: they carry an
 * `ETag` and `Cache-Control: public` (short max-age, stale-while-revalidate), answer
 * `If-None-Match` with 304, and are kept in the process's store. Anything a signed-in user or a
 * draft read sees is `private, no-store`, and never stored.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'

import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

import type { WriteHeadHookFor } from '../http/responseHooks'
import { type Settings, settings } from '../settings'
import type { CachedResponse, ResponseCache } from './store'

export type Cacheability = 'public' | 'private' | 'uncached'

/** Collections and routes that are never public content, whoever asks. */
const PRIVATE_PATHS = /^\/api\/(?:users|imports|review-events|publication-log|webhooks|webhook-deliveries|payload-[a-z-]+)(?:\/|$)|\/review(?:\/|$)/

/** From CACHE_MAX_AGE and CACHE_STALE_WHILE_REVALIDATE (checked once, in src/settings). */
export const publicCacheControl = (from: Settings = settings) =>
  `public, max-age=${from.cacheMaxAge}, stale-while-revalidate=${from.cacheStaleWhileRevalidate}`
export const PRIVATE_CACHE_CONTROL = 'private, no-store'

/**
 * A fast, deliberately broad first pass: any cookie that mentions Payload's session cookie, however
 * it is spelled or spaced, might sign the request in. It never decides that a request is
 * anonymous on its own: before an answer is stored, Payload itself says who the request is for
 * (`forward` in src/http/app.ts asks `payload.auth`).
 */
const hasSessionCookie = (cookie: string | undefined) => Boolean(cookie && /payload-token/i.test(cookie))

/** The whole URL as the client sent it (Express rewrites `url` inside routers; `originalUrl` keeps it). */
const fullUrlOf = (req: IncomingMessage) => (req as Partial<ExpressRequest>).originalUrl ?? req.url ?? '/'

/**
 * Apollo and urql send queries as POST: an anonymous one is a read like a GET (which POSTs are
 * queries, and their key, is read from the body: graphQLReadKey in src/http/graphql.ts).
 */
const isGraphQLPost = (req: IncomingMessage) =>
  req.method === 'POST' && /^application\/json\b/i.test(req.headers['content-type'] ?? '') && /^\/api\/graphql(?:\?|$)/.test(fullUrlOf(req))

/** Plain Node requests, so a stored answer can be sent before Express runs (`answerFromStore`). */
export function cacheabilityOf(req: IncomingMessage): Cacheability {
  if (req.method !== 'GET' && req.method !== 'HEAD' && !isGraphQLPost(req)) return 'uncached'
  if (req.headers.authorization || hasSessionCookie(req.headers.cookie)) return 'private'
  const url = fullUrlOf(req)
  const query = url.indexOf('?')
  if (query !== -1 && new URLSearchParams(url.slice(query + 1)).getAll('draft').includes('true')) return 'private'
  if (PRIVATE_PATHS.test(query === -1 ? url : url.slice(0, query))) return 'private'
  return 'public'
}

/** The answer differs by URL and, through CORS headers, by the calling origin. */
export const cacheKeyOf = (req: IncomingMessage) => `${fullUrlOf(req)}\n${req.headers.origin ?? ''}`

const etagOf = (body: Buffer) => `W/"${createHash('sha1').update(body).digest('base64url')}"`

/**
 * What stands for the ETag of a POST's answer (a GraphQL query as Apollo sends it): no client or
 * CDN revalidates a POST, so none is computed or sent (hashing the answer cost 3% of an uncached
 * GraphQL page read); the answer is still content, kept and sent as public. A POST's answer is
 * stored under a key of its body and only ever sent to a POST.
 */
const POSTED_CONTENT = 'posted content'
const validatorOf = (req: IncomingMessage, body: Buffer) => (req.method === 'POST' ? POSTED_CONTENT : etagOf(body))

const matches = (ifNoneMatch: string | undefined, etag: string) => {
  if (!ifNoneMatch) return false
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim()
    return candidate === '*' || candidate.replace(/^W\//, '') === bare
  })
}

const SKIPPED_HEADERS = new Set(['set-cookie', 'content-length', 'date', 'connection', 'transfer-encoding', 'etag', 'cache-control', 'vary', 'keep-alive'])

/** GraphQL reports errors in a 200 body; such an answer is not content for caches to keep. */
function hasGraphQLErrors(body: Buffer) {
  if (!body.includes('"errors"')) return false
  try {
    return Boolean((JSON.parse(body.toString('utf8')) as { errors?: unknown }).errors)
  } catch {
    return true
  }
}

/** Reads a Payload answer into a storable form (no ETag: answer it, keep it nowhere), or undefined when it must pass through untouched. */
export async function toCachedResponse(req: IncomingMessage, response: Response, graphQL: boolean): Promise<CachedResponse | undefined> {
  if (response.status !== 200 || response.headers.has('set-cookie')) return undefined
  const body = Buffer.from(await response.arrayBuffer())
  const etag = graphQL && hasGraphQLErrors(body) ? '' : validatorOf(req, body)
  return { status: 200, headers: headersOf(response), body, etag }
}

const headersOf = (response: Response) =>
  [...response.headers.entries()].filter(([name]) => !SKIPPED_HEADERS.has(name.toLowerCase()))

/** Writes a cacheable answer (fresh or from the store), or 304 when the client has it. */
export function sendPublic(req: IncomingMessage, res: ServerResponse, answer: CachedResponse, source: 'HIT' | 'MISS') {
  for (const [name, value] of answer.headers) res.setHeader(name, value)
  // The encoding follows Accept-Encoding for any answer big enough to compress; said on every
  // answer, so it does not depend on which door (the store, the pages' path, Express) sent it.
  res.setHeader('vary', 'Origin, Accept-Encoding')
  res.setHeader('x-cache', source)
  if (!answer.etag) {
    // Not content (e.g. a GraphQL error): answered, but not for caches to keep.
    res.setHeader('cache-control', 'no-store')
    res.statusCode = answer.status
    res.end(req.method === 'HEAD' ? undefined : answer.body)
    return
  }
  res.setHeader('cache-control', publicCacheControl())
  if (answer.etag !== POSTED_CONTENT) res.setHeader('etag', answer.etag)
  if (req.method !== 'POST' && matches(req.headers['if-none-match'], answer.etag)) {
    res.statusCode = 304
    res.end()
    return
  }
  // Compressed once per stored answer, not once per request (the compression middleware
  // leaves an answer that already has a Content-Encoding alone).
  const body = acceptsGzip(req) && answer.body.length >= GZIP_MIN_BYTES ? gzipped(answer) : undefined
  if (body) res.setHeader('content-encoding', 'gzip')
  res.setHeader('content-length', String((body ?? answer.body).length))
  res.statusCode = answer.status
  res.end(req.method === 'HEAD' ? undefined : (body ?? answer.body))
}

const GZIP_MIN_BYTES = 1024
/** Whether Accept-Encoding allows gzip: named with a non-zero q, or not named and `*` allowed. */
export function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding']
  if (!header) return false
  let named: number | undefined
  let any: number | undefined
  for (const part of header.split(',')) {
    const [coding, ...params] = part.split(';').map((piece) => piece.trim())
    const q = params.find((param) => /^q=/i.test(param))
    const weight = q ? Number(q.slice(2)) : 1
    if (coding.toLowerCase() === 'gzip') named = weight
    else if (coding === '*') any = weight
  }
  return (named ?? any ?? 0) > 0
}
const gzipCache = new WeakMap<CachedResponse, Buffer>()
function gzipped(answer: CachedResponse) {
  let body = gzipCache.get(answer)
  if (!body) {
    body = gzipSync(answer.body)
    gzipCache.set(answer, body)
  }
  return body
}

/** Serves from the store, or computes, stores and serves. `compute` gives Payload's answer. */
export async function answerPublicRead(
  req: ExpressRequest,
  res: ExpressResponse,
  cache: ResponseCache,
  compute: () => Promise<Response>,
  send: (response: Response) => Promise<void>,
  key = cacheKeyOf(req),
): Promise<void> {
  const hit = cache.get(key)
  if (hit) return sendPublic(req, res, hit, 'HIT')
  const generation = cache.generation
  const response = await compute()
  const graphQL = req.originalUrl.startsWith('/api/graphql')
  const answer = await toCachedResponse(req, response, graphQL)
  if (!answer) {
    // Errors, refusals and answers that set cookies: not for any cache to keep.
    const headers = new Headers(response.headers)
    headers.set('cache-control', 'no-store')
    return send(new Response(response.body, { status: response.status, headers }))
  }
  keepAndSend(req, res, cache, key, answer, generation)
}

/**
 * As `answerPublicRead`, for an answer computed as bytes rather than as a Web Response (no
 * stream or Response object in between: the delivery path of src/http/servedPages.ts). `compute`
 * gives the body and its headers, or undefined when it does not answer this request; then
 * nothing is sent and the result is false.
 */
export async function answerPublicBytes(
  req: IncomingMessage,
  res: ServerResponse,
  cache: ResponseCache,
  compute: () => Promise<{ body: Buffer; headers: [string, string][] } | undefined>,
  key = cacheKeyOf(req),
): Promise<boolean> {
  const hit = cache.get(key)
  if (hit) {
    sendPublic(req, res, hit, 'HIT')
    return true
  }
  const generation = cache.generation
  const computed = await compute()
  if (!computed) return false
  keepAndSend(req, res, cache, key, { status: 200, headers: computed.headers, body: computed.body, etag: validatorOf(req, computed.body) }, generation)
  return true
}

/** Stores a public answer (unless it is not content) with the headers set in front of it, and sends it. */
function keepAndSend(req: IncomingMessage, res: ServerResponse, cache: ResponseCache, key: string, answer: CachedResponse, generation: number) {
  if (answer.etag) cache.set(key, { ...answer, headers: [...headersSentWith(res), ...answer.headers] }, generation)
  sendPublic(req, res, answer, 'MISS')
}

/** Set on every answer by the middleware in front (security headers, CSP): replayed on a hit. */
const PER_REQUEST_HEADERS = new Set([...SKIPPED_HEADERS, 'x-request-id', 'x-cache', 'content-encoding'])
export const headersSentWith = (res: ServerResponse): [string, string][] =>
  Object.entries(res.getHeaders())
    .filter(([name, value]) => !PER_REQUEST_HEADERS.has(name) && value !== undefined)
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)])

/**
 * Answers a repeated anonymous read straight from the store, before Express runs (its routing
 * and middleware cost about a tenth of a cached answer's time): a stored answer went through
 * every check when it was computed, and its headers (security headers included) were stored
 * with it. Returns false for anything else, which goes on to the full chain.
 */
export function answerFromStore(cache: ResponseCache, req: IncomingMessage, res: ServerResponse): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith('/api/') || cacheabilityOf(req) !== 'public') return false
  const hit = cache.peek(cacheKeyOf(req))
  if (!hit) return false
  sendPublic(req, res, hit, 'HIT')
  return true
}

/**
 * The public site's pages get the same policy as the API's answers: public and short-lived for
 * anonymous visitors, `private, no-store` for a signed-in editor or a draft preview, and errors
 * kept by nobody. Next.js marks dynamic pages uncacheable; this decides instead, as the status
 * is written (a hook of src/http/responseHooks.ts: the status exists only then).
 */
export const sitePageCachePolicy: WriteHeadHookFor = (req, res) => {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || /^\/(?:admin|api|_next)(?:\/|$)/.test(req.path)) return undefined
  const personal = hasSessionCookie(req.get('cookie')) || req.get('authorization') || 'preview' in req.query
  return {
    name: 'site page cache policy',
    beforeHeaders(status, headerArgs) {
      const policy = personal ? PRIVATE_CACHE_CONTROL : status === 200 ? publicCacheControl() : 'no-store'
      for (const arg of headerArgs) {
        if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
          for (const name of Object.keys(arg)) if (name.toLowerCase() === 'cache-control') delete (arg as Record<string, unknown>)[name]
        }
      }
      res.setHeader('cache-control', policy)
    },
  }
}
