/**
 * The REST API as an OpenAPI 3.1 document, derived from the Payload config so it cannot drift
 * from what the server does:
 * - Payload's standard operations for every collection (and global) that has REST endpoints;
 * - component schemas from Payload's own JSON Schema generation (the one behind
 *   `payload-types.ts`): OpenAPI 3.1 schemas are JSON Schema, so they are reused as they are;
 * - our own endpoints, each describing itself with `custom: { openapi: <Operation Object> }`.
 *
 * `npm run generate` writes it to `src/contracts/openapi.json`; the server also answers it at
 * `GET /api/openapi.json` (see `./endpoint.ts`).
 */
import { configToJSONSchema, type Endpoint, getLocalI18n, type SanitizedCollectionConfig, type SanitizedConfig, type SanitizedGlobalConfig } from 'payload'

type Json = Record<string, unknown>

/** An OpenAPI Operation Object, as an endpoint's `custom.openapi` gives it. */
export interface OpenAPIOperation {
  summary?: string
  description?: string
  operationId?: string
  tags?: string[]
  parameters?: Json[]
  requestBody?: Json
  responses: Record<string, Json>
  security?: Record<string, string[]>[]
  [extension: string]: unknown
}

export interface OpenAPIDocument {
  openapi: '3.1.0'
  info: { title: string; version: string; description?: string }
  servers: { url: string; description?: string }[]
  security: Record<string, string[]>[]
  tags: { name: string; description?: string }[]
  paths: Record<string, Record<string, OpenAPIOperation>>
  components: { schemas: Record<string, Json>; parameters: Record<string, Json>; responses: Record<string, Json>; securitySchemes: Record<string, Json> }
}

/** The contract's version: the project's (package.json), kept equal by tests/contracts.test.ts. */
export const API_VERSION = '0.1.0'

// ---------------------------------------------------------------------------------------------
// Which endpoints are ours. Payload does not mark the routes it adds itself, so they are named
// here by where they are mounted; anything else is ours and must describe itself.

const PAYLOAD_ROUTES = {
  root: ['get /access'],
  collection: ['get /', 'post /', 'patch /', 'delete /', 'get /count', 'get /:id', 'patch /:id', 'delete /:id', 'post /access/:id?', 'get /versions', 'get /versions/:id', 'post /versions/:id', 'post /:id/duplicate'],
  auth: ['post /login', 'post /logout', 'get /me', 'post /refresh-token', 'post /forgot-password', 'post /reset-password', 'get /init', 'post /first-register', 'post /unlock', 'post /verify/:id', 'post /:id/api-key/reveal'],
  upload: ['get /file/:filename', 'get /paste-url/:id?'],
  global: ['get /', 'post /', 'post /access', 'get /versions', 'get /versions/:id', 'post /versions/:id'],
  // Payload's internal collections bring routes of their own.
  'payload-jobs': ['get /run', 'get /handle-schedules'],
  'payload-preferences': ['get /:key', 'delete /:key', 'post /:key'],
} as const

const routeKey = (endpoint: Pick<Endpoint, 'method' | 'path'>) => `${endpoint.method} ${endpoint.path}`

function payloadRoutesOf(scope: 'root' | 'collection' | 'global', entity?: SanitizedCollectionConfig | SanitizedGlobalConfig): Set<string> {
  if (scope === 'root') return new Set(PAYLOAD_ROUTES.root)
  if (scope === 'global') return new Set(PAYLOAD_ROUTES.global)
  const collection = entity as SanitizedCollectionConfig
  return new Set<string>([
    ...PAYLOAD_ROUTES.collection,
    ...(collection.auth ? PAYLOAD_ROUTES.auth : []),
    ...(collection.upload ? PAYLOAD_ROUTES.upload : []),
    ...((PAYLOAD_ROUTES as Record<string, readonly string[]>)[collection.slug] ?? []),
  ])
}

export interface CustomEndpoint {
  /** Where it is mounted: the API root, or a collection or global by slug. */
  scope: 'root' | 'collection' | 'global'
  slug?: string
  endpoint: Endpoint
  /** Its path in the document (under the `/api` server), e.g. `/conditions/{id}/review`. */
  path: string
  method: string
}

/** `/:id/review` -> `/{id}/review`; OpenAPI has no optional segments, so `:id?` becomes `{id}`. */
export const toOpenAPIPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)\??/g, '{$1}')

const joinPath = (prefix: string, path: string) => {
  const joined = `${prefix}${path === '/' ? '' : toOpenAPIPath(path)}`
  return joined === '' ? '/' : joined
}

/** Every endpoint this project added (root, collections, globals), whether described or not. */
export function customEndpointsOf(config: SanitizedConfig): CustomEndpoint[] {
  const found: CustomEndpoint[] = []
  const collect = (scope: CustomEndpoint['scope'], endpoints: Endpoint[] | false | undefined, prefix: string, entity?: SanitizedCollectionConfig | SanitizedGlobalConfig) => {
    if (!endpoints) return
    const payloadRoutes = payloadRoutesOf(scope, entity)
    for (const endpoint of endpoints) {
      if (payloadRoutes.has(routeKey(endpoint))) continue
      found.push({ scope, slug: entity?.slug, endpoint, path: joinPath(prefix, endpoint.path), method: endpoint.method })
    }
  }
  collect('root', config.endpoints, '')
  for (const collection of config.collections) collect('collection', collection.endpoints, `/${collection.slug}`, collection)
  for (const global of config.globals) collect('global', global.endpoints, `/globals/${global.slug}`, global)
  return found
}

// ---------------------------------------------------------------------------------------------
// Schemas: Payload's JSON Schema, adapted to OpenAPI 3.1 (JSON Schema 2020-12).

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

/**
 * Payload writes draft-04 JSON Schema for json-schema-to-typescript: `#/definitions/x` refs,
 * `tsType` hints for TypeScript, and a draft-03 boolean `required` in a few auth schemas.
 * Refs point at the document's components; the TypeScript-only keywords are dropped.
 */
function toOpenAPISchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toOpenAPISchema)
  if (!value || typeof value !== 'object') return value
  const out: Json = {}
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') out[key] = child.replace(/^#\/definitions\//, '#/components/schemas/')
    else if ((key === 'tsType' && typeof child === 'string') || (key === 'required' && typeof child === 'boolean')) continue
    else out[key] = toOpenAPISchema(child)
  }
  return out
}

/** Names of the schemas a value refers to. */
function refsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, into)
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) into.add(child.slice('#/components/schemas/'.length).split('/')[0])
      else refsIn(child, into)
    }
  }
  return into
}

/**
 * Related documents are answered with only their collection's `defaultPopulate` fields (and
 * `id`), not whole: their schema keeps just those. A select either lists fields to keep
 * (`true`, or a nested select) or, when every value is `false`, fields to leave out.
 */
function populatedSchemaOf(schema: Json, select: Record<string, unknown>): Json {
  const properties = (schema.properties ?? {}) as Json
  const excluding = Object.values(select).every((value) => value === false)
  const kept = Object.keys(properties).filter((name) => name === 'id' || (excluding ? select[name] !== false : Boolean(select[name])))
  const { title, required, ...rest } = schema
  return {
    ...rest,
    ...(title ? { title: `${title}Populated` } : {}),
    properties: Object.fromEntries(kept.map((name) => [name, properties[name]])),
    required: ((required ?? []) as string[]).filter((name) => kept.includes(name)),
  }
}

/** Points every relationship at the populated schema of collections that have one. */
function withPopulatedRefs(value: unknown, populated: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withPopulatedRefs(item, populated))
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      const target = key === '$ref' && typeof child === 'string' ? child.slice('#/components/schemas/'.length) : undefined
      return [key, target && populated.has(target) ? `#/components/schemas/${target}_populated` : withPopulatedRefs(child, populated)]
    }),
  )
}

/** A write body: the document's fields, none required (Payload checks what a create needs). */
function writeSchemaOf(schema: Json): Json {
  const { required: _required, title, properties, ...rest } = schema
  const { id: _id, ...writable } = (properties ?? {}) as Json
  return { ...rest, ...(title ? { title: `${title}Write` } : {}), properties: writable }
}

const ERROR_SCHEMA: Json = {
  type: 'object',
  description: 'Every refusal and failure: one or more errors, each with a message to show or act on.',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['message'],
        properties: {
          message: { type: 'string' },
          name: { type: 'string', description: 'The error class, e.g. `ValidationError`, `Forbidden`, `APIError`.' },
          data: { type: 'object', description: 'Details: the invalid fields of a `ValidationError`, or the `rule` a medical review refusal cites.' },
        },
      },
    },
  },
}

/** Keys of Payload's paginated answers (`PaginatedDocs`), beside `docs`. */
const PAGINATION_PROPERTIES: Json = {
  totalDocs: { type: 'integer' },
  limit: { type: 'integer' },
  totalPages: { type: 'integer' },
  page: { type: 'integer' },
  pagingCounter: { type: 'integer' },
  hasPrevPage: { type: 'boolean' },
  hasNextPage: { type: 'boolean' },
  prevPage: { type: ['integer', 'null'] },
  nextPage: { type: ['integer', 'null'] },
}
const PAGINATION_REQUIRED = ['docs', 'totalDocs', 'limit', 'totalPages', 'pagingCounter', 'hasPrevPage', 'hasNextPage']

const paginated = (item: Json): Json => ({
  type: 'object',
  required: PAGINATION_REQUIRED,
  properties: { docs: { type: 'array', items: item }, ...PAGINATION_PROPERTIES },
})

const versionOf = (schemaName: string, idSchema: Json): Json => ({
  type: 'object',
  required: ['id', 'version', 'createdAt', 'updatedAt'],
  properties: {
    id: idSchema,
    parent: { description: 'The document this is a version of (its id, or the document when populated).' },
    version: ref(schemaName),
    latest: { type: 'boolean' },
    autosave: { type: 'boolean' },
    publishedLocale: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
})

// ---------------------------------------------------------------------------------------------
// Operations.

const json = (schema: Json, description: string): Json => ({ description, content: { 'application/json': { schema } } })
const errorResponse = (name: string) => ({ $ref: `#/components/responses/${name}` })
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` })
const camel = (slug: string) => slug.replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase())
const pascal = (text: string) => text.charAt(0).toUpperCase() + camel(text).slice(1)

interface EntityContext {
  slug: string
  label: string
  schemaName: string
  idSchema: Json
  localized: boolean
  drafts: boolean
}

const readParams = (ctx: EntityContext, extra: Json[] = []) => [
  param('depth'),
  ...(ctx.localized ? [param('locale'), param('fallbackLocale')] : []),
  ...(ctx.drafts ? [param('draft')] : []),
  {
    name: 'select',
    in: 'query',
    description: 'Only these fields, e.g. `select[name]=true&select[summary]=true`.',
    style: 'deepObject',
    explode: true,
    schema: ref(`${ctx.schemaName}_select`),
  },
  ...extra,
]

const idParam = (ctx: EntityContext) => ({ name: 'id', in: 'path', required: true, description: `The ${ctx.label}'s id.`, schema: ctx.idSchema })

function collectionOperations(ctx: EntityContext, collection: SanitizedCollectionConfig, versions: boolean): Record<string, Record<string, OpenAPIOperation>> {
  const { slug, label, schemaName } = ctx
  const tags = [slug]
  const op = (id: string) => `${camel(slug)}${pascal(id)}`
  const doc = ref(schemaName)
  const writeBody: Json = {
    required: true,
    content: {
      'application/json': { schema: ref(`${schemaName}_write`) },
      ...(collection.upload
        ? {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  file: { type: 'string', format: 'binary' },
                  _payload: { type: 'string', description: `The other fields, as JSON (see \`${schemaName}_write\`).` },
                },
              },
            },
          }
        : {}),
    },
  }
  const writeParams = [param('depth'), ...(ctx.localized ? [param('locale')] : []), ...(ctx.drafts ? [param('draftWrite')] : [])]
  const docAndMessage = (description: string) => json({ type: 'object', required: ['doc', 'message'], properties: { doc, message: { type: 'string' } } }, description)
  const bulkResult = (description: string) =>
    json({ type: 'object', required: ['docs', 'errors', 'message'], properties: { docs: { type: 'array', items: doc }, errors: { type: 'array', items: { type: 'object' } }, message: { type: 'string' } } }, description)

  const paths: Record<string, Record<string, OpenAPIOperation>> = {
    [`/${slug}`]: {
      get: {
        operationId: op('find'),
        summary: `List ${label}`,
        tags,
        parameters: [param('where'), param('sort'), param('limit'), param('page'), param('pagination'), ...readParams(ctx)],
        responses: { '200': json(paginated(doc), `A page of ${label}.`), '400': errorResponse('BadRequest'), '403': errorResponse('Forbidden') },
      },
      post: {
        operationId: op('create'),
        summary: `Create a ${label} document`,
        tags,
        parameters: writeParams,
        requestBody: writeBody,
        responses: { '201': docAndMessage('Created.'), '400': errorResponse('BadRequest'), '403': errorResponse('Forbidden'), default: errorResponse('Error') },
      },
      patch: {
        operationId: op('updateMany'),
        summary: `Update every ${label} document that matches \`where\``,
        tags,
        parameters: [param('where'), ...writeParams],
        requestBody: { ...writeBody, content: { 'application/json': { schema: ref(`${schemaName}_write`) } } },
        responses: { '200': bulkResult('Updated.'), '400': bulkResult('Some or all could not be updated.'), '403': errorResponse('Forbidden') },
      },
      delete: {
        operationId: op('deleteMany'),
        summary: `Delete every ${label} document that matches \`where\``,
        tags,
        parameters: [param('where'), param('depth')],
        responses: { '200': bulkResult('Deleted.'), '400': bulkResult('Some or all could not be deleted.'), '403': errorResponse('Forbidden') },
      },
    },
    [`/${slug}/count`]: {
      get: {
        operationId: op('count'),
        summary: `Count ${label}`,
        tags,
        parameters: [param('where'), ...(ctx.localized ? [param('locale')] : []), ...(ctx.drafts ? [param('draft')] : [])],
        responses: { '200': json({ type: 'object', required: ['totalDocs'], properties: { totalDocs: { type: 'integer' } } }, 'How many match.'), '403': errorResponse('Forbidden') },
      },
    },
    [`/${slug}/{id}`]: {
      get: {
        operationId: op('findByID'),
        summary: `Get one ${label} document`,
        tags,
        parameters: [idParam(ctx), ...readParams(ctx)],
        responses: { '200': json(doc, 'The document.'), '403': errorResponse('Forbidden'), '404': errorResponse('NotFound') },
      },
      patch: {
        operationId: op('updateByID'),
        summary: `Update one ${label} document`,
        tags,
        parameters: [idParam(ctx), ...writeParams],
        requestBody: writeBody,
        responses: {
          '200': docAndMessage('Updated.'),
          '400': errorResponse('BadRequest'),
          '403': errorResponse('Forbidden'),
          '404': errorResponse('NotFound'),
          default: errorResponse('Error'),
        },
      },
      delete: {
        operationId: op('deleteByID'),
        summary: `Delete one ${label} document`,
        tags,
        parameters: [idParam(ctx), param('depth')],
        responses: { '200': docAndMessage('Deleted.'), '403': errorResponse('Forbidden'), '404': errorResponse('NotFound') },
      },
    },
  }

  if (versions) {
    const version = versionOf(schemaName, ctx.idSchema)
    paths[`/${slug}/versions`] = {
      get: {
        operationId: op('findVersions'),
        summary: `List versions of ${label}`,
        tags,
        parameters: [param('where'), param('sort'), param('limit'), param('page'), param('pagination'), param('depth'), ...(ctx.localized ? [param('locale'), param('fallbackLocale')] : [])],
        responses: { '200': json(paginated(version), 'A page of versions.'), '403': errorResponse('Forbidden') },
      },
    }
    paths[`/${slug}/versions/{id}`] = {
      get: {
        operationId: op('findVersionByID'),
        summary: `Get one version of a ${label} document`,
        tags,
        parameters: [{ ...idParam(ctx), description: 'The version id.' }, param('depth'), ...(ctx.localized ? [param('locale'), param('fallbackLocale')] : [])],
        responses: { '200': json(version, 'The version.'), '403': errorResponse('Forbidden'), '404': errorResponse('NotFound') },
      },
      post: {
        operationId: op('restoreVersion'),
        summary: `Restore a version of a ${label} document`,
        tags,
        parameters: [{ ...idParam(ctx), description: 'The version id.' }, param('depth'), ...(ctx.drafts ? [param('draftWrite')] : [])],
        responses: { '200': docAndMessage('Restored.'), '403': errorResponse('Forbidden'), '404': errorResponse('NotFound'), default: errorResponse('Error') },
      },
    }
  }

  if (collection.upload) {
    paths[`/${slug}/file/{filename}`] = {
      get: {
        operationId: op('file'),
        summary: `Download a ${label} file`,
        tags,
        parameters: [{ name: 'filename', in: 'path', required: true, description: 'The stored file name (the document\'s `filename`, or an image size\'s).', schema: { type: 'string' } }],
        responses: { '200': { description: 'The file.', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }, '403': errorResponse('Forbidden'), '404': errorResponse('NotFound') },
      },
    }
  }

  if (collection.auth) Object.assign(paths, authOperations(ctx, collection))
  return paths
}

function authOperations(ctx: EntityContext, collection: SanitizedCollectionConfig): Record<string, Record<string, OpenAPIOperation>> {
  const { slug, label, schemaName } = ctx
  const tags = [slug]
  const op = (id: string) => `${camel(slug)}${pascal(id)}`
  const user = ref(schemaName)
  const withUsername = Boolean(collection.auth.loginWithUsername)
  const credentials: Json = {
    type: 'object',
    required: withUsername ? ['password'] : ['email', 'password'],
    properties: {
      email: { type: 'string', format: 'email' },
      ...(withUsername ? { username: { type: 'string' } } : {}),
      password: { type: 'string', format: 'password' },
    },
  }
  const message = { type: 'string' }
  const sessionCookie = { 'Set-Cookie': { description: 'The session cookie, for browsers on an allowed origin.', schema: { type: 'string' } } }
  const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } })
  return {
    [`/${slug}/login`]: {
      post: {
        operationId: op('login'),
        summary: `Sign in (${label})`,
        description: 'Answers a token to send as `Authorization: JWT <token>` (or `Bearer`), and sets the session cookie.',
        tags,
        security: [{}],
        parameters: [param('depth')],
        requestBody: body(credentials),
        responses: {
          '200': {
            ...json({ type: 'object', required: ['message', 'user'], properties: { message, user, token: { type: 'string' }, exp: { type: 'integer', description: 'Expiry, in seconds since 1970.' } } }, 'Signed in.'),
            headers: sessionCookie,
          },
          '400': errorResponse('BadRequest'),
          '401': errorResponse('Unauthorized'),
          '423': { ...errorResponse('Error'), description: 'Locked after too many failed attempts.' } as Json,
        },
      },
    },
    [`/${slug}/logout`]: {
      post: {
        operationId: op('logout'),
        summary: 'Sign out',
        description: 'Ends the session and expires the session cookie.',
        tags,
        responses: { '200': { ...json({ type: 'object', required: ['message'], properties: { message } }, 'Signed out.'), headers: sessionCookie }, '400': errorResponse('BadRequest') },
      },
    },
    [`/${slug}/me`]: {
      get: {
        operationId: op('me'),
        summary: 'Who is signed in',
        tags,
        parameters: [param('depth')],
        responses: {
          '200': json(
            {
              type: 'object',
              required: ['user', 'message'],
              properties: {
                user: { oneOf: [user, { type: 'null' }], description: 'Null when the request carries no valid session, token or API key.' },
                collection: { type: 'string' },
                strategy: { type: 'string', description: 'How the caller signed in, e.g. `local-jwt` or `api-key`.' },
                exp: { type: 'integer' },
                token: { type: 'string' },
                message,
              },
            },
            'The caller, if signed in.',
          ),
        },
      },
    },
    [`/${slug}/refresh-token`]: {
      post: {
        operationId: op('refreshToken'),
        summary: 'Renew the session token',
        tags,
        responses: {
          '200': {
            ...json(
              { type: 'object', required: ['message', 'user'], properties: { message, refreshedToken: { type: 'string' }, exp: { type: 'integer' }, strategy: { type: 'string' }, user } },
              'A fresh token.',
            ),
            headers: sessionCookie,
          },
          '401': errorResponse('Unauthorized'),
          '403': errorResponse('Forbidden'),
        },
      },
    },
    [`/${slug}/forgot-password`]: {
      post: {
        operationId: op('forgotPassword'),
        summary: 'E-mail a password reset link',
        description: 'Answers the same whether or not the account exists.',
        tags,
        security: [{}],
        requestBody: body({ type: 'object', required: withUsername ? [] : ['email'], properties: { email: { type: 'string', format: 'email' }, ...(withUsername ? { username: { type: 'string' } } : {}) } }),
        responses: { '200': json({ type: 'object', required: ['message'], properties: { message } }, 'Sent, if the account exists.'), '400': errorResponse('BadRequest') },
      },
    },
    [`/${slug}/reset-password`]: {
      post: {
        operationId: op('resetPassword'),
        summary: 'Set a new password with a reset token',
        tags,
        security: [{}],
        parameters: [param('depth')],
        requestBody: body({ type: 'object', required: ['token', 'password'], properties: { token: { type: 'string' }, password: { type: 'string', format: 'password' } } }),
        responses: {
          '200': { ...json({ type: 'object', required: ['message', 'user'], properties: { message, token: { type: 'string' }, user } }, 'Password changed; signed in.'), headers: sessionCookie },
          '400': errorResponse('BadRequest'),
          '403': errorResponse('Forbidden'),
        },
      },
    },
  }
}

function globalOperations(ctx: EntityContext): Record<string, Record<string, OpenAPIOperation>> {
  const tags = [`globals/${ctx.slug}`]
  const op = (id: string) => `global${pascal(ctx.slug)}${pascal(id)}`
  return {
    [`/globals/${ctx.slug}`]: {
      get: {
        operationId: op('find'),
        summary: `Get ${ctx.label}`,
        tags,
        parameters: readParams(ctx),
        responses: { '200': json(ref(ctx.schemaName), `${ctx.label}.`), '403': errorResponse('Forbidden') },
      },
      post: {
        operationId: op('update'),
        summary: `Update ${ctx.label}`,
        tags,
        parameters: [param('depth'), ...(ctx.localized ? [param('locale')] : []), ...(ctx.drafts ? [param('draftWrite')] : [])],
        requestBody: { required: true, content: { 'application/json': { schema: ref(`${ctx.schemaName}_write`) } } },
        responses: {
          '200': json({ type: 'object', required: ['result', 'message'], properties: { result: ref(ctx.schemaName), message: { type: 'string' } } }, 'Updated.'),
          '400': errorResponse('BadRequest'),
          '403': errorResponse('Forbidden'),
        },
      },
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Our own endpoints.

/** Keywords whose values are data, not schemas: nothing in them is hoisted. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'const', 'enum'])

/**
 * A schema in an endpoint's description that has a `title` becomes a named component (one
 * type for client generators, once in the document however many endpoints share it, e.g. the
 * review endpoints of five collections). Two different schemas may not share a title.
 */
function hoistTitledSchemas(value: unknown, hoisted: Record<string, Json>): unknown {
  if (Array.isArray(value)) return value.map((item) => hoistTitledSchemas(item, hoisted))
  if (!value || typeof value !== 'object') return value
  const out: Json = {}
  for (const [key, child] of Object.entries(value)) out[key] = DATA_KEYWORDS.has(key) ? child : hoistTitledSchemas(child, hoisted)
  const title = out.title
  if (typeof title !== 'string' || !('type' in out || 'properties' in out || 'oneOf' in out || 'anyOf' in out || 'allOf' in out)) return out
  if (!/^[A-Za-z0-9._-]+$/.test(title)) throw new Error(`OpenAPI schema title "${title}" cannot name a component: use letters, digits, ".", "-" or "_".`)
  if (hoisted[title] && JSON.stringify(hoisted[title]) !== JSON.stringify(out)) {
    throw new Error(`Two different OpenAPI schemas in endpoint descriptions are titled "${title}"; give them different titles.`)
  }
  hoisted[title] = out
  return ref(title)
}

/** Places an endpoint's own description at its path, with what the route itself implies. */
function customOperation(custom: CustomEndpoint, idSchemaOf: (slug: string) => Json, hoisted: Record<string, Json>): OpenAPIOperation {
  const described = JSON.parse(JSON.stringify(custom.endpoint.custom!.openapi)) as OpenAPIOperation
  const { scope, slug } = custom
  const operation: OpenAPIOperation = { ...described }
  if (!operation.tags?.length && slug) operation.tags = [scope === 'global' ? `globals/${slug}` : slug]
  // One endpoint config serves several collections (the review endpoints): its id is made unique
  // by the collection it is mounted on.
  const baseId = operation.operationId ?? `${custom.method}${pascal(custom.path.replace(/[{}]/g, '').replace(/\//g, '-'))}`
  operation.operationId = slug && operation.operationId ? `${camel(slug)}${pascal(baseId)}` : camel(baseId)
  // Route parameters the description leaves out are still parameters.
  const declared = new Set((operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name))
  const missing = [...custom.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).filter((name) => !declared.has(name))
  if (missing.length) {
    operation.parameters = [
      ...missing.map((name) => ({ name, in: 'path', required: true, schema: name === 'id' && scope === 'collection' && slug ? idSchemaOf(slug) : { type: 'string' } })),
      ...(operation.parameters ?? []),
    ]
  }
  return hoistTitledSchemas(operation, hoisted) as OpenAPIOperation
}

// ---------------------------------------------------------------------------------------------

function componentParameters(config: SanitizedConfig): Record<string, Json> {
  const locales = config.localization ? config.localization.localeCodes : []
  return {
    where: {
      name: 'where',
      in: 'query',
      description:
        'A Payload query, e.g. `where[slug][equals]=back-pain` or `where[or][0][name][like]=spine`. Operators: equals, not_equals, in, not_in, like, contains, exists, greater_than, less_than, near, and more (see Payload\'s query docs).',
      style: 'deepObject',
      explode: true,
      schema: { type: 'object', additionalProperties: true },
    },
    sort: { name: 'sort', in: 'query', description: 'Field to sort by; `-field` for descending; several comma-separated.', schema: { type: 'string' } },
    limit: { name: 'limit', in: 'query', description: 'Documents per page (default 10; 0 with `pagination=false` for all).', schema: { type: 'integer', minimum: 0 } },
    page: { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
    pagination: { name: 'pagination', in: 'query', description: '`false`: every match, unpaginated.', schema: { type: 'boolean' } },
    depth: {
      name: 'depth',
      in: 'query',
      description: 'How deep relationships are populated with documents (0: ids only).',
      schema: { type: 'integer', minimum: 0, maximum: config.maxDepth },
    },
    locale: { name: 'locale', in: 'query', description: '`all` answers every locale of localized fields.', schema: { type: 'string', enum: [...locales, 'all'] } },
    fallbackLocale: { name: 'fallback-locale', in: 'query', description: 'Locale to fall back to for untranslated fields, or `none`.', schema: { type: 'string', enum: [...locales, 'none'] } },
    draft: {
      name: 'draft',
      in: 'query',
      description: '`true`: the latest draft instead of the published version, for those allowed to read drafts (others get the published version).',
      schema: { type: 'boolean' },
    },
    draftWrite: { name: 'draft', in: 'query', description: '`true`: save as a draft, leaving the published version as it is.', schema: { type: 'boolean' } },
  }
}

function componentResponses(): Record<string, Json> {
  const error = (description: string) => json(ref('Error'), description)
  return {
    BadRequest: error('The request is malformed or the data is invalid (a `ValidationError` lists the fields).'),
    Unauthorized: error('Not signed in, or the credentials are wrong.'),
    Forbidden: error('Not allowed for this caller (anonymous callers get this too).'),
    NotFound: error('No such document, or not one this caller may see.'),
    Conflict: error('Not possible in the document\'s current state, or based on a stale copy.'),
    Error: error('An error.'),
  }
}

function securitySchemes(config: SanitizedConfig): Record<string, Json> {
  const schemes: Record<string, Json> = {}
  for (const method of config.auth.jwtOrder) {
    if (method === 'JWT') schemes.jwtHeader = { type: 'apiKey', in: 'header', name: 'Authorization', description: '`JWT <token>`, with the token from `POST /users/login`.' }
    if (method === 'Bearer') schemes.bearerAuth = { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The token from `POST /users/login`.' }
    if (method === 'cookie') {
      schemes.cookieAuth = { type: 'apiKey', in: 'cookie', name: `${config.cookiePrefix}-token`, description: 'The session cookie set by login, for browsers on an allowed origin (CSRF list).' }
    }
  }
  for (const collection of config.collections) {
    if (collection.auth?.useAPIKey) {
      schemes[`${camel(collection.slug)}ApiKey`] = {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: `\`${collection.slug} API-Key <key>\`, with a key enabled on a ${collection.slug} account (front-end apps use a \`reader\` account's key).`,
      }
    }
  }
  return schemes
}

const labelOf = (entity: SanitizedCollectionConfig | SanitizedGlobalConfig) => {
  const label = 'labels' in entity ? entity.labels?.plural : entity.label
  return typeof label === 'string' ? label.toLowerCase() : entity.slug
}

/** The OpenAPI 3.1 document for this config. Deterministic: the same config gives the same JSON. */
export async function buildOpenAPIDocument(config: SanitizedConfig): Promise<OpenAPIDocument> {
  const i18n = await getLocalI18n({ config, language: 'en' })
  const jsonSchema = configToJSONSchema(config, config.db.defaultIDType, i18n)
  const withDefaultPopulate = config.collections.filter((collection) => collection.defaultPopulate)
  const definitions = withPopulatedRefs(toOpenAPISchema(jsonSchema.definitions ?? {}), new Set(withDefaultPopulate.map(({ slug }) => slug))) as Record<string, Json>
  // Payload's JSON schema types hidden fields too (its generated types need them); the API never
  // answers, selects or accepts them, so the contract leaves them out.
  for (const collection of config.collections) {
    for (const field of collection.flattenedFields) {
      if (!field.hidden) continue
      for (const schema of [definitions[collection.slug], definitions[`${collection.slug}_select`]]) {
        if (!schema) continue
        delete (schema.properties as Json | undefined)?.[field.name]
        if (Array.isArray(schema.required)) schema.required = schema.required.filter((name) => name !== field.name)
      }
    }
  }
  const populatedSchemas = Object.fromEntries(
    withDefaultPopulate.map(({ slug, defaultPopulate }) => [`${slug}_populated`, populatedSchemaOf(definitions[slug], defaultPopulate as Record<string, unknown>)]),
  )
  const idSchemaOf = (slug: string) => ((definitions[slug]?.properties as Json | undefined)?.id as Json | undefined) ?? { type: 'string' }

  const paths: OpenAPIDocument['paths'] = {}
  const tags: OpenAPIDocument['tags'] = []
  const writeSchemas: Record<string, Json> = {}
  const addPaths = (more: Record<string, Record<string, OpenAPIOperation>>) => {
    for (const [path, operations] of Object.entries(more)) paths[path] = { ...paths[path], ...operations }
  }

  const localized = Boolean(config.localization)
  for (const collection of config.collections) {
    if (collection.endpoints === false) continue
    const ctx: EntityContext = {
      slug: collection.slug,
      label: labelOf(collection),
      schemaName: collection.slug,
      idSchema: idSchemaOf(collection.slug),
      localized,
      drafts: Boolean(collection.versions && collection.versions.drafts),
    }
    tags.push({ name: collection.slug, description: collection.slug.startsWith('payload-') ? 'Payload internals (admin only).' : `The ${ctx.label} collection.` })
    writeSchemas[`${collection.slug}_write`] = writeSchemaOf(definitions[collection.slug])
    addPaths(collectionOperations(ctx, collection, Boolean(collection.versions)))
  }
  for (const global of config.globals) {
    if (global.endpoints === false) continue
    const ctx: EntityContext = { slug: global.slug, label: labelOf(global), schemaName: global.slug, idSchema: { type: 'string' }, localized, drafts: Boolean(global.versions && global.versions.drafts) }
    tags.push({ name: `globals/${global.slug}`, description: global.slug.startsWith('payload-') ? 'Payload internals (admin only).' : `The ${ctx.label} global.` })
    writeSchemas[`${global.slug}_write`] = writeSchemaOf(definitions[global.slug])
    addPaths(globalOperations(ctx))
  }
  // Ours, described by themselves; an endpoint without a description is left out here and
  // reported by tests/contracts.test.ts.
  const hoisted: Record<string, Json> = {}
  for (const custom of customEndpointsOf(config)) {
    if (!custom.endpoint.custom?.openapi) continue
    addPaths({ [custom.path]: { [custom.method]: customOperation(custom, idSchemaOf, hoisted) } })
  }

  // Tags the endpoints name themselves are listed too.
  const listed = new Set(tags.map((tag) => tag.name))
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const tag of operation.tags ?? []) {
        if (listed.has(tag)) continue
        listed.add(tag)
        tags.push({ name: tag })
      }
    }
  }

  // Every schema the operations reach, in Payload's order, then ours.
  const available: Record<string, Json> = { ...definitions, ...populatedSchemas, ...writeSchemas, ...hoisted, Error: ERROR_SCHEMA }
  const reachable = new Set<string>()
  let pending = [...refsIn(paths)]
  while (pending.length) {
    const name = pending.pop()!
    if (reachable.has(name) || !available[name]) continue
    reachable.add(name)
    pending = pending.concat([...refsIn(available[name])])
  }
  reachable.add('Error')
  const schemas = Object.fromEntries(Object.entries(available).filter(([name]) => reachable.has(name)))

  const schemes = securitySchemes(config)
  return {
    openapi: '3.1.0',
    info: {
      title: 'Careline REST API',
      version: API_VERSION,
      description:
        'Reviewed patient-education content (conditions, symptoms, treatments, diagnostic tests, care locations). ' +
        'Anonymous callers and `reader` API keys see published content only; staff sign in. ' +
        'Generated from the Payload config (`npm run generate`); GraphQL is at `/api/graphql`.',
    },
    servers: [{ url: config.routes.api, description: 'This server' }],
    // Every operation may be called anonymously; what a caller may see or do depends on who it is.
    security: [{}, ...Object.keys(schemes).map((name) => ({ [name]: [] }))],
    tags,
    paths,
    components: { schemas, parameters: componentParameters(config), responses: componentResponses(), securitySchemes: schemes },
  }
}

/**
 * The committed file's text: two-space JSON, with anything that fits in 100 columns on one line,
 * so the file stays readable and its diffs small.
 */
export function serializeOpenAPIDocument(document: OpenAPIDocument): string {
  const format = (value: unknown, indent: string): string => {
    const flat = JSON.stringify(value)
    if (value === null || typeof value !== 'object' || indent.length + flat.length <= 100) return flat
    const inner = `${indent}  `
    const lines = Array.isArray(value)
      ? value.map((item) => `${inner}${format(item, inner)}`)
      : Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)}: ${format(item, inner)}`)
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
    return lines.length ? `${open}\n${lines.join(',\n')}\n${indent}${close}` : flat
  }
  return `${format(document, '')}\n`
}
