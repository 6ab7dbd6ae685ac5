/**
 * The HTTP application: health checks, Payload's REST and GraphQL APIs, and (unless
 * API-only) the Next.js admin. Built from its parts so tests and the server share one assembly.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import compression from 'compression'
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express'
import helmet from 'helmet'
import { handleEndpoints, type Payload, type SanitizedConfig } from 'payload'

import { contentCache, type ResponseCache } from '../cache'
import { answerFromStore, answerPublicBytes, answerPublicRead, cacheabilityOf, cacheKeyOf, headersSentWith, PRIVATE_CACHE_CONTROL, sitePageCachePolicy } from '../cache/http'
import { pingDatabase } from '../database'
import { errorBody, NotFound, Refusal, refusalResponse, sendRefusal, TooLarge, Unavailable } from '../errors'
import { settings } from '../settings'
import { SITE_ICON_SVG } from '../site/icon'
import { jsonQueryParams, notServedOverAPI, wellFormedIDs, refuseUnreadableBodies } from './apiGuards'
import { canonicalizeRequest } from './canonicalRequest'
import { type BodyRefusal, type BridgedRequest, MAX_JSON_NESTING, readWholeBody, sendWebResponse, toWebRequest, type WebHandler, type WebPolicy, webHeadersOf, wrappedIn } from './fetchBridge'
import { graphQLBodyOf, graphQLReadKey, handleGraphQL } from './graphql'
import { methodOverrideAsGet } from './methodOverride'
import { createRateLimiter } from './rateLimit'
import { requestLog } from './requestLog'
import { refuseServerActionsWithoutAdminAccess } from './serverActions'
import { writeHeadHooks } from './responseHooks'
import { graphQLPagesFromSnapshots, graphQLReadOf } from './servedGraphQL'
import { corsHeadersOf, pagesFromSnapshots } from './servedPages'
import { siteFallbackPage } from './siteFallbacks'

export interface AppOptions {
  payload: Payload
  config: Promise<SanitizedConfig>
  /** Next.js's request handler for the admin panel; absent in API-only mode. */
  nextHandler?: (req: Request, res: Response) => Promise<void>
  /** Largest request body accepted on the API, in bytes. */
  maxBodyBytes?: number
  /** Set while shutting down: readiness fails and kept-alive connections are closed. */
  lifecycle?: { draining: boolean }
  /** Store of anonymous answers; the process's shared one unless a test brings its own. */
  cache?: ResponseCache
}

/**
 * An anonymous read answered from stored content (the body of a POST given), or undefined for
 * the general path; `res` carries the headers the middleware in front set.
 */
type StoredRead = (req: Request, body: Record<string, unknown> | undefined, res: Response) => Promise<{ body: Buffer; headers: [string, string][] } | undefined>

const asyncRoute =
  (handler: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req, res, next) => {
    handler(req, res).catch(next)
  }

export function createApp({
  payload,
  config,
  nextHandler,
  maxBodyBytes = settings.maxRequestBodyBytes,
  lifecycle = { draining: false },
  cache = contentCache(),
}: AppOptions) {
  const app = express()
  app.disable('x-powered-by')
  // Payload routes case-sensitively (`/api/Users/login` is not its sign-in route): so does
  // Express, or `/api/GraphQL` would be served as GraphQL without GraphQL's rate limit.
  app.set('case sensitive routing', true)
  if (settings.trustProxy !== undefined) app.set('trust proxy', settings.trustProxy)

  // The admin's own pages set what they need; its CSP is left to Next.js. Front ends on other
  // origins must be able to load published media, so resources are not same-origin only.
  app.use(
    helmet({
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  )
  app.use(compression())

  // Browsers ask for /favicon.ico on any page without an icon link (an API answer opened in a
  // tab, say): answer with the site's icon rather than a 404.
  app.get('/favicon.ico', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400')
    res.type('image/svg+xml').send(SITE_ICON_SVG)
  })
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' })
  })
  app.get(
    '/readyz',
    asyncRoute(async (_req, res) => {
      if (lifecycle.draining) {
        res.status(503).json({ status: 'shutting down' })
        return
      }
      try {
        await pingDatabase(payload)
        res.json({ status: 'ready', database: 'up' })
      } catch (error) {
        res.status(503).json({ status: 'unavailable', database: 'down', message: (error as Error).message })
      }
    }),
  )

  const refuseTooLarge = (res: Response) => {
    // The rest of the body stays unread, so the connection cannot be reused: close it.
    res.setHeader('connection', 'close')
    sendRefusal(res, new TooLarge(`Request body is larger than the ${Math.round(maxBodyBytes / 1048576)} MB limit.`))
  }
  const refuseBody = (res: Response, refusal: BodyRefusal) => {
    if (refusal === 'too large') return refuseTooLarge(res)
    sendRefusal(res, new Refusal(`The JSON body is nested more than ${MAX_JSON_NESTING} levels deep (arrays and objects inside each other). Send a flatter document.`, 400))
  }
  /**
   * A request that failed while the database does not answer is the database's outage, not a
   * bug: 503 with Retry-After, so clients and load balancers back off and try again.
   */
  const whenDatabaseDown: WebPolicy = (handler) => async (request) => {
    const response = await handler(request)
    if (response.status < 500) return response
    const up = await pingDatabase(payload, 500).then(
      () => true,
      () => false,
    )
    if (up) return response
    return refusalResponse(new Unavailable('The database is not answering right now. Try again in a few seconds.', 5), { 'cache-control': 'no-store' })
  }
  /**
   * Whether an answer may be public is decided by who Payload says the request is for: a request
   * Payload authenticates, by any means it accepts (cookies however spelled, headers), is private
   * and never stored. The headers are only read here when the request carries cookies at all.
   */
  const cacheabilityDecidedByPayload = async (req: Request) => {
    const cacheability = cacheabilityOf(req)
    if (cacheability !== 'public' || !req.headers.cookie) return cacheability
    const { user } = await payload.auth({ headers: webHeadersOf(req) })
    return user ? 'private' : 'public'
  }
  /** A GraphQL read the stored pages declined before Express (`graphQLBeforeExpress`), with a POST's body, read there. */
  const readBeforeExpress = new WeakMap<IncomingMessage, { body: Buffer | BodyRefusal | undefined; notStored: boolean }>()
  /**
   * The bridge, where an API request changes type once: from the Express request to a Web
   * `Request`, handed to the Web policies around a Payload handler (`policies`, outermost first).
   * The response cache's path is chosen here, on the Express request: an anonymous read of public
   * content goes through the store (a stored answer is sent without building a Web Request); what
   * a signed-in user or a draft read sees is marked private and never stored. A body refused as
   * it streams (too large, nested too deep) is answered here too.
   */
  const forward = (policies: WebPolicy[], payloadHandler: WebHandler, storedRead?: StoredRead) => {
    const handle = wrappedIn(policies, payloadHandler)
    return asyncRoute(async (req, res) => {
      const cacheability = await cacheabilityDecidedByPayload(req)
      if (cacheability === 'public' && req.method !== 'POST') {
        // A read the stored pages answer, then the general path; a stored answer is sent as it
        // is (no Web Request is built for it).
        if (storedRead && !readBeforeExpress.get(req)?.notStored && (await answerPublicBytes(req, res, cache, () => storedRead(req, undefined, res)))) return
        await answerPublicRead(req, res, cache, () => handle(toWebRequest(req, maxBodyBytes).request), (response) => sendWebResponse(res, response))
        return
      }
      let bridged: BridgedRequest
      if (cacheability === 'public') {
        // An anonymous GraphQL POST, read whole (within the body limits): a query is cached
        // like a GET, under its canonical key; a mutation goes on as usual.
        const readBefore = readBeforeExpress.get(req)
        const body = readBefore?.body ?? (await readWholeBody(req, maxBodyBytes))
        if (body === undefined) return // the client went away
        if (typeof body === 'string') return refuseBody(res, body)
        const data = graphQLBodyOf(new TextDecoder().decode(body))
        const key = data && graphQLReadKey(data)
        if (key !== undefined) {
          // The Web Request is built only for an answer Payload gives.
          const cacheKey = `${cacheKeyOf(req)}\n${req.get('accept') ?? ''}\n${key}`
          const fromStore = storedRead && !readBefore?.notStored ? () => storedRead(req, data, res) : undefined
          if (fromStore && (await answerPublicBytes(req, res, cache, fromStore, cacheKey))) return
          await answerPublicRead(req, res, cache, () => handle(toWebRequest(req, maxBodyBytes, body).request), (answer) => sendWebResponse(res, answer), cacheKey)
          return
        }
        bridged = toWebRequest(req, maxBodyBytes, body)
      } else bridged = toWebRequest(req, maxBodyBytes)
      const { bodyRefusal, request } = bridged
      let response: globalThis.Response | undefined
      try {
        response = await handle(request)
      } catch (error) {
        // A body refused as it streamed fails the handler's read of it: answered below.
        if (!bodyRefusal()) throw error
      }
      const refusal = bodyRefusal()
      if (refusal) refuseBody(res, refusal)
      else if (response) {
        if (cacheability === 'private') res.setHeader('cache-control', PRIVATE_CACHE_CONTROL)
        await sendWebResponse(res, response)
      }
    })
  }

  /** API answers are data, never documents to render: forbid scripts, frames and plugins. */
  const answersAreData: RequestHandler = (req, res, next) => {
    res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'; sandbox")
    // A declared length over the limit is refused before reading; chunked bodies are counted.
    if (Number(req.get('content-length') ?? 0) > maxBodyBytes) {
      refuseTooLarge(res)
      return
    }
    next()
  }
  // Sign-in, password reset and GraphQL have budgets per client IP and per account (src/http/rateLimit.ts).
  const limiter = createRateLimiter({ logger: { warn: (msg) => payload.logger.warn(msg), info: (msg) => payload.logger.info(msg) } })

  // The API's policies, in the order a request meets them. `careline` below runs first, for
  // every path: the request log, the one spelling Payload reads (canonicalRequest.ts), and a
  // stored answer for a repeated anonymous read (src/cache/http.ts). Then, on the Express request:
  const api = express.Router({ caseSensitive: true })
  api.use(
    // Security headers of data; a declared body over MAX_REQUEST_BODY_MB is a 413 unread.
    answersAreData,
    // A POST with X-HTTP-Method-Override: GET is read as the GET it stands for (methodOverride.ts).
    methodOverrideAsGet,
    // Sign-in, password reset and GraphQL budgets per client IP: 429 (rateLimit.ts).
    limiter.perIP,
  )
  // Then the bridge (`forward`: the response cache, body limits), and, on the Web Request, these
  // wrappers around Payload, outermost first:
  const restAPI = forward(
    [
      // A 5xx while the database does not answer is the outage's 503 with Retry-After.
      whenDatabaseDown,
      // Sign-in and password reset budgets per account, the e-mail in the body: 429 (rateLimit.ts).
      limiter.perAccount,
    ],
    (request) => handleEndpoints({ config, request }),
  )
  // GraphQL's own limits (depth, aliases, operations) are checked by handleGraphQL (graphql.ts).
  // An anonymous read of published pages only is answered from their stored text (servedGraphQL.ts).
  const graphQLPages = graphQLPagesFromSnapshots(payload, config)
  const corsHeaders = corsHeadersOf(payload)
  const graphQLPageAnswer = async (req: IncomingMessage, url: string, body: Record<string, unknown> | undefined) => {
    const read = graphQLReadOf(req.method ?? '', url, body)
    const answer = read && (await graphQLPages(read, req.headers.accept))
    return answer && { body: answer.body, headers: [...corsHeaders(req.headers.origin).filter(([name]) => name !== 'content-type'), ...answer.headers] }
  }
  /** Set by the middleware in front of the API, learned from the first GraphQL read answered from the stored pages in Express's chain. */
  let graphQLFrontHeaders: [string, string][] | undefined
  const graphQLPageRead: StoredRead = async (req, body, res) => {
    const answer = await graphQLPageAnswer(req, req.originalUrl, body)
    if (answer) graphQLFrontHeaders ??= headersSentWith(res)
    return answer
  }
  const graphQLAPI = forward([whenDatabaseDown], (request) => handleGraphQL(config, request), graphQLPageRead)

  /**
   * Before Express: an anonymous GraphQL read (a GET, or a JSON POST whose length is declared
   * within the limit; no cookie, no method override) that the stored pages answer, with the
   * headers the middleware in front sets, within the GraphQL per-IP budget and counted once.
   * Express's chain cost more than the answer. A promise of whether it was answered (when not,
   * Express gets the request, with a POST's body already read), or undefined at once when it is
   * not such a request. With TRUST_PROXY set the client's address is Express's to work out, so
   * this door stays closed.
   */
  const graphQLBeforeExpress = (req: IncomingMessage, res: ServerResponse): Promise<boolean> | undefined => {
    const front = graphQLFrontHeaders
    const url = req.url ?? ''
    if (!front || settings.trustProxy !== undefined || req.headers.cookie || req.headers['x-http-method-override'] || cacheabilityOf(req) !== 'public') return undefined
    const post = req.method === 'POST'
    if (post ? url !== '/api/graphql' || !(Number(req.headers['content-length']) <= maxBodyBytes) : req.method !== 'GET' || !url.startsWith('/api/graphql?')) return undefined
    return (async () => {
      const body = post ? await readWholeBody(req, maxBodyBytes) : undefined
      if (post && body === undefined) return true // the client went away
      const handOn = () => {
        readBeforeExpress.set(req, { body, notStored: true })
        return false
      }
      if (typeof body === 'string') return handOn()
      const text = body && new TextDecoder().decode(body)
      const data = text === undefined ? undefined : graphQLBodyOf(text)
      const key = text === undefined ? cacheKeyOf(req) : data && graphQLReadKey(data)
      if (key === undefined || !(await limiter.graphQLWithinBudget(req, req.socket.remoteAddress ?? 'unknown'))) return handOn()
      for (const [name, value] of front) res.setHeader(name, value)
      const answered = await answerPublicBytes(req, res, cache, () => graphQLPageAnswer(req, url, data), text === undefined ? key : `${cacheKeyOf(req)}\n${req.headers.accept ?? ''}\n${key}`)
      if (answered) return true
      for (const [name] of front) res.removeHeader(name)
      return handOn()
    })()
  }
  api.all('/graphql', (req, res, next) => {
    if (req.method === 'OPTIONS') return restAPI(req, res, next) // CORS preflight
    if (req.method === 'GET' || req.method === 'POST') return graphQLAPI(req, res, next)
    res.setHeader('allow', 'GET, POST, OPTIONS')
    sendRefusal(res, new Refusal('GraphQL accepts GET (queries) and POST.', 405))
  })
  // An anonymous page read is answered with the page's stored text; any other goes on (servedPages.ts).
  const pages = pagesFromSnapshots(payload, cache)
  api.get('/:collection/page/:slug', pages.route)
  // REST only, before the bridge: what Payload must not be asked, or would misread (apiGuards.ts).
  api.use(notServedOverAPI(payload), wellFormedIDs(payload), jsonQueryParams, refuseUnreadableBodies, restAPI)
  app.use('/api', api)

  if (nextHandler) {
    // The public site's layout reads the path from here (never from the client).
    const sitePath: RequestHandler = (req, _res, next) => {
      req.headers['x-careline-path'] = req.path
      next()
    }
    // A server action (Next-Action header or form POST) runs only for a request Payload lets into
    // the admin; others are refused here, before Next.js renders anything (src/http/serverActions.ts).
    // Policies that act on the status as Next.js writes it (src/http/responseHooks.ts), in order:
    const sitePageHooks = writeHeadHooks([
      // A 404 or 5xx page is replaced by the site's own page (siteFallbacks.ts).
      siteFallbackPage,
      // Cache-Control follows the final status and who asks (src/cache/http.ts).
      sitePageCachePolicy,
    ])
    app.all('/{*path}', sitePath, sitePageHooks, refuseServerActionsWithoutAdminAccess(payload), asyncRoute(nextHandler))
  } else {
    app.use((req, res) => {
      sendRefusal(res, new NotFound(`Not found: ${req.path}. This instance serves only the API under /api (API_ONLY=true).`))
    })
  }

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    payload.logger.error({ err: error, msg: `Unhandled error on ${req.method} ${req.path}` })
    if (res.headersSent) {
      res.destroy()
      return
    }
    res.status(500).json(errorBody('Something went wrong on our side. The request id helps us find it.', { requestId: res.getHeader('x-request-id') }))
  }
  app.use(onError)

  // Every request is logged (as sent); then it is given the one spelling Payload reads it in
  // (src/http/canonicalRequest.ts), so every policy below judges what Payload will serve. A
  // repeated anonymous read of public content is answered from the store before Express runs
  // (src/cache/http.ts), and so is an anonymous page read, from the page's stored text
  // (servedPages.ts); everything else goes through the app.
  const logRequest = requestLog()
  return function careline(req: IncomingMessage, res: ServerResponse) {
    logRequest(req, res)
    canonicalizeRequest(req)
    if (lifecycle.draining) res.setHeader('connection', 'close')
    if (answerFromStore(cache, req, res)) return
    const page = pages.beforeExpress(req, res) ?? graphQLBeforeExpress(req, res)
    if (!page) return app(req, res)
    page.then(
      (answered) => {
        if (!answered) app(req, res)
      },
      (error: unknown) => {
        payload.logger.error({ err: error, msg: `Unhandled error on ${req.method} ${req.url}` })
        res.destroy()
      },
    )
  }
}
