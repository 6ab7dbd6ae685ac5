/**
 * The GraphQL endpoint, served without Next.js so API-only replicas can answer it.
 *
 * Payload ships this handler only as a Next.js route; this module does the same job for
 * Express: Payload builds the schema and the complexity rules from the config, graphql-http
 * implements GraphQL over HTTP (POST, and GET for queries so they can be cached).
 */
import { configToSchema } from '@payloadcms/graphql'
import type { GraphQLError, GraphQLSchema, ValidationRule } from 'graphql'
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

type SchemaAndRules = ReturnType<typeof configToSchema>

let built: Promise<SchemaAndRules> | undefined

/** The schema is derived from the config once per process. */
export function graphQLSchema(config: SanitizedConfig): Promise<SchemaAndRules> {
  built ??= Promise.resolve().then(() => configToSchema(config))
  return built
}

function formatError(error: GraphQLError, req: PayloadRequest) {
  const original = error.originalError as (Error & { status?: number; data?: unknown }) | undefined
  const status = original?.status ?? (original ? 500 : 400)
  if (status >= 500) logError({ err: error, payload: req.payload })
  return {
    message: status >= 500 && !req.payload.config.debug ? 'Something went wrong.' : error.message,
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

  try {
    await addDataAndFileToRequest(req)
  } catch (error) {
    // Malformed JSON and the like: the client's mistake, answered as GraphQL-over-HTTP does.
    const status = (error as { status?: number }).status ?? 500
    if (status >= 500) throw error
    return Response.json({ errors: [{ message: (error as Error).message }] }, { status, headers: headersWithCors({ headers: new Headers(), req }) })
  }
  addLocalesToRequestFromData(req)
  const { schema, validationRules } = await graphQLSchema(req.payload.config)
  const extraHeaders: Record<string, string> = {}

  const handler = createHandler({
    schema: schema as GraphQLSchema,
    context: { headers: extraHeaders, req },
    validationRules: (_request, args, defaultRules) =>
      defaultRules.concat(validationRules(args) as ValidationRule[]) as ValidationRule[],
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
    response = Response.json({ errors: [{ message }] }, { status: response.status, headers: response.headers })
  }
  const headers = headersWithCors({ headers: new Headers(response.headers), req })
  for (const [key, value] of Object.entries(extraHeaders)) headers.append(key, value)
  return new Response(response.body, {
    status: response.status,
    headers: req.responseHeaders ? mergeHeaders(req.responseHeaders, headers) : headers,
  })
}
