/**
 * Medical review from the outside: every role x review action x channel (REST, GraphQL, Local
 * API with a user), the rules that refuse (four-eyes, approval bound to a revision, stage,
 * comment), stale saves, the append-only audit trail, review metadata, notifications and the
 * re-review schedule; and what anonymous readers can never see.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createLocalReq, type Payload } from 'payload'

import { applyReviewTransition } from '../collections/medicalReview'
import type { ReviewAction } from '../collections/medicalReview/rules'
import type { ReviewedCollection } from '../collections/medicalReview/transition'
import type { User } from '../src/payload-types'
import { createStaff, DEFAULT_TEST_PASSWORD, publish, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

const outboxFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'careline-outbox-')), 'outbox.jsonl')
const previousOutbox = process.env.EMAIL_OUTBOX_FILE
process.env.EMAIL_OUTBOX_FILE = outboxFile

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let staff: Staff
const tokens: Record<string, string> = {}

type Role = 'editor' | 'reviewer' | 'admin' | 'editor2' | 'reviewer2'
type Who = Role | 'anonymous'
type Channel = 'rest' | 'graphql' | 'local'
const CHANNELS: Channel[] = ['rest', 'graphql', 'local']

beforeAll(async () => {
  ctx = await startTestPayload('workflow')
  payload = ctx.payload
  staff = await createStaff(payload)
  // The server's job runner is off: this process runs the jobs, so each test knows when they ran.
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, EMAIL_OUTBOX_FILE: outboxFile, JOBS_AUTORUN: 'false' })
  const emails: Record<Role, string> = {
    editor: 'editor@test.careline',
    reviewer: 'reviewer@test.careline',
    admin: 'admin@test.careline',
    editor2: 'editor2@test.careline',
    reviewer2: 'reviewer2@test.careline',
  }
  for (const [role, email] of Object.entries(emails)) {
    const res = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEFAULT_TEST_PASSWORD }),
    })
    expect(res.status).toBe(200)
    tokens[role] = ((await res.json()) as { token: string }).token
  }
})
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
  if (previousOutbox === undefined) delete process.env.EMAIL_OUTBOX_FILE
  else process.env.EMAIL_OUTBOX_FILE = previousOutbox
})

const userOf = (who: Role): User => staff[who]
const reqAs = (who: Role) => createLocalReq({ user: { ...userOf(who), collection: 'users' } }, payload)
const auth = (who: Who): Record<string, string> => (who === 'anonymous' ? {} : { authorization: `JWT ${tokens[who]}` })
const rest = (method: string, url: string, who: Who, body?: unknown) =>
  fetch(`${server.url}${url}`, { method, headers: { 'content-type': 'application/json', ...auth(who) }, body: body === undefined ? undefined : JSON.stringify(body) })
const graphql = async (query: string, who: Who, variables?: Record<string, unknown>) => {
  const res = await rest('POST', '/api/graphql', who, { query, variables })
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { statusCode?: number } }[] }
}

interface Outcome {
  ok: boolean
  status: number
  message: string
  stage?: string
}

const ruleOf = (message: string) => message.match(/\[rule: ([a-z-]+)\]/)?.[1]

/** One review action through one channel, as one person. */
async function act(channel: Channel, who: Who, collection: ReviewedCollection, id: number | string, action: ReviewAction, extra: { comment?: string; reviewer?: string | number } = {}): Promise<Outcome> {
  if (channel === 'rest') {
    const res = await rest('POST', `/api/${collection}/${id}/review`, who, { action, ...extra })
    const body = (await res.json()) as { stage?: string; errors?: { message: string }[] }
    return { ok: res.ok, status: res.status, message: body.errors?.[0]?.message ?? '', stage: body.stage }
  }
  if (channel === 'graphql') {
    const body = await graphql(
      `mutation($id: String!, $action: ReviewAction!, $comment: String, $reviewer: String) {
        reviewTransition(collection: ${collection.replace('-', '_')}, id: $id, action: $action, comment: $comment, reviewer: $reviewer) { stage }
      }`,
      who,
      { id: String(id), action, comment: extra.comment, reviewer: extra.reviewer === undefined ? undefined : String(extra.reviewer) },
    )
    const error = body.errors?.[0]
    return { ok: !error, status: error?.extensions?.statusCode ?? (error ? 500 : 200), message: error?.message ?? '', stage: body.data?.reviewTransition?.stage }
  }
  if (who === 'anonymous') throw new Error('the Local API acts for a user')
  try {
    const status = await applyReviewTransition({ req: await reqAs(who), collection, id, action, ...extra })
    return { ok: true, status: 200, message: '', stage: status.stage }
  } catch (error) {
    const e = error as { status?: number; message: string }
    return { ok: false, status: e.status ?? 500, message: e.message }
  }
}

let counter = 0
/** A fresh symptom written by `author`, taken to `stage` by others (reviewer2 approves and publishes). */
async function symptomAt(stage: 'draft' | 'in_review' | 'approved' | 'published', author: Role = 'editor') {
  const doc = await payload.create({
    collection: 'symptoms',
    data: { name: `Symptom ${++counter} ${Math.random().toString(36).slice(2, 8)}`, category: 'pain' },
    draft: true,
    user: userOf(author),
    overrideAccess: false,
  })
  const steps: ReviewAction[] = { draft: [], in_review: ['submit'], approved: ['submit', 'approve'], published: ['submit', 'approve', 'publish'] }[stage] as ReviewAction[]
  for (const step of steps) {
    const outcome = await act('local', step === 'submit' ? author : 'reviewer2', 'symptoms', doc.id, step)
    if (!outcome.ok) throw new Error(`setting up ${stage}: ${step} failed: ${outcome.message}`)
  }
  return doc
}

const latest = (collection: ReviewedCollection, id: number | string) => payload.findByID({ collection, id, draft: true, depth: 0 }) as Promise<Record<string, any>>
const live = (collection: ReviewedCollection, id: number | string) =>
  payload.find({ collection, where: { id: { equals: id } }, overrideAccess: false, depth: 0 }).then((r) => r.docs[0] as Record<string, any> | undefined)

// The matrix: which role may take which action, from the stage the action starts from.
const START: Record<ReviewAction, 'draft' | 'in_review' | 'approved' | 'published'> = {
  submit: 'draft',
  approve: 'in_review',
  request_changes: 'in_review',
  publish: 'approved',
  unpublish: 'published',
  archive: 'draft',
}
const EXPECTED_STAGE: Record<ReviewAction, string> = {
  submit: 'in_review',
  approve: 'approved',
  request_changes: 'changes_requested',
  publish: 'published',
  unpublish: 'unpublished',
  archive: 'archived',
}
const MAY: Record<ReviewAction, Who[]> = {
  submit: ['editor', 'reviewer', 'admin'],
  approve: ['reviewer', 'admin'],
  request_changes: ['reviewer', 'admin'],
  publish: ['reviewer', 'admin'],
  unpublish: ['reviewer', 'admin'],
  archive: ['reviewer', 'admin'],
}
const ACTIONS = Object.keys(START) as ReviewAction[]
const matrix = CHANNELS.flatMap((channel) =>
  ACTIONS.flatMap((action) =>
    (['anonymous', 'editor', 'reviewer', 'admin'] as Who[])
      .filter((who) => !(channel === 'local' && who === 'anonymous'))
      .map((who) => ({ channel, action, who, allowed: MAY[action].includes(who) })),
  ),
)

describe(`role x action x channel (${matrix.length} cases)`, () => {
  test.each(matrix)('$channel: $who may $action -> $allowed', async ({ channel, action, who, allowed }) => {
    // Written by editor2, so editor, reviewer and admin are all free of four-eyes here.
    const doc = await symptomAt(START[action], 'editor2')
    const before = await latest('symptoms', doc.id)
    const outcome = await act(channel, who, 'symptoms', doc.id, action, action === 'request_changes' ? { comment: 'Cite a source for the second sentence.' } : {})
    if (allowed) {
      expect(outcome).toMatchObject({ ok: true, stage: EXPECTED_STAGE[action] })
      expect((await latest('symptoms', doc.id)).reviewStage).toBe(EXPECTED_STAGE[action])
      expect(Boolean(await live('symptoms', doc.id))).toBe(action === 'publish')
    } else {
      expect(outcome.ok).toBe(false)
      expect(outcome.status).toBe(who === 'anonymous' ? 401 : 403)
      expect(ruleOf(outcome.message)).toBe(who === 'anonymous' ? 'signed-in' : 'reviewer-role')
      const after = await latest('symptoms', doc.id)
      expect(after.reviewStage).toBe(before.reviewStage)
      expect(after.updatedAt).toBe(before.updatedAt) // nothing written
    }
  })
})

describe.each(CHANNELS)('rules that refuse, over %s', (channel) => {
  test('four-eyes: a reviewer cannot approve a version they edited', async () => {
    const doc = await symptomAt('draft', 'reviewer')
    await act('local', 'reviewer', 'symptoms', doc.id, 'submit')
    const outcome = await act(channel, 'reviewer', 'symptoms', doc.id, 'approve')
    expect(outcome).toMatchObject({ ok: false, status: 403 })
    expect(ruleOf(outcome.message)).toBe('four-eyes')
    expect(await act(channel, 'reviewer2', 'symptoms', doc.id, 'approve')).toMatchObject({ ok: true, stage: 'approved' })
    // ...nor publish it once someone else approved it.
    const publishing = await act(channel, 'reviewer', 'symptoms', doc.id, 'publish')
    expect(ruleOf(publishing.message)).toBe('four-eyes')
  })

  test('an approval is voided by a later edit, and the document goes back for review', async () => {
    const doc = await symptomAt('approved')
    const edited = 'Edited after approval: UNAPPROVED-TEXT'
    if (channel === 'rest') {
      expect((await rest('PATCH', `/api/symptoms/${doc.id}?draft=true`, 'editor', { summary: edited })).status).toBe(200)
    } else if (channel === 'graphql') {
      const body = await graphql(`mutation { updateSymptom(id: "${doc.id}", draft: true, data: { summary: ${JSON.stringify(edited)} }) { id } }`, 'editor')
      expect(body.errors).toBeUndefined()
    } else {
      await payload.update({ collection: 'symptoms', id: doc.id, data: { summary: edited }, draft: true, user: staff.editor, overrideAccess: false })
    }
    const after = await latest('symptoms', doc.id)
    expect(after).toMatchObject({ reviewStage: 'in_review', revision: 2 })
    expect(after.approval?.approvedBy ?? null).toBeNull()
    const outcome = await act(channel, 'reviewer2', 'symptoms', doc.id, 'publish')
    expect(outcome).toMatchObject({ ok: false, status: 409 })
    expect(ruleOf(outcome.message)).toBe('stage')
    expect(await live('symptoms', doc.id)).toBeUndefined()
  })

  test('publishing directly (not through the review action) needs the same approval', async () => {
    const doc = await symptomAt('in_review')
    const tryPublish = async (who: Role) => {
      if (channel === 'rest') {
        const res = await rest('PATCH', `/api/symptoms/${doc.id}`, who, { _status: 'published' })
        return { status: res.status, message: ((await res.json()) as { errors?: { message: string }[] }).errors?.[0]?.message ?? '' }
      }
      if (channel === 'graphql') {
        const body = await graphql(`mutation { updateSymptom(id: "${doc.id}", data: { _status: published }) { id } }`, who)
        return { status: body.errors?.[0]?.extensions?.statusCode ?? 200, message: body.errors?.[0]?.message ?? '' }
      }
      try {
        await payload.update({ collection: 'symptoms', id: doc.id, data: { _status: 'published' }, user: userOf(who), overrideAccess: false })
        return { status: 200, message: '' }
      } catch (error) {
        return { status: (error as { status: number }).status, message: (error as Error).message }
      }
    }
    const editorTry = await tryPublish('editor')
    expect(editorTry.status).toBe(403)
    expect(ruleOf(editorTry.message)).toBe('reviewer-role')
    const unapproved = await tryPublish('reviewer')
    expect(unapproved.status).toBe(409)
    expect(ruleOf(unapproved.message)).toBe('stage')
    expect(await live('symptoms', doc.id)).toBeUndefined()
    // Approved, Payload's own publish (the admin's Publish button) works for a reviewer.
    await act('local', 'reviewer2', 'symptoms', doc.id, 'approve')
    expect((await tryPublish('reviewer')).status).toBe(200)
    const published = await live('symptoms', doc.id)
    expect(published?._status).toBe('published')
    expect(published?.reviewStage).toBeUndefined() // review state is for staff
  })

  test('wrong stage and missing comment are refused with the rule named', async () => {
    const doc = await symptomAt('draft')
    const early = await act(channel, 'reviewer', 'symptoms', doc.id, 'approve')
    expect(early).toMatchObject({ ok: false, status: 409 })
    expect(ruleOf(early.message)).toBe('stage')
    await act('local', 'editor', 'symptoms', doc.id, 'submit')
    const silent = await act(channel, 'reviewer', 'symptoms', doc.id, 'request_changes', { comment: '   ' })
    expect(silent).toMatchObject({ ok: false, status: 400 })
    expect(ruleOf(silent.message)).toBe('comment-required')
    expect(silent.message).toMatch(/comment is required/)
  })

  test('an assigned document is for its reviewer (or an admin)', async () => {
    const doc = await symptomAt('draft')
    expect(await act(channel, 'editor', 'symptoms', doc.id, 'submit', { reviewer: staff.reviewer2.id })).toMatchObject({ ok: true })
    expect((await latest('symptoms', doc.id)).assignedReviewer).toBe(staff.reviewer2.id)
    const other = await act(channel, 'reviewer', 'symptoms', doc.id, 'approve')
    expect(ruleOf(other.message)).toBe('assigned-reviewer')
    expect(await act(channel, 'reviewer2', 'symptoms', doc.id, 'approve')).toMatchObject({ ok: true })
  })

  test('a save based on a stale copy is refused with 409, and nothing is lost', async () => {
    const doc = await symptomAt('draft')
    const base = (await latest('symptoms', doc.id)).revision as number
    // Editor 1 saves first, based on revision `base`.
    await payload.update({ collection: 'symptoms', id: doc.id, data: { summary: 'First save', revision: base }, draft: true, user: staff.editor, overrideAccess: false })
    // Editor 2 saves a change based on the same, now stale, revision.
    let status = 0
    let message = ''
    if (channel === 'rest') {
      const res = await rest('PATCH', `/api/symptoms/${doc.id}?draft=true`, 'editor2', { summary: 'Second save', revision: base })
      status = res.status
      message = ((await res.json()) as { errors: { message: string }[] }).errors[0].message
    } else if (channel === 'graphql') {
      const body = await graphql(`mutation { updateSymptom(id: "${doc.id}", draft: true, data: { summary: "Second save", revision: ${base} }) { id } }`, 'editor2')
      status = body.errors?.[0]?.extensions?.statusCode ?? 200
      message = body.errors?.[0]?.message ?? ''
    } else {
      try {
        await payload.update({ collection: 'symptoms', id: doc.id, data: { summary: 'Second save', revision: base }, draft: true, user: staff.editor2, overrideAccess: false })
        status = 200
      } catch (error) {
        status = (error as { status: number }).status
        message = (error as Error).message
      }
    }
    expect(status).toBe(409)
    expect(ruleOf(message)).toBe('stale-copy')
    expect(message).toMatch(/Reload it/)
    expect((await latest('symptoms', doc.id)).summary).toBe('First save')
  })
})

describe('bad input to the review endpoint gets a 4xx a person can act on', () => {
  test.each([
    ['malformed JSON', 'POST', '/api/symptoms/ID/review', '{"action": ', 400, /not valid JSON/],
    ['an array body', 'POST', '/api/symptoms/ID/review', '[]', 400, /JSON object/],
    ['an unknown action', 'POST', '/api/symptoms/ID/review', '{"action":"sign-off"}', 400, /Unknown review action "sign-off"/],
    ['an unknown field', 'POST', '/api/symptoms/ID/review', '{"action":"submit","stage":"published"}', 400, /Unknown field: stage/],
    ['a comment that is not text', 'POST', '/api/symptoms/ID/review', '{"action":"submit","comment":{"x":1}}', 400, /comment` must be text/],
    ['a reviewer who does not exist', 'POST', '/api/symptoms/ID/review', '{"action":"submit","reviewer":999999}', 400, /no reviewer with id 999999/],
    ['a document that does not exist', 'POST', '/api/symptoms/999999/review', '{"action":"submit"}', 404, /Not Found/i],
    ['a document id that is not an id', 'GET', "/api/symptoms/1'%20OR%201=1/review", undefined, 404, /Not Found/i],
  ] as const)('%s', async (_label, method, url, body, status, message) => {
    const doc = await symptomAt('draft')
    const res = await fetch(`${server.url}${url.replace('ID', String(doc.id))}`, {
      method,
      headers: { 'content-type': 'application/json', ...auth('editor') },
      body,
    })
    expect(res.status).toBe(status)
    const answer = (await res.json()) as { errors?: { message: string }[] }
    expect(answer.errors?.[0]?.message).toMatch(message)
    expect((await latest('symptoms', doc.id)).reviewStage).toBe('draft')
  })
})

describe('every clinical collection goes through review', () => {
  const samples: Record<ReviewedCollection, Record<string, unknown>> = {
    conditions: { name: 'Review cycle condition' },
    symptoms: { name: 'Review cycle symptom', category: 'pain' },
    treatments: { name: 'Review cycle treatment', kind: 'therapy', invasiveness: 'nonsurgical' },
    'diagnostic-tests': { name: 'Review cycle test', kind: 'imaging' },
    locations: { name: 'Review cycle clinic', latitude: 40, longitude: -80, address: { street: '1 Test Way', city: 'Testville', country: 'US' } },
  }
  test.each(Object.keys(samples) as ReviewedCollection[])('%s: submit, request changes, fix, resubmit, approve, publish (REST)', async (collection) => {
    const created = await rest('POST', `/api/${collection}?draft=true`, 'editor', samples[collection])
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number; reviewStage: string } }
    expect(doc.reviewStage).toBe('draft')
    expect((await act('rest', 'editor', collection, doc.id, 'submit')).stage).toBe('in_review')
    expect((await act('rest', 'reviewer', collection, doc.id, 'request_changes', { comment: 'Add a summary.' })).stage).toBe('changes_requested')
    expect((await rest('PATCH', `/api/${collection}/${doc.id}?draft=true`, 'editor', { summary: 'Now with a summary.' })).status).toBe(200)
    expect((await act('rest', 'editor', collection, doc.id, 'submit')).stage).toBe('in_review')
    expect((await act('rest', 'reviewer', collection, doc.id, 'approve')).stage).toBe('approved')
    expect((await act('rest', 'reviewer', collection, doc.id, 'publish')).stage).toBe('published')
    const pub = await rest('GET', `/api/${collection}/${doc.id}`, 'anonymous')
    expect(pub.status).toBe(200)
    expect(await pub.json()).toMatchObject({ summary: 'Now with a summary.', reviewedBy: { name: 'Dr. Rita Reviewer', credentials: 'MD, Neurology' } })
    const history = (await (await rest('GET', `/api/${collection}/${doc.id}/review`, 'editor')).json()) as { history: { action: string; comment: string | null }[] }
    expect(history.history.map((e) => e.action)).toEqual(['publish', 'approve', 'submit', 'request_changes', 'submit'])
    expect(history.history.find((e) => e.action === 'request_changes')?.comment).toBe('Add a summary.')
  })
})

describe('what the public sees', () => {
  let doc: { id: number }
  const SECRET = 'UNREVIEWED-WORKFLOW-TEXT'
  const COMMENT = 'PRIVATE-REVIEW-COMMENT'

  beforeAll(async () => {
    doc = (await symptomAt('published')) as { id: number }
    // A published condition shows the published symptom...
    await payload.create({ collection: 'conditions', data: { name: 'Public condition', symptoms: [{ symptom: doc.id, group: 'pain' }] }, draft: true, user: staff.editor })
    const condition = (await payload.find({ collection: 'conditions', where: { name: { equals: 'Public condition' } }, draft: true })).docs[0]
    await publish(payload, staff, { collection: 'conditions', id: condition.id })
    // ...which then gets a newer draft, reviewed with a comment, then approved but not yet published.
    await payload.update({ collection: 'symptoms', id: doc.id, data: { summary: SECRET }, draft: true, user: staff.editor, overrideAccess: false })
    await act('local', 'editor', 'symptoms', doc.id, 'submit')
    await act('local', 'reviewer2', 'symptoms', doc.id, 'request_changes', { comment: COMMENT })
    await act('local', 'editor', 'symptoms', doc.id, 'submit')
    await act('local', 'reviewer2', 'symptoms', doc.id, 'approve')
  })

  test('no endpoint shows anonymous readers a draft, an unpublished approval, review state or comments', async () => {
    const slug = (await latest('symptoms', doc.id)).slug
    const bodies: string[] = []
    for (const url of [
      `/api/symptoms/${doc.id}`,
      `/api/symptoms/${doc.id}?draft=true`,
      `/api/symptoms?where[slug][equals]=${slug}`,
      `/api/symptoms?draft=true&limit=200`,
      `/api/conditions?where[name][equals]=Public%20condition&depth=2`,
      `/api/symptoms/${doc.id}/review`,
      `/api/symptoms/versions`,
      `/api/review-events`,
    ]) {
      const res = await rest('GET', url, 'anonymous')
      expect(res.status).toBeLessThan(500)
      bodies.push(await res.text())
    }
    const gql = await graphql(
      `{ Symptoms(draft: true, limit: 200) { docs { summary reviewedBy { name } } }
         Conditions(where: { name: { equals: "Public condition" } }) { docs { symptoms { symptom { summary } } } } }`,
      'anonymous',
    )
    bodies.push(JSON.stringify(gql))
    const events = await graphql(`{ ReviewEvents { docs { comment } } }`, 'anonymous')
    expect(events.errors?.length).toBeGreaterThan(0)
    bodies.push(JSON.stringify(events))
    for (const body of bodies) {
      expect(body).not.toContain(SECRET)
      expect(body).not.toContain(COMMENT)
      expect(body).not.toMatch(/"(reviewStage|approval|contributors|assignedReviewer|revision)"/)
    }
    // The trust signals are public.
    const pub = (await (await rest('GET', `/api/symptoms/${doc.id}`, 'anonymous')).json()) as Record<string, any>
    expect(pub.reviewedBy).toEqual({ name: 'Dr. Sam Second', credentials: 'DO, Physical Medicine' })
    expect(new Date(pub.lastReviewedAt).getTime()).toBeGreaterThan(Date.now() - 60 * 60 * 1000)
    expect(pub.nextReviewDue).toBeTruthy()
  })

  test('staff see the history with comments', async () => {
    const res = await rest('GET', `/api/symptoms/${doc.id}/review`, 'editor')
    const status = (await res.json()) as { stage: string; history: { comment: string | null }[]; allowedActions: string[] }
    expect(status.stage).toBe('approved')
    expect(status.history.map((e) => e.comment)).toContain(COMMENT)
    expect(status.allowedActions).toEqual([]) // the editor edited it: nothing for them to do but wait
    const reviewerView = (await (await rest('GET', `/api/symptoms/${doc.id}/review`, 'reviewer')).json()) as { allowedActions: string[] }
    expect(reviewerView.allowedActions).toEqual(['request_changes', 'publish', 'unpublish', 'archive'])
  })
})

describe('the audit trail is append-only', () => {
  test('no one, admins included, can change or delete an event through any API', async () => {
    const doc = await symptomAt('in_review')
    const { docs } = await payload.find({ collection: 'review-events', where: { documentId: { equals: String(doc.id) } } })
    const event = docs[0]
    const count = (await payload.count({ collection: 'review-events' })).totalDocs

    expect((await rest('PATCH', `/api/review-events/${event.id}`, 'admin', { comment: 'rewritten' })).status).toBe(403)
    expect((await rest('DELETE', `/api/review-events/${event.id}`, 'admin')).status).toBe(403)
    expect((await rest('POST', `/api/review-events`, 'admin', { documentCollection: 'symptoms', documentId: '1', action: 'approve', fromStage: 'in_review', toStage: 'approved', revision: 1 })).status).toBe(403)
    const gqlUpdate = await graphql(`mutation { updateReviewEvent(id: "${event.id}", data: { comment: "rewritten" }) { id } }`, 'admin')
    expect(gqlUpdate.errors?.length).toBeGreaterThan(0)
    const gqlDelete = await graphql(`mutation { deleteReviewEvent(id: "${event.id}") { id } }`, 'admin')
    expect(gqlDelete.errors?.length).toBeGreaterThan(0)
    // Even server code with access overridden cannot rewrite history.
    await expect(payload.update({ collection: 'review-events', id: event.id, data: { comment: 'rewritten' } })).rejects.toThrow(/append-only/)
    await expect(payload.delete({ collection: 'review-events', id: event.id })).rejects.toThrow(/append-only/)
    await expect(
      payload.create({ collection: 'review-events', data: { documentCollection: 'symptoms', documentId: '1', action: 'approve', fromStage: 'in_review', toStage: 'approved', revision: 1 } }),
    ).rejects.toThrow(/append-only/)

    expect((await payload.count({ collection: 'review-events' })).totalDocs).toBe(count)
    expect((await payload.findByID({ collection: 'review-events', id: event.id })).comment ?? null).toBe(event.comment ?? null)
  })

  test('each event names who, when, from, to, the revision and the version it saved', async () => {
    const doc = await symptomAt('approved')
    const { docs } = await payload.find({ collection: 'review-events', where: { documentId: { equals: String(doc.id) } }, sort: 'createdAt', depth: 0 })
    expect(docs.map((e) => [e.action, e.fromStage, e.toStage, e.actor])).toEqual([
      ['submit', 'draft', 'in_review', staff.editor.id],
      ['approve', 'in_review', 'approved', staff.reviewer2.id],
    ])
    const versions = await payload.findVersions({ collection: 'symptoms', where: { parent: { equals: doc.id } }, depth: 0, limit: 10 })
    expect(versions.docs.map((v) => String(v.id))).toContain(docs[1].version)
    const approvedVersion = versions.docs.find((v) => String(v.id) === docs[1].version)!
    expect(approvedVersion.version.reviewStage).toBe('approved')
    expect(docs.every((e) => e.revision === 1 && e.createdAt)).toBe(true)
  })
})

describe('the evidence of a review is kept', () => {
  test('the versions the audit trail names survive any number of later draft saves', async () => {
    const doc = await symptomAt('published')
    const namedVersions = async () =>
      (await payload.find({ collection: 'review-events', where: { documentId: { equals: String(doc.id) } }, depth: 0, pagination: false })).docs.map((e) => e.version)
    const approvedAndPublished = await namedVersions()
    expect(approvedAndPublished).toHaveLength(3)
    // More draft saves than the history keeps (100), over REST as the editor.
    for (let i = 0; i < 105; i++) {
      const res = await rest('PATCH', `/api/symptoms/${doc.id}?draft=true`, 'editor', { summary: `Draft wording ${i}` })
      expect(res.status).toBe(200)
    }
    // Every version an event names (submitted, approved, published; and the first edit after
    // publishing, which the audit records too) is still there for an admin to open.
    const named = await namedVersions()
    expect(named).toEqual(expect.arrayContaining(approvedAndPublished))
    for (const version of named) {
      const res = await rest('GET', `/api/symptoms/versions/${version}?depth=0`, 'admin')
      expect(`${version}: ${res.status}`).toBe(`${version}: 200`)
    }
    // The history is still bounded: the newest 100, plus the named ones older than those.
    const newest = await payload.findVersions({ collection: 'symptoms', where: { parent: { equals: doc.id } }, sort: '-updatedAt', limit: 100, depth: 0 })
    const newestIds = new Set(newest.docs.map((v) => String(v.id)))
    const { totalDocs } = await payload.countVersions({ collection: 'symptoms', where: { parent: { equals: doc.id } } })
    expect(totalDocs).toBe(100 + named.filter((v) => !newestIds.has(String(v))).length)
    expect(totalDocs).toBeLessThan(105)
  })
})

describe('links from unpublished content stay unseen', () => {
  test('filtering by a join field (which conditions list this?) is for staff; the public is told to ask the other way round', async () => {
    const symptom = await symptomAt('published')
    const draft = await payload.create({
      collection: 'conditions',
      data: { name: `Unpublished condition ${Math.random().toString(36).slice(2, 8)}`, symptoms: [{ symptom: symptom.id, group: 'pain' }] },
      draft: true,
      user: staff.editor,
      overrideAccess: false,
    })
    const query = `/api/symptoms?where[conditions][in]=${draft.id}&depth=0`
    for (const url of [query, `/api/symptoms?where[or][0][conditions][equals]=${draft.id}`, `/api/symptoms/count?where[conditions.name][like]=Unpublished`]) {
      const res = await rest('GET', url, 'anonymous')
      const body = (await res.json()) as { errors?: { message: string }[] }
      expect(`${url}: ${res.status}`).toBe(`${url}: 400`)
      expect(body.errors?.[0]?.message).toMatch(/is for staff.*GET \/api\/conditions/)
    }
    // Staff keep the filter: the editor sees what the draft lists.
    const staffView = (await (await rest('GET', query, 'editor')).json()) as { docs: { id: number }[] }
    expect(staffView.docs.map((d) => d.id)).toEqual([symptom.id])
    // The other way round, the public sees only published conditions: none here.
    const otherWay = (await (await rest('GET', `/api/conditions?where[symptoms.symptom][equals]=${symptom.id}`, 'anonymous')).json()) as { docs: unknown[] }
    expect(otherWay.docs).toEqual([])
  })
})

describe('links to records taken off the public site', () => {
  test('a published location no longer names a treatment that was unpublished, at any depth and over GraphQL; staff still see the link', async () => {
    const suffix = Math.random().toString(36).slice(2, 8)
    const create = async (collection: ReviewedCollection, data: Record<string, unknown>) => {
      const doc = await payload.create({ collection, data: data as never, draft: true, user: staff.editor, overrideAccess: false })
      await publish(payload, staff, { collection, id: doc.id })
      return doc.id as number
    }
    const kept = await create('treatments', { name: `Kept therapy ${suffix}`, kind: 'therapy', invasiveness: 'nonsurgical' })
    const withdrawn = await create('treatments', { name: `Withdrawn therapy ${suffix}`, kind: 'therapy', invasiveness: 'nonsurgical' })
    const location = await create('locations', {
      name: `Linking clinic ${suffix}`,
      latitude: 40,
      longitude: -80,
      address: { street: '1 Test Way', city: 'Testville', country: 'US' },
      treatmentsOffered: [kept, withdrawn],
    })
    expect((await act('rest', 'reviewer', 'treatments', withdrawn, 'unpublish')).status).toBe(200)

    const offered = (doc: { treatmentsOffered?: unknown[] }) => (doc.treatmentsOffered ?? []).map((t) => (typeof t === 'object' ? (t as { id: number }).id : t))
    for (const depth of [0, 1, 2]) {
      const one = (await (await rest('GET', `/api/locations/${location}?depth=${depth}`, 'anonymous')).json()) as { treatmentsOffered?: unknown[] }
      expect(`depth ${depth}: ${JSON.stringify(offered(one))}`).toBe(`depth ${depth}: ${JSON.stringify([kept])}`)
      const list = (await (await rest('GET', `/api/locations?where[id][equals]=${location}&depth=${depth}`, 'anonymous')).json()) as { docs: { treatmentsOffered?: unknown[] }[] }
      expect(offered(list.docs[0])).toEqual([kept])
    }
    const gql = await graphql(`{ Location(id: "${location}") { treatmentsOffered { id } } }`, 'anonymous')
    // GraphQL ids are strings on every database.
    expect(gql.data?.Location?.treatmentsOffered).toEqual([{ id: String(kept) }])
    const staffView = (await (await rest('GET', `/api/locations/${location}?depth=0`, 'editor')).json()) as { treatmentsOffered?: unknown[] }
    expect(offered(staffView)).toEqual([kept, withdrawn])

    // A row that links one record (a condition's "this symptom, in this group") goes as a whole.
    const keptSymptom = await create('symptoms', { name: `Kept symptom ${suffix}`, category: 'pain' })
    const withdrawnSymptom = await create('symptoms', { name: `Withdrawn symptom ${suffix}`, category: 'pain' })
    const condition = await create('conditions', {
      name: `Linking condition ${suffix}`,
      symptoms: [
        { symptom: keptSymptom, group: 'pain' },
        { symptom: withdrawnSymptom, group: 'pain' },
      ],
    })
    expect((await act('rest', 'reviewer', 'symptoms', withdrawnSymptom, 'unpublish')).status).toBe(200)
    for (const depth of [0, 1]) {
      const read = (await (await rest('GET', `/api/conditions/${condition}?depth=${depth}`, 'anonymous')).json()) as { symptoms: { symptom: unknown }[] }
      expect(read.symptoms.map((row) => (typeof row.symptom === 'object' ? (row.symptom as { id: number }).id : row.symptom))).toEqual([keptSymptom])
    }
    // Over GraphQL too, reading what the query asks (the default) or whole records: the hook checks
    // the links that take their row with them, loading them as Payload's resolvers then find them;
    // the resolvers check the others (the location's list above).
    for (const select of ['', ', select: false']) {
      const read = await graphql(`{ Conditions(where: { id: { equals: "${condition}" } }${select}) { docs { symptoms { group symptom { id name } } } } }`, 'anonymous')
      expect(read.errors).toBeUndefined()
      expect(read.data.Conditions.docs[0].symptoms).toEqual([{ group: 'pain', symptom: { id: String(keptSymptom), name: `Kept symptom ${suffix}` } }])
    }
    // A query that asks for the rows but not their links: the withdrawn symptom's row is gone too.
    const groupsOnly = await graphql(`{ Conditions(where: { id: { equals: "${condition}" } }) { docs { symptoms { group } } } }`, 'anonymous')
    expect(groupsOnly.errors).toBeUndefined()
    expect(groupsOnly.data.Conditions.docs[0].symptoms).toEqual([{ group: 'pain' }])
    // Staff still see both rows.
    const staffRows = await graphql(`{ Conditions(where: { id: { equals: "${condition}" } }) { docs { symptoms { symptom { id } } } } }`, 'editor')
    expect(staffRows.data.Conditions.docs[0].symptoms.map((row: { symptom: { id: string } }) => row.symptom.id)).toEqual([String(keptSymptom), String(withdrawnSymptom)])
  })
})

describe('review metadata', () => {
  test('set by approval, cannot be typed in, and follows the review interval', async () => {
    const doc = await symptomAt('in_review')
    // A reviewer sets a 6-month interval; an editor's attempt to fake the trust signals is ignored.
    await payload.update({ collection: 'symptoms', id: doc.id, data: { reviewIntervalMonths: 6 }, draft: true, user: staff.reviewer2, overrideAccess: false })
    const faked = await rest('PATCH', `/api/symptoms/${doc.id}?draft=true`, 'editor', {
      reviewedBy: { name: 'Dr. Fake', credentials: 'MD' },
      lastReviewedAt: '2030-01-01T00:00:00.000Z',
      nextReviewDue: '2099-01-01T00:00:00.000Z',
      reviewStage: 'approved',
      reviewIntervalMonths: 36,
    })
    expect(faked.status).toBe(200)
    let after = await latest('symptoms', doc.id)
    expect(after).toMatchObject({ reviewStage: 'in_review', reviewIntervalMonths: 6, lastReviewedAt: null, nextReviewDue: null })
    expect(after.reviewedBy?.name ?? null).toBeNull()

    const approvedAt = Date.now()
    await act('local', 'reviewer2', 'symptoms', doc.id, 'approve')
    after = await latest('symptoms', doc.id)
    expect(after.reviewedBy).toEqual({ name: 'Dr. Sam Second', credentials: 'DO, Physical Medicine' })
    const due = new Date(after.nextReviewDue)
    const expected = new Date(approvedAt)
    expected.setUTCMonth(expected.getUTCMonth() + 6)
    expect(Math.abs(due.getTime() - expected.getTime())).toBeLessThan(60_000)
    expect(after.reviewOverdue).toBe(false)
  })

  test('a reviewer without credentials cannot approve', async () => {
    const noCredentials = await payload.create({ collection: 'users', data: { email: 'nocred@test.careline', password: DEFAULT_TEST_PASSWORD, name: 'Dr. No Credentials', role: 'reviewer' } })
    const doc = await symptomAt('in_review')
    await expect(
      applyReviewTransition({ req: await createLocalReq({ user: { ...noCredentials, collection: 'users' } }, payload), collection: 'symptoms', id: doc.id, action: 'approve' }),
    ).rejects.toThrow(/\[rule: reviewer-credentials\]/)
  })
})

describe('scheduled publishing obeys the rules when it fires', () => {
  const schedule = (id: number | string) =>
    payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'symptoms', value: id as number }, user: { relationTo: 'users', value: staff.reviewer2.id } },
      waitUntil: new Date(Date.now() - 1000),
    })

  test('an approved version goes live; one edited after scheduling does not', async () => {
    const approved = await symptomAt('approved')
    const editedLater = await symptomAt('approved')
    await schedule(approved.id)
    await schedule(editedLater.id)
    await payload.update({ collection: 'symptoms', id: editedLater.id, data: { summary: 'Changed after the publish was scheduled' }, draft: true, user: staff.editor })
    await payload.jobs.run({ where: { taskSlug: { equals: 'schedulePublish' } }, limit: 10 })
    expect((await live('symptoms', approved.id))?._status).toBe('published')
    expect(await live('symptoms', editedLater.id)).toBeUndefined()
    expect((await latest('symptoms', editedLater.id)).reviewStage).toBe('in_review')
  })
})

describe('notifications and the re-review schedule', () => {
  const outbox = () =>
    fs.existsSync(outboxFile)
      ? fs
          .readFileSync(outboxFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { to: string[]; subject: string; text: string })
      : []
  const waitForMail = async (match: (m: { to: string[]; subject: string; text: string }) => boolean) => {
    for (let i = 0; i < 60; i++) {
      // One after another: a hundred jobs at once would queue for the database pool's ten connections.
      await payload.jobs.run({ where: { taskSlug: { equals: 'notifyReviewEvent' } }, limit: 100, sequential: true })
      const found = outbox().find(match)
      if (found) return found
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error(`no such e-mail in ${JSON.stringify(outbox().map((m) => m.subject))}`)
  }

  test('submit, approval and changes requested are e-mailed to the right people', async () => {
    const doc = await symptomAt('draft')
    await act('rest', 'editor', 'symptoms', doc.id, 'submit', { reviewer: staff.reviewer.id })
    const submitted = await waitForMail((m) => m.subject.includes('Waiting for your review') && m.subject.includes(doc.name))
    expect(submitted.to).toEqual(['reviewer@test.careline'])
    expect(submitted.text).toContain(`/admin/collections/symptoms/${doc.id}`)

    await act('local', 'reviewer', 'symptoms', doc.id, 'request_changes', { comment: 'Please cite the guideline.' })
    const changes = await waitForMail((m) => m.subject === `[Careline] Changes requested: ${doc.name}`)
    expect(changes.to).toEqual(['editor@test.careline'])
    expect(changes.text).toContain('Please cite the guideline.')

    await act('local', 'editor', 'symptoms', doc.id, 'submit') // to the pool this time
    const pool = await waitForMail((m) => m.subject.includes('Waiting for your review') && m.subject.includes(doc.name) && m.to.length > 1)
    expect(pool.to.sort()).toEqual(['nocred@test.careline', 'reviewer2@test.careline', 'reviewer@test.careline'].sort())
    await act('local', 'reviewer', 'symptoms', doc.id, 'approve')
    const approved = await waitForMail((m) => m.subject === `[Careline] Approved: ${doc.name}`)
    expect(approved.to).toEqual(['editor@test.careline'])
  })

  test('the daily job lists what is overdue and due within 30 days, flags it, and tells reviewers', async () => {
    const overdue = await symptomAt('published')
    const dueSoon = await symptomAt('published')
    // Time passes: move the due dates (the API never lets anyone type them in).
    await payload.db.updateOne({ collection: 'symptoms', id: overdue.id, data: { nextReviewDue: new Date(Date.now() - 86_400_000).toISOString() } })
    await payload.db.updateOne({ collection: 'symptoms', id: dueSoon.id, data: { nextReviewDue: new Date(Date.now() + 10 * 86_400_000).toISOString() } })
    expect((await live('symptoms', overdue.id))?.reviewOverdue).toBe(true)
    expect((await live('symptoms', dueSoon.id))?.reviewOverdue).toBe(false)

    const { findDueReviews, REVIEW_SCHEDULE_QUEUE } = await import('../src/jobs/reviewNotifications')
    const due = await findDueReviews(payload)
    expect(due.overdue.map((d) => d.id)).toEqual([String(overdue.id)])
    expect(due.dueSoon.map((d) => d.id)).toEqual([String(dueSoon.id)])

    // The task is scheduled daily on its own queue; run it now.
    expect(payload.config.jobs.tasks?.find((t) => t.slug === 'reviewScheduleReport')?.schedule?.[0]).toMatchObject({ cron: '0 0 6 * * *', queue: REVIEW_SCHEDULE_QUEUE })
    await payload.jobs.queue({ task: 'reviewScheduleReport', input: {}, queue: REVIEW_SCHEDULE_QUEUE })
    await payload.jobs.run({ queue: REVIEW_SCHEDULE_QUEUE })
    const mail = await waitForMail((m) => m.subject === '[Careline] Re-review: 1 overdue, 1 due soon')
    expect(mail.to).toContain('reviewer@test.careline')
    expect(mail.to).toContain('admin@test.careline')
    expect(mail.to).not.toContain('editor@test.careline')
    expect(mail.text).toMatch(new RegExp(`Overdue for re-review \\(1\\):\\n- ${overdue.name} \\(symptoms\\)`))
    expect(mail.text).toMatch(new RegExp(`Due within 30 days \\(1\\):\\n- ${dueSoon.name} \\(symptoms\\)`))
  })
})
