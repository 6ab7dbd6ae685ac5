/**
 * The GraphQL endpoint, served without Next.js so API-only replicas can answer it.
 *
 * Payload ships this handler only as a Next.js route; this module does the same job for
 * Express: Payload builds the schema and the complexity rules from the config, graphql-http
 * implements GraphQL over HTTP (POST, and GET for queries so they can be cached).
 *
 * Limits, each refused with a 400 naming it: Payload's `maxComplexity` (payload.config.ts),
 * query depth, aliases and operations per document (GRAPHQL_MAX_*), one operation per request
 * (no JSON-array batches), and no schema introspection in production unless
 * GRAPHQL_INTROSPECTION=true.
 */
import { configToSchema } from '@payloadcms/graphql'
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  parse,
  type SelectionSetNode,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql'
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

import { Refusal, refusalResponse } from '../errors'
import { callerMistakeOf } from '../errors/callerMistakes'
import { graphQLLimitSettings } from '../settings'

type SchemaAndRules = ReturnType<typeof configToSchema>

let built: Promise<SchemaAndRules> | undefined

/** The schema is derived from the config once per process. */
export function graphQLSchema(config: SanitizedConfig): Promise<SchemaAndRules> {
  built ??= Promise.resolve().then(() => configToSchema(config))
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

/** Whether the schema has a root type for every operation (there is no Subscription type). */
const hasRootTypes = (schema: GraphQLSchema, document: DocumentNode) =>
  document.definitions.every((definition) => definition.kind !== Kind.OPERATION_DEFINITION || Boolean(schema.getRootType(definition.operation)))

export async function handleGraphQL(config: Promise<SanitizedConfig>, request: Request): Promise<Response> {
  // graphql-http reads the body itself; Payload reads its own copy for uploads and locale.
  const forGraphQL = request.clone()
  const req = await createPayloadRequest({ canSetHeaders: true, config, request })
  if (req.payload.config.graphQL?.disable) return new Response(null, { status: 404 })

  try {
    await addDataAndFileToRequest(req)
  } catch (error) {
    // Malformed JSON, a multipart body the parser cannot read and the like: the client's
    // mistake, answered as GraphQL-over-HTTP does.
    const mistake = callerMistakeOf(error, request.headers.get('content-type') ?? '')
    const status = mistake?.status ?? (error as { status?: number }).status ?? 500
    if (status >= 500) throw error
    return refusalResponse(mistake ?? new Refusal((error as Error).message, status), headersWithCors({ headers: new Headers(), req }))
  }
  if (Array.isArray(req.data)) {
    // graphql-http runs one operation per request; say so rather than "must be an object".
    return refusalResponse(
      new Refusal('Batched GraphQL requests (a JSON array) are not accepted: send one operation per request, as a JSON object.', 400),
      headersWithCors({ headers: new Headers(), req }),
    )
  }
  addLocalesToRequestFromData(req)
  const { schema, validationRules } = await graphQLSchema(req.payload.config)
  limits ??= graphQLLimitSettings()
  const ownRules = limitRules(limits)
  const extraHeaders: Record<string, string> = {}

  const handler = createHandler({
    schema: schema as GraphQLSchema,
    context: { headers: extraHeaders, req },
    // Payload's complexity rule assumes a document that is otherwise valid (it recurses forever
    // on a fragment cycle and fails on a subscription, which this schema has none of), so the
    // standard rules judge first and it runs only on documents they pass.
    validationRules: (_request, args, defaultRules) =>
      !hasRootTypes(args.schema, args.document) || validate(args.schema, args.document, defaultRules).length
        ? defaultRules
        : (defaultRules.concat(validationRules(args) as ValidationRule[]) as ValidationRule[]),
    // The limits (ours and Payload's complexity) are checked first, so that going over one is a
    // 400 whatever the client accepts (graphql-http answers other validation errors with 200
    // to application/json clients, as GraphQL over HTTP asks).
    onSubscribe: (_request, params) => {
      let document
      try {
        document = parse(params.query)
      } catch {
        return undefined // graphql-http reports the syntax error
      }
      let errors: readonly GraphQLError[]
      if (!hasRootTypes(schema as GraphQLSchema, document) || validate(schema as GraphQLSchema, document, specifiedRules).length) return undefined // graphql-http says why
      try {
        const args = { schema, document, variableValues: params.variables, operationName: params.operationName }
        errors = validate(schema as GraphQLSchema, document, [...ownRules, ...(validationRules(args as never) as ValidationRule[])])
      } catch {
        return undefined // an invalid document: graphql-http's own validation says why
      }
      // Other findings (e.g. variables that do not coerce) are left to graphql-http's own answer.
      const overLimits = errors.filter((error) => /\(GRAPHQL_[A-Z_]+\)|GRAPHQL_INTROSPECTION|maximum complexity/.test(error.message))
      if (!overLimits.length) return undefined
      return [JSON.stringify({ errors: overLimits.map((error) => error.toJSON()) }), { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json; charset=utf-8' } }]
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
