/**
 * Server actions from outside the admin (security finding: two anonymous requests crashed the
 * server). Every admin page publishes the id of Payload's server function in its RSC payload; an
 * anonymous POST of it made the action throw, and with `--enable-source-maps` Node then loaded
 * .next's source maps (one is 12 MB) until the 256 MB heap ran out. Now such a request is
 * refused before Next.js renders anything (src/http/serverActions.ts), the production start loads
 * no source maps, and the process stays up. The admin's own server actions still run: the
 * create-first-user page's 'form-state' calls before anyone exists, and a signed-in editor's.
 */
import type { Payload } from 'payload'
import type { Browser, Page } from 'playwright-core'

import { serverNodeArgs } from '../scripts/lib.mjs'
import { createStaff, DEFAULT_TEST_PASSWORD } from './helpers/fixtures'
import { launchChromium, startProductionServer } from './helpers/browser'
import { createTestDatabase } from './helpers/database'
import { startTestPayload, type TestPayload } from './helpers/payload'
import type { RunningServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  ctx = await startTestPayload('server-actions')
  payload = ctx.payload
  await createStaff(payload)
  server = await startProductionServer(ctx.database.uri)
  browser = await launchChromium()
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await ctx?.stop()
})

/** What an attacker does: read the server function's id from the login page's RSC payload. */
async function serverFunctionId(base: string) {
  const html = await (await fetch(`${base}/admin/login`)).text()
  // In the flight data: {"id":"<hex>","bound":null} (quotes escaped inside the inline script).
  const match = html.match(/\\?"id\\?":\\?"([0-9a-f]{40,})\\?",\\?"bound\\?":null/)
  if (!match) throw new Error(`no server action id in /admin/login:\n${html.slice(0, 500)}`)
  return match[1]
}

const sessionCookie = (login: Response) =>
  login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')

const ATTACK_BODY = JSON.stringify([{ name: 'schedule-publish', args: {} }])

/** The three ways Next.js runs a server action, all anonymous. */
const attacks = (base: string, id: string): Array<[string, () => Promise<Response>]> => [
  [
    'POST /admin with Next-Action',
    () => fetch(`${base}/admin`, { method: 'POST', headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8' }, body: ATTACK_BODY, signal: AbortSignal.timeout(20_000) }),
  ],
  [
    // Next.js forwards an action posted to another page to the page that defines it.
    'POST / (a site page) with Next-Action',
    () => fetch(`${base}/`, { method: 'POST', headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8' }, body: ATTACK_BODY, signal: AbortSignal.timeout(20_000) }),
  ],
  [
    // A no-JavaScript form action: no header, the id in the multipart body.
    'multipart POST /admin naming $ACTION_ID_',
    () => {
      const form = new FormData()
      form.append(`$ACTION_ID_${id}`, '')
      form.append('name', 'schedule-publish')
      return fetch(`${base}/admin`, { method: 'POST', body: form, signal: AbortSignal.timeout(20_000) })
    },
  ],
]

const alive = async (running: RunningServer) => {
  expect(running.child.exitCode).toBeNull()
  expect(running.child.signalCode).toBeNull()
  const health = await fetch(`${running.url}/healthz`, { signal: AbortSignal.timeout(20_000) })
  expect(health.status).toBe(200)
  expect(running.output()).not.toMatch(/heap out of memory|Unknown Server Function|must be logged in/i)
}

test('the production start loads no source maps', () => {
  expect(serverNodeArgs()).not.toContain('--enable-source-maps')
})

test('anonymous server actions are refused before Next.js runs them, and the server stays up', async () => {
  const id = await serverFunctionId(server.url)
  for (const [label, send] of attacks(server.url, id)) {
    // Twenty at once, as an attacker would; before the fix two of the first kind ended the process.
    const answers = await Promise.all(Array.from({ length: 20 }, () => send()))
    for (const answer of answers) {
      const body = await answer.text()
      expect(`${label}: ${answer.status} ${body}`).toBe(`${label}: 401 ${JSON.stringify({ errors: [{ message: 'Sign in to the admin panel first.' }] })}`)
    }
    await alive(server)
  }
})

test('a signed-in account without admin access is refused too', async () => {
  const id = await serverFunctionId(server.url)
  const login = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'reader@test.careline', password: DEFAULT_TEST_PASSWORD }),
  })
  expect(login.status).toBe(200)
  // With the Origin a browser sends: Payload takes a session cookie only from an allowed origin (CSRF).
  const headers = { cookie: sessionCookie(login), origin: server.url, 'next-action': id, 'content-type': 'text/plain;charset=UTF-8' }
  const answer = await fetch(`${server.url}/admin`, { method: 'POST', headers, body: ATTACK_BODY })
  expect(`${answer.status} ${await answer.text()}`).toBe(`403 ${JSON.stringify({ errors: [{ message: 'This account cannot use the admin panel.' }] })}`)
  await alive(server)
})

test('the admin still signs in, and a signed-in editor’s server actions still run', async () => {
  // Signed in over the API, the admin answers with the cookie.
  const login = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'editor@test.careline', password: DEFAULT_TEST_PASSWORD }),
  })
  expect(login.status).toBe(200)
  // The admin streams its answer, so a redirect to the login page comes inside a 200 page.
  const toLogin = /NEXT_REDIRECT;[a-z]+;\/admin\/login/
  expect(await (await fetch(`${server.url}/admin`)).text()).toMatch(toLogin)
  const admin = await fetch(`${server.url}/admin`, { headers: { cookie: sessionCookie(login), 'sec-fetch-site': 'same-origin' } })
  expect(admin.status).toBe(200)
  expect(await admin.text()).not.toMatch(toLogin)

  // In the browser: sign in through the login page, then edit a record; typing calls the
  // 'form-state' server function, which must pass the guard and answer.
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)
    await page.goto(`${server.url}/admin/login`)
    await page.fill('#field-email', 'editor@test.careline')
    await page.fill('#field-password', DEFAULT_TEST_PASSWORD)
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => !url.pathname.endsWith('/login'))
    await page.goto(`${server.url}/admin/collections/specialties/create`)
    const formState = serverFunctionAnswer(page, 'form-state')
    await page.fill('#field-name', 'Neurology')
    expect(await formState).toBe(200)
  } finally {
    await context.close()
  }
  await alive(server)
})

/** The answer to the next call of the named server function the page makes (its first argument names it). */
async function serverFunctionAnswer(page: Page, name: string) {
  const response = await page.waitForResponse((r) => {
    const request = r.request()
    if (request.method() !== 'POST' || !request.headers()['next-action']) return false
    try {
      return (JSON.parse(request.postData() ?? '') as Array<{ name?: string }>)[0]?.name === name
    } catch {
      return false // FormData-encoded arguments: not the call looked for
    }
  })
  return response.status()
}

test('on an empty database the create-first-user page works, and anonymous actions are refused once it is done', async () => {
  // A database no one has opened: the server applies the migrations, and there is no user yet.
  const empty = await createTestDatabase('server-actions-empty')
  const fresh = await startProductionServer(empty.uri)
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)
    await page.goto(`${fresh.url}/admin`)
    await page.waitForURL((url) => url.pathname.endsWith('/create-first-user'))
    // Before anyone can sign in, the page asks Payload for form state: the guard lets it through.
    const formState = serverFunctionAnswer(page, 'form-state')
    await page.fill('#field-email', 'first@test.careline')
    expect(await formState).toBe(200)
    await page.fill('#field-password', DEFAULT_TEST_PASSWORD)
    await page.fill('#field-confirm-password', DEFAULT_TEST_PASSWORD)
    await page.fill('#field-name', 'First Admin')
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => !url.pathname.endsWith('/create-first-user'))

    // Now that a user exists, Payload would refuse an anonymous action: so does the guard.
    const id = await serverFunctionId(fresh.url)
    for (const [label, send] of attacks(fresh.url, id)) {
      const answer = await send()
      expect(`${label}: ${answer.status}`).toBe(`${label}: 401`)
    }
    await alive(fresh)
  } finally {
    await context.close()
    await fresh.stop()
    await empty.drop()
  }
})
