/**
 * What Careline serves over GraphQL: what front ends read and staff tools write, not Payload's
 * bookkeeping. Payload gives every collection and global a GraphQL API, and for the `Access` and
 * `docAccess*` queries five types per field per collection; with Careline's model the schema had
 * about 4,700 types (stock Payload: 700-860), and graphql-js's validation pays for every type on
 * each new query (src/http/graphql.ts). Applied to the built config, so the served schema,
 * schema.graphql and the tests all see the same surface:
 * - no GraphQL for internal collections and globals (jobs, locks, preferences, key-value store,
 *   imports, review events). Their REST API and access rules are unchanged.
 * - no `Access` / `docAccess*` queries: permissions are read over REST (`/api/access`,
 *   `/api/<collection>/access/:id`), as Payload's admin reads them.
 * - introspection is decided by GRAPHQL_INTROSPECTION (src/http/graphql.ts), not by Payload's own
 *   NODE_ENV check, which refused it in production even when the setting allowed it.
 * - ids are `String` on every database (`graphQLSchemaFor`): Payload types them `Int` on SQLite
 *   and PostgreSQL and `String` on MongoDB, so a front end's queries (`$id: Int!`) would have
 *   depended on the database behind the API. Payload reads string ids on SQL databases as REST's
 *   `/api/conditions/12` does.
 */
import { configToSchema } from '@payloadcms/graphql'
import type { SanitizedConfig } from 'payload'

export const NOT_SERVED_OVER_GRAPHQL = {
  collections: ['payload-jobs', 'payload-kv', 'payload-locked-documents', 'payload-preferences', 'payload-migrations', 'imports', 'review-events'],
  globals: ['payload-jobs-stats'],
}

const isPermissionQuery = (name: string) => name === 'Access' || name.startsWith('docAccess')

export function graphQLForFrontEnds(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) if (NOT_SERVED_OVER_GRAPHQL.collections.includes(collection.slug)) collection.graphQL = false
  for (const global of config.globals) if (NOT_SERVED_OVER_GRAPHQL.globals.includes(global.slug)) global.graphQL = false
  const queries = config.graphQL.queries
  config.graphQL = {
    ...config.graphQL,
    disableIntrospectionInProduction: false,
    // Payload has no switch for the permission queries; it has added them by the time it asks
    // for custom queries, on the object it hands over (3.90), so they are taken out there.
    queries: (GraphQL, context) => {
      for (const name of Object.keys(context.Query.fields)) if (isPermissionQuery(name)) delete context.Query.fields[name]
      return queries?.(GraphQL, context) ?? {}
    },
  }
  return config
}

/**
 * The schema Careline serves and commits (schema.graphql), the same on every database. Payload
 * chooses each id's GraphQL type from the adapter's `defaultIDType`; the schema is built from a
 * view of the config whose adapter says `text`, the one MongoDB gives. Only the schema's types
 * change: resolvers run on the real adapter, and an SQL id read as "12" is the row 12.
 */
export function graphQLSchemaFor(config: SanitizedConfig): ReturnType<typeof configToSchema> {
  const withStringIDs = { ...config, db: { ...config.db, defaultIDType: 'text' as const } }
  return configToSchema(withStringIDs as SanitizedConfig)
}
