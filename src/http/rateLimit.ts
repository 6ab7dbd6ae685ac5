/**
 * Rate limits on the routes people guess passwords or flood through: sign-in and password reset
 * (per client IP and per account, the e-mail in the body) and GraphQL (per client IP). Account
 * lockout (collections/Users: 5 wrong passwords lock for 10 minutes) protects one account; these
 * limits slow down guessing across many accounts and keep reset e-mail from being used to spam.
 *
 * Fixed-window counters: in memory per process, and in Redis when REDIS_URL is set so replicas
 * share one budget. If Redis does not answer, counting falls back to this process (logged once)
 * rather than refusing or waving everything through. The client IP is Express's `req.ip`, which
 * honours TRUST_PROXY. Over a limit: 429, `Retry-After` in seconds and a message saying when.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import { Redis } from 'ioredis'

import { refusalResponse, sendRefusal, TooLarge, TooMany } from '../errors'
import { rateLimitSettings, type RateLimitSetting, settings } from '../settings'
import { bodyText } from './canonicalRequest'

export interface Hit {
  /** Requests counted in the current window, this one included. */
  count: number
  /** Milliseconds until the window ends. */
  resetInMs: number
}

export interface CounterStore {
  hit(key: string, windowMs: number): Promise<Hit>
  close(): Promise<void>
}

interface Logger {
  warn(message: string): void
  info(message: string): void
}

/** Counters of this process. Expired windows are swept once a minute. */
export function memoryCounters(): CounterStore {
  const windows = new Map<string, { count: number; resetAt: number }>()
  const sweep = setInterval(() => {
    const now = Date.now()
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key)
  }, 60_000)
  sweep.unref()
  return {
    async hit(key, windowMs) {
      const now = Date.now()
      let window = windows.get(key)
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowMs }
        windows.set(key, window)
      }
      window.count += 1
      return { count: window.count, resetInMs: window.resetAt - now }
    },
    async close() {
      clearInterval(sweep)
      windows.clear()
    },
  }
}

// One round trip: count, start the window's expiry on its first hit, report what is left of it.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`

/**
 * Counters shared by every replica through Redis. While Redis cannot be reached, counting goes
 * on in this process (`fallback`); the switch either way is logged once.
 */
export function redisCounters(url: string, logger: Logger, fallback: CounterStore = memoryCounters()): CounterStore {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 })
  let degraded = false
  const degrade = (error: Error) => {
    if (degraded) return
    degraded = true
    logger.warn(`Rate limits: Redis at ${redactURL(url)} is unreachable (${error.message}); counting in this process only until it answers again.`)
  }
  redis.on('error', degrade)
  redis.on('ready', () => {
    if (!degraded) return
    degraded = false
    logger.info('Rate limits: Redis answers again; replicas share their budgets.')
  })
  redis.connect().catch(degrade)
  return {
    async hit(key, windowMs) {
      if (redis.status === 'ready') {
        try {
          const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, `careline:rate-limit:${key}`, windowMs)) as [number, number]
          return { count: Number(count), resetInMs: Number(ttl) }
        } catch (error) {
          degrade(error as Error)
        }
      } else if (!degraded && redis.status !== 'connecting' && redis.status !== 'wait') {
        degrade(new Error(`connection ${redis.status}`))
      }
      return fallback.hit(key, windowMs)
    },
    async close() {
      await Promise.allSettled([redis.quit(), fallback.close()])
    },
  }
}

const redactURL = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@')

/** A budget: its name (for keys and messages) and its setting. */
interface Budget extends RateLimitSetting {
  name: string
  /** What the message says was done too often, e.g. "sign-in attempts". */
  what: string
  /** "from your network" or "for this account". */
  scope: string
}

/**
 * Routes with budgets, by path under /api. Paths are compared as Payload routes them: the request
 * target is made canonical before any policy runs (src/http/canonicalRequest.ts) and routing is
 * case-sensitive (src/http/app.ts), so `/api/x/../users/login` is counted here as sign-in and
 * `/api/GraphQL` is not GraphQL to Payload or to anyone else.
 */
const LOGIN = /^\/users\/login\/?$/
const FORGOT_PASSWORD = /^\/users\/forgot-password\/?$/
const GRAPHQL = /^\/graphql\/?$/

/** Sign-in and reset bodies are small; larger ones are refused before they are buffered. */
export const MAX_ACCOUNT_BODY_BYTES = 64 * 1024

export interface RateLimiter {
  /** Express middleware for /api: the per-IP budgets. */
  perIP: RequestHandler
  /**
   * The GraphQL per-IP budget for a request answered before Express (src/http/app.ts): true
   * when it is within the budget, counted, and `perIP` will not count it again; false when spent
   * (then Express's chain counts it and answers the 429 as for any other request).
   */
  graphQLWithinBudget(req: IncomingMessage, ip: string): Promise<boolean>
  /** Wraps a Payload (Web Request -> Response) handler with the per-account budgets. */
  perAccount(handle: (request: Request) => Promise<Response>): (request: Request) => Promise<Response>
  close(): Promise<void>
}

export interface RateLimiterOptions {
  logger: Logger
  limits?: ReturnType<typeof rateLimitSettings>
  redisUrl?: string
  store?: CounterStore
}

export function createRateLimiter({ logger, limits = rateLimitSettings(), redisUrl = settings.redisUrl, store }: RateLimiterOptions): RateLimiter {
  const counters = store ?? (redisUrl ? redisCounters(redisUrl, logger) : memoryCounters())
  const budgets = {
    loginPerIP: { ...limits.loginPerIP, name: 'login-ip', what: 'sign-in attempts', scope: 'from your network' },
    loginPerAccount: { ...limits.loginPerAccount, name: 'login-account', what: 'sign-in attempts', scope: 'for this account' },
    forgotPerIP: { ...limits.forgotPasswordPerIP, name: 'forgot-ip', what: 'password reset requests', scope: 'from your network' },
    forgotPerAccount: { ...limits.forgotPasswordPerAccount, name: 'forgot-account', what: 'password reset requests', scope: 'for this account' },
    graphQLPerIP: { ...limits.graphQLPerIP, name: 'graphql-ip', what: 'GraphQL requests', scope: 'from your network' },
  } satisfies Record<string, Budget>

  /** Counts one request; resolves with the refusal's wait in seconds, or undefined when allowed. */
  const spend = async (budget: Budget, id: string): Promise<number | undefined> => {
    if (budget.limit === 0) return undefined
    const { count, resetInMs } = await counters.hit(`${budget.name}:${budget.windowMs}:${hashed(id)}`, budget.windowMs)
    return count > budget.limit ? Math.max(1, Math.ceil(resetInMs / 1000)) : undefined
  }

  const countedBeforeExpress = new WeakSet<IncomingMessage>()
  const graphQLWithinBudget = async (req: IncomingMessage, ip: string) => {
    if ((await spend(budgets.graphQLPerIP, ip)) !== undefined) return false
    countedBeforeExpress.add(req)
    return true
  }

  const perIP: RequestHandler = (req, res, next) => {
    if (countedBeforeExpress.has(req)) return next()
    const budget =
      req.method === 'POST' && LOGIN.test(req.path)
        ? budgets.loginPerIP
        : req.method === 'POST' && FORGOT_PASSWORD.test(req.path)
          ? budgets.forgotPerIP
          : (req.method === 'GET' || req.method === 'POST') && GRAPHQL.test(req.path)
            ? budgets.graphQLPerIP
            : undefined
    if (!budget) return next()
    spend(budget, req.ip ?? req.socket.remoteAddress ?? 'unknown').then((wait) => {
      if (wait === undefined) return next()
      sendBudgetSpent(req, res, budget, wait)
    }, next)
  }

  const perAccount =
    (handle: (request: Request) => Promise<Response>) =>
    async (request: Request): Promise<Response> => {
      if (request.method !== 'POST') return handle(request)
      const path = new URL(request.url).pathname.replace(/^\/api/, '')
      const budget = LOGIN.test(path) ? budgets.loginPerAccount : FORGOT_PASSWORD.test(path) ? budgets.forgotPerAccount : undefined
      if (!budget || budget.limit === 0) return handle(request)
      const account = await accountIn(request)
      if (account === 'too large') {
        return refusalResponse(new TooLarge(`A sign-in or password reset request is at most ${MAX_ACCOUNT_BODY_BYTES / 1024} KB.`), corsHeaders(request.headers.get('origin')))
      }
      if (account) {
        const wait = await spend(budget, account)
        if (wait !== undefined) return refusalResponse(budgetSpent(budget, wait), corsHeaders(request.headers.get('origin')))
      }
      return handle(request)
    }

  return { perIP, graphQLWithinBudget, perAccount, close: () => counters.close() }
}

const hashed = (id: string) => createHash('sha256').update(id).digest('base64url').slice(0, 22)

/** The 429 for a spent budget, saying when to try again. */
function budgetSpent(budget: Budget, waitSeconds: number): TooMany {
  const at = new Date(Date.now() + waitSeconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
  const window = budget.windowMs >= 3_600_000 ? `${budget.windowMs / 3_600_000} hour(s)` : budget.windowMs >= 60_000 ? `${budget.windowMs / 60_000} minute(s)` : `${budget.windowMs / 1000} seconds`
  return new TooMany(`Too many ${budget.what} ${budget.scope} (at most ${budget.limit} in ${window}). Try again in ${waitSeconds} seconds, after ${at}.`, waitSeconds)
}

function sendBudgetSpent(req: ExpressRequest, res: ExpressResponse, budget: Budget, waitSeconds: number) {
  corsHeaders(req.get('origin')).forEach((value, key) => res.setHeader(key, value))
  res.setHeader('cache-control', 'no-store')
  sendRefusal(res, budgetSpent(budget, waitSeconds))
}

/** A refusal must be readable by the browser front ends the API serves (the same list as Payload's `cors`). */
function corsHeaders(origin: string | null | undefined): Headers {
  const headers = new Headers({ vary: 'Origin' })
  const allowed = settings.corsOrigins
  if (origin && (allowed.includes('*') || allowed.includes(origin))) {
    headers.set('access-control-allow-origin', origin)
    headers.set('access-control-allow-credentials', 'true')
  }
  return headers
}

/**
 * The account a sign-in or reset request names: `email` in a JSON body, or in the `_payload`
 * field of a multipart one (the two bodies Payload reads), decoded as Payload decodes it (a
 * byte-order mark before the JSON is no way around the budget). Reads a clone of the request, so
 * Payload still gets the body; at most MAX_ACCOUNT_BODY_BYTES are buffered.
 */
async function accountIn(request: Request): Promise<string | undefined | 'too large'> {
  const [contentType = ''] = (request.headers.get('content-type') ?? '').split(';', 1)
  const isJSON = contentType.trim().toLowerCase() === 'application/json'
  if (!request.body || (!isJSON && !contentType.includes('multipart/'))) return undefined
  const body = await readAtMost(request.clone(), MAX_ACCOUNT_BODY_BYTES)
  if (body === 'too large') return body
  if (!body) return undefined
  try {
    let data: unknown
    if (isJSON) data = JSON.parse(bodyText(body))
    else {
      const form = await new Response(new Uint8Array(body), { headers: { 'content-type': request.headers.get('content-type')! } }).formData()
      const fields = form.get('_payload')
      data = typeof fields === 'string' ? JSON.parse(fields) : { email: form.get('email') }
    }
    const email = (data as { email?: unknown } | null)?.email
    return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : undefined
  } catch {
    return undefined // Payload answers a malformed body itself.
  }
}

async function readAtMost(request: Request, maxBytes: number): Promise<Buffer | undefined | 'too large'> {
  const reader = request.body!.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined)
        return 'too large'
      }
      chunks.push(value)
    }
  } catch {
    return undefined // The body failed (e.g. over MAX_REQUEST_BODY_MB); the bridge answers that.
  }
  return Buffer.concat(chunks)
}
