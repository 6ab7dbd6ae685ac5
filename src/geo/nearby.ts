/**
 * Care near me: published care locations within a radius, nearest first, each with its distance
 * in kilometres and miles, filtered by what they treat and whether they take new patients.
 * The database narrows by the bounding box (indexed latitude/longitude); exact distances are
 * computed here, so every adapter gives the same answer.
 */
import type { PayloadRequest, Where, TypedLocale } from 'payload'

import type { Location } from '../payload-types'
import { BadQuery } from '../errors'
import { type Page, pageOf } from '../paging'
import { boundingBox, type Coordinates, distanceKm, kmToMiles, roundDistance } from './distance'

export const MAX_RADIUS_KM = 500
export const DEFAULT_RADIUS_KM = 25
export const MAX_PAGE_SIZE = 100

export interface NearbyQuery extends Coordinates {
  radiusKm: number
  /** Id or slug of a condition / treatment / specialty the location must list. */
  condition?: string
  treatment?: string
  specialty?: string
  acceptingNewPatients?: boolean
  page: number
  limit: number
  locale?: TypedLocale
  depth?: number
}

export interface NearbyLocation {
  distanceKm: number
  distanceMiles: number
  location: Location
}

export interface NearbyResult extends Page<NearbyLocation> {
  origin: Coordinates
  radiusKm: number
}

type Related = 'conditions' | 'treatments' | 'specialties'

/** An id as given, or the id of the published record with that slug. */
async function resolveRecord(req: PayloadRequest, collection: Related, parameter: string, value: string) {
  const byId = /^\d+$/.test(value) || /^[a-f0-9]{24}$/i.test(value)
  const { docs } = await req.payload.find({
    collection,
    where: byId ? { or: [{ id: { equals: value } }, { slug: { equals: value } }] } : { slug: { equals: value } },
    select: {},
    depth: 0,
    limit: 1,
    pagination: false,
    req,
    overrideAccess: false,
  })
  if (!docs[0]) throw new BadQuery(`No published ${collection.replace(/s$/, '').replace(/ie$/, 'y')} "${value.slice(0, 60)}" for \`${parameter}\`. Use its slug or id.`)
  return docs[0].id
}

export async function findNearbyLocations(req: PayloadRequest, query: NearbyQuery): Promise<NearbyResult> {
  const origin = { lat: query.lat, lng: query.lng }
  const box = boundingBox(origin, query.radiusKm)
  const and: Where[] = [{ latitude: { greater_than_equal: box.minLat } }, { latitude: { less_than_equal: box.maxLat } }]
  if (box.longitudes !== 'all') {
    and.push({
      or: box.longitudes.map((range) => ({
        and: [{ longitude: { greater_than_equal: range.min } }, { longitude: { less_than_equal: range.max } }],
      })),
    })
  }
  if (query.acceptingNewPatients !== undefined) and.push({ acceptingNewPatients: { equals: query.acceptingNewPatients } })
  const filters: [Related, keyof Location, string | undefined, string][] = [
    ['conditions', 'conditionsTreated', query.condition, 'condition'],
    ['treatments', 'treatmentsOffered', query.treatment, 'treatment'],
    ['specialties', 'specialties', query.specialty, 'specialty'],
  ]
  for (const [collection, field, value, parameter] of filters) {
    if (value) and.push({ [field]: { in: [await resolveRecord(req, collection, parameter, value)] } })
  }

  const { docs } = await req.payload.find({
    collection: 'locations',
    where: { and },
    depth: query.depth ?? 1,
    locale: query.locale,
    pagination: false,
    req,
    overrideAccess: false,
  })
  const within = docs
    .map((location) => ({ location, km: distanceKm(origin, { lat: location.latitude, lng: location.longitude }) }))
    .filter(({ km }) => km <= query.radiusKm)
    .sort((a, b) => a.km - b.km || String(a.location.name).localeCompare(String(b.location.name)) || String(a.location.id).localeCompare(String(b.location.id)))

  const page = pageOf(within, query.page, query.limit)
  return {
    origin,
    radiusKm: query.radiusKm,
    ...page,
    docs: page.docs.map(({ location, km }) => ({ distanceKm: roundDistance(km), distanceMiles: roundDistance(kmToMiles(km)), location })),
  }
}
