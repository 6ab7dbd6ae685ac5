/**
 * The delivery path of the public pages: an anonymous `GET /api/<collection>/page/<slug>` (at
 * most `?locale=`) is answered with the page's stored text (src/publication's
 * `servedPageTextReader`), without building a Payload request around one row's read. Everything
 * else about the answer is the general path's: the response cache and its ETag, 304 and
 * Cache-Control (src/cache/http.ts), the security headers in front, Payload's CORS headers, and
 * the same JSON.
 *
 * Two doors, one answer:
 * - `route`, an Express route in the API's chain, answers after the middleware in front (security
 *   headers, the API's CSP) and notes the headers that middleware set: they are the same on every
 *   answer, as the response cache relies on too (src/cache/http.ts, `answerFromStore`).
 * - `beforeExpress`, once they are known, answers the same reads before Express runs, with those
 *   headers: Express's routing and a dozen middleware calls cost about as much as the read itself.
 *
 * Any other request for the route (signed in, a cookie Payload must judge, another parameter, an
 * unknown locale, no such page, an error) goes on, unchanged, to Payload's endpoint
 * (src/frontendApi/pages.ts), which answers it with its own messages and refusals.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import type { NextFunction, Request, Response } from 'express'
import { headersWithCors, type Payload } from 'payload'

import { type ResponseCache } from '../cache'
import { answerPublicBytes, cacheabilityOf, headersSentWith } from '../cache/http'
import { siteURLOf } from '../frontendApi/conditionPage'
import { isPageCollection, type PageCollection, servedPageTextReader } from '../publication'

/** Payload's CORS headers for an answer to `origin`, kept per origin (a few are configured; others get none). */
export function corsHeadersOf(payload: Payload) {
  const known = new Map<string, [string, string][]>()
  return (origin: string | undefined): [string, string][] => {
    const key = origin ?? ''
    let headers = known.get(key)
    if (!headers) {
      const request = { payload, headers: new Headers(origin ? { origin } : {}) }
      headers = [...headersWithCors({ headers: new Headers({ 'content-type': 'application/json' }), req: request as never }).entries()]
      if (known.size >= 100) known.clear()
      known.set(key, headers)
    }
    return headers
  }
}

interface PageRead {
  collection: PageCollection
  slug: string
  locale: string
}

/** `/api/<collection>/page/<slug>`, as the Express route below matches it (no trailing slash here: Express takes those). */
const PAGE_PATH = /^\/api\/([a-z-]+)\/page\/([^/?]+)(?:\?(.*))?$/

export function pagesFromSnapshots(payload: Payload, cache: ResponseCache) {
  let readText: ReturnType<typeof servedPageTextReader> | undefined
  const localization = payload.config.localization
  const defaultLocale = localization ? localization.defaultLocale : 'en'
  const localeCodes: string[] = localization ? localization.localeCodes : []
  // `siteURLOf` asks for a request only to reach the config.
  const siteURL = siteURLOf({ payload } as Parameters<typeof siteURLOf>[0])
  const corsHeaders = corsHeadersOf(payload)
  /** Set by the middleware in front of the API (helmet, the API's CSP); learned from the first answer `route` gives. */
  let frontHeaders: [string, string][] | undefined

  /** The read this request asks for, if it is one the stored text answers; else undefined. */
  const pageRead = (req: IncomingMessage, collection: string, slug: string, locale: unknown): PageRead | undefined => {
    if (req.method !== 'GET' || !isPageCollection(collection) || req.headers.cookie || cacheabilityOf(req) !== 'public') return undefined
    if (typeof locale !== 'string' || !localeCodes.includes(locale)) return undefined
    return { collection, slug, locale }
  }

  /** Answers the read (true), or sends nothing (false): no such page, or not this path's to answer. */
  const answer = async (req: IncomingMessage, res: ServerResponse, read: PageRead): Promise<boolean> => {
    readText ??= servedPageTextReader(payload)
    const readPage = readText
    try {
      return await answerPublicBytes(req, res, cache, async () => {
        const body = await readPage(read.collection, read.slug, read.locale as never, siteURL)
        return body == null ? undefined : { body, headers: corsHeaders(req.headers.origin) }
      })
    } catch (error) {
      if (res.headersSent) throw error
      payload.logger.warn({ err: error, msg: `Page ${read.collection}/${read.slug} not served from its stored text; answered by Payload's endpoint` })
      return false
    }
  }

  const route = async (req: Request, res: Response, next: NextFunction) => {
    const { collection, slug } = req.params as { collection: string; slug: string }
    const onlyLocale = Object.keys(req.query).every((name) => name === 'locale')
    const read = onlyLocale ? pageRead(req, collection, slug, req.query.locale ?? defaultLocale) : undefined
    if (!read) return next()
    const headers = headersSentWith(res)
    if (await answer(req, res, read)) frontHeaders ??= headers
    else next()
  }

  /**
   * Before Express: a promise of whether the read was answered (when not, the caller hands the
   * request to Express), or undefined at once when it is not such a read.
   */
  const beforeExpress = (req: IncomingMessage, res: ServerResponse): Promise<boolean> | undefined => {
    if (!frontHeaders) return undefined
    const match = PAGE_PATH.exec(req.url ?? '')
    if (!match) return undefined
    const [, collection, rawSlug, query] = match
    let slug: string
    try {
      slug = decodeURIComponent(rawSlug)
    } catch {
      return undefined // Express answers a malformed escape
    }
    const params = new URLSearchParams(query ?? '')
    const names = [...params.keys()]
    if (names.some((name) => name !== 'locale') || names.length > 1) return undefined
    const read = pageRead(req, collection, slug, params.get('locale') ?? defaultLocale)
    if (!read) return undefined
    for (const [name, value] of frontHeaders) res.setHeader(name, value)
    return answer(req, res, read).then((answered) => {
      if (!answered) for (const [name] of frontHeaders!) res.removeHeader(name)
      return answered
    })
  }

  return { route, beforeExpress }
}
