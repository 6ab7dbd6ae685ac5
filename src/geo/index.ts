/**
 * Geo: care locations near a patient. Plain arithmetic on two indexed number columns (latitude,
 * longitude), so SQLite, PostgreSQL and MongoDB give the same answer.
 *
 *   distance.ts  great-circle distance and the bounding box that narrows a radius to an index range
 *   nearby.ts    published locations within a radius, nearest first, filtered and paged
 *
 * The front-end API (src/frontendApi) serves it over REST and GraphQL.
 */
export { boundingBox, type Coordinates, distanceKm, kmToMiles, roundDistance } from './distance'
export { DEFAULT_RADIUS_KM, findNearbyLocations, MAX_PAGE_SIZE, MAX_RADIUS_KM, type NearbyResult } from './nearby'
