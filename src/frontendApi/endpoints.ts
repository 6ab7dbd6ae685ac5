/**
 * The front-end REST endpoints. Each reads with the caller's own access (the public sees
 * published content only) and describes itself for the OpenAPI document (`custom.openapi`).
 */
import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { BadQuery, NotFound, refusalResponse } from '../errors'
import { DEFAULT_RADIUS_KM, findNearbyLocations, MAX_PAGE_SIZE, MAX_RADIUS_KM } from '../geo'
import { MAX_CANDIDATES, searchContent, SEARCHED_COLLECTIONS } from '../search/query'
import type { SearchedCollection } from '../search/SearchIndex'
import { loadConditionPage, MAX_PAGE_DEPTH } from './conditionPage'
import { asOfParam, pageEndpoints, pageLocale, servedPageResponse } from './pages'
import { servedPage } from '../publication'
import { openapi } from './openapi'
import { booleanParam, knownParams, listParam, numberParam, requestedLocale, requiredNumber, selectParam, stringParam } from './params'
import { conditionsBySymptoms } from './symptomLookup'

const query = knownParams

const page = (raw: unknown) => numberParam('page', raw, { min: 1, max: 10_000, integer: true }) ?? 1
const limit = (raw: unknown, max: number, fallback: number) => numberParam('limit', raw, { min: 1, max, integer: true }) ?? fallback

const noSuchCondition = (slug: string) => refusalResponse(new NotFound(`No published condition has the slug "${slug.slice(0, 80)}".`))

const conditionPage: PayloadHandler = async (req) => {
  const q = query(req, ['locale', 'depth', 'select', 'draft', 'fallback-locale', 'asOf'])
  const slug = String(req.routeParams?.slug ?? '')
  const locale = requestedLocale(req, q.locale)
  const depth = numberParam('depth', q.depth, { min: 0, max: MAX_PAGE_DEPTH, integer: true }) ?? 1
  const select = selectParam(q.select)
  const draft = booleanParam('draft', q.draft) ?? false
  const asOf = asOfParam(q.asOf)
  // The page as published is served from its snapshot; other shapes (a depth, a select, a
  // draft, every locale at once) are read live through Payload, with the caller's access.
  if (asOf || (depth === 1 && !select && !draft && q['fallback-locale'] === undefined && q.locale !== 'all')) {
    return servedPageResponse(req, 'conditions', slug, q.locale, asOf)
  }
  const result = await loadConditionPage(req, { slug, locale, depth, select, draft })
  if (!result) return noSuchCondition(slug)
  return Response.json(result)
}

const conditionJsonLd: PayloadHandler = async (req) => {
  const q = query(req, ['locale'])
  const slug = String(req.routeParams?.slug ?? '')
  const page = await servedPage(req, 'conditions', slug, pageLocale(req, q.locale))
  const jsonLd = page?.jsonLd
  if (!jsonLd) return noSuchCondition(slug)
  return new Response(JSON.stringify(jsonLd), { headers: { 'content-type': 'application/ld+json; charset=utf-8' } })
}

const bySymptoms: PayloadHandler = async (req) => {
  const q = query(req, ['symptoms', 'page', 'limit', 'locale'])
  const result = await conditionsBySymptoms(req, {
    symptoms: listParam('symptoms', q.symptoms),
    page: page(q.page),
    limit: limit(q.limit, 100, 20),
    locale: requestedLocale(req, q.locale),
  })
  return Response.json(result)
}

const nearby: PayloadHandler = async (req) => {
  const q = query(req, ['lat', 'lng', 'radiusKm', 'condition', 'treatment', 'specialty', 'acceptingNewPatients', 'page', 'limit', 'locale', 'depth'])
  const result = await findNearbyLocations(req, {
    lat: requiredNumber('lat', q.lat, { min: -90, max: 90 }),
    lng: requiredNumber('lng', q.lng, { min: -180, max: 180 }),
    radiusKm: numberParam('radiusKm', q.radiusKm, { min: 0.001, max: MAX_RADIUS_KM }) ?? DEFAULT_RADIUS_KM,
    condition: stringParam('condition', q.condition),
    treatment: stringParam('treatment', q.treatment),
    specialty: stringParam('specialty', q.specialty),
    acceptingNewPatients: booleanParam('acceptingNewPatients', q.acceptingNewPatients),
    page: page(q.page),
    limit: limit(q.limit, MAX_PAGE_SIZE, 20),
    locale: requestedLocale(req, q.locale),
    depth: numberParam('depth', q.depth, { min: 0, max: 2, integer: true }) ?? 1,
  })
  return Response.json(result)
}

export function searchTypes(raw: unknown): SearchedCollection[] {
  const types = listParam('types', raw, { maxItems: SEARCHED_COLLECTIONS.length })
  const unknown = types.filter((t) => !(SEARCHED_COLLECTIONS as readonly string[]).includes(t))
  if (unknown.length) throw new BadQuery(`Unknown type${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. Search covers ${SEARCHED_COLLECTIONS.join(', ')}.`)
  return types.length ? (types as SearchedCollection[]) : [...SEARCHED_COLLECTIONS]
}

export function searchText(raw: unknown): string {
  const q = stringParam('q', raw, 200)
  if (!q || !/[\p{L}\p{N}]{2}/u.test(q)) throw new BadQuery('`q` needs at least two letters or digits, e.g. q=numbness.')
  return q
}

const search: PayloadHandler = async (req) => {
  const q = query(req, ['q', 'types', 'page', 'limit', 'locale'])
  const size = limit(q.limit, 50, 10)
  const result = await searchContent(req, {
    q: searchText(q.q),
    types: searchTypes(q.types),
    locale: requestedLocale(req, q.locale) ?? 'en',
    page: numberParam('page', q.page, { min: 1, max: Math.ceil(MAX_CANDIDATES / size), integer: true }) ?? 1,
    limit: size,
  })
  return Response.json(result)
}

export const conditionEndpoints: Endpoint[] = [
  { path: '/page/:slug', method: 'get', handler: conditionPage, custom: { openapi: openapi.conditionPage } },
  { path: '/page/:slug/jsonld', method: 'get', handler: conditionJsonLd, custom: { openapi: openapi.conditionJsonLd } },
  ...pageEndpoints('conditions', { page: false }),
  { path: '/by-symptoms', method: 'get', handler: bySymptoms, custom: { openapi: openapi.bySymptoms } },
]

export const locationEndpoints: Endpoint[] = [
  { path: '/nearby', method: 'get', handler: nearby, custom: { openapi: openapi.nearby } },
  ...pageEndpoints('locations'),
]

export const rootEndpoints: Endpoint[] = [{ path: '/search', method: 'get', handler: search, custom: { openapi: openapi.search } }]
