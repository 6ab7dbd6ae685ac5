/**
 * Outgoing webhooks from the outside: a real HTTP receiver in this process, webhooks configured
 * over REST as an admin, content published and unpublished through medical review, and the
 * delivery jobs run here (the server's job runner is off). Checks what the receiver gets and can
 * verify, the retry schedule, the delivery log, who may see or change any of it, and that the
 * secret never comes back.
 */
import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'

import { applyReviewTransition } from '../collections/workflow'
import type { User } from '../src/payload-types'
import { DELIVER_WEBHOOK_TASK, DELIVERY_RETRIES, MAX_DELIVERY_ATTEMPTS, verifySignature, WEBHOOK_QUEUE } from '../src/webhooks'
import { createStaff, DEFAULT_TEST_PASSWORD, publish, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

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
}
const received: Received[] = []
const scripted = new Map<string, number[]>()
const receiver = http.createServer((req, res) => {
  let raw = ''
  req.setEncoding('utf8')
  req.on('data', (chunk) => (raw += chunk))
  req.on('end', () => {
    received.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) })
    const status = scripted.get(req.url ?? '')?.shift() ?? 200
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'thanks' : 'receiver is down for maintenance')
  })
})
let receiverURL = ''
const sentTo = (path: string) => received.filter((r) => r.path === path)

type Who = 'anonymous' | 'editor' | 'admin'

beforeAll(async () => {
  ctx = await startTestPayload('webhooks')
  payload = ctx.payload
  staff = await createStaff(payload)
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverURL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  // The server's job runner is off: this process runs the deliveries, so each test knows when.
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false' })
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
})
// Each test's webhooks are its own: switch them off before the next test publishes anything.
afterEach(async () => {
  await payload.update({ collection: 'webhooks', where: { active: { equals: true } }, data: { active: false } })
})

const auth = (who: Who): Record<string, string> => (who === 'anonymous' ? {} : { authorization: `JWT ${tokens[who]}` })
async function rest(method: string, url: string, who: Who, body?: unknown) {
  const res = await fetch(`${server.url}${url}`, { method, headers: { 'content-type': 'application/json', ...auth(who) }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, text, json: (text ? JSON.parse(text) : {}) as Record<string, any> }
}
async function graphql(query: string, who: Who) {
  const res = await rest('POST', '/api/graphql', who, { query })
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

const runDeliveries = () => payload.jobs.run({ queue: WEBHOOK_QUEUE, where: { taskSlug: { equals: DELIVER_WEBHOOK_TASK } }, limit: 100, silent: true })
const jobsOf = async (webhookId: number) => {
  const { docs } = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: DELIVER_WEBHOOK_TASK } }, pagination: false, depth: 0, sort: 'createdAt' })
  return docs.filter((job) => (job.input as { webhookId?: string })?.webhookId === String(webhookId))
}
const logOf = async (webhookId: number) =>
  (await payload.find({ collection: 'webhook-deliveries', where: { webhook: { equals: webhookId } }, sort: 'attempt', pagination: false, depth: 0 })).docs
/** Time passes: the job becomes due now, as it would once its backoff has elapsed. */
const makeDue = (jobId: number | string) => payload.db.updateOne({ collection: 'payload-jobs', id: jobId, data: { waitUntil: new Date(Date.now() - 1000).toISOString() } })

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
    const gql = await graphql(`{ Webhook(id: ${webhook.id}) { id secret secretHint } }`, 'admin')
    expect(gql.data?.Webhook).toEqual({ id: webhook.id, secret: null, secretHint: webhook.secretHint })

    // The same over GraphQL: shown by the create mutation, never by a query.
    const created = await graphql(`mutation { createWebhook(data: { name: "Over GraphQL", url: "https://example.org/hook", events: publish }) { id secret } }`, 'admin')
    expect(created.data?.createWebhook.secret).toMatch(/^[0-9a-f]{64}$/)
    const read = await graphql(`{ Webhook(id: ${created.data?.createWebhook.id}) { secret } }`, 'admin')
    expect(read).toEqual({ data: { Webhook: { secret: null } } })
  })

  test('publishing sends one signed POST; the signature verifies with the secret only; the log says 200', async () => {
    const webhook = await createWebhook({ events: ['publish', 'unpublish'] })
    const secret = webhook.secret!
    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })

    // Queued with the publish, sent later by the job: nothing while the reviewer waits.
    expect(await jobsOf(webhook.id)).toHaveLength(1)
    expect(sentTo(webhook.path)).toHaveLength(0)
    await runDeliveries()
    const [delivery, ...more] = sentTo(webhook.path)
    expect(more).toHaveLength(0)

    expect(delivery.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event: 'publish',
      collection: 'conditions',
      document: { id: condition.id, slug: condition.slug },
      occurredAt: expect.any(String),
    })
    expect(Math.abs(Date.parse(delivery.body.occurredAt) - Date.now())).toBeLessThan(60_000)
    const { headers } = delivery
    expect(headers['content-type']).toBe('application/json')
    expect(headers['x-careline-event']).toBe('publish')
    expect(headers['x-careline-delivery']).toBe(delivery.body.id)
    expect(headers['x-careline-attempt']).toBe('1')
    const timestamp = headers['x-careline-timestamp'] as string
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60)

    // What a receiver does: HMAC-SHA256 of "<timestamp>.<raw body>" with its copy of the secret.
    const signature = headers['x-careline-signature'] as string
    expect(signature).toBe(hmac(secret, timestamp, delivery.raw))
    expect(signature).not.toBe(hmac('not-the-secret-0123456789', timestamp, delivery.raw))
    expect(verifySignature({ secret, body: delivery.raw, timestamp, signature })).toBe(true)
    expect(verifySignature({ secret: 'not-the-secret-0123456789', body: delivery.raw, timestamp, signature })).toBe(false)
    expect(verifySignature({ secret, body: delivery.raw.replace('publish', 'unpublish'), timestamp, signature })).toBe(false)
    expect(verifySignature({ secret, body: delivery.raw, timestamp: String(Number(timestamp) - 1), signature })).toBe(false)
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
    expect(Math.abs(Date.parse(log[0].deliveredAt) - Date.now())).toBeLessThan(60_000)
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
    await runDeliveries()
    expect(sentTo(both.path).map((d) => d.body.event)).toEqual(['publish'])
    expect(sentTo(unpublishOnly.path)).toHaveLength(0)
    expect(await jobsOf(unpublishOnly.id)).toHaveLength(0)

    await applyReviewTransition({ req: await asUser(staff.reviewer), collection: 'conditions', id: condition.id, action: 'unpublish' })
    await runDeliveries()
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
    await runDeliveries()
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
  /** The job's wait after a failed attempt: its waitUntil minus when that attempt was sent. */
  const backoffAfter = async (webhookId: number, attempt: number) => {
    const [job] = await jobsOf(webhookId)
    const row = (await logOf(webhookId)).find((r) => r.attempt === attempt)!
    return Date.parse(job.waitUntil as string) - Date.parse(row.deliveredAt)
  }
  const delay = DELIVERY_RETRIES.backoff.delay

  test('a refused delivery is retried after the backoff, with the attempt number rising, until the receiver takes it', async () => {
    const webhook = await createWebhook({ events: ['publish'] })
    scripted.set(webhook.path, [500, 500])
    const condition = await newCondition()
    await publish(payload, team(), { collection: 'conditions', id: condition.id })

    await runDeliveries()
    expect(sentTo(webhook.path)).toHaveLength(1)
    const [job] = await jobsOf(webhook.id)
    expect(job).toMatchObject({ totalTried: 1, hasError: false, completedAt: null })
    // The first retry waits the configured delay (plus the moment the attempt took).
    const firstWait = await backoffAfter(webhook.id, 1)
    expect(firstWait).toBeGreaterThanOrEqual(delay)
    expect(firstWait).toBeLessThan(delay + 5000)
    expect(await logOf(webhook.id)).toMatchObject([{ attempt: 1, statusCode: 500, outcome: 'retrying', error: 'HTTP 500: receiver is down for maintenance' }])

    // Not yet due: running the jobs now sends nothing.
    await runDeliveries()
    expect(sentTo(webhook.path)).toHaveLength(1)

    await makeDue(job.id)
    await runDeliveries()
    expect(sentTo(webhook.path)).toHaveLength(2)
    // Exponential: the second wait is twice the first.
    const secondWait = await backoffAfter(webhook.id, 2)
    expect(secondWait).toBeGreaterThanOrEqual(2 * delay)
    expect(secondWait).toBeLessThan(2 * delay + 5000)

    await makeDue(job.id)
    await runDeliveries()
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
    const waits: number[] = []
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      await runDeliveries()
      expect(sentTo(webhook.path)).toHaveLength(attempt)
      const [job] = await jobsOf(webhook.id)
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        waits.push(await backoffAfter(webhook.id, attempt))
        await makeDue(job.id)
      } else {
        expect(job.hasError).toBe(true)
      }
    }
    // 30 s, 1, 2, 4, 8, 16, 32, 64 minutes (to the second).
    expect(waits.map((ms) => Math.floor(ms / 1000))).toEqual(waits.map((_, i) => (delay / 1000) * 2 ** i))
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
    await runDeliveries()
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
      `{ Webhook(id: ${existing.id}) { id url } }`,
      '{ WebhookDeliveries { docs { id } } }',
      'mutation { createWebhook(data: { name: "Intruder", url: "https://example.org/hook", events: publish }) { id } }',
      `mutation { updateWebhook(id: ${existing.id}, data: { url: "https://attacker.example/hook" }) { id } }`,
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
    await runDeliveries()
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
      `{ Webhooks(limit: 100) { docs { id secret secretHint } } WebhookDeliveries(where: { webhook: { equals: ${webhook.id} } }) { docs { statusCode webhook { id secret } } } }`,
      'admin',
    )
    expect(gql.errors).toBeUndefined()
    expect(JSON.stringify(gql)).not.toContain(secret)
    expect(gql.data?.Webhooks.docs.every((d: { secret: unknown }) => d.secret === null)).toBe(true)
    expect(gql.data?.WebhookDeliveries.docs).toEqual([{ statusCode: 200, webhook: { id: webhook.id, secret: null } }])
    // Nor is the stored copy, though GraphQL lists the field; and it cannot be searched for.
    expect(await graphql(`{ Webhook(id: ${webhook.id}) { signingSecret } }`, 'admin')).toEqual({ data: { Webhook: { signingSecret: null } } })
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
    await runDeliveries()
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
