/**
 * The full server (Express + the built Next.js admin) in production mode: the admin login page
 * renders with its assets, and the API answers beside it. `npm test` builds the admin first.
 */
import type { Payload } from 'payload'

import { createStaff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let server: RunningServer

beforeAll(async () => {
  ctx = await startTestPayload('admin')
  payload = ctx.payload
  await createStaff(payload)
  server = await startServer({
    DATABASE_URI: ctx.database.uri,
    NODE_ENV: 'production',
    PAYLOAD_SECRET: 'test-secret-for-the-admin-suite-0123456789',
  })
})
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

test('the admin login page renders, with its scripts and styles served', async () => {
  const res = await fetch(`${server.url}/admin/login`)
  expect(res.status).toBe(200)
  const html = await res.text()
  expect(html).toContain('<title>Login')
  expect(html).toContain('Careline')
  expect(html).toContain('LoginForm') // the form itself is a client component, hydrated in the browser
  const asset = html.match(/\/_next\/static\/[^"']+\.js/)?.[0]
  expect(asset).toBeDefined()
  const script = await fetch(`${server.url}${asset}`)
  expect(script.status).toBe(200)
})

test('signed-out visits to the admin are sent to the login page', async () => {
  const res = await fetch(`${server.url}/admin`, { redirect: 'manual' })
  // Next answers a server-side redirect with 307, or (once streaming has begun) with a 200 page
  // that carries the redirect target.
  if (res.status === 200) expect(await res.text()).toMatch(/NEXT_REDIRECT[^"]*\/admin\/login|url=\/admin\/login/)
  else {
    expect([302, 303, 307]).toContain(res.status)
    expect(res.headers.get('location')).toContain('/admin/login')
  }
})

test('REST and GraphQL answer beside the admin', async () => {
  const rest = await fetch(`${server.url}/api/conditions`)
  expect(rest.status).toBe(200)
  expect(await rest.json()).toMatchObject({ docs: [], totalDocs: 0 })
  const gql = await fetch(`${server.url}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ Conditions { totalDocs } }' }),
  })
  expect(await gql.json()).toEqual({ data: { Conditions: { totalDocs: 0 } } })
})
