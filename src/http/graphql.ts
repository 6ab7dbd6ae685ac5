/**
 * The GraphQL endpoint, served without Next.js so API-only replicas can answer it.
 *
 * Payload ships this handler only as a Next.js route; this module does the same job for
 * Express: Payload builds the schema and the complexity rules from the config, graphql-http
 * implements GraphQL over HTTP (POST, and GET for queries so they can be cached).
 *
 * Limits, each refused with a 400 naming it: Payload's `maxComplexity` (payload.config.ts),
 * query depth, aliases and operations per document (GRAPHQL_MAX_*), one operation per request
 * (no JSON-array batches), and no schema introspection unless GRAPHQL_INTROSPECTION=true (off by
 * default in production).
 *
 * Each query text is parsed and validated once (graphql's rules with the limits, in one pass) and
 * the outcome kept in a bounded LRU: with a schema this size validation cost more than many reads.
 * Automatic persisted queries (persistedQueries.ts) let a read be a short, cacheable GET.
 */
import type { configToSchema } from '@payloadcms/graphql'
import {
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  parse,
  type SelectionSetNode,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql'
import { parseRequestParams } from 'graphql-http'
import { createHandler } from 'graphql-http/lib/use/fetch'
import {
  addDataAndFileToRequest,
  addLocalesToRequestFromData,
  createPayloadRequest,
  headersWithCors,
  logError,
  mergeHeaders,
  type PayloadRequest,
  type SanitizedConfig,
} from 'payload'

import { shareGraphQLContext } from '../../collections/access/unreadableLinksRemoved'
import { Refusal, refusalResponse } from '../errors'
import { callerMistakeOf } from '../errors/callerMistakes'
import { graphQLLimitSettings } from '../settings'
import { graphQLSchemaFor } from './graphQLSurface'
import { PERSISTED_QUERY_NOT_FOUND, persistedQueries, resolvePersistedQuery, sha256Hex } from './persistedQueries'

type SchemaAndRules = ReturnType<typeof configToSchema>

let built: Promise<SchemaAndRules> | undefined

/** The schema is derived from the config once per process. */
export function graphQLSchema(config: SanitizedConfig): Promise<SchemaAndRules> {
  built ??= Promise.resolve().then(() => graphQLSchemaFor(config))
  return built
}

type GraphQLLimits = ReturnType<typeof graphQLLimitSettings>

/** Nesting of fields (introspection's own `__` fields do not count; introspection is gated apart). */
export const depthLimit =
  (max: number): ValidationRule =>
  (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
    }
    const fragmentDepth = new Map<string, number>()
    const depthOf = (selectionSet: SelectionSetNode, visiting: Set<string>): number => {
      let deepest = 0
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue
          deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet, visiting) : 0))
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting))
        } else {
          const name = selection.name.value
          const fragment = fragments.get(name)
          if (!fragment || visiting.has(name)) continue // unknown or cyclic: graphql's own rules report those
          if (!fragmentDepth.has(name)) fragmentDepth.set(name, depthOf(fragment.selectionSet, new Set([...visiting, name])))
          deepest = Math.max(deepest, fragmentDepth.get(name)!)
        }
      }
      return deepest
    }
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set())
        if (depth > max) {
          context.reportError(new GraphQLError(`The query is nested ${depth} levels deep; the limit is ${max} (GRAPHQL_MAX_DEPTH).`, { nodes: [node] }))
        }
      },
    }
  }

/** Aliases in the whole document (fragments included): many aliases repeat a field many times. */
export const aliasLimit =
  (max: number): ValidationRule =>
  (context) => {
    let aliases = 0
    return {
      Field(node) {
        if (node.alias) aliases += 1
      },
      Document: {
        leave() {
          if (aliases > max) context.reportError(new GraphQLError(`The query uses ${aliases} aliases; the limit is ${max} (GRAPHQL_MAX_ALIASES).`))
        },
      },
    }
  }

/** Operations in one document (one of them runs, picked by operationName). */
export const operationLimit =
  (max: number): ValidationRule =>
  (context) => ({
    Document(node) {
      const operations = node.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length
      if (operations > max) context.reportError(new GraphQLError(`The document holds ${operations} operations; the limit is ${max} (GRAPHQL_MAX_OPERATIONS).`))
    },
  })

/** No `__schema` or `__type` (`__typename` stays: clients need it for unions). */
export const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError(`Schema introspection (${node.name.value}) is turned off in production; set GRAPHQL_INTROSPECTION=true to allow it. The schema is published as schema.graphql.`, { nodes: [node] }),
      )
    }
  },
})

export const limitRules = (limits: GraphQLLimits): ValidationRule[] => [
  depthLimit(limits.maxDepth),
  aliasLimit(limits.maxAliases),
  operationLimit(limits.maxOperations),
  ...(limits.introspection ? [] : [noIntrospection]),
]

let limits: GraphQLLimits | undefined
const ownLimitRules = () => limitRules((limits ??= graphQLLimitSettings()))

/** Findings that are limits (ours, Payload's complexity): a 400 whatever the client accepts. */
const isOverLimit = (error: GraphQLError) => /\(GRAPHQL_[A-Z_]+\)|GRAPHQL_INTROSPECTION|maximum complexity/.test(error.message)

/** A query text, parsed once, with what validation found (filled on first use). */
interface Prepared {
  document?: DocumentNode
  syntaxError?: GraphQLError
  /** graphql's rules and the limits, in one pass: neither depends on variables. */
  checked?: { errors: readonly GraphQLError[]; overLimits: readonly GraphQLError[] }
  /**
   * Payload's complexity rule reads the variables (it coerces them, and @include/@skip take
   * them), so its findings are kept only for a document that declares none.
   */
  complexity?: readonly GraphQLError[]
  /** The text's SHA-256, the query's part of a response-cache key (filled on first use). */
  hash?: string
}

/**
 * Bounds of the prepared-document LRU: entries, total query text and the longest query kept (a
 * parsed document, with its locations, weighs some 30-50 times its text).
 */
const MAX_PREPARED = 500
const MAX_PREPARED_CHARS = 500_000
const MAX_PREPARED_QUERY_CHARS = 20_000
const prepared = new Map<string, Prepared>()
let preparedChars = 0

function preparedDocument(query: string): Prepared {
  let entry = prepared.get(query)
  if (entry) {
    prepared.delete(query)
    prepared.set(query, entry)
    return entry
  }
  try {
    entry = { document: parse(query) }
  } catch (error) {
    entry = { syntaxError: error as GraphQLError }
  }
  if (query.length <= MAX_PREPARED_QUERY_CHARS) {
    prepared.set(query, entry)
    preparedChars += query.length
    for (const [oldest] of prepared) {
      if (prepared.size <= MAX_PREPARED && preparedChars <= MAX_PREPARED_CHARS) break
      prepared.delete(oldest)
      preparedChars -= oldest.length
    }
  }
  return entry
}

/** Whether the schema has a root type for every operation (there is no Subscription type). */
const hasRootTypes = (schema: GraphQLSchema, document: DocumentNode) =>
  document.definitions.every((definition) => definition.kind !== Kind.OPERATION_DEFINITION || Boolean(schema.getRootType(definition.operation)))

const declaresVariables = (document: DocumentNode) =>
  document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && Boolean(definition.variableDefinitions?.length))

type Checked =
  /** Answered as graphql-http answers validation errors (200 to application/json clients). */
  | { errors: readonly GraphQLError[] }
  /** Over a limit: 400. */
  | { overLimits: readonly GraphQLError[] }
  | { document: DocumentNode }

/**
 * Validates a request's document: graphql's own rules and the limits in one pass (kept per query
 * text), then Payload's complexity rule, which assumes an otherwise valid document (it recurses
 * forever on a fragment cycle and fails on a missing root type), so it runs only on documents
 * that pass.
 */
function checkDocument(schema: GraphQLSchema, payloadRules: SchemaAndRules['validationRules'], args: Omit<ExecutionArgs, 'document'>, query: string): Checked {
  const entry = preparedDocument(query)
  if (!entry.document) return { errors: [entry.syntaxError!] }
  const document = entry.document
  if (!hasRootTypes(schema, document)) {
    // graphql-http says why (a subscription) once graphql's rules pass.
    const errors = (entry.checked ??= { errors: validate(schema, document, specifiedRules), overLimits: [] }).errors
    return errors.length ? { errors } : { document }
  }
  if (!entry.checked) {
    const found = validate(schema, document, [...specifiedRules, ...ownLimitRules()])
    entry.checked = { errors: found.filter((error) => !isOverLimit(error)), overLimits: found.filter(isOverLimit) }
  }
  if (entry.checked.errors.length) return { errors: entry.checked.errors }
  let complexity = entry.complexity
  if (!complexity) {
    try {
      complexity = validate(schema, document, payloadRules({ ...args, document } as never) as ValidationRule[])
    } catch {
      // e.g. variables too deep for its coercion to walk: refused rather than run unchecked.
      complexity = [new GraphQLError('The query could not be checked against the complexity limit (maxComplexity). Simplify its variables.')]
    }
    if (!declaresVariables(document)) entry.complexity = complexity
  }
  const overLimits = [...entry.checked.overLimits, ...complexity.filter(isOverLimit)]
  if (overLimits.length) return { overLimits }
  // Other findings (e.g. variables that do not coerce) are answered as graphql-http would.
  const others = complexity.filter((error) => !isOverLimit(error))
  return others.length ? { errors: others } : { document }
}

/**
 * The document of a query text that passes every check the endpoint makes (graphql's rules, the
 * limits, Payload's complexity with these variables), or undefined: for a path that answers
 * only requests the endpoint would run (src/http/servedGraphQL.ts). The checks are the same
 * ones, kept per query text.
 */
export function checkedQuery(schema: GraphQLSchema, payloadRules: SchemaAndRules['validationRules'], query: string, variableValues: Record<string, unknown> | undefined, operationName: string | undefined): DocumentNode | undefined {
  const checked = checkDocument(schema, payloadRules, { schema, variableValues, operationName, contextValue: {} }, query)
  return 'document' in checked ? checked.document : undefined
}

/** JSON with object keys sorted, so equal variables give equal keys. */
const canonicalJSON = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )

/** A GraphQL POST's JSON body, when it is a JSON object (parsed once, for the key and the read); undefined otherwise. */
export function graphQLBodyOf(body: string): Record<string, unknown> | undefined {
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    return undefined
  }
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined
}

/**
 * The response-cache key of an anonymous GraphQL POST that only reads (src/http/app.ts), from
 * its body (`graphQLBodyOf`): the query (by its SHA-256, whether sent whole or as a
 * persisted-query hash), variables, operationName and locale, canonical. Undefined for a
 * mutation or an unknown persisted query: those are not reads to keep.
 */
export function graphQLReadKey(data: Record<string, unknown>): string | undefined {
  const { query, extensions, variables, operationName, locale, fallbackLocale } = data
  let text = typeof query === 'string' && query ? query : undefined
  if (!text) {
    const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash
    text = typeof hash === 'string' ? persistedQueries.get(hash.toLowerCase()) : undefined
  }
  if (!text || (operationName != null && typeof operationName !== 'string')) return undefined
  const entry = preparedDocument(text)
  if (!entry.document || getOperationAST(entry.document, (operationName as string | undefined) ?? undefined)?.operation !== 'query') return undefined
  return canonicalJSON({ query: (entry.hash ??= sha256Hex(text)), variables, operationName, locale, fallbackLocale })
}

/** The GraphQL fields of a request: from the URL (GET) or Payload's parse of the JSON body. */
function requestFields(request: Request, data: unknown): Record<string, unknown> {
  if (request.method !== 'GET') return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
  const search = new URL(request.url).searchParams
  try {
    return { query: search.get('query') ?? undefined, extensions: JSON.parse(search.get('extensions') ?? 'null') as unknown }
  } catch {
    return {} // graphql-http answers the unparsable URL
  }
}

/**
 * Payload's error shape, with its status. A failure the request caused (a value the database
 * refuses, say) is the caller's mistake here as over REST: its 4xx, never a 5xx inside a 200
 * (src/errors/callerMistakes.ts).
 */
function formatError(error: GraphQLError, req: PayloadRequest) {
  const original = error.originalError as (Error & { status?: number; data?: unknown }) | undefined
  const mistake = original ? callerMistakeOf(original, req.headers.get('content-type') ?? '') : undefined
  const status = mistake?.status ?? original?.status ?? (original ? 500 : 400)
  if (status >= 500) logError({ err: error, payload: req.payload })
  return {
    message: mistake?.message ?? (status >= 500 && !req.payload.config.debug ? 'Something went wrong.' : error.message),
    locations: error.locations,
    path: error.path,
    extensions: { name: original?.name, data: original?.data, statusCode: status },
  }
}

export async function handleGraphQL(config: Promise<SanitizedConfig>, request: Request): Promise<Response> {
  // graphql-http reads the body itself; Payload reads its own copy for uploads and locale.
  const forGraphQL = request.clone()
  const req = await createPayloadRequest({ canSetHeaders: true, config, request })
  if (req.payload.config.graphQL?.disable) return new Response(null, { status: 404 })
  const corsHeaders = () => headersWithCors({ headers: new Headers(), req })

  try {
    await addDataAndFileToRequest(req)
  } catch (error) {
    // Malformed JSON, a multipart body the parser cannot read and the like: the client's
    // mistake, answered as GraphQL-over-HTTP does.
    const mistake = callerMistakeOf(error, request.headers.get('content-type') ?? '')
    const status = mistake?.status ?? (error as { status?: number }).status ?? 500
    if (status >= 500) throw error
    return refusalResponse(mistake ?? new Refusal((error as Error).message, status), corsHeaders())
  }
  if (Array.isArray(req.data)) {
    // graphql-http runs one operation per request; say so rather than "must be an object".
    return refusalResponse(new Refusal('Batched GraphQL requests (a JSON array) are not accepted: send one operation per request, as a JSON object.', 400), corsHeaders())
  }
  addLocalesToRequestFromData(req)

  const fields = requestFields(request, req.data)
  const persisted = resolvePersistedQuery(fields.extensions, fields.query)
  if (persisted.kind === 'refused') return refusalResponse(persisted.refusal, corsHeaders())
  if (persisted.kind === 'not found') {
    const headers = corsHeaders()
    headers.set('content-type', 'application/json; charset=utf-8')
    return new Response(JSON.stringify(PERSISTED_QUERY_NOT_FOUND), { status: 200, headers })
  }

  const { schema, validationRules } = await graphQLSchema(req.payload.config)
  const extraHeaders: Record<string, string> = {}
  const contextValue = { headers: extraHeaders, req }
  // Link checks load linked records as Payload's resolvers will (collections/access/unreadableLinksRemoved.ts).
  shareGraphQLContext(req, contextValue)

  const handler = createHandler({
    schema: schema as GraphQLSchema,
    context: contextValue,
    // A persisted query's text comes from the store; graphql-http reads the rest as usual.
    parseRequestParams:
      persisted.kind === 'found'
        ? (raw) => {
            if (raw.method !== 'GET') return parseRequestParams({ ...raw, body: JSON.stringify({ ...(req.data as object), query: persisted.query }) })
            const url = new URL(raw.url)
            url.searchParams.set('query', persisted.query)
            return parseRequestParams({ ...raw, url: url.href })
          }
        : undefined,
    // All validation happens here, once; what it returns is run as it is (graphql-http then
    // neither parses nor validates again).
    onSubscribe: (_request, params) => {
      const args = { schema: schema as GraphQLSchema, variableValues: params.variables, operationName: params.operationName, contextValue }
      const checked = checkDocument(schema as GraphQLSchema, validationRules, args, params.query)
      if ('errors' in checked) return [...checked.errors]
      if ('overLimits' in checked) {
        return [JSON.stringify({ errors: checked.overLimits.map((error) => error.toJSON()) }), { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json; charset=utf-8' } }]
      }
      return { ...args, document: checked.document, rootValue: undefined }
    },
    onOperation: (_request, _args, result) => {
      if (!result.errors?.length) return result
      // graphql-http serialises whatever is returned; Payload's error shape carries the status.
      return { ...result, errors: result.errors.map((error) => formatError(error, req)) } as unknown as typeof result
    },
  })

  let response = await handler(forGraphQL)
  if (response.status >= 400 && !response.headers.get('content-type')) {
    // graphql-http answers some refusals (e.g. 415) with an empty body; say what to do instead.
    const message =
      response.status === 415
        ? 'Send GraphQL as JSON (POST with Content-Type: application/json) or as query parameters (GET).'
        : `GraphQL request refused: ${response.statusText || response.status}.`
    response = refusalResponse(new Refusal(message, response.status), response.headers)
  }
  const headers = headersWithCors({ headers: new Headers(response.headers), req })
  for (const [key, value] of Object.entries(extraHeaders)) headers.append(key, value)
  return new Response(response.body, {
    status: response.status,
    headers: req.responseHeaders ? mergeHeaders(req.responseHeaders, headers) : headers,
  })
}
