/**
 * Review bundles from the outside, over REST, GraphQL and the Local API: a condition submitted
 * with the drafts it links to is reviewed and published as one; each member keeps its own rules
 * (four-eyes, approval bound to its revision); publishing is all or nothing; and nothing goes
 * live while it links to a record the public cannot see ([rule: unpublished-links]). Also the
 * scheduled publish the review panel offers, and an admin import submitted as one bundle that
 * leaves a record shared with another condition as it was.
 */
import { createLocalReq, type Payload } from 'payload'

import { applyReviewTransition } from '../collections/medicalReview'
import type { ReviewAction } from '../collections/medicalReview/rules'
import type { ReviewedCollection } from '../collections/medicalReview/transition'
import type { User } from '../src/payload-types'
import { createStaff, DEFAULT_TEST_PASSWORD, publish, publishBundledDocument, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let staff: Staff
const tokens: Record<string, string> = {}

type Role = 'editor' | 'reviewer' | 'reviewer2' | 'admin'
type Channel = 'rest' | 'graphql' | 'local'
const CHANNELS: Channel[] = ['rest', 'graphql', 'local']

beforeAll(async () => {
  ctx = await startTestPayload('review-bundles')
  payload = ctx.payload
  staff = await createStaff(payload)
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false' })
  for (const role of ['editor', 'reviewer', 'reviewer2', 'admin'] as Role[]) {
    const res = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@test.careline`, password: DEFAULT_TEST_PASSWORD }),
    })
    expect(res.status).toBe(200)
    tokens[role] = ((await res.json()) as { token: string }).token
  }
}, 180_000)
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

const userOf = (who: Role): User => staff[who]
const reqAs = (who: Role) => createLocalReq({ user: { ...userOf(who), collection: 'users' } }, payload)
const rest = (method: string, url: string, who: Role, body?: unknown) =>
  fetch(`${server.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `JWT ${tokens[who]}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

interface Outcome {
  ok: boolean
  status: number
  message: string
  rule?: string
}

/** One review action on one document through one channel, as one person. */
async function act(channel: Channel, who: Role, collection: ReviewedCollection, id: number | string, action: ReviewAction, extra: { comment?: string; publishAt?: string } = {}): Promise<Outcome> {
  const outcome = (ok: boolean, status: number, message: string): Outcome => ({ ok, status, message, rule: message.match(/\[rule: ([a-z-]+)\]/)?.[1] })
  if (channel === 'rest') {
    const res = await rest('POST', `/api/${collection}/${id}/review`, who, { action, ...extra })
    const body = (await res.json()) as { errors?: { message: string }[] }
    return outcome(res.ok, res.status, body.errors?.[0]?.message ?? '')
  }
  if (channel === 'graphql') {
    const res = await rest('POST', '/api/graphql', who, {
      query: `mutation($id: String!, $action: ReviewAction!, $comment: String, $publishAt: String) {
        reviewTransition(collection: ${collection.replace('-', '_')}, id: $id, action: $action, comment: $comment, publishAt: $publishAt) { stage bundle { members { id stage } } }
      }`,
      variables: { id: String(id), action, ...extra },
    })
    const body = (await res.json()) as { errors?: { message: string; extensions?: { statusCode?: number } }[] }
    const error = body.errors?.[0]
    return outcome(!error, error?.extensions?.statusCode ?? (error ? 500 : 200), error?.message ?? '')
  }
  try {
    await applyReviewTransition({ req: await reqAs(who), collection, id, action, ...extra })
    return outcome(true, 200, '')
  } catch (error) {
    const e = error as { status?: number; message: string }
    return outcome(false, e.status ?? 500, e.message)
  }
}

const expectOk = (outcome: Outcome) => expect(`${outcome.status} ${outcome.message}`).toBe('200 ')

let counter = 0
const unique = (name: string) => `${name} ${++counter} ${Math.random().toString(36).slice(2, 7)}`

const draftOf = async (collection: 'symptoms' | 'treatments' | 'conditions', data: Record<string, unknown>) =>
  payload.create({ collection, data: data as never, draft: true, user: staff.editor, overrideAccess: false }) as Promise<{ id: number }>

/** A draft condition linking a draft symptom, a draft treatment and one live symptom, with a draft subtype. */
async function conditionWithDrafts() {
  const liveSymptom = await draftOf('symptoms', { name: unique('Live symptom'), category: 'pain' })
  await publish(payload, staff, { collection: 'symptoms', id: liveSymptom.id })
  const symptom = await draftOf('symptoms', { name: unique('New symptom'), category: 'sensory' })
  const treatment = await draftOf('treatments', { name: unique('New treatment'), kind: 'therapy', invasiveness: 'nonsurgical' })
  const condition = await draftOf('conditions', {
    name: unique('Bundled condition'),
    summary: 'A condition reviewed with what it links to.',
    symptoms: [
      { symptom: symptom.id, group: 'pain' },
      { symptom: liveSymptom.id, group: 'other' },
    ],
    treatments: [treatment.id],
  })
  const subtype = await draftOf('conditions', { name: unique('Bundled subtype'), parent: condition.id })
  const members = [
    { collection: 'symptoms' as const, id: symptom.id },
    { collection: 'treatments' as const, id: treatment.id },
    { collection: 'conditions' as const, id: subtype.id },
  ]
  return { condition, liveSymptom, symptom, treatment, subtype, members }
}

const latest = (collection: ReviewedCollection, id: number | string) => payload.findByID({ collection, id, draft: true, depth: 0 }) as Promise<Record<string, any>>
const isLive = async (collection: ReviewedCollection, id: number | string) =>
  (await payload.find({ collection, where: { id: { equals: id } }, overrideAccess: false, depth: 0 })).totalDocs === 1
const stagesOf = (records: { collection: ReviewedCollection; id: number | string }[]) => Promise.all(records.map(async (r) => (await latest(r.collection, r.id)).reviewStage))

describe.each(CHANNELS)('review bundles over %s', (channel) => {
  test('submit, request changes, resubmit, approve and publish once for the whole bundle', async () => {
    const { condition, liveSymptom, members } = await conditionWithDrafts()
    const status = (await (await rest('GET', `/api/conditions/${condition.id}/review`, 'editor')).json()) as { bundle: { submitted: boolean; members: { id: number }[] } }
    expect(status.bundle.submitted).toBe(false)
    expect(status.bundle.members.map((m) => m.id).sort()).toEqual(members.map((m) => m.id).sort()) // the live symptom is not a member

    expectOk(await act(channel, 'editor', 'conditions', condition.id, 'submit'))
    expect(await stagesOf(members)).toEqual(['in_review', 'in_review', 'in_review'])
    expect((await latest('symptoms', liveSymptom.id)).reviewStage).toBe('published')

    expectOk(await act(channel, 'reviewer', 'conditions', condition.id, 'request_changes', { comment: 'Name the nerve.' }))
    expect(await stagesOf([{ collection: 'conditions', id: condition.id }, ...members])).toEqual(['changes_requested', 'changes_requested', 'changes_requested', 'changes_requested'])

    await payload.update({ collection: 'conditions', id: condition.id, data: { summary: 'Names the nerve now.' }, draft: true, user: staff.editor, overrideAccess: false })
    expectOk(await act(channel, 'editor', 'conditions', condition.id, 'submit'))
    expectOk(await act(channel, 'reviewer', 'conditions', condition.id, 'approve'))
    expect(await stagesOf(members)).toEqual(['approved', 'approved', 'approved'])
    for (const member of members) expect(await isLive(member.collection, member.id)).toBe(false)

    expectOk(await act(channel, 'reviewer', 'conditions', condition.id, 'publish'))
    expect(await isLive('conditions', condition.id)).toBe(true)
    for (const member of members) expect(await isLive(member.collection, member.id)).toBe(true)
    // Each member has its own audit trail, naming the reviewer.
    const events = await payload.find({ collection: 'review-events', where: { and: [{ documentCollection: { equals: 'symptoms' } }, { documentId: { equals: String(members[0].id) } }] }, depth: 0, limit: 20 })
    expect(events.docs.map((e) => e.action).sort()).toEqual(['approve', 'publish', 'request_changes', 'submit', 'submit'].sort())
  })

  test('four-eyes holds per member: a reviewer who edited a member cannot approve the bundle, and nothing changes', async () => {
    const { condition, members } = await conditionWithDrafts()
    expectOk(await act(channel, 'editor', 'conditions', condition.id, 'submit'))
    await payload.update({ collection: 'symptoms', id: members[0].id, data: { summary: 'Edited by the reviewer.' }, draft: true, user: staff.reviewer, overrideAccess: false })
    const refused = await act(channel, 'reviewer', 'conditions', condition.id, 'approve')
    expect(refused.status).toBe(403)
    expect(refused.rule).toBe('four-eyes')
    expect(refused.message).toContain('In this review bundle')
    expect(await stagesOf([{ collection: 'conditions', id: condition.id }, ...members])).toEqual(['in_review', 'in_review', 'in_review', 'in_review'])
    expectOk(await act(channel, 'reviewer2', 'conditions', condition.id, 'approve'))
  })

  test('publishing is all or nothing: a member changed after approval keeps the whole bundle off the public API', async () => {
    const { condition, members } = await conditionWithDrafts()
    expectOk(await act(channel, 'editor', 'conditions', condition.id, 'submit'))
    expectOk(await act(channel, 'reviewer', 'conditions', condition.id, 'approve'))
    await payload.update({ collection: 'treatments', id: members[1].id, data: { summary: 'Changed after the approval.' }, draft: true, user: staff.editor, overrideAccess: false })
    const refused = await act(channel, 'reviewer', 'conditions', condition.id, 'publish')
    // The edit sent the treatment back for review: it is no longer approved.
    expect(refused.status).toBe(409)
    expect(refused.rule).toBe('stage')
    expect(refused.message).toMatch(/^In this review bundle, .*\(treatments \w+\)/)
    expect(await isLive('conditions', condition.id)).toBe(false)
    for (const member of members) expect(await isLive(member.collection, member.id)).toBe(false)
  })

  test('a document is not published while it links to a withdrawn record: [rule: unpublished-links]', async () => {
    const { condition, liveSymptom } = await conditionWithDrafts()
    expectOk(await act(channel, 'editor', 'conditions', condition.id, 'submit'))
    expectOk(await act(channel, 'reviewer', 'conditions', condition.id, 'approve'))
    // The live symptom it links to is withdrawn after the approval.
    expectOk(await act('local', 'reviewer2', 'symptoms', liveSymptom.id, 'unpublish'))
    const refused = await act(channel, 'reviewer', 'conditions', condition.id, 'publish')
    expect(refused.status).toBe(409)
    expect(refused.rule).toBe('unpublished-links')
    expect(refused.message).toContain((await latest('symptoms', liveSymptom.id)).name)
    expect(await isLive('conditions', condition.id)).toBe(false)
  })
})

describe('every other way to publish holds the same rules', () => {
  test("Payload's own publish (PATCH with _status: published) publishes the bundle, or refuses an unpublished link", async () => {
    const { condition, liveSymptom, members } = await conditionWithDrafts()
    expectOk(await act('local', 'editor', 'conditions', condition.id, 'submit'))
    expectOk(await act('local', 'reviewer', 'conditions', condition.id, 'approve'))
    expectOk(await act('local', 'reviewer2', 'symptoms', liveSymptom.id, 'unpublish'))
    const refused = await rest('PATCH', `/api/conditions/${condition.id}`, 'reviewer', { _status: 'published' })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(/\[rule: unpublished-links\]/)

    // The editor removes the withdrawn link; the bundle goes back for review, and then Payload's
    // own publish takes the whole bundle live.
    const current = await latest('conditions', condition.id)
    await payload.update({
      collection: 'conditions',
      id: condition.id,
      data: { symptoms: current.symptoms.filter((row: { symptom: number }) => row.symptom !== liveSymptom.id) },
      draft: true,
      user: staff.editor,
      overrideAccess: false,
    })
    expect((await latest('conditions', condition.id)).reviewStage).toBe('in_review')
    expectOk(await act('local', 'reviewer', 'conditions', condition.id, 'approve'))
    const published = await rest('PATCH', `/api/conditions/${condition.id}`, 'reviewer', { _status: 'published' })
    expect(published.status).toBe(200)
    for (const member of members) expect(await isLive(member.collection, member.id)).toBe(true)
  })

  test('a submission naming an archived record is refused before anything is submitted', async () => {
    const archived = await draftOf('symptoms', { name: unique('Archived symptom'), category: 'pain' })
    expectOk(await act('local', 'reviewer', 'symptoms', archived.id, 'archive'))
    const condition = await draftOf('conditions', { name: unique('Links an archived record'), symptoms: [{ symptom: archived.id, group: 'pain' }] })
    const refused = await act('rest', 'editor', 'conditions', condition.id, 'submit')
    expect(refused.status).toBe(409)
    expect(refused.rule).toBe('unpublished-links')
    expect((await latest('conditions', condition.id)).reviewStage).toBe('draft')
  })

  test('a scheduled publish is checked now and publishes the whole bundle when it fires', async () => {
    const { condition, members } = await conditionWithDrafts()
    expectOk(await act('rest', 'editor', 'conditions', condition.id, 'submit'))
    const early = await act('rest', 'reviewer', 'conditions', condition.id, 'publish', { publishAt: new Date(Date.now() + 3_600_000).toISOString() })
    expect(early.status).toBe(409) // not approved yet: refused now, not when it fires
    expect(early.rule).toBe('stage')
    expectOk(await act('rest', 'reviewer', 'conditions', condition.id, 'approve'))
    for (const publishAt of ['not a date', new Date(Date.now() - 60_000).toISOString()]) {
      const bad = await act('rest', 'reviewer', 'conditions', condition.id, 'publish', { publishAt })
      expect(bad.status).toBe(400)
      expect(bad.message).toMatch(/publishAt/)
    }
    expectOk(await act('graphql', 'reviewer', 'conditions', condition.id, 'publish', { publishAt: new Date(Date.now() + 3_600_000).toISOString() }))
    expect(await isLive('conditions', condition.id)).toBe(false)
    // The job is due in an hour; run it as if the hour had passed.
    const queued = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'schedulePublish' } }, depth: 0, limit: 10 })
    const job = queued.docs.find((doc) => String((doc.input as { doc?: { value?: unknown } }).doc?.value) === String(condition.id))
    expect(job).toBeDefined()
    await payload.update({ collection: 'payload-jobs', id: job!.id, data: { waitUntil: new Date(Date.now() - 1000).toISOString() } })
    await payload.jobs.run({ where: { id: { equals: job!.id } }, limit: 1 })
    expect(await isLive('conditions', condition.id)).toBe(true)
    for (const member of members) expect(await isLive(member.collection, member.id)).toBe(true)
  })
})

describe('an import in the admin is one bundle for a reviewer, and never rewrites a shared record', () => {
  test('uploaded by an editor: submitted as the editor, the bundle waits for review, a shared test keeps its text', async () => {
    const report = await publishBundledDocument(payload, staff)
    const physicalExam = report.records.find((r) => r.collection === 'diagnostic-tests' && r.slug === 'physical-exam')
    expect(physicalExam).toBeDefined()
    const before = await latest('diagnostic-tests', physicalExam!.id)

    const document = [
      '# Achilles tendinitis',
      '',
      'Achilles tendinitis is irritation of the tendon at the back of the ankle.',
      '',
      '## Symptoms of Achilles tendinitis',
      '- Heel pain that gets worse with activity',
      '',
      '## Diagnosis of Achilles tendinitis',
      '- Physical exam – The doctor presses on the tendon to find the sore spot.',
      '',
      '## Nonsurgical treatment for Achilles tendinitis',
      '- Rest – Time off running lets the tendon heal.',
    ].join('\n')
    const upload = await payload.create({
      collection: 'imports',
      data: {},
      file: { data: Buffer.from(document), name: 'achilles.md', mimetype: 'text/markdown', size: Buffer.byteLength(document) },
      user: staff.editor,
      overrideAccess: false,
    })
    await payload.jobs.run({ where: { taskSlug: { equals: 'importDocument' } }, limit: 5 })
    const done = await payload.findByID({ collection: 'imports', id: upload.id, depth: 0 })
    expect(`${done.status} ${done.error ?? ''}`).toBe('done ')

    // The shared test was linked, not rewritten; the document's wording waits on the import.
    const after = await latest('diagnostic-tests', physicalExam!.id)
    expect(after.summary).toBe(before.summary)
    expect(after.revision).toBe(before.revision)
    const kept = (done.changes as { collection: string; slug: string; outcome: string; proposed?: Record<string, unknown> }[]).find((c) => c.slug === 'physical-exam')
    expect(kept?.outcome).toBe('kept')
    expect(String(kept?.proposed?.summary)).toContain('presses on the tendon')

    // Submitted as the editor who uploaded it, with its new records, as one bundle in the pool.
    const conditionId = done.condition as number
    const answer = await rest('GET', `/api/conditions/${conditionId}/review`, 'reviewer')
    const text = await answer.text()
    // The whole answer on failure, not only the missing field (a CI run once got no stage here).
    expect({ status: answer.status, text: answer.ok ? '' : text }).toEqual({ status: 200, text: '' })
    const status = JSON.parse(text) as {
      stage: string
      allowedActions: string[]
      bundle: { members: { collection: string; stage: string }[] }
    }
    expect(status.stage).toBe('in_review')
    expect(status.allowedActions).toContain('approve')
    expect(status.bundle.members.length).toBeGreaterThanOrEqual(2)
    expect(status.bundle.members.every((m) => m.stage === 'in_review')).toBe(true)
    const events = await payload.find({ collection: 'review-events', where: { and: [{ documentCollection: { equals: 'conditions' } }, { documentId: { equals: String(conditionId) } }, { action: { equals: 'submit' } }] }, depth: 0 })
    expect(events.docs.map((e) => e.actor)).toEqual([staff.editor.id])
    expect((await latest('conditions', conditionId)).contributors).toEqual([staff.editor.id])

    // The editor who imported it cannot sign it off; a reviewer can, once.
    const notTheirs = await act('local', 'editor', 'conditions', conditionId, 'approve')
    expect(notTheirs.rule).toBe('reviewer-role')
    expectOk(await act('rest', 'reviewer', 'conditions', conditionId, 'approve'))
    expectOk(await act('rest', 'reviewer', 'conditions', conditionId, 'publish'))
    const page = (await (await fetch(`${server.url}/api/conditions/page/achilles-tendinitis`)).json()) as { diagnosticTests?: { slug: string }[] }
    expect(JSON.stringify(page)).toContain('physical-exam')
  })

  test('uploaded by a reviewer: the work is theirs, so they cannot approve or publish it (four-eyes)', async () => {
    const document = [
      '# Trigger finger',
      '',
      'Trigger finger makes a finger catch when it bends.',
      '',
      '## Symptoms of trigger finger',
      '- A finger that locks when bent',
      '',
      '## Nonsurgical treatment for trigger finger',
      '- Splinting – A splint keeps the finger straight at night.',
    ].join('\n')
    const upload = await payload.create({
      collection: 'imports',
      data: {},
      file: { data: Buffer.from(document), name: 'trigger-finger.md', mimetype: 'text/markdown', size: Buffer.byteLength(document) },
      user: staff.reviewer,
      overrideAccess: false,
    })
    await payload.jobs.run({ where: { taskSlug: { equals: 'importDocument' } }, limit: 5 })
    const done = await payload.findByID({ collection: 'imports', id: upload.id, depth: 0 })
    expect(`${done.status} ${done.error ?? ''}`).toBe('done ')
    const conditionId = done.condition as number
    expect((await latest('conditions', conditionId)).contributors).toEqual([staff.reviewer.id])
    for (const channel of CHANNELS) {
      const refused = await act(channel, 'reviewer', 'conditions', conditionId, 'approve')
      expect(refused.rule).toBe('four-eyes')
    }
    expectOk(await act('rest', 'reviewer2', 'conditions', conditionId, 'approve'))
    const publishedBy = await act('rest', 'reviewer', 'conditions', conditionId, 'publish')
    expect(publishedBy.rule).toBe('four-eyes')
    expect(await isLive('conditions', conditionId)).toBe(false)
  })
})
