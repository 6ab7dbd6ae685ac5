/**
 * The importer on a real database: the bundled document becomes exactly the linked structure
 * it describes; other documents of the same shape (Markdown, HTML, hyphens) import too;
 * importing is idempotent, detects changes, is atomic, and refuses bad input.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { DEFAULT_DEMO_PASSWORD, demoPassword, ensureDemoAccounts } from '../seed/demo'
import { importDocument, ImportInputError, MAX_DOCUMENT_BYTES } from '../src/importer'
import { createStaff, publish, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'

const root = path.resolve(import.meta.dirname, '..')
const SOURCE = path.join(root, 'seed/source/back-spine-neuropathy.txt')
const sourceBytes = fs.readFileSync(SOURCE)
const fixture = (name: string) => path.join(root, 'tests/fixtures/documents', name)

let ctx: TestPayload
let payload: Payload
let staff: Staff

beforeAll(async () => {
  ctx = await startTestPayload('importer')
  payload = ctx.payload
  staff = await createStaff(payload)
})
afterAll(async () => {
  await ctx?.stop()
})

const names = (docs: { name?: string | null }[]) => docs.map((d) => d.name).sort()
const nodeTypes = (node: any): string[] => [node.type, ...(node.children ?? []).flatMap(nodeTypes)]

describe('the bundled back and spine neuropathy document', () => {
  let report: Awaited<ReturnType<typeof importDocument>>

  beforeAll(async () => {
    report = await importDocument(payload, { fileName: SOURCE, bytes: sourceBytes })
  })

  test('becomes one condition with rich text, prognosis, specialty and provenance', async () => {
    const condition = await payload.findByID({ collection: 'conditions', id: report.condition.id, draft: true, depth: 1 })
    expect(condition.name).toBe('Back or spine neuropathy')
    expect(condition._status).toBe('draft') // imported content awaits review by default
    expect(condition.summary).toMatch(/^Neuropathic pain in the back originates from a compressed nerve/)
    const description = nodeTypes((condition.description as any).root)
    expect(description).toEqual(expect.arrayContaining(['root', 'paragraph', 'list', 'listitem', 'text']))
    expect(JSON.stringify(condition.prognosis)).toContain('chronic condition')
    expect((condition.specialties ?? []).map((s: any) => s.name)).toEqual(['Orthopedics'])
    expect(condition.provenance).toMatchObject({
      sourceName: 'back-spine-neuropathy.txt',
      checksum: report.checksum,
      section: 'What is neuropathy and chronic back pain?',
    })
    expect(report.checksum).toMatch(/^[0-9a-f]{64}$/)
    expect(new Date(condition.provenance!.importedAt!).getTime()).toBeGreaterThan(Date.now() - 60_000)
  })

  test('its three types are conditions of their own, linked as subtypes', async () => {
    const { docs } = await payload.find({ collection: 'conditions', where: { parent: { equals: report.condition.id } }, draft: true })
    expect(names(docs)).toEqual(['Cervical radiculopathy', 'Failed back surgery syndrome', 'Lumbar radiculopathy'])
    expect(docs.find((d) => d.name === 'Cervical radiculopathy')?.summary).toBe('Chronic pain radiating down the arm')
  })

  test('seven causes and five risk factors, each its own entry', async () => {
    const condition = await payload.findByID({ collection: 'conditions', id: report.condition.id, draft: true })
    expect(condition.causes?.map((c) => c.name)).toEqual(['Diabetes', 'Regional pain syndrome', 'Injury', 'Infections', 'Substance abuse', 'Exposure to toxins', 'Cancer'])
    expect(condition.riskFactors?.map((r) => [r.name, r.modifiable])).toEqual([
      ['Age', false],
      ['Weight', true],
      ['Improper lifting', true],
      ['Smoking', true],
      ['Psychological conditions', true],
    ])
    expect(condition.riskFactors?.[1].description).toBe('Being overweight puts excess stress on the back')
  })

  test('every symptom is a record, grouped as the document groups them', async () => {
    const condition = await payload.findByID({ collection: 'conditions', id: report.condition.id, draft: true, depth: 1 })
    const grouped = (group: string) => (condition.symptoms ?? []).filter((s) => s.group === group).map((s) => (s.symptom as any).name)
    expect(grouped('pain')).toEqual([
      'Cold, burning, deep pain',
      'Severe, electric, shooting, stabbing or sharp pain',
      'Persistent tingling, weakness and numbness',
      'Pain that travels from nerve path down to legs, hands or arms',
    ])
    expect(grouped('other')).toEqual([
      'Discolored skin that appears pink, red or blue',
      'Swelling',
      'Difficulty sleeping',
      'Depression',
      'Sensitivity to light touch',
      'Low sensation to differences in temperatures',
    ])
    expect(await payload.count({ collection: 'symptoms' })).toEqual({ totalDocs: 10 })
  })

  test('diagnostic steps are tests with what each detects', async () => {
    const { docs } = await payload.find({ collection: 'diagnostic-tests', draft: true, limit: 20, sort: 'name' })
    const byName = Object.fromEntries(docs.map((d) => [d.name, d]))
    expect(Object.keys(byName).sort()).toEqual(['Blood tests', 'Imaging tests', 'Medical History', 'Nerve function tests', 'Physical Exam'])
    expect(byName['Blood tests'].kind).toBe('blood-test')
    expect(byName['Blood tests'].detects).toBe('Vitamin deficiencies or abnormal immune function')
    expect(byName['Imaging tests'].kind).toBe('imaging')
    expect(byName['Imaging tests'].summary).toMatch(/CT scan or MRI/)
    expect(byName['Nerve function tests'].summary).toMatch(/electromyography/)
    expect(byName['Nerve function tests'].detects).toBe('Nerve damage')
    expect(byName['Medical History'].kind).toBe('history')
    expect(byName['Physical Exam'].kind).toBe('physical-exam')
  })

  test('treatments carry their kind and invasiveness', async () => {
    const { docs } = await payload.find({ collection: 'treatments', draft: true, limit: 20 })
    const rows = Object.fromEntries(docs.map((d) => [d.name, `${d.kind}/${d.invasiveness}`]))
    expect(rows).toEqual({
      'Pain relievers and anti-inflammatory medications': 'medication/nonsurgical',
      'Anti-seizure medications': 'medication/nonsurgical',
      'Topical treatments': 'medication/nonsurgical',
      Antidepressants: 'medication/nonsurgical',
      'TENS therapy': 'therapy/nonsurgical',
      'Plasma exchange': 'procedure/nonsurgical',
      'Physical therapy': 'therapy/nonsurgical',
      'Decompression surgery': 'surgery/surgical',
    })
    const tens = docs.find((d) => d.name === 'TENS therapy')!
    expect(tens.provenance?.section).toBe('Nonsurgical treatments for back or spine neuropathies')
  })

  test('importing the same document again changes nothing', async () => {
    const before = await payload.countVersions({ collection: 'conditions' })
    const again = await importDocument(payload, { fileName: SOURCE, bytes: sourceBytes })
    for (const counts of Object.values(again.counts)) {
      expect(counts.created + counts.updated).toBe(0)
    }
    expect(await payload.countVersions({ collection: 'conditions' })).toEqual(before)
    expect(await payload.count({ collection: 'conditions' })).toEqual({ totalDocs: 4 })
  })
})

describe('documents of the same shape in other formats', () => {
  test('Markdown with hyphens and sub-headings', async () => {
    const report = await importDocument(payload, { fileName: fixture('carpal-tunnel-syndrome.md'), bytes: fs.readFileSync(fixture('carpal-tunnel-syndrome.md')) })
    const s = report.structure
    expect(s.name).toBe('Carpal tunnel syndrome')
    expect(s.types.map((t) => t.name)).toEqual(['Idiopathic carpal tunnel syndrome', 'Pregnancy-related carpal tunnel syndrome'])
    expect(s.riskFactors.map((r) => [r.name, r.modifiable])).toEqual([['Sex', false], ['Obesity', true], ['Smoking', true]])
    expect(s.symptoms.map((x) => [x.name, x.group])).toEqual([
      ['Burning pain in the thumb and fingers', 'pain'],
      ['Aching pain that moves up the forearm', 'pain'],
      ['Numbness at night', 'other'],
      ['Weak grip', 'other'],
    ])
    expect(s.diagnosticTests.map((t) => [t.name, t.kind])).toEqual([
      ['Physical Exam', 'physical-exam'],
      ['Nerve conduction study', 'nerve-function'],
      ['Ultrasound imaging', 'imaging'],
    ])
    expect(s.treatments.find((t) => t.name === 'Carpal tunnel release')).toMatchObject({ kind: 'surgery', invasiveness: 'surgical' })
    // The "Diabetes" cause links to the condition of that name only if one exists: none here.
    const condition = await payload.findByID({ collection: 'conditions', id: report.condition.id, draft: true })
    expect(condition.causes?.map((c) => c.name)).toEqual(['Repetitive hand motions', 'Wrist fracture', 'Rheumatoid arthritis', 'Diabetes'])
  })

  test('a cause that is a condition in its own right links to it', async () => {
    const diabetes = await payload.create({ collection: 'conditions', data: { name: 'Diabetes' }, draft: true })
    const report = await importDocument(payload, { fileName: fixture('carpal-tunnel-syndrome.md'), bytes: fs.readFileSync(fixture('carpal-tunnel-syndrome.md')) })
    expect(report.counts.conditions.updated).toBe(1)
    const condition = await payload.findByID({ collection: 'conditions', id: report.condition.id, draft: true, depth: 0 })
    expect(condition.causes?.find((c) => c.name === 'Diabetes')?.condition).toBe(diabetes.id)
    expect(condition.causes?.find((c) => c.name === 'Wrist fracture')?.condition ?? null).toBeNull()
  })

  test('HTML with entities, scripts and styles', async () => {
    const report = await importDocument(payload, { fileName: fixture('sciatica.html'), bytes: fs.readFileSync(fixture('sciatica.html')) })
    const s = report.structure
    expect(s.name).toBe('Sciatica')
    expect(s.summary).toContain('lower back through the hips')
    expect(JSON.stringify(s)).not.toContain('not content')
    expect(s.causes.map((c) => [c.name, c.description])).toEqual([
      ['Herniated disc', 'The soft center of a disc presses on a nerve root'],
      ['Spinal stenosis', 'Narrowing of the spinal canal'],
      ['Diabetes', undefined],
    ])
    expect(s.specialties).toEqual(['Neurology'])
    expect(s.treatments.map((t) => t.name)).toEqual(['Muscle relaxants', 'Physical therapy', 'Decompression surgery'])
    // Symptoms are shared across conditions by slug: "Physical therapy" exists once.
    const { totalDocs } = await payload.count({ collection: 'treatments', where: { slug: { equals: 'physical-therapy' } } })
    expect(totalDocs).toBe(1)
    const condition = await payload.findByID({ collection: 'conditions', id: report.condition.id, draft: true, depth: 0 })
    expect(condition.treatments).toHaveLength(3)
  })
})

describe('changes, atomicity and bad input', () => {
  test('a changed document updates its records as new drafts; the published version stays', async () => {
    const text = sourceBytes.toString('utf8')
    const first = await importDocument(payload, { fileName: SOURCE, bytes: sourceBytes })
    await publish(payload, staff, ...first.records)
    const published = await payload.find({ collection: 'conditions', where: { slug: { equals: 'back-or-spine-neuropathy' } }, overrideAccess: false })
    expect(published.docs).toHaveLength(1)

    const changed = Buffer.from(text.replace('Smoking - smoking can keep', 'Smoking - tobacco smoke can keep').replace('  • Swelling', '  • Swelling of the ankles'))
    const report = await importDocument(payload, { fileName: SOURCE, bytes: changed })
    expect(report.counts.conditions.updated).toBe(1)
    expect(report.counts.symptoms.created).toBe(1)
    expect(report.changes.find((c) => c.collection === 'conditions')?.fields.sort()).toEqual(['riskFactors', 'symptoms'])

    const publicView = await payload.find({ collection: 'conditions', where: { slug: { equals: 'back-or-spine-neuropathy' } }, overrideAccess: false })
    expect(publicView.docs[0].riskFactors?.[3].description).toBe('Smoking can keep your body from delivering nutrients to the discs in the back.')
    const draft = await payload.findByID({ collection: 'conditions', id: report.condition.id, draft: true })
    expect(draft.riskFactors?.[3].description).toMatch(/^Tobacco smoke can keep/)
    expect(draft._status).toBe('draft')
  })

  test("an editor's draft is not overwritten by re-importing an unchanged document", async () => {
    const bytes = fs.readFileSync(fixture('sciatica.html'))
    const first = await importDocument(payload, { fileName: 'sciatica.html', bytes })
    await payload.update({ collection: 'conditions', id: first.condition.id, data: { summary: 'Edited by an editor.' }, draft: true })
    const again = await importDocument(payload, { fileName: 'sciatica.html', bytes })
    expect(again.counts.conditions.updated).toBe(0)
    const latest = await payload.findByID({ collection: 'conditions', id: first.condition.id, draft: true })
    expect(latest.summary).toBe('Edited by an editor.')
    expect(latest._status).toBe('draft')
  })

  test('a failure half-way leaves nothing of the document behind', async () => {
    const doc = fixture('carpal-tunnel-syndrome.md')
    const text = fs.readFileSync(doc, 'utf8').replaceAll('carpal tunnel', 'cubital tunnel').replaceAll('Carpal tunnel', 'Cubital tunnel')
    const before = {
      conditions: await payload.count({ collection: 'conditions' }),
      symptoms: await payload.count({ collection: 'symptoms' }),
      treatments: await payload.count({ collection: 'treatments' }),
    }
    let writes = 0
    await expect(
      importDocument(payload, {
        fileName: 'cubital.md',
        bytes: Buffer.from(text),
        beforeWrite: (collection) => {
          if (collection === 'conditions' && ++writes === 2) throw new Error('injected failure')
        },
      }),
    ).rejects.toThrow('injected failure')
    expect(await payload.count({ collection: 'conditions', where: { slug: { equals: 'cubital-tunnel-syndrome' } } })).toEqual({ totalDocs: 0 })
    expect(await payload.count({ collection: 'conditions' })).toEqual(before.conditions)
    expect(await payload.count({ collection: 'symptoms' })).toEqual(before.symptoms)
    expect(await payload.count({ collection: 'treatments' })).toEqual(before.treatments)
  })

  test.each([
    ['empty.txt', Buffer.alloc(0), /is empty/],
    ['blank.txt', Buffer.from('  \n\u00a0\n '), /has no text/],
    ['photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]), /binary|not UTF-8/],
    ['notes.txt', Buffer.from('A short note.\nNothing else here.'), /No recognisable sections/],
    ['huge.txt', Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 'a'), /limit is/],
    ['report.pdf', Buffer.from('%PDF-1.7'), /not a supported document type/],
  ])('%s is refused with a clear error and changes nothing', async (fileName, bytes, message) => {
    const before = await payload.count({ collection: 'conditions' })
    const error = await importDocument(payload, { fileName, bytes }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportInputError)
    expect((error as Error).message).toMatch(message)
    expect(await payload.count({ collection: 'conditions' })).toEqual(before)
  })
})

describe('demo accounts', () => {
  test('the password is DEMO_PASSWORD, a documented default outside production, none in production', () => {
    expect(demoPassword({ production: false, demoPassword: undefined })).toBe(DEFAULT_DEMO_PASSWORD)
    expect(demoPassword({ production: true, demoPassword: undefined })).toBeUndefined()
    expect(demoPassword({ production: true, demoPassword: 'set-by-operator' })).toBe('set-by-operator')
  })

  test('creates admin, editor and reviewer once', async () => {
    expect((await ensureDemoAccounts(payload, 'demo-password-1')).created).toBe(3)
    expect((await ensureDemoAccounts(payload, 'demo-password-1')).created).toBe(0)
    const { docs } = await payload.find({ collection: 'users', sort: 'email', where: { email: { like: '@example.com' } } })
    expect(docs.map((u) => [u.email, u.role])).toEqual([
      ['admin@example.com', 'admin'],
      ['editor@example.com', 'editor'],
      ['reviewer@example.com', 'reviewer'],
    ])
    expect((await ensureDemoAccounts(payload, undefined)).created).toBe(0)
  })
})

describe('imports from the admin (the imports collection and its job)', () => {
  let editor: { id: number | string; role: string; collection: 'users' }

  beforeAll(async () => {
    const user = await payload.create({
      collection: 'users',
      data: { email: 'upload-editor@test.careline', password: 'a-long-password-3', name: 'Uploading Editor', role: 'editor' },
    })
    editor = { ...user, collection: 'users' } as typeof editor
  })

  const upload = (name: string, data: Buffer) =>
    payload.create({
      collection: 'imports',
      data: {},
      file: { data, name, mimetype: name.endsWith('.html') ? 'text/html' : 'text/plain', size: data.length },
      user: editor as never,
      overrideAccess: false,
    })

  test('an editor uploads a document; the job imports it as drafts and records the result', async () => {
    const doc = Buffer.from(
      fs.readFileSync(fixture('sciatica.html'), 'utf8').replaceAll('sciatica', 'piriformis syndrome').replaceAll('Sciatica', 'Piriformis syndrome'),
    )
    const created = await upload('piriformis.html', doc)
    expect(created.status).toBe('queued')
    expect(created.sourceName).toBe('piriformis.html')

    await payload.jobs.run({ where: { taskSlug: { equals: 'importDocument' } } })
    const done = await payload.findByID({ collection: 'imports', id: created.id, depth: 1 })
    expect(done.status).toBe('done')
    expect(done.error ?? null).toBeNull()
    expect((done.condition as { name: string }).name).toBe('Piriformis syndrome')
    expect((done.summary as any).conditions.created).toBe(1)
    expect((done.importedBy as { email: string }).email).toBe('upload-editor@test.careline')
    const condition = await payload.findByID({ collection: 'conditions', id: (done.condition as { id: number }).id, draft: true })
    expect(condition._status).toBe('draft')
  })

  test('a bad file is refused at upload with a message, and nothing is queued', async () => {
    const before = await payload.count({ collection: 'imports' })
    const error = await upload('empty.txt', Buffer.alloc(0)).catch((e: unknown) => e as { status?: number; message: string })
    expect(error).toMatchObject({ status: 400 })
    expect((error as { message: string }).message).toMatch(/empty/)
    const binary = await upload('scan.txt', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])).catch((e: unknown) => e as { status?: number; message: string })
    expect(binary).toMatchObject({ status: 400 })
    expect(await payload.count({ collection: 'imports' })).toEqual(before)
  })

  test('a document without recognisable sections is recorded as failed with the reason', async () => {
    const created = await upload('memo.txt', Buffer.from('Staff memo\n\nPlease remember the meeting on Friday.'))
    await payload.jobs.run({ where: { taskSlug: { equals: 'importDocument' } } })
    const failed = await payload.findByID({ collection: 'imports', id: created.id })
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/No recognisable sections/)
  })

  test('editors cannot rewrite an import record', async () => {
    const { docs } = await payload.find({ collection: 'imports', limit: 1 })
    await expect(
      payload.update({ collection: 'imports', id: docs[0].id, data: { status: 'done' }, user: editor as never, overrideAccess: false }),
    ).rejects.toMatchObject({ status: 403 })
  })
})
