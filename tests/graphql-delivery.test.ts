/**
 * GraphQL as front ends send it, against the real server: automatic persisted queries in the
 * shape Apollo Client's createPersistedQueryLink sends them (GET with only the hash, then the
 * query with its hash), anonymous POST queries cached like GETs (and dropped on a publication),
 * and GRAPHQL_INTROSPECTION honoured in production.
 */
import { createHash } from 'node:crypto'

import type { Payload } from 'payload'

import { createStaff, DEFAULT_TEST_PASSWORD } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let specialtyId: number | string
let editorToken: string
const servers: Partial<Record<'test' | 'productionIntrospection' | 'production', RunningServer>> = {}

beforeAll(async () => {
  ctx = await startTestPayload('graphql_delivery')
  payload = ctx.payload
  await createStaff(payload)
  specialtyId = (await payload.create({ collection: 'specialties', data: { name: 'Neurology' } })).id
  const base = { API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false', RATE_LIMIT_GRAPHQL_PER_IP: '0', CACHE_SYNC_INTERVAL_MS: '300' }
  const production = { NODE_ENV: 'production', PAYLOAD_SECRET: 'test-secret-for-the-graphql-delivery-0123456789' }
  servers.test = await startServer({ ...base, NODE_ENV: 'test' })
  servers.productionIntrospection = await startServer({ ...base, ...production, GRAPHQL_INTROSPECTION: 'true' })
  servers.production = await startServer({ ...base, ...production, GRAPHQL_INTROSPECTION: undefined })
  const login = await fetch(`${servers.test.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'editor@test.careline', password: DEFAULT_TEST_PASSWORD }),
  })
  editorToken = ((await login.json()) as { token: string }).token
}, 240_000)
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server?.stop()))
  await ctx?.stop()
})

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const url = () => servers.test!.url

interface Answer {
  status: number
  headers: Headers
  json: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[]; message?: string }
}
async function send(path: string, init: RequestInit = {}, server = servers.test!): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, init)
  return { status: response.status, headers: response.headers, json: (await response.json()) as Answer['json'] }
}
/** As Apollo Client's HttpLink with createPersistedQueryLink({ useGETForHashedQueries: true }) sends a hashed query. */
const hashedGet = (hash: string, operationName: string, variables: Record<string, unknown>, extra: Record<string, string> = {}) =>
  `/api/graphql?${new URLSearchParams({ operationName, variables: JSON.stringify(variables), extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }), ...extra })}`
const post = (body: unknown, headers: Record<string, string> = {}) =>
  send('/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json,application/json;q=0.9', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })

describe('automatic persisted queries', () => {
  const query = 'query SpecialtyNames($limit: Int) { Specialties(limit: $limit, sort: "name") { docs { name } } }'
  const hash = sha256(query)

  test('an unknown hash is PersistedQueryNotFound; the query sent with its hash runs and is remembered; then the hash alone is answered, and cached', async () => {
    const unknown = await send(hashedGet(hash, 'SpecialtyNames', { limit: 5 }))
    expect(unknown.status).toBe(200)
    expect(unknown.json).toEqual({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] })
    expect(unknown.headers.get('etag')).toBeNull()

    // Apollo's retry: the whole query with the same extensions (POST, its default).
    const registered = await post({ operationName: 'SpecialtyNames', variables: { limit: 5 }, query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })
    expect(registered.status).toBe(200)
    expect(registered.json.data.Specialties.docs).toEqual([{ name: 'Neurology' }])

    const first = await send(hashedGet(hash, 'SpecialtyNames', { limit: 5 }))
    expect(first.status).toBe(200)
    expect(first.json).toEqual(registered.json)
    expect(first.headers.get('cache-control')).toMatch(/^public/)
    expect(first.headers.get('etag')).toBeTruthy()
    const again = await send(hashedGet(hash, 'SpecialtyNames', { limit: 5 }))
    expect(again.headers.get('x-cache')).toBe('HIT')
    expect(again.json).toEqual(registered.json)

    // Over POST too: the hash alone is answered.
    const hashedPost = await post({ operationName: 'SpecialtyNames', variables: { limit: 5 }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })
    expect(hashedPost.json).toEqual(registered.json)
  })

  test('a hash that is not the query’s, or another protocol version, is a 400 that says what to send', async () => {
    const wrong = await post({ query: '{ Specialties { totalDocs } }', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })
    expect(wrong.status).toBe(400)
    expect(JSON.stringify(wrong.json)).toMatch(/not the SHA-256 of the query/)
    const version = await send(hashedGet(hash, 'SpecialtyNames', {}).replace('%22version%22%3A1', '%22version%22%3A2'))
    expect(version.status).toBe(400)
    expect(JSON.stringify(version.json)).toMatch(/version must be 1/)
    const notHex = await send(hashedGet('abc', 'SpecialtyNames', {}))
    expect(notHex.status).toBe(400)
    expect(JSON.stringify(notHex.json)).toMatch(/64 hexadecimal/)
  })

  test('GET runs persisted queries only, never a persisted mutation', async () => {
    const mutation = 'mutation Submit { reviewTransition(collection: conditions, id: "1", action: submit) { stage } }'
    await post({ query: mutation, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(mutation) } } })
    const viaGet = await fetch(`${url()}${hashedGet(sha256(mutation), 'Submit', {})}`)
    expect(viaGet.status).toBe(405)
    expect(await viaGet.text()).toMatch(/mutations over GET/)
  })
})

describe('anonymous POST queries are cached like GETs', () => {
  const query = 'query Names($limit: Int, $sort: String) { Specialties(limit: $limit, sort: $sort) { docs { id name } } }'

  test('the same query, variables and operation (however the JSON is spelled) is answered from the cache; signed-in and mutations are not', async () => {
    const first = await post({ query, variables: { limit: 3, sort: 'name' }, operationName: 'Names' })
    expect(first.status).toBe(200)
    expect(first.headers.get('x-cache')).toBe('MISS')
    expect(first.headers.get('cache-control')).toMatch(/^public/)
    const reordered = await post(`{"operationName":"Names","variables":{"sort":"name","limit":3},"query":${JSON.stringify(query)}}`)
    expect(reordered.headers.get('x-cache')).toBe('HIT')
    expect(reordered.json).toEqual(first.json)
    const otherVariables = await post({ query, variables: { limit: 2, sort: 'name' }, operationName: 'Names' })
    expect(otherVariables.headers.get('x-cache')).toBe('MISS')

    const signedIn = await post({ query, variables: { limit: 3, sort: 'name' }, operationName: 'Names' }, { authorization: `JWT ${editorToken}` })
    expect(signedIn.status).toBe(200)
    expect(signedIn.headers.get('x-cache')).toBeNull()
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')

    const mutation = await post({ query: 'mutation { reviewTransition(collection: conditions, id: "1", action: submit) { stage } }' })
    expect(mutation.headers.get('x-cache')).toBeNull()
    expect(mutation.headers.get('cache-control') ?? '').not.toMatch(/public/)
  })

  test('a publication drops the cached POST answers', async () => {
    const body = { query: `{ Specialty(id: ${JSON.stringify(String(specialtyId))}) { name } }` }
    expect((await post(body)).json.data.Specialty.name).toBe('Neurology')
    expect((await post(body)).headers.get('x-cache')).toBe('HIT')
    await payload.update({ collection: 'specialties', id: specialtyId, data: { name: 'Clinical neurology' } })
    const started = Date.now()
    let name: string | undefined
    while ((name = (await post(body)).json.data.Specialty.name) !== 'Clinical neurology' && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(name).toBe('Clinical neurology')
    await payload.update({ collection: 'specialties', id: specialtyId, data: { name: 'Neurology' } })
  })
})

describe('GRAPHQL_INTROSPECTION in production', () => {
  // The audit's own check (tests/graphql-audit.test.ts): a variable in an introspection query.
  const introspect = (server: RunningServer) =>
    send('/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query T($name: String!) { __type(name: $name) { name } }', variables: { name: 'Specialty' } }) }, server)

  test('set to true, __type and __schema are answered', async () => {
    const answer = await introspect(servers.productionIntrospection!)
    expect(answer.json).toEqual({ data: { __type: { name: 'Specialty' } } })
    const schema = await send(`/api/graphql?query=${encodeURIComponent('{ __schema { queryType { name } } }')}`, {}, servers.productionIntrospection!)
    expect(schema.json).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } })
  })

  test('unset, it is refused with a 400 naming the setting', async () => {
    const answer = await introspect(servers.production!)
    expect(answer.status).toBe(400)
    expect(answer.json.errors?.[0]?.message).toMatch(/GRAPHQL_INTROSPECTION=true/)
  })
})
