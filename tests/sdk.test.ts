/**
 * Payload's official REST client (`@payloadcms/sdk`), typed with our generated types, against
 * the running server: what a front end written with it gets. Anonymous reads see published
 * content only; a staff user signed in through the SDK reads drafts; refusals arrive as the
 * SDK's error, with the HTTP status and Payload's error list.
 */
// `payload-sdk` is @payloadcms/sdk installed under an alias (see package.json).
import { PayloadSDK, PayloadSDKError } from 'payload-sdk'

import type { Condition, Config, Symptom } from '../src/payload-types'
import { createContent, createStaff, DEFAULT_TEST_PASSWORD, DRAFT_MARKER } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let server: RunningServer
let content: Awaited<ReturnType<typeof createContent>>
let sdk: PayloadSDK<Config>

beforeAll(async () => {
  ctx = await startTestPayload('sdk')
  const staff = await createStaff(ctx.payload)
  content = await createContent(ctx.payload, staff)
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false' })
  sdk = new PayloadSDK<Config>({ baseURL: `${server.url}/api` })
})
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

/** The error a call rejects with; fails the test if it does not reject. */
async function refusal(call: Promise<unknown>): Promise<PayloadSDKError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
  if (!('error' in outcome)) throw new Error(`expected the SDK call to be refused, it answered ${JSON.stringify(outcome.value).slice(0, 200)}`)
  expect(outcome.error).toBeInstanceOf(PayloadSDKError)
  return outcome.error as PayloadSDKError
}

const signIn = async (email: string) => {
  const { token, user } = await sdk.login({ collection: 'users', data: { email, password: DEFAULT_TEST_PASSWORD } })
  expect(typeof token).toBe('string')
  return { user, headers: { Authorization: `JWT ${token}` } }
}

describe('anonymous front end', () => {
  test('find lists published conditions, typed, with Payload queries', async () => {
    const list = await sdk.find({ collection: 'conditions', sort: 'name', depth: 0 })
    // Typed: `name` is a string and `summary` optional text, as the generated types say.
    const names: string[] = list.docs.map((doc) => doc.name)
    expect(names).toEqual(['Back and spine neuropathy', 'Cervical radiculopathy'])
    expect(list.totalDocs).toBe(2)
    expect(JSON.stringify(list)).not.toContain(DRAFT_MARKER)

    const bySlug = await sdk.find({ collection: 'conditions', where: { slug: { equals: content.cervical.slug } }, select: { name: true, parent: true }, depth: 0 })
    expect(bySlug.docs).toEqual([{ id: content.cervical.id, name: 'Cervical radiculopathy', parent: content.neuropathy.id }])
  })

  test('findByID returns the published version, relationships populated', async () => {
    const doc: Condition = await sdk.findByID({ collection: 'conditions', id: content.neuropathy.id, depth: 1 })
    expect(doc.id).toBe(content.neuropathy.id)
    // The newer, unreviewed draft is not what the public reads.
    expect(doc.summary).toBe('Nerve pain that starts in the spine.')
    const symptom = doc.symptoms?.[0]?.symptom as Symptom
    expect(symptom).toMatchObject({ id: content.burning.id, name: 'Burning pain' })
    expect(JSON.stringify(doc)).not.toContain(DRAFT_MARKER)
  })

  test('cannot see a draft: by id (even asking for drafts), in lists, or through disableErrors', async () => {
    const error = await refusal(sdk.findByID({ collection: 'conditions', id: content.unpublished.id, draft: true }))
    expect(error.status).toBe(404)
    expect(error.errors[0]?.message).toBe('Not Found')
    expect(JSON.stringify(error.errors)).not.toContain(DRAFT_MARKER)

    const drafts = await sdk.find({ collection: 'conditions', draft: true, limit: 100 })
    expect(drafts.docs.map((doc) => doc.id)).not.toContain(content.unpublished.id)
    expect(JSON.stringify(drafts)).not.toContain(DRAFT_MARKER)

    expect(await sdk.findByID({ collection: 'conditions', id: content.unpublished.id, disableErrors: true })).toBeNull()
  })

  test('a refused write is the SDK error with the status and Payload\'s message', async () => {
    const error = await refusal(sdk.create({ collection: 'conditions', data: { name: 'Anonymous condition' } }))
    expect(error.status).toBe(403)
    expect(error.message).toBe('You are not allowed to perform this action.')
    expect(error.response.status).toBe(403)
    expect(await sdk.count({ collection: 'conditions', where: { name: { equals: 'Anonymous condition' } } })).toEqual({ totalDocs: 0 })
  })
})

describe('staff signed in through the SDK', () => {
  test('login answers the typed user; me and draft reads use its token', async () => {
    const { user, headers } = await signIn('editor@test.careline')
    expect(user).toMatchObject({ email: 'editor@test.careline', role: 'editor', name: 'Eddie Editor' })
    const me = await sdk.me({ collection: 'users' }, { headers })
    expect(me.user?.email).toBe('editor@test.careline')

    const draft = await sdk.findByID({ collection: 'conditions', id: content.unpublished.id, draft: true }, { headers })
    expect(draft.name).toBe(`Unpublished condition ${DRAFT_MARKER}`)
    const latest = await sdk.findByID({ collection: 'conditions', id: content.neuropathy.id, draft: true }, { headers })
    expect(latest.summary).toBe(`Edited summary ${DRAFT_MARKER}`)
  })

  test('a client built with the token as its base headers reads drafts in lists', async () => {
    const { headers } = await signIn('reviewer@test.careline')
    const staffSDK = new PayloadSDK<Config>({ baseURL: `${server.url}/api`, baseInit: { headers } })
    const drafts = await staffSDK.find({ collection: 'conditions', draft: true, sort: 'name', limit: 100, depth: 0 })
    expect(drafts.docs.map((doc) => doc.name)).toContain(`Unpublished condition ${DRAFT_MARKER}`)
  })

  test('refusals carry the status and the rule: validation (400) and medical review (403)', async () => {
    const { headers } = await signIn('editor@test.careline')
    const invalid = await refusal(sdk.create({ collection: 'conditions', data: { summary: 'No name' } as never }, { headers }))
    expect(invalid.status).toBe(400)
    expect(invalid.errors[0]).toMatchObject({ name: 'ValidationError' })
    expect(JSON.stringify(invalid.errors[0]?.data)).toContain('"path":"name"')

    // An editor may not put content live: publishing is a reviewer's action.
    const publish = await refusal(sdk.update({ collection: 'conditions', id: content.unpublished.id, data: { _status: 'published' } }, { headers }))
    expect(publish.status).toBe(403)
    expect(publish.message).toMatch(/\[rule: reviewer-role\]$/)
    expect(publish.errors[0]).toMatchObject({ data: { rule: 'reviewer-role' } })
    const stillHidden = await refusal(sdk.findByID({ collection: 'conditions', id: content.unpublished.id }))
    expect(stillHidden.status).toBe(404)
  })
})
