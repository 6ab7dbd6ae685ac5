/**
 * The one place that intercepts `res.writeHead`. Some answers are decided by their final status,
 * which only the renderer knows (Next.js sets it while it streams a page): the cache policy of a
 * site page, and whether a broken page is replaced by the site's own. Node writes the status line
 * and headers in `writeHead`, whether a handler calls it or `write`/`end` do it implicitly, so
 * that is the one moment these policies can act. Rather than each wrapping `writeHead` in turn,
 * each is a named hook in a list (app.ts), and this file wraps `writeHead`, `write` and `end` once
 * per response.
 *
 * Order: a hook that replaces the answer is asked first (in list order; the first to answer
 * wins), then every hook's `beforeHeaders` runs, in list order, for the answer that goes out.
 * Elsewhere, bench/ adds a header the same way to time the benchmark's queries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import type { Request as ExpressRequest, RequestHandler } from 'express'

/** A body sent instead of the one on its way; the status stays. */
export interface ReplacementAnswer {
  contentType: string
  body: string
}

export interface WriteHeadHook {
  /** Who is listening (in stack traces and the list in app.ts). */
  name: string
  /** An answer to send instead of the one with this status, or undefined to let it through. */
  replace?(status: number): ReplacementAnswer | undefined
  /**
   * Just before the status line and headers go out: may set headers on the response. Headers
   * given to `writeHead` itself (Next.js passes some) are in `headerArgs`, to edit in place.
   */
  beforeHeaders?(status: number, headerArgs: unknown[]): void
}

/** Builds a hook for one request, or undefined when it has nothing to do with this one. */
export type WriteHeadHookFor = (req: ExpressRequest, res: ServerResponse) => WriteHeadHook | undefined

/** Headers a replacement keeps: they describe the exchange, not the body that was on its way. */
const KEPT_ON_REPLACEMENT = new Set(['cache-control', 'x-request-id'])

/** Wraps `writeHead` (and `write`/`end`, for replacements) once, for these hooks. */
export function interceptWriteHead(res: ServerResponse, hooks: WriteHeadHook[]): void {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end }
  let replaced = false

  const sendReplacement = (status: number, answer: ReplacementAnswer) => {
    replaced = true
    for (const name of res.getHeaderNames()) if (!KEPT_ON_REPLACEMENT.has(name)) res.removeHeader(name)
    res.setHeader('content-type', answer.contentType)
    res.setHeader('content-length', Buffer.byteLength(answer.body))
    for (const hook of hooks) hook.beforeHeaders?.(status, [])
    ;(original.writeHead as (...args: unknown[]) => ServerResponse).call(res, status)
    ;(original.end as (chunk?: unknown) => ServerResponse).call(res, (res.req as IncomingMessage).method === 'HEAD' ? undefined : answer.body)
  }
  /** Sends a replacement if a hook asks for one; true once the answer is replaced. */
  const replacedFor = (status: number) => {
    if (replaced) return true
    for (const hook of hooks) {
      const answer = hook.replace?.(status)
      if (answer) {
        sendReplacement(status, answer)
        return true
      }
    }
    return false
  }

  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (replacedFor(status)) return this
    for (const hook of hooks) hook.beforeHeaders?.(status, rest)
    return (original.writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest)
  } as typeof res.writeHead
  // A body written without an explicit writeHead: a replacement is decided from the status already
  // set, before the first chunk goes out (the implicit writeHead then runs the hooks as above).
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent && replacedFor(this.statusCode)) return true
    if (replaced) return true
    return (original.write as (...a: unknown[]) => boolean).apply(this, args)
  } as typeof res.write
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent && replacedFor(this.statusCode)) return this
    if (replaced) return this
    return (original.end as (...a: unknown[]) => ServerResponse).apply(this, args)
  } as typeof res.end
}

/** Middleware: the hooks, in this order, on every response they apply to. */
export function writeHeadHooks(hooksFor: WriteHeadHookFor[]): RequestHandler {
  return (req, res, next) => {
    const hooks = hooksFor.map((hookFor) => hookFor(req, res)).filter((hook) => hook !== undefined)
    if (hooks.length) interceptWriteHead(res, hooks)
    next()
  }
}
