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
import { getNamedType, type GraphQLOutputType, type GraphQLSchema, isObjectType } from 'graphql'
import { type Field, formatNames, type SanitizedConfig, toWords } from 'payload'

import { derivedFieldsReadTheirSources } from '../../collections/fields/derived'

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
  const built = configToSchema(withStringIDs as SanitizedConfig)
  fieldsNamedForSelect(built.schema, config)
  contentReadsSelectByDefault(built.schema, config)
  return built
}

/** Named as Payload names a collection's GraphQL type (initCollections, 3.90). */
const typeNameOf = (collection: SanitizedConfig['collections'][number]) =>
  collection.graphQL && collection.graphQL.singularName ? toWords(collection.graphQL.singularName, true) : formatNames(collection.slug).singular

/**
 * A GraphQL read of published content reads from the database only the fields the query asks
 * for: Payload's `select` argument defaults to `true` on the `Conditions`/`Condition`-style
 * queries of the collections whose computed fields name their sources
 * (`derivedFieldsReadTheirSources`), so a computed field asked for alone is still right. Payload
 * reads whole records, every provenance and review column of each linked record too, unless the
 * query says `select: true`, which front ends do not know to send; the answer is the same either
 * way, and `select: false` still reads whole records. Other collections (users, with an API-key
 * field computed from a sibling) keep Payload's default.
 */
function contentReadsSelectByDefault(schema: GraphQLSchema, config: SanitizedConfig): void {
  const partialReadsSafe = new Set(
    config.collections
      .filter((collection) => collection.graphQL !== false && collection.hooks.beforeOperation.includes(derivedFieldsReadTheirSources))
      .map(typeNameOf),
  )
  const readsOf = (type: GraphQLOutputType): string => {
    const named = getNamedType(type)
    const docs = isObjectType(named) ? named.getFields().docs : undefined
    return docs ? getNamedType(docs.type).name : named.name
  }
  for (const query of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const select = query.args.find((arg) => arg.name === 'select')
    if (select && partialReadsSafe.has(readsOf(query.type))) select.defaultValue = true
  }
}

/**
 * WORKAROUND (Payload 3.90, payloadcms/payload#18141): with `select: true`, each relationship
 * resolver finds its part of the query's select by walking up the response path, mapping each
 * GraphQL field back to its Payload field through `extensions.field`. Payload sets that only on a
 * field whose GraphQL name differs from its data name, so an array (`symptoms`) drops out of the
 * path: `symptoms { symptom { name } }` found no select and read every symptom whole, with all its
 * review and provenance columns, only to answer its name. Here every GraphQL field built from a
 * named Payload field of a collection, and of its arrays, groups and named tabs, carries its
 * field. It can go when, without it, a GraphQL read of a condition's `symptoms { symptom { name } }`
 * still reads only the symptoms' names (tests/query-budget.test.ts checks the fields read).
 */
function fieldsNamedForSelect(schema: GraphQLSchema, config: SanitizedConfig): void {
  const visit = (typeName: string, fields: Field[]) => {
    const type = schema.getType(typeName)
    if (!isObjectType(type)) return
    const graphQLFields = type.getFields()
    // `named` is a named Payload field or a named tab (a group in GraphQL); the walk needs its name.
    const carry = (named: { name: string }, subFields?: Field[]) => {
      const graphQLField = graphQLFields[named.name]
      if (!graphQLField) return
      if (!graphQLField.extensions?.field) graphQLField.extensions = { ...graphQLField.extensions, field: named }
      if (subFields) visit(getNamedType(graphQLField.type).name, subFields)
    }
    for (const field of fields) {
      if (field.type === 'tabs') {
        for (const tab of field.tabs) {
          if ('name' in tab && tab.name) carry({ ...tab, name: tab.name }, tab.fields)
          else visit(typeName, tab.fields)
        }
      } else if (field.type === 'row' || field.type === 'collapsible' || (field.type === 'group' && !('name' in field && field.name))) {
        visit(typeName, field.fields)
      } else if ('name' in field && field.name) {
        carry(field, field.type === 'array' || field.type === 'group' ? field.fields : undefined)
      }
    }
  }
  for (const collection of config.collections) if (collection.graphQL !== false) visit(typeNameOf(collection), collection.fields)
}
