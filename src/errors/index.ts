/**
 * How Careline says "no" to a caller, in every layer: one vocabulary of refusals and the one way
 * each channel answers them.
 *
 * A refusal is a request the caller can put right: a 4xx (or a 503 to retry) whose message says
 * what to send instead. Every refusal is a Payload `APIError` marked public, so its message reaches
 * the caller as written, whoever answers it.
 *
 *   Refusal(message, status, data?)   any 4xx the caller can act on; the base of the others
 *   BadQuery                    400   a query parameter that cannot be used (front-end endpoints)
 *   NotFound                    404   nothing there to answer with (the same name as Payload's own)
 *   TooLarge                    413   a body or file over a limit
 *   TooMany                     429   a budget spent; carries `retryAfterSeconds` (Retry-After)
 *   Unavailable                 503   a dependency is down, not the request; `retryAfterSeconds`
 *
 * Channels, each answering with Payload's body `{ errors: [{ message }] }` (with `name` and `data`
 * when the refusal has data, as Payload's `formatErrors` writes it) and the refusal's status:
 * - inside Payload (hooks, access, endpoints, GraphQL resolvers): `throw` it; Payload's error
 *   handler answers REST, src/http/graphql.ts carries the status into GraphQL's `extensions`.
 * - Express middleware in front of Payload (src/http/*): `sendRefusal(res, refusal)`.
 * - Web handlers (Payload's upload handlers and endpoints that return a Response, the wrappers
 *   around Payload's handler): `return refusalResponse(refusal, headers?)`.
 * - Payload's afterError hook, which answers with a body and a status: `refusalBody(refusal)`.
 * A body that is no refusal (our own 500, with its request id) is built with `errorBody`, in
 * the same shape.
 *
 * src/errors/callerMistakes.ts turns the failures Payload answers with a 5xx, although the caller
 * was at fault, into refusals.
 */
import type { Response as ExpressResponse } from 'express'
import { APIError, formatErrors } from 'payload'

export class Refusal extends APIError {
  /** Seconds to wait before trying again, sent as Retry-After. */
  readonly retryAfterSeconds?: number

  constructor(message: string, status: number, data?: Record<string, unknown>, retryAfterSeconds?: number) {
    super(message, status, data, true)
    this.retryAfterSeconds = retryAfterSeconds
    // Names are set, not derived (the bundler may rename classes): Payload's loggingLevels and
    // the `name` of an answer with data read them.
    this.name = 'Refusal'
  }
}

/** A query parameter that cannot be used; the message says what to send instead. */
export class BadQuery extends Refusal {
  constructor(message: string) {
    super(message, 400)
    this.name = 'BadQuery'
  }
}

export class NotFound extends Refusal {
  constructor(message: string) {
    super(message, 404)
    this.name = 'NotFound'
  }
}

export class TooLarge extends Refusal {
  constructor(message: string) {
    super(message, 413)
    this.name = 'TooLarge'
  }
}

export class TooMany extends Refusal {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, 429, undefined, retryAfterSeconds)
    this.name = 'TooMany'
  }
}

export class Unavailable extends Refusal {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, 503, undefined, retryAfterSeconds)
    this.name = 'Unavailable'
  }
}

/** Payload's error body for a message that is not a refusal's (e.g. our 500, with its request id). */
export const errorBody = (message: string, fields?: Record<string, unknown>) => ({ errors: [{ message, ...fields }] })

/** The body Payload's own error handler writes for the refusal (for an afterError hook's answer). */
export const refusalBody = (refusal: Refusal) => formatErrors(refusal)

/** Answers an Express request with the refusal. Headers set on `res` before (CORS, Connection) stay. */
export function sendRefusal(res: ExpressResponse, refusal: Refusal): void {
  if (refusal.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(refusal.retryAfterSeconds))
  res.status(refusal.status).json(refusalBody(refusal))
}

/** The refusal as a Web Response, with `headers` (e.g. CORS) added. */
export function refusalResponse(refusal: Refusal, headers?: HeadersInit): Response {
  const all = new Headers(headers)
  if (refusal.retryAfterSeconds !== undefined) all.set('retry-after', String(refusal.retryAfterSeconds))
  return Response.json(refusalBody(refusal), { status: refusal.status, headers: all })
}
