/**
 * Page endpoints served from the published snapshots (src/publication): a page by slug, the same
 * page as it was at a given time and its publication history (staff only, through the history's
 * own access), and the delivery list. Each answer reads one indexed row, or one range of rows.
 */
import type { Endpoint, PayloadHandler, PayloadRequest, TypedLocale } from 'payload'

import { BadQuery, NotFound, refusalResponse } from '../errors'
import { deliveryList, MAX_HISTORY, MAX_LIST_LIMIT, PAGE_COLLECTIONS, type PageCollection, pageAsOf, pageHistory, servedPage } from '../publication'
import { normalize } from '../search/text'
import { knownParams, numberParam, requestedLocale, stringParam } from './params'
import { openapi } from './openapi'

const NAMES: Record<PageCollection, string> = {
  conditions: 'condition',
  symptoms: 'symptom',
  treatments: 'treatment',
  'diagnostic-tests': 'diagnostic test',
  locations: 'location',
}

/** `asOf`: an ISO 8601 time (a date alone is its midnight UTC). */
export function asOfParam(raw: unknown): Date | undefined {
  const text = stringParam('asOf', raw, 40)
  if (text === undefined) return undefined
  const date = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? new Date(text) : new Date(Number.NaN)
  if (Number.isNaN(date.getTime())) throw new BadQuery('`asOf` must be an ISO 8601 time, e.g. asOf=2026-11-24T09:30:00Z.')
  return date
}

/** A page is stored per language: `locale` if given, else the request's (Payload's default). */
export function pageLocale(req: PayloadRequest, raw: unknown): TypedLocale {
  const locale = requestedLocale(req, raw) ?? (req.payload.config.localization ? req.payload.config.localization.defaultLocale : 'en')
  if (locale === 'all') throw new BadQuery('A page is served in one language: pass locale=en or locale=es.')
  return locale as TypedLocale
}

const noSuchPage = (collection: PageCollection, slug: string, asOf?: Date) =>
  refusalResponse(new NotFound(`No published ${NAMES[collection]} has the slug "${slug.slice(0, 80)}"${asOf ? ` at ${asOf.toISOString()}` : ''}.`))

/** The page as served now, or as it was served at `asOf` (staff). */
export async function servedPageResponse(req: PayloadRequest, collection: PageCollection, slug: string, rawLocale: unknown, asOf?: Date) {
  const locale = pageLocale(req, rawLocale)
  const page = asOf ? await pageAsOf(req, collection, slug, locale, asOf) : await servedPage(req, collection, slug, locale)
  return page ? Response.json(page) : noSuchPage(collection, slug, asOf)
}

const pageHandler =
  (collection: PageCollection): PayloadHandler =>
  async (req) => {
    const q = knownParams(req, ['locale', 'asOf'])
    return servedPageResponse(req, collection, String(req.routeParams?.slug ?? ''), q.locale, asOfParam(q.asOf))
  }

const historyHandler =
  (collection: PageCollection): PayloadHandler =>
  async (req) => {
    const q = knownParams(req, ['locale', 'limit'])
    const slug = String(req.routeParams?.slug ?? '')
    const limit = numberParam('limit', q.limit, { min: 1, max: MAX_HISTORY, integer: true }) ?? 50
    const docs = await pageHistory(req, collection, slug, pageLocale(req, q.locale), limit)
    if (!docs.length) return noSuchPage(collection, slug)
    return Response.json({ docs })
  }

/** One letter or digit, folded as the list's order folds names (É is e). */
export function letterParam(raw: unknown): string | undefined {
  const text = stringParam('letter', raw, 4)
  if (text === undefined) return undefined
  const folded = normalize(text)
  if (!/^[a-z0-9]$/.test(folded)) throw new BadQuery('`letter` is one letter or digit, e.g. letter=b.')
  return folded
}

const listHandler =
  (collection: PageCollection): PayloadHandler =>
  async (req) => {
    const hasSpecialties = req.payload.collections[collection].config.flattenedFields.some((field) => field.name === 'specialties')
    const q = knownParams(req, ['locale', 'limit', 'cursor', 'letter', ...(hasSpecialties ? ['specialty'] : [])])
    const cursor = stringParam('cursor', q.cursor, 1000)
    return Response.json(
      await deliveryList(req, {
        collection,
        locale: pageLocale(req, q.locale),
        limit: numberParam('limit', q.limit, { min: 1, max: MAX_LIST_LIMIT, integer: true }) ?? 20,
        cursor,
        specialty: stringParam('specialty', q.specialty, 200),
        letter: letterParam(q.letter),
      }),
    )
  }

/** The page, history and list endpoints of one collection (`page: false` when it has its own page route). */
export function pageEndpoints(collection: PageCollection, { page = true } = {}): Endpoint[] {
  const name = NAMES[collection]
  return [
    ...(page ? [{ path: '/page/:slug', method: 'get' as const, handler: pageHandler(collection), custom: { openapi: openapi.recordPage(collection, PAGE_COLLECTIONS[collection], name) } }] : []),
    { path: '/page/:slug/history', method: 'get', handler: historyHandler(collection), custom: { openapi: openapi.pageHistory(collection, name) } },
    { path: '/list', method: 'get', handler: listHandler(collection), custom: { openapi: openapi.deliveryList(collection, name) } },
  ]
}

