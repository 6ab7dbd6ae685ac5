/**
 * Outgoing webhooks from the outside: a real HTTP receiver in this process, webhooks configured
 * over REST as an admin, content published and unpublished through medical review, and the
 * delivery jobs run here (the server's job runner is off). Checks what the receiver gets and can
 * verify, the retry schedule, the delivery log, who may see or change any of it, that the
 * secret never comes back, and that webhooks cannot reach inside the server's network.
 *
 * The receiver listens on 127.0.0.1, an internal address: the servers here run with
 * WEBHOOK_ALLOWED_HOSTS=127.0.0.1, as an operator would allow an internal receiver. Every other
 * internal target (`localhost` included, which is a name, not that address) is refused on save
 * and at delivery; a second server started without the setting refuses 127.0.0.1 too.
 */
import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'

import { applyReviewTransition } from '../collections/medicalReview'
import type { User } from '../src/payload-types'
import { ConfigurationError, resolveWebhookAllowedHosts } from '../src/settings'
import { DELIVER_WEBHOOK_TASK, DELIVERY_RETRIES, internalAddressKind, MAX_DELIVERY_ATTEMPTS, sendWebhook, verifySignature, WEBHOOK_QUEUE } from '../src/webhooks'
import { createStaff, DEFAULT_TEST_PASSWORD, publish, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { expectStartFailure, type RunningServer, startServer } from './helpers/server'

/** The one internal host these tests' servers may deliver to: the receiver's address. */
const ALLOWED = { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let staff: Staff
const tokens: Record<string, string> = {}

// The receiver: records every request, answers with the statuses scripted for its path, then 200.
interface Received {
  path: string
  headers: http.IncomingHttpHeaders
  raw: string
  body: Record<string, any>
  /** When the request arrived (ms since the epoch). */
  at: number
}
const received: Received[] = []
const scripted = new Map<string, number[]>()
const receiver = http.createServer((req, res) => {
  let raw = ''
  req.setEncoding('utf8')
  req.on('data', (chunk) => (raw += chunk))
  req.on('end', () => {
    received.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw), at: Date.now() })
    const status = scripted.get(req.url ?? '')?.shift() ?? 200
    // A redirect (to this receiver, so that following it would show) carries a token in its query.
    const location = status >= 300 && status < 400 ? { location: `${receiverURL}/followed?token=SECRET-TOKEN` } : {}
    res.writeHead(status, { 'content-type': 'text/plain', ...location }).end(status < 300 ? 'thanks' : RECEIVER_ERROR_BODY)
  })
})
/** What a failing receiver answers: what an internal service's error page might reveal. */
const RECEIVER_ERROR_BODY = 'receiver is down for maintenance; db password=hunter2 at 10.0.0.12'
let receiverURL = ''
const sentTo = (path: string) => received.filter((r) => r.path === path)

type Who = 'anonymous' | 'editor' | 'admin'

beforeAll(async () => {
  // Read once, when the config loads (startTestPayload): this process runs the deliveries.
  Object.assign(process.env, ALLOWED)
  ctx = await startTestPayload('webhooks')
  payload = ctx.payload
  staff = await createStaff(payload)
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverURL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  // The server's job runner is off: this process runs the deliveries, so each test knows when.
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false', ...ALLOWED })
  for (const who of ['editor', 'admin'] as const) {
    const res = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${who}@test.careline`, password: DEFAULT_TEST_PASSWORD }),
    })
    expect(res.status).toBe(200)
    tokens[who] = ((await res.json()) as { token: string }).token
  }
})
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
  await new Promise((resolve) => receiver.close(resolve))
  delete process.env.WEBHOOK_ALLOWED_HOSTS
})
// Each test's webhooks are its own: switch them off before the next test publishes anything.
afterEach(async () => {
  await payload.update({ collection: 'webhooks', where: { active: { equals: true } }, data: { active: false } })
})

const auth = (who: Who): Record<string, string> => (who === 'anonymous' ? {} : { authorization: `JWT ${tokens[who]}` })
async function rest(method: string, url: string, who: Who, body?: unknown, base = server.url) {
  const res = await fetch(`${base}${url}`, { method, headers: { 'content-type': 'application/json', ...auth(who) }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, text, json: (text ? JSON.parse(text) : {}) as Record<string, any> }
}
async function graphql(query: string, who: Who, base = server.url) {
  const res = await rest('POST', '/api/graphql', who, { query }, base)
  return res.json as { data?: Record<string, any> | null; errors?: { message: string }[] }
}

let hooks = 0
/** Creates a webhook over REST as an admin; returns it with the secret the create answer showed. */
async function createWebhook(fields: { events: string[]; collections?: string[]; secret?: string; active?: boolean }) {
  const path = `/hooks/${++hooks}`
  const res = await rest('POST', '/api/webhooks', 'admin', { name: `Receiver ${hooks}`, url: `${receiverURL}${path}`, ...fields })
  expect(res.status).toBe(201)
  return { ...(res.json.doc as { id: number; secret?: string; secretHint: string }), path }
}

let conditions = 0
const newCondition = async () => {
  const name = `Webhook condition ${++conditions}`
  return payload.create({ collection: 'conditions', data: { name, summary: `About ${name}.` }, draft: true })
}
const team = () => ({ editor: staff.editor, reviewer: staff.reviewer })
const asUser = (user: User) => createLocalReq({ user: { ...user, collection: 'users' } }, payload)

/** One pass of the job runner over the due deliveries: enough to show that nothing is sent. */
const runDeliveries = () => payload.jobs.run({ queue: WEBHOOK_QUEUE, where: { taskSlug: { equals: DELIVER_WEBHOOK_TASK } }, limit: 100, silent: true })
const jobsOf = async (webhookId: number) => {
  const { docs } = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: DELIVER_WEBHOOK_TASK } }, pagination: false, depth: 0, sort: 'createdAt' })
  return docs.filter((job) => (job.input as { webhookId?: string })?.webhookId === String(webhookId))
}
const logOf = async (webhookId: number) =>
  (await payload.find({ collection: 'webhook-deliveries', where: { webhook: { equals: webhookId } }, sort: 'attempt', pagination: false, depth: 0 })).docs

/** How long a test waits for a delivery attempt before it fails: generous, for a loaded machine. */
const ATTEMPT_DEADLINE_MS = 90_000
/**
 * Runs the due deliveries until the webhook's log shows `attempts` attempts (each attempt,
 * delivered or not, writes its row), and says when: the job runner's clock reads fell within
 * `from`..`to`. A test that expects something sent waits for that event rather than trusting one
 * pass of the runner (with the load average near 8, two tests found nothing sent after one pass);
 * if it never comes, the failure says what the webhook's jobs look like.
 */
async function attemptsLogged(webhookId: number, attempts = 1) {
  const from = Date.now()
  const deadline = from + ATTEMPT_DEADLINE_MS
  for (;;) {
    await runDeliveries()
    const log = await logOf(webhookId)
    if (log.length >= attempts) return { from, to: Date.now() }
    if (Date.now() > deadline) {
      const jobs = (await jobsOf(webhookId)).map(({ id, processing, totalTried, hasError, waitUntil }) => ({ id, processing, totalTried, hasError, waitUntil }))
      throw new Error(`Webhook ${webhookId}: waited ${ATTEMPT_DEADLINE_MS / 1000} s for ${attempts} logged attempt(s), found ${log.length}; its jobs: ${JSON.stringify(jobs)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
const setWaitUntil = (jobId: number | string, at: number) => payload.db.updateOne({ collection: 'payload-jobs', id: jobId, data: { waitUntil: new Date(at).toISOString() } })
/** Time passes: the job becomes due now, as it would once its backoff has elapsed. */
const makeDue = (jobId: number | string) => setWaitUntil(jobId, Date.now() - 1000)
/** Time stands still: the job stays not due for an hour, however long the test takes. */
const keepWaiting = (jobId: number | string) => setWaitUntil(jobId, Date.now() + 3_600_000)

const hmac = (secret: string, timestamp: string, raw: string) => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`

describe('delivery', () => {
  test('an admin creates a webhook; a secret left empty is generated and shown in the create answer only', async () => {
    const webhook = await createWebhook({ events: ['publish'] })
    expect(webhook.secret).toMatch(/^[0-9a-f]{64}$/)
    expect(webhook.secretHint).toBe(`…${webhook.secret!.slice(-4)}`)
    expect(webhook).not.toHaveProperty('signingSecret')

    const byId = await rest('GET', `/api/webhooks/${webhook.id}`, 'admin')
    expect(byId.status).toBe(200)
    expect(byId.json.secretHint).toBe(webhook.secretHint)
    expect(byId.text).not.toContain(webhook.secret)
    const gql = await graphql(`{ Webhook(id: "${webhook.id}") { id secret secretHint } }`, 'admin')
    expect(gql.data?.Webhook).toEqual({ id: String(webhook.id), secret: null, secretHint: webhook.secretHint })

    // The same over GraphQL: shown by the create mutation, never by a query.
    const created = await graphql(`mutation { createWebhook(data: { name: "Over GraphQL", url: "https://example.org/hook", events: publish }) { id secret } }`, 'admin')
    expect(created.data?.createWebhook.secret).toMatch(/^[0-9a-f]{64}$/)
    const read = await graphql(`{ Webhook(id: "${created.data?.createWebhook.id}") { secret } }`, 'admin')
    expect(read).toEqual({ data: { Webhook: { secret: null } } })
  })

  test('publishing sends one signed POST; the signature verifies with the secret only; the log says 200', async () => {
    const webhook = await createWebhook({ events: ['publish', 'unpublish'] })
    const secret = webhook.secret!
    const condition = await newCondition()
    const published = { from: Date.now(), to: 0 }
    await publish(payload, team(), { collection: 'conditions', id: condition.id })
    published.to = Date.now()

    // Queued with the publish, sent later by the job: nothing while the reviewer waits.
    expect(await jobsOf(webhook.id)).toHaveLength(1)
    expect(sentTo(webhook.path)).toHaveLength(0)
    const run = await attemptsLogged(webhook.id)
    const [delivery, ...more] = sentTo(webhook.path)
    expect(more).toHaveLength(0)

    expect(delivery.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event: 'publish',
      collection: 'conditions',
      document: { id: condition.id, slug: condition.slug },
      occurredAt: expect.any(String),
    })
    // At the publish, before the run that sent it (bracketed by this test's clock, however slow).
    expect(Date.parse(delivery.body.occurredAt)).toBeGreaterThanOrEqual(published.from)
    expect(Date.parse(delivery.body.occurredAt)).toBeLessThanOrEqual(published.to)
    const { headers } = delivery
    expect(headers['content-type']).toBe('application/json')
    expect(headers['x-careline-event']).toBe('publish')
    expect(headers['x-careline-delivery']).toBe(delivery.body.id)
    expect(headers['x-careline-attempt']).toBe('1')
    // Whole seconds, read when the attempt was made.
    const timestamp = headers['x-careline-timestamp'] as string
    expect(Number(timestamp)).toBeGreaterThanOrEqual(Math.floor(run.from / 1000))
    expect(Number(timestamp)).toBeLessThanOrEqual(Math.floor(delivery.at / 1000))

    // What a receiver does: HMAC-SHA256 of "<timestamp>.<raw body>" with its copy of the secret.
    const signature = headers['x-careline-signature'] as string
    expect(signature).toBe(hmac(secret, timestamp, delivery.raw))
    expect(signature).not.toBe(hmac('not-the-secret-0123456789', timestamp, delivery.raw))
    // Checked as the receiver would on arrival, whenever this line runs.
    const now = Math.floor(delivery.at / 1000)
    expect(verifySignature({ secret, body: delivery.raw, timestamp, signature, now })).toBe(true)
    expect(verifySignature({ secret: 'not-the-secret-0123456789', body: delivery.raw, timestamp, signature, now })).toBe(false)
    expect(verifySignature({ secret, body: delivery.raw.replace('publish', 'unpublish'), timestamp, signature, now })).toBe(false)
    expect(verifySignature({ secret, body: delivery.raw, timestamp: String(Number(timestamp) - 1), signature, now })).toBe(false)
    // A captured request replayed ten minutes later is refused.
    expect(verifySignature({ secret, body: delivery.raw, timestamp, signature, now: Number(timestamp) + 600 })).toBe(false)

    const log = await logOf(webhook.id)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({
      deliveryId: delivery.body.id,
      url: `${receiverURL}${webhook.path}`,
      event: 'publish',
      documentCollection: 'conditions',
      documentId: String(condition.id),
      attempt: 1,
      statusCode: 200,
      outcome: 'delivered',
    })
    expect(log[0].error ?? null).toBeNull()
    expect(log[0].responseTimeMs).toBeGreaterThanOrEqual(0)
    expect(Date.parse(log[0].deliveredAt)).toBeGreaterThanOrEqual(run.from)
    expect(Date.parse(log[0].deliveredAt)).toBeLessThanOrEqual(run.to)
    // Done: Payload deletes a job once it completes (jobs.deleteJobOnComplete).
    expect(await jobsOf(webhook.id)).toHaveLength(0)

    // Running the jobs again sends nothing more.
    await runDeliveries()
    expect(sentTo(webhook.path)).toHaveLength(1)
  })

  test('unpublishing sends an unpublish event; a webhook for unpublish alone gets nothing on publish', async () => {
    const both = await createWebhook({ events: ['publish', 'unpublish'] })
    const unpublishOnly = await createWebhook({ events: ['unpublish'] })
    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })
    await attemptsLogged(both.id)
    expect(sentTo(both.path).map((d) => d.body.event)).toEqual(['publish'])
    expect(sentTo(unpublishOnly.path)).toHaveLength(0)
    expect(await jobsOf(unpublishOnly.id)).toHaveLength(0)

    await applyReviewTransition({ req: await asUser(staff.reviewer), collection: 'conditions', id: condition.id, action: 'unpublish' })
    await attemptsLogged(both.id, 2)
    await attemptsLogged(unpublishOnly.id)
    expect(sentTo(both.path).map((d) => d.body.event)).toEqual(['publish', 'unpublish'])
    const [unpublished] = sentTo(unpublishOnly.path)
    expect(unpublished.body).toMatchObject({ event: 'unpublish', collection: 'conditions', document: { id: condition.id } })
    expect(unpublished.headers['x-careline-event']).toBe('unpublish')
    expect((await logOf(unpublishOnly.id)).map((row) => [row.event, row.statusCode])).toEqual([['unpublish', 200]])
  })

  test('a collection filter and the active switch are obeyed', async () => {
    const symptomsOnly = await createWebhook({ events: ['publish'], collections: ['symptoms'] })
    const inactive = await createWebhook({ events: ['publish'], active: false })
    const condition = await newCondition()
    const symptom = await payload.create({ collection: 'symptoms', data: { name: 'Webhook tingling', category: 'general' }, draft: true })
    await publish(payload, team(), { collection: 'conditions', id: condition.id }, { collection: 'symptoms', id: symptom.id })
    await attemptsLogged(symptomsOnly.id)
    expect(sentTo(symptomsOnly.path).map((d) => [d.body.collection, d.body.document.id])).toEqual([['symptoms', symptom.id]])
    expect(sentTo(inactive.path)).toHaveLength(0)
    expect(await jobsOf(inactive.id)).toHaveLength(0)
  })

  test('a publish that rolls back queues no delivery', async () => {
    const webhook = await createWebhook({ events: ['publish'] })
    const condition = await newCondition()
    await applyReviewTransition({ req: await asUser(staff.editor), collection: 'conditions', id: condition.id, action: 'submit' })
    await applyReviewTransition({ req: await asUser(staff.reviewer), collection: 'conditions', id: condition.id, action: 'approve' })

    const req = await asUser(staff.reviewer)
    await initTransaction(req)
    await applyReviewTransition({ req, collection: 'conditions', id: condition.id, action: 'publish' })
    // Inside the transaction the job is there...
    const inside = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: DELIVER_WEBHOOK_TASK } }, pagination: false, depth: 0, req })
    expect(inside.docs.filter((job) => (job.input as { webhookId: string }).webhookId === String(webhook.id))).toHaveLength(1)
    await killTransaction(req)

    // ...and it went with the rollback.
    expect(await jobsOf(webhook.id)).toHaveLength(0)
    const live = await payload.find({ collection: 'conditions', where: { id: { equals: condition.id } }, overrideAccess: false, depth: 0 })
    expect(live.docs).toHaveLength(0)
    await runDeliveries()
    expect(sentTo(webhook.path)).toHaveLength(0)
  })
})

describe('retries', () => {
  /**
   * The job's wait after a failed attempt, as a range: Payload sets waitUntil to its clock plus the
   * backoff once the attempt has failed, and that clock read falls within the run. Bracketing by
   * the run (rather than comparing with the attempt's deliveredAt within a second or five, as this
   * test once did) holds however slow the machine is: a slow attempt made it flaky.
   */
  const expectWait = async (webhookId: number, run: { from: number; to: number }, expectedMs: number) => {
    const [job] = await jobsOf(webhookId)
    const waitUntil = Date.parse(job.waitUntil as string)
    expect(waitUntil).toBeGreaterThanOrEqual(run.from + expectedMs)
    expect(waitUntil).toBeLessThanOrEqual(run.to + expectedMs)
    return job
  }
  const delay = DELIVERY_RETRIES.backoff.delay

  test('a refused delivery is retried after the backoff, with the attempt number rising, until the receiver takes it', async () => {
    const webhook = await createWebhook({ events: ['publish'] })
    scripted.set(webhook.path, [500, 500])
    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })

    const firstRun = await attemptsLogged(webhook.id)
    expect(sentTo(webhook.path)).toHaveLength(1)
    // The first retry waits the configured delay.
    const job = await expectWait(webhook.id, firstRun, delay)
    // Not completed: null on SQL, absent on MongoDB.
    expect({ ...job, completedAt: job?.completedAt ?? null }).toMatchObject({ totalTried: 1, hasError: false, completedAt: null })
    // The status alone: the receiver's answer is neither kept in the log nor in the job.
    expect(await logOf(webhook.id)).toMatchObject([{ attempt: 1, statusCode: 500, outcome: 'retrying', error: 'HTTP 500 Internal Server Error' }])
    expect(JSON.stringify(await logOf(webhook.id))).not.toContain('maintenance')
    expect(JSON.stringify(job)).not.toContain('maintenance')

    // Not yet due: running the jobs now sends nothing. (The wait is pinned ahead so this holds
    // however slow the machine; its length was checked above.)
    await keepWaiting(job.id)
    await runDeliveries()
    expect(sentTo(webhook.path)).toHaveLength(1)

    await makeDue(job.id)
    const secondRun = await attemptsLogged(webhook.id, 2)
    expect(sentTo(webhook.path)).toHaveLength(2)
    // Exponential: the second wait is twice the first.
    await expectWait(webhook.id, secondRun, 2 * delay)

    await makeDue(job.id)
    await attemptsLogged(webhook.id, 3)
    const attempts = sentTo(webhook.path)
    expect(attempts.map((a) => a.headers['x-careline-attempt'])).toEqual(['1', '2', '3'])
    // One delivery: the same id on every attempt, each signed afresh.
    expect(new Set(attempts.map((a) => a.headers['x-careline-delivery'])).size).toBe(1)
    for (const a of attempts) expect(a.headers['x-careline-signature']).toBe(hmac(webhook.secret!, a.headers['x-careline-timestamp'] as string, a.raw))

    const log = await logOf(webhook.id)
    expect(log.map((row) => [row.attempt, row.statusCode, row.outcome])).toEqual([
      [1, 500, 'retrying'],
      [2, 500, 'retrying'],
      [3, 200, 'delivered'],
    ])
    expect(new Set(log.map((row) => row.deliveryId)).size).toBe(1)
    const sent = log.map((row) => Date.parse(row.deliveredAt))
    expect(sent[0]).toBeLessThan(sent[1])
    expect(sent[1]).toBeLessThan(sent[2])
    expect(await jobsOf(webhook.id)).toHaveLength(0) // completed, so deleted
  })

  test(`a receiver that never takes it is tried ${MAX_DELIVERY_ATTEMPTS} times, each wait twice the last, then given up`, async () => {
    const webhook = await createWebhook({ events: ['publish'] })
    scripted.set(webhook.path, Array(MAX_DELIVERY_ATTEMPTS + 5).fill(503))
    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      const run = await attemptsLogged(webhook.id, attempt)
      expect(sentTo(webhook.path)).toHaveLength(attempt)
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        // 30 s, 1, 2, 4, 8, 16, 32, 64 minutes.
        const job = await expectWait(webhook.id, run, delay * 2 ** (attempt - 1))
        await makeDue(job.id)
      } else {
        const [job] = await jobsOf(webhook.id)
        expect(job.hasError).toBe(true)
      }
    }
    const log = await logOf(webhook.id)
    expect(log.map((row) => row.outcome)).toEqual([...Array(MAX_DELIVERY_ATTEMPTS - 1).fill('retrying'), 'failed'])
    expect(log.every((row) => row.statusCode === 503)).toBe(true)
    await runDeliveries()
    expect(sentTo(webhook.path)).toHaveLength(MAX_DELIVERY_ATTEMPTS)
  })

  test('an unreachable receiver is logged with the reason', async () => {
    // A port nobody listens on: bind one, note it, close it.
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const res = await rest('POST', '/api/webhooks', 'admin', { name: 'Gone', url: `http://127.0.0.1:${port}/hook`, events: ['publish'] })
    expect(res.status).toBe(201)
    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })
    await attemptsLogged(res.json.doc.id)
    const [row] = await logOf(res.json.doc.id)
    expect(row).toMatchObject({ attempt: 1, statusCode: null, outcome: 'retrying' })
    expect(row.error).toMatch(/ECONNREFUSED/)
  })
})

describe('access and the secret', () => {
  const WEBHOOK_FIELDS = { name: 'Intruder', url: 'https://example.org/hook', events: ['publish'] }

  test.each(['anonymous', 'editor'] as const)('%s cannot read or create webhooks, nor read deliveries, over REST or GraphQL', async (who) => {
    const existing = await createWebhook({ events: ['publish'] })
    const statuses = [
      (await rest('GET', '/api/webhooks', who)).status,
      (await rest('GET', `/api/webhooks/${existing.id}`, who)).status,
      (await rest('POST', '/api/webhooks', who, WEBHOOK_FIELDS)).status,
      (await rest('PATCH', `/api/webhooks/${existing.id}`, who, { url: 'https://attacker.example/hook' })).status,
      (await rest('DELETE', `/api/webhooks/${existing.id}`, who)).status,
      (await rest('GET', '/api/webhook-deliveries', who)).status,
    ]
    expect(statuses).toEqual(statuses.map(() => 403))

    for (const query of [
      '{ Webhooks { docs { id url } } }',
      `{ Webhook(id: "${existing.id}") { id url } }`,
      '{ WebhookDeliveries { docs { id } } }',
      'mutation { createWebhook(data: { name: "Intruder", url: "https://example.org/hook", events: publish }) { id } }',
      `mutation { updateWebhook(id: "${existing.id}", data: { url: "https://attacker.example/hook" }) { id } }`,
    ]) {
      const body = await graphql(query, who)
      expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
    }
    const after = await payload.findByID({ collection: 'webhooks', id: existing.id, depth: 0 })
    expect(after.url).toBe(`${receiverURL}${existing.path}`)
    expect((await payload.count({ collection: 'webhooks', where: { name: { equals: 'Intruder' } } })).totalDocs).toBe(0)
  })

  test('admins read webhooks and deliveries; nobody writes deliveries; the secret never comes back', async () => {
    const webhook = await createWebhook({ events: ['publish'] })
    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })
    await attemptsLogged(webhook.id)
    const [row] = await logOf(webhook.id)
    const secret = webhook.secret!

    const reads = [
      await rest('GET', '/api/webhooks?limit=100', 'admin'),
      await rest('GET', `/api/webhooks/${webhook.id}`, 'admin'),
      await rest('GET', `/api/webhook-deliveries?depth=1&where[webhook][equals]=${webhook.id}`, 'admin'),
      await rest('GET', `/api/webhook-deliveries/${row.id}?depth=1`, 'admin'),
    ]
    for (const read of reads) {
      expect(read.status).toBe(200)
      expect(read.text).not.toContain(secret)
      expect(read.text).not.toContain('signingSecret')
    }
    expect(reads[2].json.docs[0]).toMatchObject({ statusCode: 200, attempt: 1, webhook: { id: webhook.id, secretHint: webhook.secretHint } })

    const gql = await graphql(
      `{ Webhooks(limit: 100) { docs { id secret secretHint } } WebhookDeliveries(where: { webhook: { equals: "${webhook.id}" } }) { docs { statusCode webhook { id secret } } } }`,
      'admin',
    )
    expect(gql.errors).toBeUndefined()
    expect(JSON.stringify(gql)).not.toContain(secret)
    expect(gql.data?.Webhooks.docs.every((d: { secret: unknown }) => d.secret === null)).toBe(true)
    // GraphQL ids are strings on every database.
    expect(gql.data?.WebhookDeliveries.docs).toEqual([{ statusCode: 200, webhook: { id: String(webhook.id), secret: null } }])
    // Nor is the stored copy, though GraphQL lists the field; and it cannot be searched for.
    expect(await graphql(`{ Webhook(id: "${webhook.id}") { signingSecret } }`, 'admin')).toEqual({ data: { Webhook: { signingSecret: null } } })
    const probe = await rest('GET', `/api/webhooks?where[signingSecret][equals]=${secret}`, 'admin')
    expect(probe.status).toBe(400)
    expect(probe.json.errors?.[0]?.message).toMatch(/signingSecret/)

    // The log is written by the system alone.
    expect((await rest('POST', '/api/webhook-deliveries', 'admin', { deliveryId: 'forged', event: 'publish', documentCollection: 'conditions', documentId: '1', attempt: 1, outcome: 'delivered', deliveredAt: new Date().toISOString() })).status).toBe(403)
    expect((await rest('PATCH', `/api/webhook-deliveries/${row.id}`, 'admin', { statusCode: 204 })).status).toBe(403)
    expect((await rest('DELETE', `/api/webhook-deliveries/${row.id}`, 'admin')).status).toBe(403)
    const mutation = await graphql(`mutation { createWebhookDelivery(data: { deliveryId: "forged" }) { id } }`, 'admin')
    expect(mutation.errors?.[0]?.message).toMatch(/Cannot query field "createWebhookDelivery"/)
    expect((await logOf(webhook.id)).map((r) => r.statusCode)).toEqual([200])
  })

  test('a typed secret replaces the current one; saving without one keeps it', async () => {
    const webhook = await createWebhook({ events: ['publish'], secret: 'first-secret-0123456789' })
    expect(webhook.secret).toBeUndefined() // typed by the admin: nothing to show
    expect(webhook.secretHint).toBe('…6789')
    const rotated = 'rotated-secret-abcdefghij'
    const patch = await rest('PATCH', `/api/webhooks/${webhook.id}`, 'admin', { secret: rotated })
    expect(patch.status).toBe(200)
    expect(patch.text).not.toContain(rotated)
    expect(patch.json.doc.secretHint).toBe('…ghij')
    expect((await rest('PATCH', `/api/webhooks/${webhook.id}`, 'admin', { name: 'Renamed receiver' })).json.doc.secretHint).toBe('…ghij')
    // An admin cannot write the stored copy directly.
    expect((await rest('PATCH', `/api/webhooks/${webhook.id}`, 'admin', { signingSecret: 'sneaky-secret-0123456789', secretHint: '…nope' })).json.doc.secretHint).toBe('…ghij')

    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })
    await attemptsLogged(webhook.id)
    const [delivery] = sentTo(webhook.path)
    expect(delivery.headers['x-careline-signature']).toBe(hmac(rotated, delivery.headers['x-careline-timestamp'] as string, delivery.raw))
  })
})

describe('bad input', () => {
  test.each([
    ['ftp://example.org/hook', /must start with https:\/\/ or http:\/\/, not ftp:/],
    ['not a web address', /is not a web address/],
    ['https://user:pw@example.org/hook', /user name and password/],
    ['', /Enter the address/],
  ])('url %j is refused with a 400 that says why', async (url, message) => {
    const res = await rest('POST', '/api/webhooks', 'admin', { name: 'Bad URL', url, events: ['publish'] })
    expect(res.status).toBe(400)
    const errors = res.json.errors?.[0]?.data?.errors as { path: string; message: string }[]
    expect(errors).toContainEqual(expect.objectContaining({ path: 'url', message: expect.stringMatching(message) }))
  })

  test('an address pasted with spaces around it is stored without them', async () => {
    const res = await rest('POST', '/api/webhooks', 'admin', { name: 'Padded', url: '  https://example.org/hook \n', events: ['publish'] })
    expect(res.status).toBe(201)
    expect(res.json.doc.url).toBe('https://example.org/hook')
  })

  test('events, collections and secrets outside what is allowed are refused', async () => {
    const base = { name: 'Bad', url: 'https://example.org/hook' }
    const cases: [Record<string, unknown>, string][] = [
      [{ events: [] }, 'events'],
      [{ events: ['explode'] }, 'events'],
      [{ events: ['publish'], collections: ['users'] }, 'collections'],
      [{ events: ['publish'], secret: 'short' }, 'secret'],
    ]
    for (const [fields, path] of cases) {
      const res = await rest('POST', '/api/webhooks', 'admin', { ...base, ...fields })
      expect({ fields, status: res.status }).toEqual({ fields, status: 400 })
      expect((res.json.errors?.[0]?.data?.errors as { path: string }[]).map((e) => e.path)).toContain(path)
    }
    const short = await rest('POST', '/api/webhooks', 'admin', { ...base, events: ['publish'], secret: 'short' })
    expect(short.json.errors[0].data.errors[0].message).toMatch(/at least 16 characters/)
    expect((await payload.count({ collection: 'webhooks', where: { name: { equals: 'Bad' } } })).totalDocs).toBe(0)
  })
})

describe('internal targets', () => {
  const refusalOf = (res: { json: Record<string, any> }) => (res.json.errors?.[0]?.data?.errors as { path: string; message: string }[] | undefined) ?? []

  test.each([
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
    ['http://[::1]/hook', /::1 is a loopback address/],
    ['http://[0:0:0:0:0:0:0:1]/hook', /::1 is a loopback address/],
    ['http://127.0.0.2/hook', /127\.0\.0\.2 is a loopback address/],
    ['http://0x7f000002/hook', /127\.0\.0\.2 is a loopback address/], // hex
    ['http://2130706434/hook', /127\.0\.0\.2 is a loopback address/], // decimal
    ['http://0177.0.0.2/hook', /127\.0\.0\.2 is a loopback address/], // octal
    ['http://[::ffff:169.254.169.254]/hook', /is a link-local address/], // IPv4-mapped IPv6
    ['http://[::ffff:a9fe:a9fe]/hook', /is a link-local address/],
    ['http://10.0.0.1/hook', /10\.0\.0\.1 is a private-network address/],
    ['http://172.16.5.4/hook', /private-network address/],
    ['http://192.168.1.10/hook', /private-network address/],
    ['http://100.64.0.1/hook', /carrier-grade NAT/],
    ['http://[fd00::1]/hook', /unique-local/],
    ['http://[fe80::1]/hook', /link-local/],
    ['http://224.0.0.1/hook', /multicast/],
    ['http://240.0.0.1/hook', /reserved/],
    ['http://0.0.0.0/hook', /unspecified/],
    ['http://0/hook', /0\.0\.0\.0 is an unspecified address/],
  ])('%s is refused on save with a 400 naming the url', async (url, message) => {
    const name = `Internal ${url}`
    const res = await rest('POST', '/api/webhooks', 'admin', { name, url, events: ['publish'] })
    expect(res.status).toBe(400)
    expect(refusalOf(res)).toContainEqual(expect.objectContaining({ path: 'url', message: expect.stringMatching(message) }))
    expect(refusalOf(res)[0].message).toMatch(/WEBHOOK_ALLOWED_HOSTS/)
    expect((await payload.count({ collection: 'webhooks', where: { name: { equals: name } } })).totalDocs).toBe(0)
  })

  test('a host name that resolves to an internal address is refused on save, over REST and GraphQL, on create and update', async () => {
    const port = new URL(receiverURL).port
    const created = await rest('POST', '/api/webhooks', 'admin', { name: 'By name', url: `http://localhost:${port}/hook`, events: ['publish'] })
    expect(created.status).toBe(400)
    expect(refusalOf(created)).toContainEqual(expect.objectContaining({ path: 'url', message: expect.stringMatching(/^localhost resolves to a loopback address/) }))
    // The refusal does not say which address a name resolved to.
    expect(refusalOf(created)[0].message).not.toContain('127.0.0.1')

    const gql = await graphql(`mutation { createWebhook(data: { name: "By name", url: "http://localhost:${port}/hook", events: publish }) { id } }`, 'admin')
    expect(gql.errors?.[0]?.message).toMatch(/invalid: URL/)
    expect(JSON.stringify(gql.errors)).toMatch(/localhost resolves to a loopback address/)
    expect((await payload.count({ collection: 'webhooks', where: { name: { equals: 'By name' } } })).totalDocs).toBe(0)

    const webhook = await createWebhook({ events: ['publish'] })
    const moved = await rest('PATCH', `/api/webhooks/${webhook.id}`, 'admin', { url: `http://LOCALHOST:${port}/hook` })
    expect(moved.status).toBe(400)
    expect(refusalOf(moved)).toContainEqual(expect.objectContaining({ path: 'url', message: expect.stringMatching(/resolves to a loopback address/) }))
    expect((await payload.findByID({ collection: 'webhooks', id: webhook.id })).url).toBe(`${receiverURL}${webhook.path}`)
  })

  test("without WEBHOOK_ALLOWED_HOSTS, the receiver's own address is refused on save as well", async () => {
    const strict = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false', WEBHOOK_ALLOWED_HOSTS: '' })
    try {
      const login = await fetch(`${strict.url}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@test.careline', password: DEFAULT_TEST_PASSWORD }),
      })
      const { token } = (await login.json()) as { token: string }
      const post = (url: string) =>
        fetch(`${strict.url}/api/webhooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
          body: JSON.stringify({ name: 'Strict', url, events: ['publish'] }),
        }).then(async (res) => ({ status: res.status, json: (await res.json()) as Record<string, any> }))
      for (const [url, message] of [
        [`${receiverURL}/strict`, /^The host 127\.0\.0\.1 is a loopback address/],
        [`http://localhost:${new URL(receiverURL).port}/strict`, /^localhost resolves to a loopback address/],
      ] as const) {
        const res = await post(url)
        expect({ url, status: res.status }).toEqual({ url, status: 400 })
        expect(refusalOf(res)).toContainEqual(expect.objectContaining({ path: 'url', message: expect.stringMatching(message) }))
      }
      // A public address is fine there (unresolvable here, so left to delivery).
      expect((await post('https://example.org/hook')).status).toBe(201)
    } finally {
      await strict.stop()
    }
    expect((await payload.count({ collection: 'webhooks', where: { url: { contains: '/strict' } } })).totalDocs).toBe(0)
  })

  test('at delivery, a webhook whose host now resolves inside is not sent to; the log says why', async () => {
    const webhook = await createWebhook({ events: ['publish'] })
    // As if saved before the check existed, or its name pointed elsewhere when it was saved.
    const insideURL = `http://localhost:${new URL(receiverURL).port}${webhook.path}`
    await payload.db.updateOne({ collection: 'webhooks', id: webhook.id, data: { url: insideURL } })
    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })
    await attemptsLogged(webhook.id)
    expect(sentTo(webhook.path)).toHaveLength(0)
    const [row] = await logOf(webhook.id)
    expect(row).toMatchObject({ attempt: 1, url: insideURL, statusCode: null, outcome: 'retrying' })
    expect(row.error).toMatch(/^Not sent: localhost resolves to a loopback address/)
  })

  const body = (id: string) => ({ id, event: 'publish' as const, collection: 'conditions', document: { id: 1, slug: 'x' }, occurredAt: new Date().toISOString() })
  const secret = 'delivery-test-secret-0123456789'

  test('without the setting, delivery refuses loopback by address and by name; with it, the allowed host is reached', async () => {
    const port = new URL(receiverURL).port
    for (const url of [`${receiverURL}/direct`, `http://localhost:${port}/direct`, `http://[::ffff:7f00:1]:${port}/direct`]) {
      const result = await sendWebhook({ url, secret, body: body('direct-1'), attempt: 1, allowedHosts: [] })
      expect({ url, ok: result.ok, statusCode: result.statusCode }).toEqual({ url, ok: false, statusCode: null })
      expect(result.error).toMatch(/^Not sent: .* loopback address/)
    }
    expect(sentTo('/direct')).toHaveLength(0)
    const allowed = await sendWebhook({ url: `${receiverURL}/direct`, secret, body: body('direct-2'), attempt: 1, allowedHosts: ['127.0.0.1'] })
    expect(allowed).toMatchObject({ ok: true, statusCode: 200 })
    expect(sentTo('/direct')).toHaveLength(1)
  })

  test('DNS is asked once per attempt and the connection goes to the address it checked (no DNS rebinding)', async () => {
    const port = new URL(receiverURL).port
    const answers = (...sequence: string[][]) => {
      const calls: string[] = []
      const resolve = async (hostname: string) => {
        calls.push(hostname)
        return (sequence[calls.length - 1] ?? sequence.at(-1)!).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
      }
      return { calls, resolve }
    }
    // receiver.test does not resolve on this machine: reaching the receiver proves the socket
    // used the checked answer, not a second lookup of its own.
    const allowedName = answers(['127.0.0.1'])
    const reached = await sendWebhook({ url: `http://receiver.test:${port}/rebind-allowed`, secret, body: body('rebind-1'), attempt: 1, allowedHosts: ['receiver.test'], resolve: allowedName.resolve })
    expect(reached).toMatchObject({ ok: true, statusCode: 200 })
    expect(allowedName.calls).toEqual(['receiver.test'])
    expect(sentTo('/rebind-allowed')).toHaveLength(1)

    // A name that answers a public address first and loopback afterwards: checked and connected
    // once, to the public one (unreachable here), never to the receiver.
    const rebinding = answers(['8.8.8.8'], ['127.0.0.1'])
    const rebound = await sendWebhook({ url: `http://rebind.test:${port}/rebind`, secret, body: body('rebind-2'), attempt: 1, allowedHosts: [], resolve: rebinding.resolve, timeoutMs: 2000 })
    expect(rebinding.calls).toEqual(['rebind.test'])
    expect(rebound.ok).toBe(false)
    // A name with a public and an internal address is refused outright.
    const mixed = answers(['8.8.8.8', '127.0.0.1'])
    const refused = await sendWebhook({ url: `http://mixed.test:${port}/rebind`, secret, body: body('rebind-3'), attempt: 1, allowedHosts: [], resolve: mixed.resolve })
    expect(refused.error).toMatch(/^Not sent: mixed\.test resolves to a loopback address/)
    expect(sentTo('/rebind')).toHaveLength(0)
  })

  test('a redirect is not followed; the log keeps where it pointed, without its query', async () => {
    const webhook = await createWebhook({ events: ['publish'] })
    scripted.set(webhook.path, [302])
    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })
    await attemptsLogged(webhook.id)
    expect(sentTo(webhook.path)).toHaveLength(1)
    expect(sentTo('/followed')).toHaveLength(0)
    const [row] = await logOf(webhook.id)
    expect(row).toMatchObject({ statusCode: 302, outcome: 'retrying' })
    expect(row.error).toBe(`HTTP 302 Found: redirected to ${receiverURL}/followed; update the webhook's URL`)
    expect(JSON.stringify(await jobsOf(webhook.id))).not.toContain('SECRET-TOKEN')
  })

  test('internal address kinds, IPv6 forms included', () => {
    const kinds = Object.fromEntries(
      ['8.8.8.8', '100.128.0.1', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::7f00:1', '2002:7f00:1::1', '::7f00:1', 'fec0::1', '2001:db8::1', 'ff02::1', 'fe80::1%eth0'].map((a) => [a, internalAddressKind(a)]),
    )
    expect(kinds).toEqual({
      '8.8.8.8': null,
      '100.128.0.1': null,
      '172.32.0.1': null,
      '2606:4700::1111': null,
      '::ffff:8.8.8.8': null,
      '64:ff9b::7f00:1': expect.stringMatching(/loopback/), // NAT64 of 127.0.0.1
      '2002:7f00:1::1': expect.stringMatching(/loopback/), // 6to4 of 127.0.0.1
      '::7f00:1': expect.stringMatching(/reserved/),
      'fec0::1': expect.stringMatching(/reserved/),
      '2001:db8::1': expect.stringMatching(/reserved/),
      'ff02::1': expect.stringMatching(/multicast/),
      'fe80::1%eth0': expect.stringMatching(/link-local/),
    })
  })

  test('WEBHOOK_ALLOWED_HOSTS: host names and addresses only; anything else stops start-up', async () => {
    const allowList = (value?: string) => resolveWebhookAllowedHosts({ ...process.env, WEBHOOK_ALLOWED_HOSTS: value })
    expect(allowList(' Hooks.Internal. , 10.0.0.5,::1,')).toEqual(['hooks.internal', '10.0.0.5', '[::1]'])
    expect(allowList(undefined)).toEqual([])
    for (const bad of ['http://hooks.internal', 'hooks.internal:8080', 'hooks.internal/path', 'user@hooks.internal']) {
      expect(() => allowList(bad)).toThrow(ConfigurationError)
    }
    const { code, output } = await expectStartFailure({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, WEBHOOK_ALLOWED_HOSTS: 'https://hooks.internal' })
    expect(code).toBe(1)
    expect(output).toContain('WEBHOOK_ALLOWED_HOSTS must list host names')
  })
})
