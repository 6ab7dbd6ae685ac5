/**
 * What front ends (web, mobile, kiosk) query beyond Payload's own REST and GraphQL:
 * - `conditionPage.ts`, `jsonLd.ts`: a condition page in one request, with schema.org JSON-LD;
 * - `symptomLookup.ts`: conditions by symptoms;
 * - care near me lives in src/geo, search in src/search;
 * - `pages.ts`: every page by slug, as it was at a time, its history and the delivery list, served
 *   from the published snapshots (src/publication);
 * - `endpoints.ts` (REST, described for OpenAPI by `openapi.ts`) and `graphql.ts` expose them.
 * Added to the config as a plugin so the collections themselves stay free of it.
 */
import type { Config, Endpoint, Plugin } from 'payload'

import { conditionEndpoints, locationEndpoints, rootEndpoints } from './endpoints'
import { frontEndQueries } from './graphql'
import { pageEndpoints } from './pages'

const ENDPOINTS: Record<string, Endpoint[]> = {
  conditions: conditionEndpoints,
  locations: locationEndpoints,
  symptoms: pageEndpoints('symptoms'),
  treatments: pageEndpoints('treatments'),
  'diagnostic-tests': pageEndpoints('diagnostic-tests'),
}

export const frontEndAPI = (): Plugin => (config: Config): Config => {
  const queries = config.graphQL?.queries
  return {
    ...config,
    endpoints: [...(config.endpoints ?? []), ...rootEndpoints],
    collections: (config.collections ?? []).map((collection) => {
      const added = ENDPOINTS[collection.slug] ?? []
      if (!added.length || collection.endpoints === false) return collection
      // Ahead of the collection's other endpoints, so /nearby is not read as a document id.
      return { ...collection, endpoints: [...added, ...(collection.endpoints ?? [])] }
    }),
    graphQL: {
      ...config.graphQL,
      queries: (GraphQL, context) => ({ ...queries?.(GraphQL, context), ...frontEndQueries(GraphQL, context) }),
    },
  }
}
