/**
 * The REST contract for front-end developers: the committed OpenAPI document
 * (src/contracts/openapi.json) matches the config, is valid OpenAPI 3.1, covers every
 * collection and every endpoint we added, and is what the server answers at
 * /api/openapi.json; and the server's answers match it. If the first test fails, run
 * `npm run generate` and commit the result.
 */
import fs from 'node:fs'
import path from 'node:path'

import { compileErrors, validate } from '@readme/openapi-parser'
import type { Endpoint, SanitizedConfig } from 'payload'

import type { OpenAPIDocument } from '../src/contracts/openapi'
import { testDatabaseKind } from './helpers/database'
import { createContent, createStaff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, ROOT, startServer } from './helpers/server'

type Json = Record<string, any>
type Contracts = typeof import('../src/contracts/openapi')

const COMMITTED = path.join(ROOT, 'src/contracts/openapi.json')
const committedText = fs.readFileSync(COMMITTED, 'utf8')
const committed = JSON.parse(committedText) as OpenAPIDocument

let ctx: TestPayload
let server: RunningServer
let config: SanitizedConfig
let contracts: Contracts
let built: OpenAPIDocument

beforeAll(async () => {
  // The database first: the config module picks its adapter from DATABASE_URI when imported.
  ctx = await startTestPayload('contracts')
  config = ctx.payload.config
  contracts = await import('../src/contracts/openapi')
  built = await contracts.buildOpenAPIDocument(config)
})
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

/** Follows a local `$ref` (`#/components/...`) in the document. */
function resolve(doc: Json, value: Json): Json {
  if (typeof value?.$ref !== 'string') return value
  const target = (value.$ref as string)
    .slice(2)
    .split('/')
    .reduce<any>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc)
  if (!target) throw new Error(`dangling $ref ${value.$ref}`)
  return resolve(doc, target)
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'])

/**
 * What the OpenAPI validator leaves alone: the schemas themselves. Checks that the keywords the
 * document uses have their JSON Schema 2020-12 shapes and that every `$ref` resolves.
 */
function schemaProblems(doc: Json): string[] {
  const problems: string[] = []
  const visitSchema = (schema: unknown, at: string) => {
    if (typeof schema === 'boolean') return
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return void problems.push(`${at}: not a schema`)
    const s = schema as Json
    if (typeof s.$ref === 'string') {
      try {
        resolve(doc, s)
      } catch (error) {
        problems.push(`${at}: ${(error as Error).message}`)
      }
    }
    if ('type' in s && ![s.type].flat().every((type) => JSON_TYPES.has(type))) problems.push(`${at}: type ${JSON.stringify(s.type)}`)
    if ('required' in s && !(Array.isArray(s.required) && s.required.every((name: unknown) => typeof name === 'string'))) problems.push(`${at}: required must be a list of names`)
    for (const [name, child] of Object.entries((s.properties ?? {}) as Json)) visitSchema(child, `${at}.properties.${name}`)
    for (const key of ['items', 'additionalProperties', 'not'] as const) if (key in s && typeof s[key] === 'object') visitSchema(s[key], `${at}.${key}`)
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      if (key in s) (Array.isArray(s[key]) ? (s[key] as unknown[]) : [null]).forEach((child, i) => visitSchema(child, `${at}.${key}[${i}]`))
    }
  }
  for (const [name, schema] of Object.entries(doc.components.schemas as Json)) visitSchema(schema, `components.schemas.${name}`)
  // Schemas inside operations: parameters, bodies, responses, headers.
  const visitOperationPart = (value: unknown, at: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => visitOperationPart(item, `${at}[${i}]`))
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'schema') visitSchema(child, `${at}.schema`)
        else visitOperationPart(child, `${at}.${key}`)
      }
    }
  }
  visitOperationPart(doc.paths, 'paths')
  visitOperationPart(doc.components.parameters, 'components.parameters')
  visitOperationPart(doc.components.responses, 'components.responses')
  return problems
}

/** A small JSON Schema check of a live answer: types, required and declared properties, items, refs. */
function mismatches(doc: Json, schema: Json, value: unknown, at = '$'): string[] {
  const s = resolve(doc, schema)
  if (s.oneOf || s.anyOf) {
    const options = (s.oneOf ?? s.anyOf) as Json[]
    const results = options.map((option) => mismatches(doc, option, value, at))
    return results.some((r) => r.length === 0) ? [] : [`${at}: matches none of ${options.length} options (${results.map((r) => r[0]).join(' | ')})`]
  }
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v)
  if (s.type) {
    const allowed = [s.type].flat() as string[]
    const actual = typeOf(value)
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) return [`${at}: ${actual}, declared ${allowed.join('|')}`]
  }
  if (s.enum && !(s.enum as unknown[]).includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`]
  const found: string[] = []
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const properties = (s.properties ?? {}) as Json
    for (const name of (s.required ?? []) as string[]) if (!(name in value)) found.push(`${at}.${name}: required, missing`)
    for (const [name, child] of Object.entries(value)) {
      if (properties[name]) found.push(...mismatches(doc, properties[name], child, `${at}.${name}`))
      else if (s.additionalProperties === false) found.push(`${at}.${name}: not declared`)
    }
  }
  if (Array.isArray(value) && s.items) value.forEach((item, i) => found.push(...mismatches(doc, s.items, item, `${at}[${i}]`)))
  return found
}

describe('the committed OpenAPI document', () => {
  test('src/contracts/openapi.json matches the config', () => {
    const upToDate = contracts.serializeOpenAPIDocument(built) === committedText
    expect(upToDate ? 'up to date' : 'src/contracts/openapi.json is stale: run `npm run generate` and commit the result').toBe('up to date')
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(committed.info.version).toBe(version)
    // Nothing of the machine it was generated on.
    expect(committedText).not.toMatch(/localhost|127\.0\.0\.1|\/work\/|\/home\/|\/tmp\/|file:/)
    expect(committed.servers).toEqual([{ url: '/api', description: 'This server' }])
  })

  test('names no hidden field (password hashes, signing secrets, internal copies): the API never answers, selects or accepts them', () => {
    const advertised: string[] = []
    for (const collection of config.collections) {
      for (const field of collection.flattenedFields.filter((f) => f.hidden)) {
        for (const name of [collection.slug, `${collection.slug}_select`, `${collection.slug}_write`]) {
          const properties = (committed.components?.schemas?.[name] as { properties?: Record<string, unknown> } | undefined)?.properties
          if (properties && field.name in properties) advertised.push(`${name}.${field.name}`)
        }
      }
    }
    expect(config.collections.some((collection) => collection.flattenedFields.some((f) => f.hidden))).toBe(true)
    expect(advertised).toEqual([])
  })

  test('is valid OpenAPI 3.1, with well-formed schemas', async () => {
    expect(committed.openapi).toBe('3.1.0')
    // The validator dereferences in place: give it a copy.
    const result = await validate(structuredClone(committed) as never)
    if (result.warnings.length) console.log(`OpenAPI validator warnings:\n${result.warnings.map((w) => `- ${w.message}`).join('\n')}`)
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid')
    expect(schemaProblems(committed as unknown as Json)).toEqual([])
  })

  test('describes every collection with REST endpoints and its standard operations', () => {
    const missing: string[] = []
    const expectOperation = (apiPath: string, method: string) => {
      if (!(committed.paths[apiPath] as Json | undefined)?.[method]) missing.push(`${method.toUpperCase()} /api${apiPath}`)
    }
    for (const collection of config.collections) {
      if (collection.endpoints === false) continue
      const slug = collection.slug
      for (const method of ['get', 'post', 'patch', 'delete']) expectOperation(`/${slug}`, method)
      for (const method of ['get', 'patch', 'delete']) expectOperation(`/${slug}/{id}`, method)
      expectOperation(`/${slug}/count`, 'get')
      if (collection.versions) {
        expectOperation(`/${slug}/versions`, 'get')
        expectOperation(`/${slug}/versions/{id}`, 'get')
        expectOperation(`/${slug}/versions/{id}`, 'post')
      }
      if (collection.auth) {
        for (const route of ['login', 'logout', 'refresh-token', 'forgot-password', 'reset-password']) expectOperation(`/${slug}/${route}`, 'post')
        expectOperation(`/${slug}/me`, 'get')
      }
      if (!committed.components.schemas[slug]) missing.push(`schema ${slug}`)
    }
    expect(missing).toEqual([])
    // List queries take Payload's parameters.
    const listParams = (committed.paths['/conditions'].get.parameters ?? []).map((p) => (p.$ref ? resolve(committed as unknown as Json, p) : p).name)
    expect(listParams).toEqual(expect.arrayContaining(['where', 'sort', 'limit', 'page', 'depth', 'select', 'locale', 'draft']))
    expect(Object.keys(committed.components.securitySchemes).sort()).toEqual(['bearerAuth', 'cookieAuth', 'jwtHeader', 'usersApiKey'])
    expect(committed.components.securitySchemes.cookieAuth).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'payload-token' })
    expect(committed.components.schemas.Error).toMatchObject({ required: ['errors'] })
  })

  test('describes every custom endpoint, each at its path (an endpoint without `custom.openapi` fails here)', () => {
    const custom = contracts.customEndpointsOf(config)
    const where = (c: (typeof custom)[number]) => `${c.method.toUpperCase()} /api${c.path}${c.slug ? ` (${c.scope} ${c.slug})` : ''}`
    const undescribed = custom.filter((c) => !c.endpoint.custom?.openapi).map((c) => `${where(c)}: add custom.openapi (an OpenAPI Operation Object)`)
    const absent = custom.filter((c) => c.endpoint.custom?.openapi && !(committed.paths[c.path] as Json | undefined)?.[c.method]).map(where)
    expect({ undescribed, absentFromDocument: absent }).toEqual({ undescribed: [], absentFromDocument: [] })

    // The walk finds ours: the review endpoints on each clinical collection and this document.
    const found = custom.map((c) => `${c.method} ${c.path}`)
    expect(found).toEqual(expect.arrayContaining(['get /openapi.json', 'get /conditions/{id}/review', 'post /conditions/{id}/review', 'post /locations/{id}/review']))
    const review = (committed as unknown as Json).paths['/conditions/{id}/review'].post
    expect(review.operationId).toBe('conditionsTakeReviewAction')
    expect(review.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })])
    expect(resolve(committed as unknown as Json, review.responses['200'].content['application/json'].schema)).toMatchObject({ title: 'ReviewStatus' })
  })

  test('an endpoint added without a description is reported, not silently left out', () => {
    const handler: Endpoint['handler'] = async () => Response.json({})
    const withExtra = {
      ...config,
      endpoints: [...(config.endpoints || []), { path: '/undescribed/:thing', method: 'get', handler } satisfies Endpoint],
    } as SanitizedConfig
    const reported = contracts.customEndpointsOf(withExtra).filter((c) => !c.endpoint.custom?.openapi)
    expect(reported.map((c) => `${c.method} ${c.path}`)).toContain('get /undescribed/{thing}')
  })
})

describe('the running server', () => {
  let content: Awaited<ReturnType<typeof createContent>>
  beforeAll(async () => {
    const staff = await createStaff(ctx.payload)
    content = await createContent(ctx.payload, staff)
    server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false' })
  })

  test('serves the committed document at /api/openapi.json', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    // The endpoint asks for `public, max-age=300`; for anonymous reads the response cache in
    // front of the API (src/cache/http.ts) answers with its own public policy instead.
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/)
    expect(await res.json()).toEqual(committed)
  })

  test('a list of conditions matches its declared schema', async () => {
    const doc = committed as unknown as Json
    const declared = doc.paths['/conditions'].get.responses['200'].content['application/json'].schema as Json
    const res = await fetch(`${server.url}/api/conditions?limit=5`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Json
    // The pagination keys the document promises are all there...
    expect(Object.keys(body)).toEqual(expect.arrayContaining(declared.required as string[]))
    expect(body.docs.length).toBeGreaterThan(0)
    // ... and the whole answer, populated documents included, has the declared shape.
    expect(mismatches(doc, declared, body)).toEqual([])
    // The check itself sees a wrong answer.
    expect(mismatches(doc, declared, { ...body, totalDocs: 'many', docs: [{ ...body.docs[0], name: 7 }] })).toHaveLength(2)
  })

  test('a condition by id matches its declared schema', async () => {
    const doc = committed as unknown as Json
    const declared = doc.paths['/conditions/{id}'].get.responses['200'].content['application/json'].schema as Json
    const res = await fetch(`${server.url}/api/conditions/${content.neuropathy.id}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Json
    // Populated with its relations (their compact, populated shape).
    expect(body.symptoms[0].symptom).toMatchObject({ name: 'Burning pain' })
    expect(mismatches(doc, declared, body)).toEqual([])
  })

  test('a refusal has the declared error shape', async () => {
    const doc = committed as unknown as Json
    // An id of the database's shape (whole number, or ObjectId on MongoDB), so the refusal is the sign-in one.
    const id = testDatabaseKind() === 'mongodb' ? '000000000000000000000001' : '1'
    const res = await fetch(`${server.url}/api/conditions/${id}/review`)
    expect(res.status).toBe(401)
    const declared = resolve(doc, doc.paths['/conditions/{id}/review'].get.responses['401']).content['application/json'].schema
    expect(mismatches(doc, declared, await res.json())).toEqual([])
  })
})
