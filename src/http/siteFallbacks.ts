/**
 * When a public site page answers 404 or 5xx, the body Next.js streams is replaced by the site's
 * own server-rendered page (src/site/fallbackPages.ts): readable without JavaScript, and never a
 * stack trace. The status stays as Next.js set it.
 */
import type { RequestHandler, Response } from 'express'

import { fallbackPage } from '../site/fallbackPages'

const replaces = (status: number) => status === 404 || status >= 500

export function siteFallbackPages(): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /^\/(?:admin|api|_next)(?:\/|$)/.test(req.path)) return next()
    const locale = /^\/es(?:\/|$)/.test(req.path) ? 'es' : 'en'
    const original = { writeHead: res.writeHead, write: res.write, end: res.end }
    let replaced = false

    /** Sends the fallback page instead of whatever Next.js was about to send. */
    const sendFallback = (status: number) => {
      replaced = true
      const body = fallbackPage(status === 404 ? 'not-found' : 'unavailable', locale)
      for (const name of res.getHeaderNames()) if (name !== 'cache-control' && name !== 'x-request-id') res.removeHeader(name)
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.setHeader('content-length', Buffer.byteLength(body))
      ;(original.writeHead as (...args: unknown[]) => Response).call(res, status)
      ;(original.end as (chunk?: unknown) => Response).call(res, req.method === 'HEAD' ? undefined : body)
    }

    res.writeHead = function (this: Response, status: number, ...rest: unknown[]) {
      if (replaced) return this
      if (replaces(status)) {
        sendFallback(status)
        return this
      }
      return (original.writeHead as (...args: unknown[]) => Response).call(this, status, ...rest)
    } as typeof res.writeHead
    // A body written without an explicit writeHead: decide from the status already set.
    res.write = function (this: Response, ...args: unknown[]) {
      if (!replaced && !this.headersSent && replaces(this.statusCode)) sendFallback(this.statusCode)
      if (replaced) return true
      return (original.write as (...a: unknown[]) => boolean).apply(this, args)
    } as typeof res.write
    res.end = function (this: Response, ...args: unknown[]) {
      if (!replaced && !this.headersSent && replaces(this.statusCode)) sendFallback(this.statusCode)
      if (replaced) return this
      return (original.end as (...a: unknown[]) => Response).apply(this, args)
    } as typeof res.end
    next()
  }
}
