import type { CollectionBeforeOperationHook } from 'payload'

/**
 * A join field (a condition's `subtypes`, the `conditions` that list a symptom, test or treatment)
 * is a query of another collection, with its own access check, validation, sort and population:
 * about a fifth of the CPU of a condition read by slug. Payload computes every join on every read
 * unless the read names its joins (`joins`). On Payload's own REST reads of a collection
 * (`GET /api/<collection>` and `GET /api/<collection>/<id>`), a caller who does not pass `joins`
 * therefore gets none; `?joins[subtypes][limit]=50` (any `joins` parameter) asks for them and gets
 * exactly what Payload answers. GraphQL resolves each join only when the query selects it, and
 * the Local API (the admin, Careline's own endpoints, page snapshots) is left as Payload does it.
 */
export const joinsWhenAsked: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  // GET only: a write (PATCH, DELETE, a review action) re-renders page snapshots through the
  // Local API inside its own request, and those reads must keep their joins.
  if (operation !== 'read' || req.payloadAPI !== 'REST' || req.method !== 'GET' || !req.url) return args
  if ((args as { joins?: unknown }).joins !== undefined || !collection.joins || Object.keys(collection.joins).length === 0) return args
  if (!isOwnRead(req.url, req.payload.config.routes.api, collection.slug, req.routeParams?.id)) return args
  return { ...args, joins: false }
}

/** The request is Payload's own find or find-by-id of this collection, not a custom endpoint under it. */
function isOwnRead(url: string, api: string, slug: string, id: unknown): boolean {
  const path = new URL(url, 'http://localhost').pathname.replace(/\/+$/, '')
  const base = `${api}/${slug}`
  if (path === base) return true
  return (typeof id === 'string' || typeof id === 'number') && path === `${base}/${encodeURIComponent(String(id))}`
}
