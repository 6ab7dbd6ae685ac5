/**
 * Hardening, from the outside: rate limits on sign-in, password reset and GraphQL (per IP and
 * per account, shared by replicas through Redis, counted in memory when Redis is away), account
 * lockout, GraphQL limits (depth, aliases, operations, batches, complexity, introspection in
 * production), uploads judged by their content and size, and the production session cookie.
 *
 * Three servers on one test database: two API replicas sharing Redis with low limits (client IPs
 * come from X-Forwarded-For, TRUST_PROXY=loopback, so each test has budgets of its own) and a
 * production server whose Redis cannot be reached.
 */
import { randomBytes } from 'node:crypto'
import http from 'node:http'

import type { Payload } from 'payload'

import { createStaff, DEFAULT_TEST_PASSWORD } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let replicaA: RunningServer
let replicaB: RunningServer
let production: RunningServer
let staff: Awaited<ReturnType<typeof createStaff>>

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
// Concurrent runs share Redis: every IP and account here is this run's own.
const run = randomBytes(2)
let nextHost = 0
const freshIP = () => `10.${run[0]}.${run[1]}.${++nextHost}`
const freshEmail = () => `nobody-${randomBytes(4).toString('hex')}@test.careline`

beforeAll(async () => {
  ctx = await startTestPayload('hardening')
  payload = ctx.payload
  staff = await createStaff(payload)
  const limits = {
    API_ONLY: 'true',
    DATABASE_URI: ctx.database.uri,
    JOBS_AUTORUN: 'false',
    TRUST_PROXY: 'loopback',
    REDIS_URL,
    RATE_LIMIT_LOGIN_PER_IP: '4/1m',
    RATE_LIMIT_LOGIN_PER_ACCOUNT: '3/1m',
    RATE_LIMIT_FORGOT_PASSWORD_PER_ACCOUNT: '2/1h',
    RATE_LIMIT_GRAPHQL_PER_IP: '5/1m',
    GRAPHQL_MAX_DEPTH: '4',
    GRAPHQL_MAX_ALIASES: '3',
    GRAPHQL_MAX_OPERATIONS: '2',
    MEDIA_MAX_MB: '0.05',
  }
  replicaA = await startServer(limits)
  replicaB = await startServer(limits)
  production = await startServer({
    API_ONLY: 'true',
    NODE_ENV: 'production',
    PAYLOAD_SECRET: 'test-secret-for-the-hardening-suite-0123456789',
    DATABASE_URI: ctx.database.uri,
    JOBS_AUTORUN: 'false',
    TRUST_PROXY: 'loopback',
    // Nothing listens there: the limits must still hold, counted in this process.
    REDIS_URL: 'redis://127.0.0.1:1',
    RATE_LIMIT_LOGIN_PER_IP: '30/1m',
    RATE_LIMIT_LOGIN_PER_ACCOUNT: '20/1m',
    RATE_LIMIT_GRAPHQL_PER_IP: '3/1m',
    GRAPHQL_MAX_ALIASES: '5000',
  })
}, 240_000)
afterAll(async () => {
  await Promise.all([replicaA, replicaB, production].map((server) => server?.stop()))
  if (payload) {
    const media = await payload.find({ collection: 'media', limit: 100, overrideAccess: true })
    for (const doc of media.docs) await payload.delete({ collection: 'media', id: doc.id, overrideAccess: true })
  }
  await ctx?.stop()
})

type Errors = { errors: { message: string }[] }
const post = (server: RunningServer, path: string, body: unknown, ip: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const login = (server: RunningServer, email: string, password: string, ip: string) => post(server, '/api/users/login', { email, password }, ip)
/** A POST whose path is sent exactly as written (fetch would resolve `..` and `\` before sending). */
const rawPost = (server: RunningServer, path: string, body: unknown, ip: string) =>
  new Promise<number>((resolve, reject) => {
    const url = new URL(server.url)
    const json = JSON.stringify(body)
    const req = http.request({ host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), 'x-forwarded-for': ip } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(json)
  })
const graphql = (server: RunningServer, query: string, ip = freshIP(), operationName?: string) => post(server, '/api/graphql', { query, operationName }, ip)

async function expectTooMany(res: Response, windowSeconds: number, scope: RegExp) {
  expect(res.status).toBe(429)
  const retryAfter = Number(res.headers.get('retry-after'))
  expect(Number.isInteger(retryAfter)).toBe(true)
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds)
  const { errors } = (await res.json()) as Errors
  expect(errors[0].message).toMatch(scope)
  expect(errors[0].message).toMatch(new RegExp(`Try again in ${retryAfter} seconds, after \\d{4}-\\d\\d-\\d\\dT`))
}

describe('rate limits', () => {
  test('sign-in: per client IP (from X-Forwarded-For behind a trusted proxy), shared by the replicas through Redis', async () => {
    const ip = freshIP()
    const servers = [replicaA, replicaB, replicaA, replicaB]
    for (const server of servers) expect((await login(server, freshEmail(), 'wrong-password', ip)).status).toBe(401)
    await expectTooMany(await login(replicaB, freshEmail(), 'wrong-password', ip), 60, /Too many sign-in attempts from your network \(at most 4 in 1 minute/)
    await expectTooMany(await login(replicaA, 'admin@test.careline', DEFAULT_TEST_PASSWORD, ip), 60, /from your network/)
    // Another client is not held back by this one.
    expect((await login(replicaA, 'editor@test.careline', DEFAULT_TEST_PASSWORD, freshIP())).status).toBe(200)
  })

  test('sign-in: per account, whichever IP and body format the attempts come from', async () => {
    const email = freshEmail()
    expect((await login(replicaA, email, 'wrong-1', freshIP())).status).toBe(401)
    expect((await login(replicaB, email.toUpperCase(), 'wrong-2', freshIP())).status).toBe(401)
    expect((await login(replicaA, email, 'wrong-3', freshIP())).status).toBe(401)
    await expectTooMany(await login(replicaB, email, 'wrong-4', freshIP()), 60, /Too many sign-in attempts for this account/)
    // Payload also reads a multipart body's _payload field: it counts against the same account.
    const form = new FormData()
    form.set('_payload', JSON.stringify({ email, password: 'wrong-5' }))
    const multipart = await fetch(`${replicaA.url}/api/users/login`, { method: 'POST', headers: { 'x-forwarded-for': freshIP() }, body: form })
    await expectTooMany(multipart, 60, /for this account/)
  })

  // Payload reads the path through URL parsing (dot segments resolved, `%2e` included, `\` made
  // `/`): these are its sign-in route, and the budget is spent on them (src/http/canonicalRequest.ts).
  test('sign-in spelled with dot segments, %2e or a backslash is the sign-in route to the per-IP budget too', async () => {
    const ip = freshIP()
    for (const path of ['/api/x/../users/login', '/api/%2e/users/login', '/api/users\\login', '/api/./users/%2E%2E/users/login']) {
      expect({ path, status: await rawPost(replicaA, path, { email: freshEmail(), password: 'wrong-password' }, ip) }).toEqual({ path, status: 401 })
    }
    await expectTooMany(await login(replicaB, freshEmail(), 'wrong-password', ip), 60, /Too many sign-in attempts from your network/)
  })

  test('sign-in: a byte-order mark before the JSON counts against the account like any attempt', async () => {
    const email = freshEmail()
    const withBOM = (server: RunningServer, password: string) => post(server, '/api/users/login', `\ufeff${JSON.stringify({ email, password })}`, freshIP())
    // Payload reads such a body (401: the account was judged); so must the budget.
    for (const [i, server] of [replicaA, replicaB, replicaA].entries()) expect((await withBOM(server, `wrong-${i}`)).status).toBe(401)
    await expectTooMany(await withBOM(replicaB, 'wrong-4'), 60, /Too many sign-in attempts for this account/)
  })

  test('sign-in: Content-Type in capitals is read as JSON by Payload and by the budget alike', async () => {
    const email = freshEmail()
    const capitals = (server: RunningServer, password: string) => post(server, '/api/users/login', { email, password }, freshIP(), { 'content-type': 'Application/JSON; Charset=UTF-8' })
    for (const [i, server] of [replicaA, replicaB, replicaA].entries()) expect((await capitals(server, `wrong-${i}`)).status).toBe(401)
    await expectTooMany(await capitals(replicaB, 'wrong-4'), 60, /Too many sign-in attempts for this account/)
  })

  test('/api/GraphQL is not GraphQL (Payload routes case-sensitively): a 404 that spends no budget and gets around none', async () => {
    const ip = freshIP()
    for (const path of ['/api/GraphQL', '/api/GRAPHQL', '/API/graphql']) {
      const res = await post(replicaA, path, { query: '{ Conditions { totalDocs } }' }, ip)
      expect({ path, status: res.status }).toEqual({ path, status: 404 })
    }
    for (let i = 0; i < 5; i++) expect((await graphql(i % 2 ? replicaA : replicaB, '{ Conditions { totalDocs } }', ip)).status).toBe(200)
    await expectTooMany(await graphql(replicaA, '{ Conditions { totalDocs } }', ip), 60, /Too many GraphQL requests from your network/)
  })

  test('password reset: per account, over an hour', async () => {
    const email = `reviewer+${randomBytes(3).toString('hex')}@test.careline`
    for (let i = 0; i < 2; i++) expect((await post(replicaA, '/api/users/forgot-password', { email }, freshIP())).status).toBe(200)
    const refused = await post(replicaB, '/api/users/forgot-password', { email }, freshIP())
    await expectTooMany(refused, 3600, /Too many password reset requests for this account \(at most 2 in 1 hour/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60)
  }, 30_000)

  test('a sign-in body over 64 KB is refused before it is buffered', async () => {
    const res = await post(replicaA, '/api/users/login', { email: freshEmail(), password: 'x'.repeat(70 * 1024) }, freshIP())
    expect(res.status).toBe(413)
    expect(((await res.json()) as Errors).errors[0].message).toMatch(/at most 64 KB/)
  })

  test('GraphQL: per client IP', async () => {
    const ip = freshIP()
    for (let i = 0; i < 5; i++) expect((await graphql(i % 2 ? replicaA : replicaB, '{ Conditions { totalDocs } }', ip)).status).toBe(200)
    await expectTooMany(await graphql(replicaA, '{ Conditions { totalDocs } }', ip), 60, /Too many GraphQL requests from your network/)
    const viaGET = await fetch(`${replicaB.url}/api/graphql?query=${encodeURIComponent('{ Conditions { totalDocs } }')}`, { headers: { 'x-forwarded-for': ip } })
    expect(viaGET.status).toBe(429)
    // Other routes have no budget of their own.
    expect((await fetch(`${replicaA.url}/api/conditions`, { headers: { 'x-forwarded-for': ip } })).status).toBe(200)
  })

  test('without Redis the limits hold per process, and the outage is logged once', async () => {
    const ip = freshIP()
    for (let i = 0; i < 3; i++) expect((await graphql(production, '{ Conditions { totalDocs } }', ip)).status).toBe(200)
    await expectTooMany(await graphql(production, '{ Conditions { totalDocs } }', ip), 60, /GraphQL requests/)
    await expectTooMany(await graphql(production, '{ Conditions { totalDocs } }', ip), 60, /GraphQL requests/)
    const warnings = production.output().match(/Rate limits: Redis at redis:\/\/127\.0\.0\.1:1 is unreachable/g) ?? []
    expect(warnings).toHaveLength(1)
  })
})

describe('account lockout (collections/Users: 5 attempts, 10 minutes)', () => {
  test('wrong passwords lock the account; the right one is then refused with a message; an admin unlocks it', async () => {
    const email = 'editor2@test.careline'
    const ip = freshIP()
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await login(production, email, `wrong-password-${i}`, ip)).status)
    expect(statuses.every((status) => status === 401)).toBe(true)
    const locked = await login(production, email, DEFAULT_TEST_PASSWORD, ip)
    expect(locked.status).toBe(401)
    expect(((await locked.json()) as Errors).errors[0].message).toMatch(/locked/i)

    const admin = await login(production, 'admin@test.careline', DEFAULT_TEST_PASSWORD, ip)
    expect(admin.status).toBe(200)
    const { token } = (await admin.json()) as { token: string }
    const byEditor = await post(production, '/api/users/unlock', { email }, ip, { authorization: `JWT ${await editorToken(ip)}` })
    expect(byEditor.status).toBe(403)
    const unlock = await post(production, '/api/users/unlock', { email }, ip, { authorization: `JWT ${token}` })
    expect(unlock.status).toBe(200)
    expect((await login(production, email, DEFAULT_TEST_PASSWORD, ip)).status).toBe(200)
  })
})

async function editorToken(ip: string) {
  const res = await login(production, 'editor@test.careline', DEFAULT_TEST_PASSWORD, ip)
  expect(res.status).toBe(200)
  return ((await res.json()) as { token: string }).token
}

describe('GraphQL limits', () => {
  const errorOf = async (res: Response) => {
    expect(res.status).toBe(400)
    return ((await res.json()) as Errors).errors.map((error) => error.message).join(' | ')
  }

  test('depth', async () => {
    expect((await graphql(replicaA, '{ Conditions { docs { symptoms { group } } } }')).status).toBe(200)
    const deep = await graphql(replicaA, '{ Conditions { docs { symptoms { symptom { conditions { docs { name } } } } } } }')
    expect(await errorOf(deep)).toMatch(/nested 7 levels deep; the limit is 4 \(GRAPHQL_MAX_DEPTH\)/)
    // Fragments count where they are spread.
    const viaFragment = await graphql(replicaA, '{ Conditions { docs { ...Deep } } } fragment Deep on Condition { symptoms { symptom { conditions { docs { name } } } } }')
    expect(await errorOf(viaFragment)).toMatch(/GRAPHQL_MAX_DEPTH/)
  })

  test('aliases', async () => {
    expect((await graphql(replicaA, '{ a: Conditions { totalDocs } b: Conditions { totalDocs } c: Conditions { totalDocs } }')).status).toBe(200)
    const many = await graphql(replicaA, '{ a: Conditions { totalDocs } b: Conditions { totalDocs } c: Conditions { totalDocs } d: Conditions { totalDocs } }')
    expect(await errorOf(many)).toMatch(/4 aliases; the limit is 3 \(GRAPHQL_MAX_ALIASES\)/)
  })

  test('operations per document, and no batches', async () => {
    const two = 'query One { Conditions { totalDocs } } query Two { Symptoms { totalDocs } }'
    expect((await graphql(replicaA, two, freshIP(), 'Two')).status).toBe(200)
    const three = await graphql(replicaA, `${two} query Three { Treatments { totalDocs } }`, freshIP(), 'One')
    expect(await errorOf(three)).toMatch(/3 operations; the limit is 2 \(GRAPHQL_MAX_OPERATIONS\)/)
    const batch = await post(replicaA, '/api/graphql', [{ query: '{ Conditions { totalDocs } }' }, { query: '{ Symptoms { totalDocs } }' }], freshIP())
    expect(await errorOf(batch)).toMatch(/Batched GraphQL requests .* one operation per request/)
  })

  test("Payload's maxComplexity (1000) is enforced", async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `c${i}: Conditions(limit: 10) { docs { name } }`).join(' ')
    const small = await graphql(production, `{ ${fields(2)} }`)
    expect(small.status).toBe(200)
    const heavy = await graphql(production, `{ ${fields(400)} }`)
    expect(await errorOf(heavy)).toMatch(/maximum complexity of 1000/)
  })

  test('introspection: allowed outside production, refused in production unless GRAPHQL_INTROSPECTION=true', async () => {
    const query = '{ __schema { queryType { name } } }'
    expect((await graphql(replicaA, query)).status).toBe(200)
    expect(await errorOf(await graphql(production, query))).toMatch(/introspection \(__schema\) is turned off in production; set GRAPHQL_INTROSPECTION=true/)
    expect(await errorOf(await graphql(production, '{ __type(name: "Condition") { name } }'))).toMatch(/__type/)
    // __typename is not introspection of the schema.
    const typename = await graphql(production, '{ Conditions { docs { __typename } } }')
    expect(typename.status).toBe(200)
    // No playground is served in production.
    expect((await fetch(`${production.url}/api/graphql-playground`)).status).toBe(404)
  })
})

describe('uploads', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
  let token: string
  beforeAll(async () => {
    const res = await login(replicaA, 'reviewer@test.careline', DEFAULT_TEST_PASSWORD, freshIP())
    expect(res.status).toBe(200)
    token = ((await res.json()) as { token: string }).token
  })
  const upload = (bytes: Buffer, name: string, type: string) => {
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(bytes)], { type }), name)
    form.set('_payload', JSON.stringify({ alt: `Upload ${name}` }))
    return fetch(`${replicaA.url}/api/media`, { method: 'POST', headers: { authorization: `JWT ${token}` }, body: form })
  }

  test('a PNG named .jpg is accepted as the PNG it is, and served as inert data', async () => {
    const res = await upload(PNG, 'scan.jpg', 'image/jpeg')
    expect(res.status).toBe(201)
    const { doc } = (await res.json()) as { doc: { mimeType: string; filename: string; url: string } }
    expect(doc.mimeType).toBe('image/png')
    expect(doc.filename).toMatch(/\.png$/)
    const file = await fetch(`${replicaA.url}/api/media/file/${encodeURIComponent(doc.filename)}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(file.headers.get('content-security-policy')).toMatch(/sandbox/)
    expect(file.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true)
  })

  test.each([
    ['HTML', Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'), 'photo.png', 'image/png'],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'), 'diagram.png', 'image/png'],
    ['SVG named .svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>'), 'diagram.svg', 'image/svg+xml'],
    ['plain text', Buffer.from('just some words'), 'notes.gif', 'image/gif'],
  ])('%s disguised as an image is refused with 415 and a message, and nothing is stored', async (_kind, bytes, name, type) => {
    const before = await payload.count({ collection: 'media', overrideAccess: true })
    const res = await upload(bytes, name, type)
    expect(res.status).toBe(415)
    expect(((await res.json()) as Errors).errors[0].message).toMatch(/is not a PNG, JPEG, WebP, AVIF or GIF image \(its content was checked/)
    expect(await payload.count({ collection: 'media', overrideAccess: true })).toEqual(before)
  })

  test('an image over MEDIA_MAX_MB gets 413 with a message', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(80 * 1024)])
    const res = await upload(big, 'big.png', 'image/png')
    expect(res.status).toBe(413)
    expect(((await res.json()) as Errors).errors[0].message).toMatch(/images may be at most 0\.05 MB \(MEDIA_MAX_MB\)/)
  })
})

describe('session cookie', () => {
  const sessionCookie = (res: Response) => res.headers.getSetCookie().find((cookie) => cookie.startsWith('payload-token='))

  test('production: Secure, HttpOnly, SameSite=Lax', async () => {
    const res = await login(production, 'reviewer@test.careline', DEFAULT_TEST_PASSWORD, freshIP())
    expect(res.status).toBe(200)
    const cookie = sessionCookie(res)
    expect(cookie).toBeDefined()
    const attributes = cookie!.split(';').map((part) => part.trim().toLowerCase())
    // Payload writes `Secure=true; HttpOnly=true`; browsers read an attribute's name and ignore its value.
    expect(attributes.some((attribute) => /^secure(=true)?$/.test(attribute))).toBe(true)
    expect(attributes.some((attribute) => /^httponly(=true)?$/.test(attribute))).toBe(true)
    expect(attributes).toContain('samesite=lax')
  })

  test('outside production the cookie works over plain http (no Secure), still HttpOnly and SameSite=Lax', async () => {
    const res = await login(replicaA, 'admin@test.careline', DEFAULT_TEST_PASSWORD, freshIP())
    expect(res.status).toBe(200)
    const attributes = sessionCookie(res)!.split(';').map((part) => part.trim().toLowerCase())
    expect(attributes.some((attribute) => /^secure/.test(attribute))).toBe(false)
    expect(attributes.some((attribute) => /^httponly(=true)?$/.test(attribute))).toBe(true)
    expect(attributes).toContain('samesite=lax')
  })
})
