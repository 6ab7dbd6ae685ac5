/**
 * The delivery path of the GraphQL page queries: an anonymous query that asks only for published
 * pages (`conditionPage`, `symptomPage`, ... by slug, without `draft` or `asOf`) is executed
 * against the pages' stored text, with no Payload request and no further database read. This is
 * GraphQL's counterpart of servedPages.ts, for front ends that POST their queries (Apollo, urql).
 *
 * What keeps the answer the endpoint's own (src/http/graphql.ts answers everything else):
 * - the query passes the endpoint's checks first (`checkedQuery`: graphql's rules, the limits,
 *   Payload's complexity), against the schema the endpoint serves;
 * - it runs in graphql-js on a copy of that schema without resolvers: same types, enums and
 *   scalars, so values are coerced and serialised as the endpoint does, and the answer's field
 *   order is the query's;
 * - each field is read from the stored page only when the stored value is what Payload's resolver
 *   would answer (`storedFieldKinds`); anything else (a record the page holds only as an id, a
 *   field the page left out, any argument below the page, a rich-text node Payload's resolver
 *   would populate, a polymorphic relationship, a join the page holds part of) stops the run, and
 *   so does any error: the request then goes to the endpoint, unchanged.
 * - only for requests whose locale the endpoint's relationship resolvers share: the page in the
 *   request's (default) locale. Payload's resolvers load related records in the request's locale,
 *   not the page query's `locale`, so another locale is left to the endpoint.
 */
import {
  type DocumentNode,
  execute,
  type GraphQLArgumentConfig,
  type GraphQLField,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  type GraphQLNamedType,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLSchema,
  type GraphQLType,
  GraphQLUnionType,
  getOperationAST,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
} from 'graphql'
import type { Payload, SanitizedConfig } from 'payload'

import { siteURLOf } from '../frontendApi/conditionPage'
import { SERVED_AS_STORED, STORED_PAGE } from '../frontendApi/graphql'
import { isPageCollection, type PageCollection, servedPageTextReader } from '../publication'
import { checkedQuery, graphQLSchema } from './graphql'
import { resolvePersistedQuery } from './persistedQueries'

type Doc = Record<string, any>

/** How a field of the served schema is answered from a stored page. */
type StoredFieldKind =
  /** The stored value as it is (no resolver, or one that gives the stored value). */
  | 'stored'
  /** A relationship or upload to one collection: the stored record(s), when populated. */
  | 'record'
  /** A join: the stored docs, when the page holds all of them. */
  | 'join'
  /** A join sorted otherwise than its collection (GraphQL lists in the collection's order): the stored docs, when there is at most one. */
  | 'join of one'
  /** Rich text: the stored value, when Payload's resolver would populate nothing in it. */
  | 'richText'
  /** Computed by a resolver the page has no answer for (a polymorphic relationship, a renamed field, ...). */
  | 'computed'

/** Thrown where the stored page cannot answer a field; the request goes to the endpoint. */
class NotStored extends Error {}
const notStored = () => new NotStored('not answered by the stored page')

/** What each field of each object type is, from the field config Payload puts in `extensions`. */
function storedFieldKinds(schema: GraphQLSchema, payload: Payload): Map<string, Map<string, StoredFieldKind>> {
  const defaultSortOf = (collection: string) => (payload.collections as Record<string, { config: { defaultSort?: unknown } } | undefined>)[collection]?.config.defaultSort
  const kinds = new Map<string, Map<string, StoredFieldKind>>()
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue
    const fields = new Map<string, StoredFieldKind>()
    for (const field of Object.values(type.getFields())) fields.set(field.name, kindOf(field, defaultSortOf))
    kinds.set(type.name, fields)
  }
  return kinds
}

function kindOf(field: GraphQLField<unknown, unknown>, defaultSortOf: (collection: string) => unknown): StoredFieldKind {
  if (!field.resolve || field.extensions?.servedAsStored === SERVED_AS_STORED.servedAsStored) return 'stored'
  const config = (field.extensions as { field?: Doc } | undefined)?.field
  switch (config?.type) {
    case 'relationship':
    case 'upload':
      return Array.isArray(config.relationTo) ? 'computed' : 'record'
    case 'join':
      // GraphQL's join lists every doc in the joined collection's own order, without the
      // field's `where`: the page's list is that list when the field sorts the same way.
      if (config.where || Array.isArray(config.collection)) return 'computed'
      return config.defaultSort && config.defaultSort === defaultSortOf(config.collection) ? 'join' : 'join of one'
    case 'group':
      // The group as stored, with the parent's id beside it (which is no GraphQL field).
      return 'stored'
    case 'richText':
      return 'richText'
    default:
      return 'computed'
  }
}

const isRecord = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Lexical nodes Payload's GraphQL resolver populates (to its own depth): a page holding one is not answered here. */
const POPULATED_NODES = new Set(['upload', 'relationship', 'block', 'inlineBlock'])
function populatesNothing(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(populatesNothing)
  if (!isRecord(node)) return true
  if (typeof node.type === 'string' && POPULATED_NODES.has(node.type)) return false
  if (isRecord(node.fields) && node.fields.doc != null) return false
  return Object.values(node).every((child) => typeof child !== 'object' || child === null || populatesNothing(child))
}

/** Per execution: the objects the endpoint would have loaded itself (related records), which hold every field. */
interface StoredContext {
  loaded: WeakSet<object>
}

const markLoaded = (context: StoredContext, value: unknown) => {
  for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'object' && item !== null) context.loaded.add(item)
}

const storedValue =
  (kinds: Map<string, Map<string, StoredFieldKind>>): GraphQLFieldResolver<unknown, StoredContext> =>
  (source, _args, context, info) => {
    if (info.fieldNodes.some((node) => node.arguments?.length)) throw notStored()
    if (!isRecord(source)) throw notStored()
    const kind = kinds.get(info.parentType.name)?.get(info.fieldName) ?? 'computed'
    const loaded = context.loaded.has(source)
    if (!Object.hasOwn(source, info.fieldName)) {
      // The endpoint reads the page's own objects as stored (a field left out is null there);
      // a record it loads has every field it is asked for.
      if (loaded || (kind !== 'stored' && kind !== 'richText')) throw notStored()
      return undefined
    }
    const value = source[info.fieldName]
    if (kind === 'stored') {
      if (loaded) markLoaded(context, value)
      return value
    }
    if (kind === 'record') {
      // Payload's resolver loads the record; the stored page holds it populated, or only its id.
      if (value === null) return null
      if (Array.isArray(value) ? value.every(isRecord) : isRecord(value)) {
        markLoaded(context, value)
        return value
      }
    } else if (kind === 'join' || kind === 'join of one') {
      const docs = isRecord(value) && value.hasNextPage === false && Array.isArray(value.docs) ? (value.docs as unknown[]) : undefined
      if (docs && docs.every(isRecord) && (kind === 'join' || docs.length <= 1)) {
        markLoaded(context, docs)
        return value
      }
    } else if (kind === 'richText') {
      if (value === null || populatesNothing(value)) return value
    }
    throw notStored()
  }

/** The served schema without resolvers (leaf types shared), the page queries answered by `readPage`. */
function withoutResolvers(schema: GraphQLSchema, readPage: GraphQLFieldResolver<unknown, unknown>): GraphQLSchema {
  const copies = new Map<string, GraphQLNamedType>()
  const named = <T extends GraphQLNamedType>(type: T): T => (copies.get(type.name) as T | undefined) ?? type
  const wrapped = <T extends GraphQLType>(type: T): T =>
    (isListType(type) ? new GraphQLList(wrapped(type.ofType)) : isNonNullType(type) ? new GraphQLNonNull(wrapped(type.ofType)) : named(type as GraphQLNamedType)) as T
  const args = (config: Record<string, GraphQLArgumentConfig> | undefined) =>
    Object.fromEntries(Object.entries(config ?? {}).map(([name, arg]) => [name, { ...arg, type: wrapped(arg.type as GraphQLInputType) }]))
  const fields = (config: Record<string, GraphQLFieldConfig<unknown, unknown>>, root: boolean) =>
    Object.fromEntries(
      Object.entries(config).map(([name, field]) => [
        name,
        {
          ...field,
          type: wrapped(field.type as GraphQLOutputType),
          args: args(field.args),
          resolve: root && field.extensions?.[STORED_PAGE] ? readPage : undefined,
          subscribe: undefined,
        },
      ]),
    )
  const queryType = schema.getQueryType()
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue
    if (isObjectType(type)) {
      const config = type.toConfig()
      copies.set(type.name, new GraphQLObjectType({ ...config, interfaces: () => config.interfaces.map(named), fields: () => fields(config.fields, type === queryType) }))
    } else if (isInterfaceType(type)) {
      const config = type.toConfig()
      copies.set(type.name, new GraphQLInterfaceType({ ...config, interfaces: () => config.interfaces.map(named), fields: () => fields(config.fields, false) }))
    } else if (isUnionType(type)) {
      const config = type.toConfig()
      copies.set(type.name, new GraphQLUnionType({ ...config, types: () => config.types.map(named) }))
    } else if (isInputObjectType(type)) {
      const config = type.toConfig()
      copies.set(type.name, new GraphQLInputObjectType({ ...config, fields: () => Object.fromEntries(Object.entries(config.fields).map(([name, field]) => [name, { ...field, type: wrapped(field.type) }])) }))
    }
  }
  return new GraphQLSchema({ query: named(queryType!), types: [...copies.values()], directives: schema.getDirectives() })
}

/** The GraphQL-over-HTTP media type of the answer, for the Accept headers front ends send; undefined for others (the endpoint negotiates those). */
function mediaTypeOf(accept: string | undefined): string | undefined {
  const first = (accept ?? '*/*').split(',', 1)[0].trim().toLowerCase()
  if (first === 'application/graphql-response+json') return 'application/graphql-response+json; charset=utf-8'
  if (first === 'application/json' || first === '*/*') return 'application/json; charset=utf-8'
  return undefined
}

/** The page queries of an operation, when that is all it asks for: by slug, with at most `locale`. */
function onlyPageQueries(operation: OperationDefinitionNode, pageQueries: Set<string>) {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every(
      (selection) =>
        selection.kind === Kind.FIELD &&
        (selection.name.value === '__typename' || (pageQueries.has(selection.name.value) && (selection.arguments ?? []).every((arg) => arg.name.value === 'slug' || arg.name.value === 'locale'))),
    )
  )
}

export interface GraphQLRead {
  query?: unknown
  variables?: unknown
  operationName?: unknown
  extensions?: unknown
}

export function graphQLPagesFromSnapshots(payload: Payload, config: Promise<SanitizedConfig>) {
  const localization = payload.config.localization
  const defaultLocale = localization ? localization.defaultLocale : 'en'
  const siteURL = siteURLOf({ payload } as Parameters<typeof siteURLOf>[0])
  let readText: ReturnType<typeof servedPageTextReader> | undefined

  const readPage: GraphQLFieldResolver<unknown, unknown> = async (_source, args, _context, info) => {
    const collection = info.parentType.getFields()[info.fieldName].extensions?.[STORED_PAGE]
    const locale = args.locale ?? defaultLocale
    if (typeof collection !== 'string' || !isPageCollection(collection) || locale !== defaultLocale || typeof args.slug !== 'string') throw notStored()
    readText ??= servedPageTextReader(payload)
    const text = await readText(collection as PageCollection, args.slug, locale, siteURL)
    if (text === undefined) throw notStored()
    return text === null ? null : (JSON.parse(text) as Doc)
  }

  let prepared: Promise<{ served: GraphQLSchema; rules: Awaited<ReturnType<typeof graphQLSchema>>['validationRules']; stored: GraphQLSchema; pageQueries: Set<string>; kinds: ReturnType<typeof storedFieldKinds> }> | undefined
  const prepare = () =>
    (prepared ??= config.then(graphQLSchema).then(({ schema, validationRules }) => {
      const served = schema as GraphQLSchema
      const pageQueries = new Set(Object.values(served.getQueryType()!.getFields()).filter((field) => field.extensions?.[STORED_PAGE]).map((field) => field.name))
      return { served, rules: validationRules, stored: withoutResolvers(served, readPage), pageQueries, kinds: storedFieldKinds(served, payload) }
    }))

  /**
   * The answer (body and headers) to an anonymous GraphQL read with no parameters of Payload's
   * own (`locale` in the URL or body), or undefined when this path does not answer it.
   */
  return async function answer(read: GraphQLRead, accept: string | undefined): Promise<{ body: Buffer; headers: [string, string][] } | undefined> {
    const contentType = mediaTypeOf(accept)
    if (!contentType) return undefined
    const { variables, operationName } = read
    if ((variables != null && !isRecord(variables)) || (operationName != null && typeof operationName !== 'string')) return undefined
    let query = read.query
    if (read.extensions != null) {
      const persisted = resolvePersistedQuery(read.extensions, query)
      if (persisted.kind === 'found') query = persisted.query
      else if (persisted.kind !== 'given') return undefined
    }
    if (typeof query !== 'string' || !query) return undefined
    const { served, rules, stored, pageQueries, kinds } = await prepare()
    const document: DocumentNode | undefined = checkedQuery(served, rules, query, variables ?? undefined, operationName ?? undefined)
    const operation = document && getOperationAST(document, operationName ?? undefined)
    if (!document || !operation || !onlyPageQueries(operation, pageQueries)) return undefined
    const result = await execute({ schema: stored, document, operationName: operationName ?? undefined, variableValues: variables ?? undefined, contextValue: { loaded: new WeakSet() } satisfies StoredContext, fieldResolver: storedValue(kinds) })
    if (result.errors?.length) return undefined
    return { body: Buffer.from(JSON.stringify(result)), headers: [['content-type', contentType]] }
  }
}

const READ_PARAMS = new Set(['query', 'variables', 'operationName', 'extensions'])

/**
 * The GraphQL read a request makes (a GET's URL, or a POST's JSON body), when it carries only
 * GraphQL's own parameters; undefined for anything else (Payload's `locale` and the like are
 * the endpoint's to read).
 */
export function graphQLReadOf(method: string, url: string, body?: string): GraphQLRead | undefined {
  const at = url.indexOf('?')
  if (method === 'POST') {
    if (at !== -1 || body === undefined) return undefined
    let data: unknown
    try {
      data = JSON.parse(body)
    } catch {
      return undefined
    }
    return isRecord(data) && Object.keys(data).every((name) => READ_PARAMS.has(name)) ? data : undefined
  }
  if (method !== 'GET' || at === -1) return undefined
  const params = new URLSearchParams(url.slice(at + 1))
  const read: Record<string, unknown> = {}
  for (const [name, value] of params) {
    if (!READ_PARAMS.has(name) || name in read) return undefined
    if (name === 'query' || name === 'operationName') read[name] = value
    else {
      try {
        read[name] = JSON.parse(value)
      } catch {
        return undefined
      }
    }
  }
  return read
}
