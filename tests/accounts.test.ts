/**
 * Accounts from the outside (REST and GraphQL, anonymous and as each staff role), for the
 * outside tester's findings on issue 20:
 * - API keys are issued by the server and shown once, unique, never taken from a request body;
 *   the front end's reader key cannot be taken over. Timestamps are the server's.
 * - Passwords: at least 12 characters, not the e-mail, not a breached password; on create,
 *   change, first user and reset.
 * - Sign-in and password reset do not tell which e-mails have accounts: same status and body for
 *   an unknown e-mail, a wrong password and a locked account, after about the same time.
 */
import net from 'node:net'

import type { Payload } from 'payload'

import { createStaff, DEFAULT_TEST_PASSWORD, type Staff } from './helpers/fixtures'
import { createTestDatabase } from './helpers/database'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let staff: Staff
const READER_KEY = 'accounts-reader-api-key-0123456789abcdef'
const tokens: Record<string, string> = {}
const STRONG = 'quiet-lantern-orbit-meadow'

// Budgets off: these tests sign in many times from one address (the limits have their own tests).
const NO_LIMITS = {
  API_ONLY: 'true',
  JOBS_AUTORUN: 'false',
  RATE_LIMIT_LOGIN_PER_IP: '0',
  RATE_LIMIT_LOGIN_PER_ACCOUNT: '0',
  RATE_LIMIT_FORGOT_PASSWORD_PER_IP: '0',
  RATE_LIMIT_FORGOT_PASSWORD_PER_ACCOUNT: '0',
  RATE_LIMIT_GRAPHQL_PER_IP: '0',
}

beforeAll(async () => {
  ctx = await startTestPayload('accounts')
  payload = ctx.payload
  staff = await createStaff(payload)
  // Server code (a deploy script) may still give an account a known key.
  await payload.update({ collection: 'users', id: staff.reader.id, data: { enableAPIKey: true, apiKey: READER_KEY } })
  server = await startServer({ ...NO_LIMITS, DATABASE_URI: ctx.database.uri })
  for (const role of ['admin', 'editor', 'reviewer'] as const) tokens[role] = await signIn(`${role}@test.careline`, DEFAULT_TEST_PASSWORD)
}, 180_000)
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

type Staffer = 'admin' | 'editor' | 'reviewer'
type Who = 'anonymous' | Staffer
type Body = { errors?: { message: string; data?: { errors?: { path: string; message: string }[] } }[]; [key: string]: any }

const headersOf = (who: Who | { key: string }): Record<string, string> =>
  typeof who === 'object' ? { authorization: `users API-Key ${who.key}` } : who === 'anonymous' ? {} : { authorization: `JWT ${tokens[who]}` }

async function call(method: string, path: string, who: Who | { key: string } = 'anonymous', body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headersOf(who) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, body: (text ? JSON.parse(text) : {}) as Body }
}

async function graphql(query: string, who: Who | { key: string } = 'anonymous', variables?: Record<string, unknown>) {
  const answer = await call('POST', '/api/graphql', who, { query, variables })
  return answer.body as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] }
}

async function signIn(email: string, password: string) {
  const answer = await call('POST', '/api/users/login', 'anonymous', { email, password })
  expect(`${email}: ${answer.status}`).toBe(`${email}: 200`)
  return answer.body.token as string
}

/** Who a key signs in as, if anyone. */
const keyHolder = async (key: string) => (await call('GET', '/api/users/me', { key })).body.user?.email ?? null

const storedUser = (id: number | string) => payload.db.findOne<{ id: number | string; [field: string]: any }>({ collection: 'users', where: { id: { equals: id } } })

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now()
  const result = await run()
  return { ms: performance.now() - started, result }
}

let accounts = 0
async function newAccount(role: 'editor' | 'reader' = 'editor') {
  const email = `account-${++accounts}@test.careline`
  const user = await payload.create({ collection: 'users', data: { email, password: DEFAULT_TEST_PASSWORD, name: `Account ${accounts}`, role } })
  return { id: user.id, email }
}

describe('API keys are issued by the server', () => {
  test("nobody takes over the front end's reader key: a key in the body is refused (REST and GraphQL), as each role, on their own account", async () => {
    for (const who of ['editor', 'reviewer', 'admin'] as const) {
      const me = staff[who]
      const before = await storedUser(me.id)
      const rest = await call('PATCH', `/api/users/${me.id}`, who, { enableAPIKey: true, apiKey: READER_KEY, createdAt: '2000-01-01T00:00:00.000Z' })
      expect(`${who} REST: ${rest.status}`).toBe(`${who} REST: 400`)
      expect(rest.body.errors?.[0].message).toMatch(/API keys are issued by the server.*POST \/api\/users\/\w+\/api-key/)
      const gql = await graphql(`mutation { updateUser(id: "${me.id}", data: { enableAPIKey: true, apiKey: ${JSON.stringify(READER_KEY)} }) { id } }`, who)
      expect(`${who} GraphQL: ${gql.errors?.[0]?.message}`).toMatch(/API keys are issued by the server/)
      expect(await storedUser(me.id)).toEqual(before)
    }
    // An admin cannot create an account with a chosen key either.
    const created = await call('POST', '/api/users', 'admin', { email: 'chosen-key@test.careline', password: STRONG, name: 'Chosen', role: 'reader', apiKey: 'a-key-the-client-chose-0123456789' })
    expect(created.status).toBe(400)
    expect(await keyHolder(READER_KEY)).toBe('reader@test.careline')
    expect(await keyHolder('a-key-the-client-chose-0123456789')).toBeNull()
    // Anonymous callers get no further than before.
    expect((await call('PATCH', `/api/users/${staff.editor.id}`, 'anonymous', { apiKey: READER_KEY })).status).toBe(403)
    expect((await call('POST', `/api/users/${staff.editor.id}/api-key`, 'anonymous')).status).toBe(401)
  })

  test('the owner gets a new key once; it works, is never readable again, and replaces the old one; revoking ends it; every change is logged', async () => {
    for (const who of ['editor', 'reviewer'] as const) {
      const me = staff[who]
      const first = await call('POST', `/api/users/${me.id}/api-key`, who)
      expect(first.status).toBe(201)
      const key = first.body.apiKey as string
      expect(key).toMatch(/^[\w-]{43}$/)
      expect(await keyHolder(key)).toBe(me.email)
      const read = await call('GET', `/api/users/${me.id}`, who)
      expect(read.text).not.toContain(key)
      expect(read.body.hasAPIKey).toBe(true)
      const gql = await graphql(`{ User(id: "${me.id}") { apiKey apiKeyIndex hasAPIKey } }`, who)
      expect(gql.data.User).toEqual({ apiKey: null, apiKeyIndex: null, hasAPIKey: true })

      const second = await call('POST', `/api/users/${me.id}/api-key`, who)
      expect(second.status).toBe(201)
      expect(second.body.apiKey).not.toBe(key)
      expect(await keyHolder(key)).toBeNull()
      expect(await keyHolder(second.body.apiKey)).toBe(me.email)

      expect((await call('DELETE', `/api/users/${me.id}/api-key`, who)).status).toBe(200)
      expect(await keyHolder(second.body.apiKey)).toBeNull()
      expect((await call('GET', `/api/users/${me.id}`, who)).body.hasAPIKey).toBe(false)
    }
    const log = server.output()
    expect(log).toMatch(new RegExp(`API key issued for editor@test\\.careline \\(user ${staff.editor.id}\\) by editor@test\\.careline`))
    expect(log).toMatch(new RegExp(`API key revoked for reviewer@test\\.careline \\(user ${staff.reviewer.id}\\) by reviewer@test\\.careline`))
  })

  test('server code that clears a key (apiKey: null, nothing else) ends it too, and the account says it has none', async () => {
    const kiosk = await newAccount('reader')
    await payload.update({ collection: 'users', id: kiosk.id, data: { enableAPIKey: true, apiKey: 'kiosk-key-0123456789abcdef0123456789' } })
    expect(await keyHolder('kiosk-key-0123456789abcdef0123456789')).toBe(kiosk.email)
    await payload.update({ collection: 'users', id: kiosk.id, data: { apiKey: null } })
    expect(await keyHolder('kiosk-key-0123456789abcdef0123456789')).toBeNull()
    expect(((await payload.findByID({ collection: 'users', id: kiosk.id })) as { hasAPIKey?: boolean }).hasAPIKey).toBe(false)
  })

  test("only whoever may change the account issues its key: an admin for any, staff for their own, a reader for none", async () => {
    const kiosk = await newAccount('reader')
    for (const [who, other] of [
      ['editor', staff.editor2],
      ['editor', kiosk],
      ['reviewer', staff.editor],
      ['editor', staff.admin],
    ] as const) {
      const answer = await call('POST', `/api/users/${other.id}/api-key`, who)
      expect(`${who} -> ${other.email}: ${answer.status}`).toBe(`${who} -> ${other.email}: 403`)
      expect((await call('DELETE', `/api/users/${other.id}/api-key`, who)).status).toBe(403)
    }
    expect((await call('POST', `/api/users/${staff.reader.id}/api-key`, { key: READER_KEY })).status).toBe(403)
    expect(await keyHolder(READER_KEY)).toBe('reader@test.careline')

    const issued = await call('POST', `/api/users/${kiosk.id}/api-key`, 'admin')
    expect(issued.status).toBe(201)
    expect(issued.headers.get('cache-control')).toBe('no-store')
    expect(await keyHolder(issued.body.apiKey)).toBe(kiosk.email)
    expect(server.output()).toMatch(new RegExp(`API key issued for ${kiosk.email.replace(/\./g, '\\.')} \\(user ${kiosk.id}\\) by admin@test\\.careline`))
  })

  test('two accounts never share a key: the database refuses a duplicate, even from server code', async () => {
    const before = await storedUser(staff.editor2.id)
    await expect(payload.update({ collection: 'users', id: staff.editor2.id, data: { enableAPIKey: true, apiKey: READER_KEY } })).rejects.toThrow()
    expect((await storedUser(staff.editor2.id))?.apiKeyIndex).toEqual(before?.apiKeyIndex)
    expect(await keyHolder(READER_KEY)).toBe('reader@test.careline')
  })

  test("Payload's own key block (which makes the key in the browser) is not offered: no one has the field permission", async () => {
    for (const who of ['admin', 'editor', 'reviewer'] as const) {
      const access = await call('GET', '/api/access', who)
      // As the admin reads it (@payloadcms/ui's Auth view): all fields allowed collapse to `true`.
      const fields = access.body.collections.users.fields
      const apiKey = fields === true ? true : fields?.apiKey
      const allowed = (operation: 'create' | 'update') => apiKey === true || apiKey?.[operation] === true || apiKey?.[operation]?.permission === true
      expect(`${who}: ${allowed('update')} ${allowed('create')}`).toBe(`${who}: false false`)
    }
  })
})

describe('timestamps are the server’s', () => {
  test('createdAt and updatedAt sent by a client are ignored, on accounts and content, over REST and GraphQL', async () => {
    const me = staff.editor
    const before = await storedUser(me.id)
    const rest = await call('PATCH', `/api/users/${me.id}`, 'editor', { credentials: 'RN', createdAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z' })
    expect(rest.status).toBe(200)
    const after = await storedUser(me.id)
    expect(after?.credentials).toBe('RN')
    expect(after?.createdAt).toBe(before?.createdAt)
    expect(new Date(after!.updatedAt).getFullYear()).toBeGreaterThan(2000)

    const gql = await graphql(`mutation { updateUser(id: "${me.id}", data: { credentials: "RN, BSN", createdAt: "2001-01-01T00:00:00.000Z" }) { createdAt } }`, 'editor')
    expect(gql.errors).toBeUndefined()
    expect(gql.data.updateUser.createdAt).toBe(before?.createdAt)

    const created = await call('POST', '/api/conditions?draft=true', 'editor', { name: 'Back-dated condition', createdAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z' })
    expect(created.status).toBe(201)
    expect(new Date(created.body.doc.createdAt).getFullYear()).toBeGreaterThan(2000)
    expect(new Date(created.body.doc.updatedAt).getFullYear()).toBeGreaterThan(2000)
    const createdByGraphQL = await graphql('mutation { createSpecialty(data: { name: "Back-dated specialty", createdAt: "2000-01-01T00:00:00.000Z" }) { createdAt } }', 'admin')
    expect(createdByGraphQL.errors).toBeUndefined()
    expect(new Date(createdByGraphQL.data.createSpecialty.createdAt).getFullYear()).toBeGreaterThan(2000)
  })
})

describe('password policy', () => {
  const WEAK: [string, RegExp][] = [
    ['abc', /at least 12 characters \(this one has 3\)/],
    ['password1234', /exposed in data breaches/],
    ['Summer2024!!', /exposed in data breaches/],
    ['P@ssw0rd2024', /exposed in data breaches/],
    ['passwordpassword', /exposed in data breaches/],
    ['zzzzzzzzzzzzzz', /exposed in data breaches/],
  ]

  const expectRefused = (answer: { status: number; body: Body }, pattern: RegExp, what: string) => {
    expect(`${what}: ${answer.status} ${answer.body.errors?.[0]?.message}`).toMatch(new RegExp(`^${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 400 .*${pattern.source}`))
    // The admin shows the message at the password field.
    expect(answer.body.errors?.[0]?.data?.errors?.[0]).toMatchObject({ path: 'password' })
  }

  test('creating an account: too short, breached, or holding the e-mail is refused with what to change (REST, GraphQL); a good one is accepted', async () => {
    const before = await payload.count({ collection: 'users' })
    for (const [password, pattern] of [...WEAK, ['new.colleague-2024-welcome', /contains the e-mail address or its name \("new\.colleague"\)/] as [string, RegExp]]) {
      const answer = await call('POST', '/api/users', 'admin', { email: 'new.colleague@test.careline', password, name: 'New colleague', role: 'editor' })
      expectRefused(answer, pattern, JSON.stringify(password))
      const gql = await graphql('mutation ($password: String!) { createUser(data: { email: "new.colleague@test.careline", password: $password, name: "New colleague", role: editor }) { id } }', 'admin', { password })
      expect(`${password}: ${gql.errors?.[0]?.message}`).toMatch(pattern)
    }
    expect(await payload.count({ collection: 'users' })).toEqual(before)
    const accepted = await call('POST', '/api/users', 'admin', { email: 'new.colleague@test.careline', password: STRONG, name: 'New colleague', role: 'editor' })
    expect(accepted.status).toBe(201)
    // The demo and test passwords meet the policy.
    expect(await signIn('new.colleague@test.careline', STRONG)).toEqual(expect.any(String))
  })

  test('changing a password: the same rules, for the account’s own e-mail; a good one works', async () => {
    const account = await newAccount()
    const token = await signIn(account.email, DEFAULT_TEST_PASSWORD)
    const own = (body: unknown) => fetch(`${server.url}/api/users/${account.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `JWT ${token}` }, body: JSON.stringify(body) })
    for (const [password, pattern] of [...WEAK, [`${account.email.split('@')[0]}-is-my-name`, /contains the e-mail address or its name/] as [string, RegExp]]) {
      const res = await own({ password })
      expectRefused({ status: res.status, body: (await res.json()) as Body }, pattern, JSON.stringify(password))
    }
    // An admin changing someone else's password is held to it too.
    expectRefused(await call('PATCH', `/api/users/${account.id}`, 'admin', { password: 'short' }), /at least 12/, 'admin')
    expect(await signIn(account.email, DEFAULT_TEST_PASSWORD)).toEqual(expect.any(String))
    expect((await own({ password: STRONG })).status).toBe(200)
    expect(await signIn(account.email, STRONG)).toEqual(expect.any(String))
  })

  test('resetting a password with a token: the same rules (REST and GraphQL); a good one works', async () => {
    const account = await newAccount()
    expect((await call('POST', '/api/users/forgot-password', 'anonymous', { email: account.email })).status).toBe(200)
    const token = (await storedUser(account.id))?.resetPasswordToken as string
    expect(token).toEqual(expect.any(String))
    for (const [password, pattern] of [...WEAK, [`my-${account.email}`, /contains the e-mail address/] as [string, RegExp]]) {
      expectRefused(await call('POST', '/api/users/reset-password', 'anonymous', { token, password }), pattern, JSON.stringify(password))
      const gql = await graphql('mutation ($token: String, $password: String) { resetPasswordUser(token: $token, password: $password) { token } }', 'anonymous', { token, password })
      expect(`${password}: ${gql.errors?.[0]?.message}`).toMatch(pattern)
    }
    expect(await signIn(account.email, DEFAULT_TEST_PASSWORD)).toEqual(expect.any(String))
    const reset = await call('POST', '/api/users/reset-password', 'anonymous', { token, password: STRONG })
    expect(reset.status).toBe(200)
    expect(await signIn(account.email, STRONG)).toEqual(expect.any(String))
  })

  test("the admin's first user (first-register) is held to it on a fresh install", async () => {
    const database = await createTestDatabase('accounts_first')
    const fresh = await startServer({ ...NO_LIMITS, DATABASE_URI: database.uri })
    try {
      const register = (password: string, extra: Record<string, unknown> = {}) =>
        fetch(`${fresh.url}/api/users/first-register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'first.admin@test.careline', password, 'confirm-password': password, name: 'First Admin', ...extra }) })
      for (const [password, pattern] of WEAK) {
        const res = await register(password)
        expectRefused({ status: res.status, body: (await res.json()) as Body }, pattern, JSON.stringify(password))
      }
      // Payload registers the first user with overrideAccess: a key in its body is still refused.
      const chosenKey = await register(STRONG, { enableAPIKey: true, apiKey: 'first-admin-chosen-key-0123456789' })
      expect(chosenKey.status).toBe(400)
      expect(((await chosenKey.json()) as Body).errors?.[0].message).toMatch(/API keys are issued by the server/)
      const ok = await register(STRONG)
      expect(ok.status).toBe(200)
    } finally {
      await fresh.stop()
      await database.drop()
    }
  }, 120_000)
})

describe('sign-in and password reset do not tell which e-mails have accounts', () => {
  const WRONG = 'not-the-password-at-all'
  const login = (email: string, password: string) => call('POST', '/api/users/login', 'anonymous', { email, password })
  const loginByGraphQL = async (email: string, password: string) => {
    const { errors } = await graphql('mutation ($email: String!, $password: String) { loginUser(email: $email, password: $password) { token } }', 'anonymous', { email, password })
    return JSON.stringify(errors?.map(({ message, extensions }) => ({ message, extensions })))
  }
  let locked: { id: number | string; email: string }
  let known: { id: number | string; email: string }

  beforeAll(async () => {
    known = await newAccount()
    locked = await newAccount()
    // Locked the way an attacker would: five wrong passwords in a row.
    for (let i = 0; i < 5; i++) expect((await login(locked.email, `${WRONG}-${i}`)).status).toBe(401)
    expect(new Date((await storedUser(locked.id))?.lockUntil).getTime()).toBeGreaterThan(Date.now())
  })
  /** Wrong passwords for `known` would lock it: each measurement starts from no failed attempts. */
  const forgetFailures = () => payload.db.updateOne({ collection: 'users', id: known.id, data: { loginAttempts: 0, lockUntil: null } })

  test('unknown e-mail, wrong password, locked account (right or wrong password): the same status and body, REST and GraphQL', async () => {
    await forgetFailures()
    const answers = {
      unknown: await login('nobody-here@test.careline', WRONG),
      wrong: await login(known.email, WRONG),
      lockedWrong: await login(locked.email, WRONG),
      lockedRight: await login(locked.email, DEFAULT_TEST_PASSWORD),
    }
    for (const [kind, answer] of Object.entries(answers)) expect(`${kind}: ${answer.status} ${answer.text}`).toBe(`${kind}: 401 ${answers.unknown.text}`)
    // The one message also tells a locked-out person what to do.
    expect(answers.unknown.body.errors?.[0].message).toMatch(/incorrect, or the account is locked for 10 minutes.*ask an admin to unlock/)

    await forgetFailures()
    const gql = {
      unknown: await loginByGraphQL('nobody-here@test.careline', WRONG),
      wrong: await loginByGraphQL(known.email, WRONG),
      lockedWrong: await loginByGraphQL(locked.email, WRONG),
      lockedRight: await loginByGraphQL(locked.email, DEFAULT_TEST_PASSWORD),
    }
    for (const [kind, answer] of Object.entries(gql)) expect(`${kind}: ${answer}`).toBe(`${kind}: ${gql.unknown}`)
    expect(gql.unknown).toMatch(/account is locked/)
  })

  test('an unknown e-mail or a locked account takes about as long as a wrong password (medians of 5)', async () => {
    const times: Record<'unknown' | 'wrong' | 'locked', number[]> = { unknown: [], wrong: [], locked: [] }
    for (let i = 0; i < 5; i++) {
      await forgetFailures()
      times.wrong.push((await timed(() => login(known.email, WRONG))).ms)
      times.unknown.push((await timed(() => login(`nobody-${i}@test.careline`, WRONG))).ms)
      times.locked.push((await timed(() => login(locked.email, WRONG))).ms)
    }
    const [unknown, wrong, lockedMs] = [median(times.unknown), median(times.wrong), median(times.locked)]
    // Before: about 300 ms for a wrong password (the hash), 10-15 ms for the others.
    expect({ unknownVsWrong: unknown / wrong >= 0.3, lockedVsWrong: lockedMs / wrong >= 0.3 }).toEqual({ unknownVsWrong: true, lockedVsWrong: true })
    expect({ wrongVsUnknown: wrong / unknown >= 0.3 }).toEqual({ wrongVsUnknown: true })
  })

  test('forgot-password: the same answer for a known and an unknown e-mail (REST and GraphQL)', async () => {
    const rest = [await call('POST', '/api/users/forgot-password', 'anonymous', { email: known.email }), await call('POST', '/api/users/forgot-password', 'anonymous', { email: 'nobody-here@test.careline' }), await call('POST', '/api/users/forgot-password', 'anonymous', { email: locked.email })]
    for (const answer of rest) expect(`${answer.status} ${answer.text}`).toBe(`${rest[1].status} ${rest[1].text}`)
    expect(rest[1].status).toBe(200)
    const gql = async (email: string) => JSON.stringify(await graphql('mutation ($email: String!) { forgotPasswordUser(email: $email) }', 'anonymous', { email }))
    expect(await gql(known.email)).toBe(await gql('nobody-here@test.careline'))
  })

  test('forgot-password answers before the reset e-mail is sent: a slow or failing mail server tells nothing', async () => {
    const smtp = await heldMailServer()
    const withMail = await startServer({ ...NO_LIMITS, DATABASE_URI: ctx.database.uri, SMTP_URL: smtp.url })
    try {
      const ask = (email: string) => fetch(`${withMail.url}/api/users/forgot-password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) })
      // The mail server holds the message until released: an answer that waited for it never comes.
      const knownAnswer = await ask(known.email)
      const mail = await smtp.nextMessage()
      const unknownAnswer = await ask('nobody-here@test.careline')
      expect(`${knownAnswer.status} ${await knownAnswer.text()}`).toBe(`${unknownAnswer.status} ${await unknownAnswer.text()}`)
      expect(mail.to).toContain(known.email)
      const token = (await storedUser(known.id))?.resetPasswordToken
      // Quoted-printable, as nodemailer sends long lines.
      const text = mail.data.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      expect(text).toContain(`/admin/reset/${token}`)
      // A mail server that refuses the message: still the same answer; the failure is logged.
      smtp.release('554 5.7.1 Refused by the test')
      const again = await ask(known.email)
      expect(`${again.status} ${await again.text()}`).toBe(`${unknownAnswer.status} ${await (await ask('nobody-here@test.careline')).text()}`)
      await smtp.nextMessage()
      smtp.release('554 5.7.1 Refused by the test')
      await waitFor(() => /The password reset e-mail to .* could not be sent/.test(withMail.output()))
    } finally {
      await withMail.stop()
      smtp.close()
    }
  }, 60_000)
})

/** Polls a condition of the outside world (a log line) until it holds. */
async function waitFor(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50))
}

/**
 * A mail server that speaks just enough SMTP to take a message, then holds its answer to the
 * message until the test releases it (with a reply of its choosing).
 */
async function heldMailServer() {
  const messages: { to: string[]; data: string }[] = []
  const waiting: ((message: { to: string[]; data: string }) => void)[] = []
  const held: ((reply: string) => void)[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let buffer = ''
    let inData = false
    let to: string[] = []
    socket.write('220 test ESMTP\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          const message = { to, data: buffer.slice(0, end) }
          buffer = buffer.slice(end + 5)
          inData = false
          to = []
          held.push((reply) => socket.write(`${reply}\r\n`))
          const waiter = waiting.shift()
          if (waiter) waiter(message)
          else messages.push(message)
          continue
        }
        const newline = buffer.indexOf('\r\n')
        if (newline < 0) return
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n')
        else if (verb === 'RCPT') {
          to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'))
          socket.write('250 OK\r\n')
        } else if (verb === 'DATA') {
          inData = true
          socket.write('354 Go on\r\n')
        } else if (verb === 'QUIT') socket.end('221 Bye\r\n')
        else socket.write('250 OK\r\n')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    nextMessage: () => new Promise<{ to: string[]; data: string }>((resolve) => (messages.length ? resolve(messages.shift()!) : waiting.push(resolve))),
    /** Answers the oldest held message. */
    release: (reply: string) => held.shift()?.(reply),
    close: () => {
      for (const socket of sockets) socket.destroy()
      server.close()
    },
  }
}
