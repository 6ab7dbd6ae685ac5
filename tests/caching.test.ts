/**
 * Caching from the outside: ETag / Cache-Control / 304 on anonymous reads (REST and GraphQL over
 * GET), private answers for staff and drafts, and the cache dropped when content is published,
 * unpublished or changes in something a page embeds: on the server that made the change at once,
 * on other replicas through the publication log (polled) or Redis (pushed).
 */
import { get as httpGet, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { gunzipSync } from 'node:zlib'

import type { Payload } from 'payload'

import { acceptsGzip, cacheabilityOf } from '../src/cache/http'
import { createContent, createStaff, DEFAULT_TEST_PASSWORD, DRAFT_MARKER } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let content: Awaited<ReturnType<typeof createContent>>
let staff: Awaited<ReturnType<typeof createStaff>>
/** a: the server edits go through; b: a replica that learns from the log; c, d: replicas linked by Redis only. */
const servers: Record<'a' | 'b' | 'c' | 'd', RunningServer> = {} as never
const tokens: Record<string, string> = {}
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const PAGE = '/api/conditions/page/back-and-spine-neuropathy'

beforeAll(async () => {
  ctx = await startTestPayload('caching')
  payload = ctx.payload
  staff = await createStaff(payload)
  content = await createContent(payload, staff)
  const base = { API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false' }
  // One after another: four servers starting at once would starve the other test worker.
  const a = await startServer({ ...base, CACHE_SYNC_INTERVAL_MS: '300' })
  const b = await startServer({ ...base, CACHE_SYNC_INTERVAL_MS: '300' })
  // Polling the log only every 10 minutes: anything faster than that came through Redis.
  const c = await startServer({ ...base, REDIS_URL, CACHE_SYNC_INTERVAL_MS: '600000' })
  const d = await startServer({ ...base, REDIS_URL, CACHE_SYNC_INTERVAL_MS: '600000' })
  Object.assign(servers, { a, b, c, d })
  for (const role of ['editor', 'reviewer']) {
    const res = await fetch(`${a.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@test.careline`, password: DEFAULT_TEST_PASSWORD }),
    })
    tokens[role] = ((await res.json()) as { token: string }).token
  }
}, 180_000)
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s?.stop()))
  await ctx?.stop()
})

const get = (server: RunningServer, path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers })
const summaryOn = async (server: RunningServer) => ((await (await get(server, PAGE)).json()) as { condition?: { summary?: string } }).condition?.summary

/** Sends an editor's change and takes it through review over REST on server a, as people do. */
async function publishSummary(id: number | string, summary: string, via = servers.a) {
  const call = async (method: string, path: string, who: 'editor' | 'reviewer', body: unknown) => {
    const res = await fetch(`${via.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `JWT ${tokens[who]}` }, body: JSON.stringify(body) })
    expect({ path, status: res.status, body: res.status >= 300 ? await res.text() : '' }).toEqual({ path, status: 200, body: '' })
  }
  await call('PATCH', `/api/conditions/${id}?draft=true`, 'editor', { summary })
  await call('POST', `/api/conditions/${id}/review`, 'editor', { action: 'submit', reviewer: staff.reviewer.id })
  await call('POST', `/api/conditions/${id}/review`, 'reviewer', { action: 'approve' })
  await call('POST', `/api/conditions/${id}/review`, 'reviewer', { action: 'publish' })
}

/** Polls until `check` holds; resolves with the milliseconds it took, or fails after `withinMs`. */
async function within(withinMs: number, check: () => Promise<boolean>) {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`not true within ${withinMs} ms`)
    await new Promise((r) => setTimeout(r, 25))
  }
  return Date.now() - started
}

describe('HTTP caching of anonymous reads', () => {
  test('REST: ETag, public Cache-Control with stale-while-revalidate, 304 on If-None-Match, served from the cache', async () => {
    const first = await get(servers.a, `${PAGE}?locale=en`)
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/".+"$/)
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/)
    expect(first.headers.get('x-cache')).toBe('MISS')
    const text = await first.text()

    const second = await get(servers.a, `${PAGE}?locale=en`)
    expect(second.headers.get('x-cache')).toBe('HIT')
    expect(second.headers.get('etag')).toBe(etag)
    expect(await second.text()).toBe(text)
    // A hit is answered before the middleware runs: it carries the headers the stored answer went out with.
    const securityHeaders = (res: Response) =>
      Object.fromEntries(['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-resource-policy', 'content-type', 'access-control-allow-origin'].map((h) => [h, res.headers.get(h)]))
    expect(securityHeaders(second)).toEqual(securityHeaders(first))
    expect(second.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(second.headers.get('x-content-type-options')).toBe('nosniff')
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'))

    const revalidated = await get(servers.a, `${PAGE}?locale=en`, { 'if-none-match': etag })
    expect(revalidated.status).toBe(304)
    expect(await revalidated.text()).toBe('')
    expect(revalidated.headers.get('etag')).toBe(etag)
    const otherTag = await get(servers.a, `${PAGE}?locale=en`, { 'if-none-match': 'W/"something-else"' })
    expect(otherTag.status).toBe(200)

    const list = await get(servers.a, '/api/conditions?limit=5')
    expect(list.headers.get('cache-control')).toMatch(/^public/)
    expect(list.headers.get('etag')).toBeTruthy()
  })

  test('a stored answer is compressed once and sent gzipped to clients that take gzip, plain to the rest', async () => {
    const raw = (headers: Record<string, string>) =>
      new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const url = new URL(`${servers.a.url}/api/conditions?limit=7&depth=1`)
        httpGet({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
        }).on('error', reject)
      })
    const plain = await raw({})
    expect(plain.headers['content-encoding']).toBeUndefined()
    const zipped = await raw({ 'accept-encoding': 'gzip, br' })
    expect(zipped.headers['x-cache']).toBe('HIT')
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/)
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length)
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true)
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2)
    const refused = await raw({ 'accept-encoding': 'gzip;q=0, identity' })
    expect(refused.headers['content-encoding']).toBeUndefined()
    expect(refused.body.equals(plain.body)).toBe(true)
  })

  test('GraphQL over GET is cacheable the same way, and an anonymous POST query (Apollo and urql POST); mutations and errors are not cached', async () => {
    const query = encodeURIComponent('{ conditionPage(slug: "back-and-spine-neuropathy") { condition { name summary } } }')
    const first = await get(servers.a, `/api/graphql?query=${query}`)
    expect(first.status).toBe(200)
    const body = (await first.json()) as { data: { conditionPage: { condition: { summary: string } } } }
    expect(body.data.conditionPage.condition.summary).toBe('Nerve pain that starts in the spine.')
    const etag = first.headers.get('etag')!
    expect(etag).toBeTruthy()
    expect(first.headers.get('cache-control')).toMatch(/^public/)
    expect((await get(servers.a, `/api/graphql?query=${query}`, { 'if-none-match': etag })).status).toBe(304)

    const postQuery = () => fetch(`${servers.a.url}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ Conditions { totalDocs } }' }) })
    const post = await postQuery()
    expect(post.headers.get('cache-control')).toMatch(/^public/)
    // No client or CDN revalidates a POST: no ETag is computed for one, and the answer is still kept.
    expect(post.headers.get('etag')).toBeNull()
    const postedAgain = await postQuery()
    expect(postedAgain.headers.get('x-cache')).toBe('HIT')
    expect(postedAgain.headers.get('etag')).toBeNull()
    expect(await postedAgain.text()).toBe(await post.text())
    const postedMutation = await fetch(`${servers.a.url}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { reviewTransition(collection: conditions, id: "1", action: submit) { stage } }' }) })
    expect(postedMutation.headers.get('etag')).toBeNull()
    expect(postedMutation.headers.get('cache-control') ?? '').not.toMatch(/public/)

    const failing = await get(servers.a, `/api/graphql?query=${encodeURIComponent('{ nearbyLocations(lat: 99, lng: 0) { totalDocs } }')}`)
    expect(failing.headers.get('etag')).toBeNull()
    expect(failing.headers.get('cache-control')).toBe('no-store')

    const mutation = await get(servers.a, `/api/graphql?query=${encodeURIComponent('mutation { reviewTransition(collection: conditions, id: "1", action: submit) { stage } }')}`)
    expect(mutation.status).toBe(405)
  })

  test('staff answers, draft reads and errors are private or not stored', async () => {
    const staffRead = await get(servers.a, `${PAGE}?draft=true`, { authorization: `JWT ${tokens.editor}` })
    expect(staffRead.status).toBe(200)
    expect(staffRead.headers.get('cache-control')).toBe('private, no-store')
    expect(staffRead.headers.get('etag')).toBeNull()
    expect(await staffRead.text()).toContain(DRAFT_MARKER)
    // The staff read did not land in the cache the public reads from.
    expect(await (await get(servers.a, PAGE)).text()).not.toContain(DRAFT_MARKER)

    const anonymousDraft = await get(servers.a, `${PAGE}?draft=true`)
    expect(anonymousDraft.headers.get('cache-control')).toBe('private, no-store')
    expect(await anonymousDraft.text()).not.toContain(DRAFT_MARKER)

    const cookie = await get(servers.a, '/api/conditions?limit=1', { cookie: `payload-token=${tokens.editor}` })
    expect(cookie.headers.get('cache-control')).toBe('private, no-store')

    // A session cookie spelled the way Payload still accepts it (a space or a tab before "=", other
    // cookies first) signs the request in: the staff answer is private and never reaches the store.
    for (const [i, spelled] of [`payload-token =${tokens.editor}`, `payload-token\t=${tokens.editor}`, `theme=dark; payload-token =${tokens.editor}`].entries()) {
      // Staff see unpublished conditions in a plain list; the public must not.
      const url = `/api/conditions?limit=${20 + i}&depth=0`
      // As a browser on the same site sends it (Payload takes a session cookie only from its own site).
      const asStaff = await get(servers.a, url, { cookie: spelled, 'sec-fetch-site': 'same-origin' })
      expect(asStaff.headers.get('cache-control')).toBe('private, no-store')
      expect(asStaff.headers.get('x-cache')).toBeNull()
      expect(await asStaff.text()).toContain(DRAFT_MARKER)
      const anonymous = await get(servers.a, url)
      expect(anonymous.headers.get('x-cache')).toBe('MISS') // nothing was stored for the staff request
      expect(await anonymous.text()).not.toContain(DRAFT_MARKER)
    }
    // A cookie that does not sign anyone in keeps the answer public.
    const stranger = await get(servers.a, '/api/conditions?limit=30&depth=0', { cookie: 'theme=dark' })
    expect(stranger.headers.get('cache-control')).toMatch(/^public/)

    const missing = await get(servers.a, '/api/conditions/page/nothing-here')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('cache-control')).toBe('no-store')
    expect((await get(servers.a, '/api/users/me')).headers.get('cache-control')).toBe('private, no-store')
  })
})

describe('invalidation', () => {
  test('a publish through review shows on the next anonymous read of the server that made it', async () => {
    expect(await summaryOn(servers.a)).toBe('Nerve pain that starts in the spine.')
    expect((await get(servers.a, PAGE)).headers.get('x-cache')).toBe('HIT')
    const before = (await get(servers.a, PAGE)).headers.get('etag')

    await publishSummary(content.neuropathy.id, 'Reviewed text, version two.')
    const after = await get(servers.a, PAGE)
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect(after.headers.get('etag')).not.toBe(before)
    expect(((await after.json()) as any).condition.summary).toBe('Reviewed text, version two.')
    // The old ETag no longer matches: the client gets the new text, not a 304.
    expect((await get(servers.a, PAGE, { 'if-none-match': before! })).status).toBe(200)
  })

  test('a change to an embedded record (a symptom renamed and published) drops the pages that embed it', async () => {
    const page = async () => ((await (await get(servers.a, PAGE)).json()) as any).symptomGroups[0].symptoms[0].name
    expect(await page()).toBe('Burning pain')
    await payload.update({ collection: 'symptoms', id: content.burning.id, data: { name: 'Burning nerve pain' }, draft: true })
    const { publish } = await import('./helpers/fixtures')
    await publish(payload, staff, { collection: 'symptoms', id: content.burning.id })
    // Published in another process (this test's): server a learns of it from the log.
    await within(3000, async () => (await page()) === 'Burning nerve pain')
  })

  test('another replica drops its cache through the publication log', async () => {
    await within(3000, async () => (await summaryOn(servers.b)) === 'Reviewed text, version two.')
    await within(3000, async () => (await get(servers.b, PAGE)).headers.get('x-cache') === 'HIT')
    await publishSummary(content.neuropathy.id, 'Reviewed text, version three.')
    const ms = await within(3000, async () => (await summaryOn(servers.b)) === 'Reviewed text, version three.')
    console.log(`replica b served the new text ${ms} ms after the publish on a (log polled every 300 ms)`)
  })

  test('with REDIS_URL, replicas drop their caches as soon as the change is announced', async () => {
    // d caches the page; c (its own log check is 10 minutes away) publishes.
    expect(await summaryOn(servers.d)).toBe('Reviewed text, version three.')
    expect((await get(servers.d, PAGE)).headers.get('x-cache')).toBe('HIT')
    await publishSummary(content.neuropathy.id, 'Reviewed text, version four.', servers.c)
    const ms = await within(2000, async () => (await summaryOn(servers.d)) === 'Reviewed text, version four.')
    console.log(`replica d served the new text ${ms} ms after the publish on c (Redis)`)
  })

  test('unpublish and delete take the page away at once', async () => {
    expect((await get(servers.a, PAGE)).status).toBe(200)
    const res = await fetch(`${servers.a.url}/api/conditions/${content.neuropathy.id}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${tokens.reviewer}` },
      body: JSON.stringify({ action: 'unpublish', comment: 'Withdrawn pending a new review.' }),
    })
    expect(res.status).toBe(200)
    expect((await get(servers.a, PAGE)).status).toBe(404)

    const cervical = `/api/conditions/page/cervical-radiculopathy`
    expect((await get(servers.a, cervical)).status).toBe(200)
    // (The log check may drop the cache once more for a's own change; wait until it holds.)
    await within(3000, async () => (await get(servers.a, cervical)).headers.get('x-cache') === 'HIT')
    await payload.delete({ collection: 'conditions', id: content.cervical.id })
    await within(3000, async () => (await get(servers.a, cervical)).status === 404)
  })
})

// Cache hits are answered from plain Node requests, before Express parses anything.
describe('deciding from the raw request', () => {
  const request = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ url, method, headers }) as unknown as IncomingMessage

  test('Accept-Encoding: gzip when named with a non-zero weight, or not named and * allowed', () => {
    const accepts = (header?: string) => acceptsGzip(request('/api/x', header === undefined ? {} : { 'accept-encoding': header }))
    expect([accepts(), accepts(''), accepts('br'), accepts('identity')]).toEqual([false, false, false, false])
    expect([accepts('gzip'), accepts('GZIP'), accepts('br, gzip;q=0.5'), accepts('*')]).toEqual([true, true, true, true])
    expect([accepts('gzip;q=0'), accepts('gzip;q=0, *'), accepts('*;q=0'), accepts('*, gzip;q=0.0')]).toEqual([false, false, false, false])
  })

  test('what may be shared: anonymous GET/HEAD of public paths, never drafts, accounts or signed-in reads', () => {
    expect(cacheabilityOf(request('/api/conditions?limit=5'))).toBe('public')
    expect(cacheabilityOf(request('/api/conditions', {}, 'HEAD'))).toBe('public')
    expect(cacheabilityOf(request('/api/conditions', {}, 'POST'))).toBe('uncached')
    // A GraphQL POST may be a read: the body decides (src/http/app.ts).
    expect(cacheabilityOf(request('/api/graphql', { 'content-type': 'application/json' }, 'POST'))).toBe('public')
    expect(cacheabilityOf(request('/api/graphql', { 'content-type': 'application/json', authorization: 'users API-Key x' }, 'POST'))).toBe('private')
    expect(cacheabilityOf(request('/api/graphql', { 'content-type': 'multipart/form-data; boundary=x' }, 'POST'))).toBe('uncached')
    expect(cacheabilityOf(request('/api/conditions?draft=true'))).toBe('private')
    expect(cacheabilityOf(request('/api/conditions?draft=false&draft=true'))).toBe('private')
    expect(cacheabilityOf(request('/api/conditions?draft=false'))).toBe('public')
    expect(cacheabilityOf(request('/api/conditions', { authorization: 'users API-Key x' }))).toBe('private')
    expect(cacheabilityOf(request('/api/conditions', { cookie: 'theme=dark; payload-token=abc' }))).toBe('private')
    expect(cacheabilityOf(request('/api/users/me'))).toBe('private')
    expect(cacheabilityOf(request('/api/conditions/7/review?x=1'))).toBe('private')
  })
})
