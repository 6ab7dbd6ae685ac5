/**
 * The API from the outside, through the Express server in a child process (API_ONLY), on the
 * test database: what anonymous visitors, API-key readers and staff see over REST and GraphQL.
 */
import { Agent, request as httpRequest } from 'node:http'

import type { Payload } from 'payload'

import { createContent, createStaff, DEFAULT_TEST_PASSWORD, DRAFT_MARKER } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let content: Awaited<ReturnType<typeof createContent>>
let staff: Awaited<ReturnType<typeof createStaff>>
const READER_KEY = 'test-reader-api-key-0123456789abcdef'
const tokens: Record<string, string> = {}

beforeAll(async () => {
  ctx = await startTestPayload('http')
  payload = ctx.payload
  staff = await createStaff(payload)
  await payload.update({ collection: 'users', id: staff.reader.id, data: { enableAPIKey: true, apiKey: READER_KEY } })
  content = await createContent(payload, staff)
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, MAX_REQUEST_BODY_MB: '1' })
  for (const role of ['admin', 'editor', 'reviewer']) {
    const res = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@test.careline`, password: DEFAULT_TEST_PASSWORD }),
    })
    expect(res.status).toBe(200)
    tokens[role] = ((await res.json()) as { token: string }).token
  }
})
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

type Who = 'anonymous' | 'reader' | 'admin' | 'editor' | 'reviewer'
const authHeaders = (who: Who): Record<string, string> => {
  if (who === 'anonymous') return {}
  if (who === 'reader') return { authorization: `users API-Key ${READER_KEY}` }
  return { authorization: `JWT ${tokens[who]}` }
}
const get = (path: string, who: Who = 'anonymous') => fetch(`${server.url}${path}`, { headers: authHeaders(who) })
const send = (method: string, path: string, body: unknown, who: Who = 'anonymous', raw = false) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...authHeaders(who) },
    body: raw ? (body as string) : JSON.stringify(body),
  })
const graphql = async (query: string, who: Who = 'anonymous', variables?: Record<string, unknown>) => {
  const res = await send('POST', '/api/graphql', { query, variables }, who)
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string }[] } }
}

describe('health', () => {
  test('/healthz answers while the process lives; /readyz checks the database', async () => {
    const health = await get('/healthz')
    expect(health.status).toBe(200)
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const ready = await get('/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'up' })
  })

  test('responses carry security headers and are compressed', async () => {
    const res = await fetch(`${server.url}/api/conditions?limit=50&depth=2`, { headers: { 'accept-encoding': 'br' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(res.headers.get('content-encoding')).toBe('br')
    expect(res.headers.get('x-powered-by')).toBeNull()
    // Front ends on other origins may embed published media.
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
  })

  test('a request id from the caller is kept and logged as one JSON line', async () => {
    await fetch(`${server.url}/api/conditions`, { headers: { 'x-request-id': 'trace-abc-123' } })
    // The line is written when the answer has gone out: wait for it on the server's output (whole lines only).
    const line = await new Promise<string>((resolve) => {
      const check = () => {
        const found = server.output().split('\n').slice(0, -1).find((l) => l.includes('"trace-abc-123"'))
        if (found === undefined) return
        server.child.stdout!.off('data', check)
        resolve(found)
      }
      server.child.stdout!.on('data', check)
      check()
    })
    expect(JSON.parse(line)).toMatchObject({ msg: 'request', method: 'GET', path: '/api/conditions', status: 200 })
  })
})

describe('anonymous and API-key readers see published content only (REST)', () => {
  test.each(['anonymous', 'reader'] as const)('%s: lists hold published documents and published text', async (who) => {
    for (const path of ['/api/conditions?depth=2&limit=100', '/api/conditions?draft=true&depth=2', '/api/symptoms?depth=2', `/api/conditions?where[_status][equals]=draft`]) {
      const res = await get(path, who)
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).not.toContain(DRAFT_MARKER)
    }
    const list = (await (await get('/api/conditions', who)).json()) as { docs: { name: string; summary: string }[] }
    expect(list.docs.map((d) => d.name).sort()).toEqual(['Back and spine neuropathy', 'Cervical radiculopathy'])
    expect(list.docs.find((d) => d.name === 'Back and spine neuropathy')?.summary).toBe('Nerve pain that starts in the spine.')
  })

  test.each(['anonymous', 'reader'] as const)('%s: an unpublished document is not found by id, even as a draft', async (who) => {
    for (const path of [`/api/conditions/${content.unpublished.id}`, `/api/conditions/${content.unpublished.id}?draft=true`, `/api/symptoms/${content.secretSymptom.id}`]) {
      const res = await get(path, who)
      expect([403, 404]).toContain(res.status)
      expect(await res.text()).not.toContain(DRAFT_MARKER)
    }
  })

  test.each(['anonymous', 'reader'] as const)('%s: version history is closed', async (who) => {
    const res = await get(`/api/conditions/versions`, who)
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain(DRAFT_MARKER)
  })

  test('relationship population and joins leave out unpublished records', async () => {
    const res = await get(`/api/conditions/${content.neuropathy.id}?depth=1&joins[subtypes][limit]=50`)
    const doc = (await res.json()) as { symptoms: { symptom: unknown }[]; subtypes: { docs: { name: string }[] } }
    const populated = doc.symptoms.map((s) => (typeof s.symptom === 'object' && s.symptom ? (s.symptom as { name: string }).name : null))
    expect(populated).toContain('Burning pain')
    expect(JSON.stringify(doc)).not.toContain(DRAFT_MARKER)
    expect(doc.subtypes.docs.map((d) => d.name)).toEqual(['Cervical radiculopathy'])
  })

  test("Payload's own REST reads compute joins only when asked (collections/fields/joinsWhenAsked.ts)", async () => {
    const subtypesOf = async (path: string) => ((await (await get(path)).json()) as { subtypes?: { docs: { name: string }[] } }).subtypes
    const bySlug = `/api/conditions?where[slug][equals]=${content.neuropathy.slug}&depth=1`
    expect(await subtypesOf(`/api/conditions/${content.neuropathy.id}?depth=1`)).toBeUndefined()
    expect((await (await get(bySlug)).json()).docs[0].subtypes).toBeUndefined()
    expect((await subtypesOf(`/api/conditions/${content.neuropathy.id}?joins[subtypes][limit]=1`))?.docs.map((d) => d.name)).toEqual(['Cervical radiculopathy'])
    expect((await (await get(`${bySlug}&joins[subtypes][limit]=5`)).json()).docs[0].subtypes.docs.map((d: { name: string }) => d.name)).toEqual(['Cervical radiculopathy'])
    const symptom = (await (await get(`/api/symptoms?where[slug][equals]=${content.burning.slug}&joins[conditions][limit]=5`)).json()).docs[0]
    expect(symptom.conditions.docs.length).toBeGreaterThan(0)
    // The condition page (a custom endpoint) and GraphQL keep their subtypes.
    expect((await (await get(`/api/conditions/page/${content.neuropathy.slug}`)).json()).condition.subtypes.docs.map((d: { name: string }) => d.name)).toEqual(['Cervical radiculopathy'])
    const { body } = await graphql(`{ Conditions(where: { slug: { equals: "${content.neuropathy.slug}" } }) { docs { subtypes { docs { name } } } } }`)
    expect(body.data.Conditions.docs[0].subtypes.docs.map((d: { name: string }) => d.name)).toEqual(['Cervical radiculopathy'])
  })

  test('asking for drafts without being staff gets the published version', async () => {
    const res = await get(`/api/conditions/${content.neuropathy.id}?draft=true`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { summary: string }).summary).toBe('Nerve pain that starts in the spine.')
    const { body } = await graphql('{ Conditions(draft: true) { docs { name summary } } }')
    expect(body.data.Conditions.docs.map((d: { name: string }) => d.name).sort()).toEqual(['Back and spine neuropathy', 'Cervical radiculopathy'])
    expect(JSON.stringify(body)).not.toContain(DRAFT_MARKER)
  })

  test('staff read the newest draft', async () => {
    const res = await get(`/api/conditions/${content.neuropathy.id}?draft=true`, 'editor')
    expect(((await res.json()) as { summary: string }).summary).toContain(DRAFT_MARKER)
    const unpublished = await get(`/api/conditions/${content.unpublished.id}?draft=true`, 'reviewer')
    expect(unpublished.status).toBe(200)
  })
})

describe('GraphQL', () => {
  test('introspection lists the clinical types', async () => {
    const { body } = await graphql('{ __schema { types { name } } }')
    const names = body.data.__schema.types.map((t: { name: string }) => t.name)
    expect(names).toEqual(expect.arrayContaining(['Condition', 'Symptom', 'Treatment', 'DiagnosticTest', 'Location']))
  })

  test('anonymous queries see published documents only, nested fields included', async () => {
    const query = `{
      Conditions(limit: 50) { docs { name summary
        symptoms { group symptom { name } }
        subtypes { docs { name } }
        treatments { name } diagnosticTests { name } } }
      Symptoms(limit: 50) { docs { name conditions { docs { name } } } }
    }`
    const { status, body } = await graphql(query)
    expect(status).toBe(200)
    expect(JSON.stringify(body)).not.toContain(DRAFT_MARKER)
    const names = body.data.Conditions.docs.map((d: { name: string }) => d.name).sort()
    expect(names).toEqual(['Back and spine neuropathy', 'Cervical radiculopathy'])
    const neuropathy = body.data.Conditions.docs.find((d: { name: string }) => d.name === 'Back and spine neuropathy')
    expect(neuropathy.treatments.map((t: { name: string }) => t.name)).toEqual(['TENS'])
    expect(neuropathy.subtypes.docs.map((d: { name: string }) => d.name)).toEqual(['Cervical radiculopathy'])
  })

  test('anonymous cannot fetch an unpublished document or versions', async () => {
    const one = await graphql(`{ Condition(id: ${JSON.stringify(String(content.unpublished.id))}, draft: true) { name } }`)
    expect(one.body.data?.Condition ?? null).toBeNull()
    expect(JSON.stringify(one.body)).not.toContain(DRAFT_MARKER)
    const versions = await graphql('{ versionsConditions { docs { version { name summary } } } }')
    expect(versions.body.errors?.[0]?.message).toMatch(/not allowed/i)
    expect(JSON.stringify(versions.body)).not.toContain(DRAFT_MARKER)
  })

  test('queries can be sent with GET, so they can be cached', async () => {
    const res = await get(`/api/graphql?query=${encodeURIComponent('{ Conditions { totalDocs } }')}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ data: { Conditions: { totalDocs: 2 } } })
  })

  test('a mutation over GET is refused', async () => {
    const res = await get(`/api/graphql?query=${encodeURIComponent('mutation { logoutUser }')}`)
    expect(res.status).toBe(405)
  })

  test('malformed GraphQL requests get a 4xx with a message', async () => {
    const cases: [string, string][] = [
      ['application/json', '{"query": "{ Cond'],
      ['application/json', '{"query": 5}'],
      ['text/plain', '{ Conditions { totalDocs } }'],
    ]
    for (const [contentType, body] of cases) {
      const res = await fetch(`${server.url}/api/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      const json = (await res.json()) as { errors: { message: string }[] }
      expect(json.errors[0].message.length).toBeGreaterThan(5)
    }
  })

  test('staff see drafts through GraphQL', async () => {
    const { body } = await graphql(`{ Condition(id: ${JSON.stringify(String(content.neuropathy.id))}, draft: true) { summary } }`, 'editor')
    expect(body.data.Condition.summary).toContain(DRAFT_MARKER)
  })
})

describe('writes and accounts', () => {
  test('anonymous cannot create content', async () => {
    const res = await send('POST', '/api/conditions', { name: 'Anonymous condition' })
    expect(res.status).toBe(403)
    const { totalDocs } = await payload.count({ collection: 'conditions', where: { name: { equals: 'Anonymous condition' } } })
    expect(totalDocs).toBe(0)
  })

  test('malformed JSON gets a 4xx with a message, and nothing is written', async () => {
    const before = await payload.count({ collection: 'conditions' })
    const res = await send('POST', '/api/conditions', '{"name": "Broken', 'editor', true)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    const body = (await res.json()) as { errors: { message: string }[] }
    expect(body.errors[0].message.length).toBeGreaterThan(0)
    expect(await payload.count({ collection: 'conditions' })).toEqual(before)
  })

  test('a validation error names the field', async () => {
    const res = await send('POST', '/api/locations', { name: 'Bad clinic', latitude: 200, longitude: 0, address: { street: 'x', city: 'y', country: 'US' } }, 'editor')
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain('latitude')
  })

  test('an oversized body is refused with 413 before it is read', async () => {
    const url = new URL(`${server.url}/api/conditions`)
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': 200 * 1024 * 1024, ...authHeaders('editor') } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
          req.destroy()
        },
      )
      req.on('error', reject)
      req.write('{"name": "')
    })
    expect(status).toBe(413)
  })

  test('a chunked body (no Content-Length) over the limit is refused with 413, and nothing is written', async () => {
    const before = await payload.count({ collection: 'conditions' })
    const url = new URL(`${server.url}/api/conditions`)
    const result = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...authHeaders('editor') } },
        (res) => {
          let text = ''
          res.on('data', (c) => (text += c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        },
      )
      req.on('error', reject)
      const filler = 'x'.repeat(64 * 1024)
      req.write('{"name": "Huge condition", "summary": "')
      for (let i = 0; i < 20; i++) req.write(filler) // 1.25 MB, over the 1 MB limit of this server
      req.end('"}')
    })
    expect(result.status).toBe(413)
    expect(JSON.parse(result.text).errors[0].message).toMatch(/larger than the 1 MB limit/)
    expect(await payload.count({ collection: 'conditions' })).toEqual(before)
  })

  test('many requests on one kept-alive connection leak no listeners', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const url = new URL(`${server.url}/api/specialties`)
    for (let i = 0; i < 15; i++) {
      const status = await new Promise<number>((resolve, reject) => {
        httpRequest({ host: url.hostname, port: url.port, path: url.pathname, agent }, (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        }).on('error', reject).end()
      })
      expect(status).toBe(200)
    }
    agent.destroy()
    expect(server.output()).not.toContain('MaxListenersExceededWarning')
  })

  test('only admins see and create accounts; nobody raises their own role', async () => {
    const list = (await (await get('/api/users', 'editor')).json()) as { docs: { email: string }[] }
    // Editors see their colleagues (to pick a reviewer), never the API-key accounts.
    const emails = list.docs.map((u) => u.email)
    expect(emails).toEqual(expect.arrayContaining(['editor@test.careline', 'reviewer@test.careline', 'admin@test.careline']))
    expect(emails).not.toContain('reader@test.careline')

    const create = await send('POST', '/api/users', { email: 'new@test.careline', password: 'long-enough-password', name: 'New', role: 'admin' }, 'editor')
    expect(create.status).toBe(403)

    const raise = await send('PATCH', `/api/users/${staff.editor.id}`, { role: 'admin' }, 'editor')
    expect(raise.status).toBe(200)
    const after = await payload.findByID({ collection: 'users', id: staff.editor.id })
    expect(after.role).toBe('editor')

    const adminSelf = await send('PATCH', `/api/users/${staff.admin.id}`, { role: 'reader' }, 'admin')
    expect(adminSelf.status).toBe(200)
    expect((await payload.findByID({ collection: 'users', id: staff.admin.id })).role).toBe('admin')

    const promote = await send('PATCH', `/api/users/${staff.reviewer.id}`, { role: 'editor' }, 'admin')
    expect(promote.status).toBe(200)
    expect((await payload.findByID({ collection: 'users', id: staff.reviewer.id })).role).toBe('editor')
    await payload.update({ collection: 'users', id: staff.reviewer.id, data: { role: 'reviewer' } })
  })

  test("the admin's preference routes take a key, not an id (and a non-numeric id elsewhere is a 404)", async () => {
    const saved = await send('POST', '/api/payload-preferences/nav', { value: { open: true } }, 'editor')
    expect(saved.status).toBe(200)
    const read = await get('/api/payload-preferences/nav', 'editor')
    expect(read.status).toBe(200)
    expect(((await read.json()) as { value?: unknown }).value).toEqual({ open: true })
    expect((await get('/api/conditions/not-a-number', 'editor')).status).toBe(404)
  })

  test('API-only mode serves no admin', async () => {
    const res = await get('/admin')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(/API_ONLY/)
  })
})

describe('graceful shutdown', () => {
  test('SIGTERM lets a request in flight finish, then the process exits 0', async () => {
    const url = new URL(`${server.url}/api/conditions`)
    const body = JSON.stringify({ name: 'Late condition', _status: 'draft' })
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: `${url.pathname}?draft=true`, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...authHeaders('editor') } },
        (res) => {
          let text = ''
          res.on('data', (c) => (text += c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        },
      )
      req.on('error', reject)
      // Half the body now, the rest after the server has been told to stop.
      req.write(body.slice(0, 10))
      setTimeout(() => {
        exited = server.stop('SIGTERM')
        setTimeout(() => req.end(body.slice(10)), 300)
      }, 200)
    })
    let exited: Promise<number | null> | undefined
    const result = await response
    expect(result.status).toBe(201)
    expect(JSON.parse(result.text).doc.name).toBe('Late condition')
    expect(await exited).toBe(0)
    expect(server.output()).toContain('Stopped cleanly')
  })
})
