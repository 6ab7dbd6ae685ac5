/**
 * Great-circle distance and the bounding box that narrows a radius search to an index range.
 * Plain arithmetic on two number columns, so SQLite, PostgreSQL and MongoDB answer the same
 * (Payload's `point` field exists only for PostgreSQL and MongoDB).
 */
const EARTH_RADIUS_KM = 6371.0088
const KM_PER_MILE = 1.609344
const KM_PER_DEGREE_LATITUDE = (Math.PI * EARTH_RADIUS_KM) / 180

const radians = (degrees: number) => (degrees * Math.PI) / 180

export interface Coordinates {
  lat: number
  lng: number
}

/** Haversine distance in kilometres. */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const dLat = radians(b.lat - a.lat)
  const dLng = radians(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

export const kmToMiles = (km: number) => km / KM_PER_MILE

/** Rounded for display and for identical answers across databases (metres are enough). */
export const roundDistance = (value: number) => Math.round(value * 1000) / 1000

export interface LongitudeRange {
  min: number
  max: number
}

export interface BoundingBox {
  minLat: number
  maxLat: number
  /** One range, two when the box crosses the antimeridian, none when it spans every longitude. */
  longitudes: LongitudeRange[] | 'all'
}

/** The smallest latitude/longitude box that holds every point within `radiusKm` of `origin`. */
export function boundingBox(origin: Coordinates, radiusKm: number): BoundingBox {
  const dLat = radiusKm / KM_PER_DEGREE_LATITUDE
  const minLat = Math.max(-90, origin.lat - dLat)
  const maxLat = Math.min(90, origin.lat + dLat)
  // Near a pole the circle holds the pole itself, and so every longitude.
  if (minLat <= -90 || maxLat >= 90) return { minLat, maxLat, longitudes: 'all' }
  // Widest longitude span at this radius (exact for a sphere; see Bronshtein's "bounding coordinates").
  const dLng = (Math.asin(Math.min(1, Math.sin(radiusKm / EARTH_RADIUS_KM) / Math.cos(radians(origin.lat)))) * 180) / Math.PI
  if (dLng >= 180) return { minLat, maxLat, longitudes: 'all' }
  const min = origin.lng - dLng
  const max = origin.lng + dLng
  if (min < -180) return { minLat, maxLat, longitudes: [{ min: min + 360, max: 180 }, { min: -180, max }] }
  if (max > 180) return { minLat, maxLat, longitudes: [{ min, max: 180 }, { min: -180, max: max - 360 }] }
  return { minLat, maxLat, longitudes: [{ min, max }] }
}
