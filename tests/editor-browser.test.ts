/**
 * An editor's whole task in a real browser (Debian's Chromium, driven by Playwright) against the
 * production server with the built admin, the way a person does it: a new condition written from
 * scratch (rich text typed into Lexical, existing symptoms and a treatment picked by typing, a new
 * symptom created from the relationship drawer), submitted with its review bundle, sent back by a
 * reviewer, fixed, approved and published; then the public API and site show it with everything
 * it links to. And a document import uploaded in the admin: its result tables, the reviewer's
 * dashboard, and a shared record whose reviewed text the import leaves as it is.
 *
 * Any console error, page error, failed request or response with status >= 400 fails the test
 * unless it is listed in ALLOWED with the reason. Screenshots of each step are saved in
 * test-artifacts/editor-browser/.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { createStaff, DEFAULT_TEST_PASSWORD, publishBundledDocument, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { launchChromium, passDocumentLock as passDocumentLockIn, startProductionServer } from './helpers/browser'
import { ROOT, type RunningServer } from './helpers/server'

const ARTIFACTS = path.join(ROOT, 'test-artifacts/editor-browser')
const FIXTURES = path.join(ROOT, 'tests/fixtures/documents')

const CONDITION = 'Peroneal nerve entrapment'
const NEW_SYMPTOM = 'Foot drop when walking'
const EXISTING_SYMPTOMS = ['Persistent tingling, weakness and numbness', 'Swelling'] as const
const EXISTING_TREATMENT = 'Anti-seizure medications'

/**
 * Problems the browser may report that are not failures, each with the reason. Matched against
 * "<kind> <text>" (kinds: console, pageerror, requestfailed, response).
 */
const ALLOWED: { pattern: RegExp; reason: string }[] = [
  {
    pattern: /^requestfailed GET \S+[?&]_rsc=\S+ net::ERR_ABORTED$/,
    reason: "Next.js cancels a route's React Server Component fetch (prefetch or navigation) when the user navigates on before it finishes.",
  },
  {
    pattern: /^requestfailed POST \S+\/admin\/collections\/[\w-]+\/(create|\w+) net::ERR_ABORTED$/,
    reason: "Payload's form-state server function (a POST to the page's own URL) runs on every change; the admin aborts the previous call when a newer one starts.",
  },
  {
    pattern: /^requestfailed GET \S+\/api\/[\w-]+\/\w+\/review net::ERR_ABORTED$/,
    reason: "The review panel reloads its status after each save and action; leaving the document cancels a reload still on its way.",
  },
  {
    pattern: /^requestfailed POST \S+\/api\/[\w-]+ net::ERR_ABORTED$/,
    reason: "The admin's relationship pickers read their options as a POST with a method override (GET); leaving the field or the page cancels a read still on its way, as with the GETs below.",
  },
  {
    pattern: /^requestfailed GET \S+\/_next\/static\/\S+ net::ERR_ABORTED$/,
    reason: 'A static asset of the page being left (e.g. the favicon) is cancelled by the navigation that leaves it.',
  },
  {
    pattern: /^requestfailed GET \S+\/api\/payload-preferences\/[\w-]+ net::ERR_ABORTED$/,
    reason: "The admin's preference read (e.g. the locale) is aborted when the page it was made for is left.",
  },
  {
    pattern: /^requestfailed GET \S+\/api\/[\w-]+\?\S* net::ERR_ABORTED$/,
    reason:
      "A list read of a page being left (the review dashboard's sections, a picker's options) is cancelled by the navigation; Chromium reports ERR_ABORTED only for a request the page itself gave up, never for a server failure (that is a response >= 400 or a reset).",
  },
]

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let browser: Browser
let staff: Staff
const screenshots: string[] = []
const problems: string[] = []
/** What the test saw that is worth a look but not a failure; printed at the end. */
const notes: string[] = []
const contexts: BrowserContext[] = []

beforeAll(async () => {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true })
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  ctx = await startTestPayload('editor-browser')
  payload = ctx.payload
  staff = await createStaff(payload)
  await publishBundledDocument(payload, staff)
  server = await startProductionServer(ctx.database.uri)
  browser = await launchChromium()
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await ctx?.stop()
  if (notes.length) console.log(`Notes:\n${notes.map((n) => `  ${n}`).join('\n')}`)
  if (screenshots.length) console.log(`Screenshots:\n${screenshots.map((s) => `  ${path.relative(ROOT, s)}`).join('\n')}`)
})
beforeEach(() => {
  problems.length = 0
  deferred.length = 0
})
// Closed after each test, so nothing a page still does afterwards is counted against the next.
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()))
})

/** Records what the browser reports as going wrong, for `expectNoProblems`. */
function watch(context: BrowserContext, who: string) {
  context.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${who}: console ${message.text()} (at ${message.location().url})`)
  })
  context.on('weberror', (error) => problems.push(`${who}: pageerror ${error.error().message}`))
  context.on('requestfailed', (request) => {
    problems.push(`${who}: requestfailed ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`)
  })
  context.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${who}: response ${response.status()} ${response.request().method()} ${response.url()}`)
  })
}

function expectNoProblems() {
  const unexpected = problems.filter((p) => !ALLOWED.some((a) => a.pattern.test(p.replace(/^[^:]+: /, ''))))
  expect({ 'failed checks': deferred, 'browser problems': unexpected }).toEqual({ 'failed checks': [], 'browser problems': [] })
}

async function signIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  contexts.push(context)
  watch(context, email.split('@')[0])
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  await page.goto(`${server.url}/admin/login`)
  await page.fill('#field-email', email)
  await page.fill('#field-password', DEFAULT_TEST_PASSWORD)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
  return page
}

async function shot(page: Page, name: string) {
  const file = path.join(ARTIFACTS, `${String(screenshots.length + 1).padStart(2, '0')}-${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  screenshots.push(file)
}

/** Runs `step`; on failure saves a screenshot named after it and rethrows. */
async function step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    const file = path.join(ARTIFACTS, `failed-${name}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
    ;(error as Error).message = `[step: ${name}; screenshot ${path.relative(ROOT, file)}]\n${(error as Error).message}`
    throw error
  }
}

/**
 * Checks of the review panel's bundle list, which is still being built: a failure is recorded
 * (with a screenshot) and the task carries on, so one run shows every step; the test fails at
 * its end if any of them did.
 */
const deferred: string[] = []
async function checkLater(page: Page, name: string, run: () => Promise<void>) {
  try {
    await step(page, name, run)
  } catch (error) {
    deferred.push((error as Error).message.split('\n').slice(0, 6).join('\n'))
  }
}

const stageOf = (page: Page) => page.textContent('[data-testid="review-stage"]')

async function expectStage(page: Page, label: string) {
  await page.waitForFunction((text) => document.querySelector('[data-testid="review-stage"]')?.textContent?.startsWith(text), label)
  expect(await stageOf(page)).toContain(label)
}

async function passDocumentLock(page: Page) {
  if (await passDocumentLockIn(page)) notes.push('Payload showed the "document locked" dialog; the reviewer chose the read-only view.')
}

async function act(page: Page, collection: string, id: number | string, action: string) {
  await passDocumentLock(page)
  const done = page.waitForResponse((r) => r.url().endsWith(`/api/${collection}/${id}/review`) && r.request().method() === 'POST')
  await page.click(`#review-action-${action}`)
  const response = await done
  expect(`${action}: ${response.status()} ${response.status() === 200 ? '' : await response.text()}`).toBe(`${action}: 200 `)
}

/** The review status as the signed-in user's browser reads it. */
const reviewStatusIn = (page: Page, collection: string, id: number | string) =>
  page.evaluate(async (url) => (await fetch(url, { credentials: 'include' })).json(), `/api/${collection}/${id}/review`) as Promise<Record<string, any>>

/** Types into a react-select (a relationship or select field) inside `scope` and picks the option. */
async function pick(page: Page, scope: string, typed: string, option: string | RegExp) {
  const field = page.locator(scope)
  await field.locator('.rs__input').first().click()
  await field.locator('.rs__input').first().pressSequentially(typed, { delay: 30 })
  const choice = field.locator('.rs__option', { hasText: option }).first()
  await choice.waitFor()
  await choice.click()
  await field.locator('.rs__menu').waitFor({ state: 'detached' }).catch(() => undefined)
}

const rowField = (row: number, name: string) => `#field-symptoms__${row}__${name}`

async function addSymptomRow(page: Page, row: number) {
  await page.waitForLoadState('networkidle')
  await page.locator('#field-symptoms').getByRole('button', { name: /Add Symptom/i }).click()
  await page.locator(rowField(row, 'symptom')).waitFor()
}

const idByName = async (collection: 'symptoms' | 'treatments' | 'diagnostic-tests' | 'conditions', name: string) => {
  const { docs } = await payload.find({ collection, where: { name: { equals: name } }, draft: true, depth: 0, limit: 2 })
  expect(docs.map((d) => (d as { name: string }).name)).toEqual([name])
  return docs[0].id
}

test('an editor writes a new condition, links and creates records, and takes it through review to the public site', async () => {
  const existingSymptomIds = await Promise.all(EXISTING_SYMPTOMS.map((name) => idByName('symptoms', name)))
  const treatmentId = await idByName('treatments', EXISTING_TREATMENT)
  const firstSummary = 'Pressure on the peroneal nerve at the knee causes weakness lifting the foot.'
  const fixedSummary = 'Pressure on the peroneal nerve at the outside of the knee weakens lifting the foot; see a clinician if it lasts more than a few days.'

  // 1. The editor writes a new condition from scratch.
  const editor = await signIn('editor@test.careline')
  await step(editor, 'new-condition', async () => {
    await editor.goto(`${server.url}/admin/collections/conditions/create`)
    // Three symptom rows first. The admin renders a new row's fields through a form-state request,
    // and a request for earlier typing, debounced and sent late on a busy machine, supersedes it
    // and leaves the row a skeleton; rows added before any typing have nothing to race with.
    for (const row of [0, 1, 2]) await addSymptomRow(editor, row)
    await editor.fill('#field-name', CONDITION)
    await editor.fill('#field-summary', firstSummary)
    const description = editor.locator('.rich-text-lexical').first().locator('[contenteditable="true"]')
    await description.click()
    await editor.keyboard.type('The peroneal nerve wraps around the top of the shin bone, just under the skin.')
    await editor.keyboard.press('Enter')
    await editor.keyboard.type('Crossing the legs or a tight cast can press on it.')
    await editor.keyboard.press('Enter')
    await editor.keyboard.type('- ')
    await editor.keyboard.type('Avoid crossing your legs')
    await editor.keyboard.press('Enter')
    await editor.keyboard.type('Loosen tight casts or braces')
    await editor.locator('.rich-text-lexical').first().locator('ul li', { hasText: 'Loosen tight casts' }).waitFor()
  })
  await shot(editor, 'editor-typed-description')

  // 2. Two existing symptoms and a treatment, picked by typing part of the name.
  await step(editor, 'pick-existing', async () => {
    await pick(editor, rowField(0, 'symptom'), 'tingl', EXISTING_SYMPTOMS[0])
    await pick(editor, rowField(0, 'group'), 'Sens', 'Sensory changes')
    await pick(editor, rowField(1, 'symptom'), 'Swell', EXISTING_SYMPTOMS[1])
    await pick(editor, '#field-treatments', 'Anti-sei', EXISTING_TREATMENT)
  })
  await shot(editor, 'editor-picked-existing')

  // 3. A symptom that does not exist yet, created in the relationship's drawer.
  const newSymptomId = await step(editor, 'new-symptom-drawer', async () => {
    await editor.locator(rowField(2, 'symptom')).locator('.relationship-add-new__add-button').click()
    const drawer = editor.locator('[id^="doc-drawer"]').last()
    await drawer.locator('#field-name').waitFor()
    await drawer.locator('#field-name').fill(NEW_SYMPTOM)
    await drawer.locator('#field-summary').fill('Trouble lifting the front of the foot, so the toes drag.')
    await shot(editor, 'editor-symptom-drawer')
    const created = editor.waitForResponse((r) => /\/api\/symptoms(\?|$)/.test(r.url()) && r.request().method() === 'POST')
    await drawer.locator('#action-save-draft').click()
    const response = await created
    expect(response.status()).toBe(201)
    const id = ((await response.json()) as { doc: { id: number } }).doc.id
    // The drawer hands the new record to the row's relationship field.
    await editor.locator(rowField(2, 'symptom')).locator('.rs__single-value, .relationship--single-value', { hasText: NEW_SYMPTOM }).first().waitFor()
    // Close the drawer if it stays open after saving.
    if (await drawer.isVisible()) {
      await drawer.locator('button[aria-label="Close"], .doc-drawer__header-close').first().click()
      await drawer.waitFor({ state: 'hidden' })
    }
    return id
  })
  await shot(editor, 'editor-created-symptom')

  // 4. The draft saved, then submitted with its bundle to a chosen reviewer.
  const conditionId = await step(editor, 'save-draft', async () => {
    const saved = editor.waitForResponse((r) => /\/api\/conditions(\?|$)/.test(r.url()) && r.request().method() === 'POST')
    await editor.click('#action-save-draft')
    const response = await saved
    expect(`${response.status()} ${response.status() === 201 ? '' : await response.text()}`).toBe('201 ')
    const id = ((await response.json()) as { doc: { id: number } }).doc.id
    await editor.waitForURL((url) => url.pathname.endsWith(`/conditions/${id}`))
    await editor.waitForSelector('[data-testid="review-stage"]')
    return id
  })
  expect(await editor.locator('#action-save').count()).toBe(0) // no Publish button: the review panel publishes
  const draft = (await payload.findByID({ collection: 'conditions', id: conditionId, draft: true, depth: 0 })) as Record<string, any>
  expect(draft.name).toBe(CONDITION)
  expect(draft.summary).toBe(firstSummary)
  expect(draft.symptoms.map((row: any) => [row.symptom, row.group])).toEqual([
    [existingSymptomIds[0], 'sensory'],
    [existingSymptomIds[1], 'other'],
    [newSymptomId, 'other'],
  ])
  expect(draft.treatments).toEqual([treatmentId])
  expect(draft.description.root.children.map((n: any) => n.type)).toEqual(['paragraph', 'paragraph', 'list'])
  expect(draft.description.root.children[2].children.map((li: any) => li.children.map((t: any) => t.text).join(''))).toEqual([
    'Avoid crossing your legs',
    'Loosen tight casts or braces',
  ])
  const slug = draft.slug as string
  expect(slug).toBe('peroneal-nerve-entrapment')

  await step(editor, 'submit', async () => {
    await expectStage(editor, 'Draft')
    await editor.selectOption('[data-testid="review-reviewer"]', String(staff.reviewer.id))
    await act(editor, 'conditions', conditionId, 'submit')
    await expectStage(editor, 'In review')
  })
  // The bundle: the new (draft) symptom goes with the condition; published linked records do not.
  const submitted = await reviewStatusIn(editor, 'conditions', conditionId)
  expect(submitted.bundle?.submitted).toBe(true)
  // (Ids compared as text: the endpoint gives member ids as strings, documents as numbers on SQLite.)
  const members = ((submitted.bundle?.members ?? []) as { collection: string; id: number | string; title: string; stage: string }[]).map((m) => ({ ...m, id: String(m.id) }))
  expect(members).toContainEqual(expect.objectContaining({ collection: 'symptoms', id: String(newSymptomId), title: NEW_SYMPTOM, stage: 'in_review' }))
  for (const id of existingSymptomIds) expect(members).not.toContainEqual(expect.objectContaining({ collection: 'symptoms', id: String(id) }))
  expect(members).not.toContainEqual(expect.objectContaining({ collection: 'treatments', id: String(treatmentId) }))
  await checkLater(editor, 'bundle-panel', async () => {
    await editor.waitForSelector('[data-testid="review-bundle"]', { timeout: 10_000 })
    const listed = await editor.locator('[data-testid="review-bundle-member"]').allTextContents()
    expect(listed.join(' | ')).toContain(NEW_SYMPTOM)
    for (const name of [...EXISTING_SYMPTOMS, EXISTING_TREATMENT]) expect(listed.join(' | ')).not.toContain(name)
  })
  await shot(editor, 'editor-submitted-bundle')

  // 5. The reviewer finds it on the dashboard and requests changes.
  const reviewer = await signIn('reviewer@test.careline')
  await step(reviewer, 'dashboard', async () => {
    await reviewer.goto(`${server.url}/admin`)
    const dashboard = reviewer.locator('[data-testid="review-dashboard"]')
    await dashboard.waitFor()
    await shot(reviewer, 'reviewer-dashboard')
    await dashboard.getByRole('link', { name: CONDITION }).click()
    await reviewer.waitForURL((url) => url.pathname.endsWith(`/conditions/${conditionId}`))
    await expectStage(reviewer, 'In review')
  })
  await step(reviewer, 'request-changes', async () => {
    await reviewer.fill('[data-testid="review-comment"]', 'Say when to see a clinician.')
    await act(reviewer, 'conditions', conditionId, 'request_changes')
    await expectStage(reviewer, 'Changes requested')
    expect(await reviewer.textContent('[data-testid="review-history"]')).toContain('Say when to see a clinician.')
  })
  await shot(reviewer, 'reviewer-requested-changes')
  const sentBack = await reviewStatusIn(reviewer, 'conditions', conditionId)
  expect((sentBack.bundle?.members ?? []).map((m: any) => `${m.collection}/${m.id}/${m.stage}`)).toContain(`symptoms/${newSymptomId}/changes_requested`)

  // 6. The editor sees the request, fixes the summary and resubmits.
  await step(editor, 'fix-and-resubmit', async () => {
    await editor.goto(`${server.url}/admin`)
    await editor.locator('[data-testid="review-dashboard"]').getByRole('link', { name: CONDITION }).click()
    await editor.waitForURL((url) => url.pathname.endsWith(`/conditions/${conditionId}`))
    await expectStage(editor, 'Changes requested')
    expect(await editor.textContent('[data-testid="review-history"]')).toContain('Say when to see a clinician.')
    await editor.fill('#field-summary', fixedSummary)
    const saved = editor.waitForResponse((r) => r.url().includes(`/api/conditions/${conditionId}`) && r.request().method() === 'PATCH')
    await editor.click('#action-save-draft')
    expect((await saved).status()).toBe(200)
    await editor.waitForSelector('#review-action-submit:not([disabled])')
    await act(editor, 'conditions', conditionId, 'submit')
    await expectStage(editor, 'In review')
  })
  await shot(editor, 'editor-resubmitted')
  // The resubmission went back to the reviewer it was with.
  expect(await editor.locator('.review-panel dd').nth(1).textContent({ timeout: 5_000 })).toContain('Dr. Rita Reviewer')
  // Done with it: the editor moves on, which releases Payload's edit lock on the document.
  await editor.goto(`${server.url}/admin`)
  await editor.locator('[data-testid="review-dashboard"]').waitFor()

  // Nothing of it is public yet.
  expect((await fetch(`${server.url}/api/conditions/page/${slug}`)).status).toBe(404)
  expect((await fetch(`${server.url}/api/symptoms/${newSymptomId}`)).status).not.toBe(200)

  // 7. The reviewer approves and publishes: the condition and its bundle.
  await step(reviewer, 'approve-publish', async () => {
    await reviewer.goto(`${server.url}/admin/collections/conditions/${conditionId}`)
    await expectStage(reviewer, 'In review')
    // One way to publish: the review panel (Payload's own Publish button is for no one).
    await checkLater(reviewer, 'no-payload-publish-button', async () => expect(await reviewer.locator('#action-save').count()).toBe(0))
    await act(reviewer, 'conditions', conditionId, 'approve')
    await expectStage(reviewer, 'Approved')
    await shot(reviewer, 'reviewer-approved')
    await act(reviewer, 'conditions', conditionId, 'publish')
    await expectStage(reviewer, 'Published')
  })
  // Payload's own status line (above the form) agrees with the panel's stage, before and after a reload.
  await checkLater(reviewer, 'payload-status-after-publishing', async () => {
    await reviewer.waitForFunction(() => document.querySelector('.status__value')?.textContent === 'Published').catch(() => undefined)
    expect(await reviewer.locator('.status__value').first().textContent()).toBe('Published')
  })
  await shot(reviewer, 'reviewer-published')
  await reviewer.reload()
  await expectStage(reviewer, 'Published')
  await checkLater(reviewer, 'payload-status-after-reload', async () => expect(await reviewer.locator('.status__value').first().textContent()).toBe('Published'))

  // 8. The public API and site show the condition with all three symptoms and the treatment.
  const pageResponse = await fetch(`${server.url}/api/conditions/page/${slug}`)
  expect(pageResponse.status).toBe(200)
  const page = (await pageResponse.json()) as Record<string, any>
  expect(page.condition.name).toBe(CONDITION)
  expect(page.condition.summary).toBe(fixedSummary)
  const symptomNames = page.symptomGroups.flatMap((g: any) => g.symptoms.map((s: any) => `${g.group}:${s.name}`))
  expect(symptomNames.sort()).toEqual([`other:${NEW_SYMPTOM}`, `sensory:${EXISTING_SYMPTOMS[0]}`, `other:${EXISTING_SYMPTOMS[1]}`].sort())
  const treatmentNames = page.treatmentGroups.flatMap((g: any) => g.kinds.flatMap((k: any) => k.treatments.map((t: any) => t.name)))
  expect(treatmentNames).toEqual([EXISTING_TREATMENT])
  expect(page.review.reviewedBy).toEqual({ name: 'Dr. Rita Reviewer', credentials: 'MD, Neurology' })
  expect((await fetch(`${server.url}/api/symptoms/${newSymptomId}`)).status).toBe(200)

  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  contexts.push(visitorContext)
  watch(visitorContext, 'visitor')
  const visitor = await visitorContext.newPage()
  await step(visitor, 'public-site', async () => {
    const response = await visitor.goto(`${server.url}/conditions/${slug}`)
    expect(response?.status()).toBe(200)
    const main = (await visitor.locator('main').textContent()) ?? ''
    for (const text of [CONDITION, fixedSummary, ...EXISTING_SYMPTOMS, NEW_SYMPTOM, EXISTING_TREATMENT, 'Avoid crossing your legs']) expect(main).toContain(text)
  })
  await shot(visitor, 'public-site-page')

  expectNoProblems()
}, 300_000)

/** A short document in the importers' Markdown shape naming the bundled document's "Physical Exam" with other wording. */
const SHARED_RECORD_DOCUMENT = `# What is meralgia paresthetica?

Meralgia paresthetica is numbness and burning in the outer thigh, caused by a squeezed nerve.

## Signs and symptoms of meralgia paresthetica

- Burning pain in the outer thigh

## How meralgia paresthetica is diagnosed

### Physical Exam
The doctor presses on the outer hip and checks the feeling in your thigh (wording proposed by the import).

## Nonsurgical treatment for meralgia paresthetica

- Loose clothing - takes pressure off the nerve
`

test('an import uploaded in the admin: result tables, waiting for review, shared records left as they are', async () => {
  const physicalExamId = await idByName('diagnostic-tests', 'Physical Exam')
  const readExam = async () => {
    const [latest, live] = await Promise.all([
      payload.findByID({ collection: 'diagnostic-tests', id: physicalExamId, draft: true, depth: 0 }),
      payload.findByID({ collection: 'diagnostic-tests', id: physicalExamId, draft: false, depth: 0 }),
    ])
    return { latest: { summary: latest.summary, description: latest.description }, live: { summary: live.summary, description: live.description } }
  }
  const examBefore = await readExam()
  expect(examBefore.latest.summary).toBeTruthy()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-import-'))
  const sharedDoc = path.join(tmp, 'meralgia-paresthetica.md')
  fs.writeFileSync(sharedDoc, SHARED_RECORD_DOCUMENT)

  const editor = await signIn('editor@test.careline')
  const upload = async (file: string, name: string) =>
    step(editor, `upload-${name}`, async () => {
      await editor.goto(`${server.url}/admin/collections/imports/create`)
      await editor.locator('input[type="file"]').setInputFiles(file)
      await shot(editor, `editor-upload-${name}`)
      const created = editor.waitForResponse((r) => /\/api\/imports(\?|$)/.test(r.url()) && r.request().method() === 'POST')
      await editor.click('#action-save')
      const response = await created
      expect(`${response.status()} ${response.status() === 201 ? '' : await response.text()}`).toBe('201 ')
      const id = ((await response.json()) as { doc: { id: number } }).doc.id
      await editor.waitForURL((url) => url.pathname.endsWith(`/imports/${id}`))
      await editor.waitForSelector('[data-testid="import-result"]')
      return id
    })
  const sciaticaImport = await upload(path.join(FIXTURES, 'sciatica.html'), 'sciatica')
  const sharedImport = await upload(sharedDoc, 'shared-record')

  // The server does not run jobs (JOBS_AUTORUN=false): run them here, on the same database.
  await payload.jobs.run({ where: { taskSlug: { equals: 'importDocument' } }, limit: 10, sequential: true })
  for (const id of [sciaticaImport, sharedImport]) {
    const done = await payload.findByID({ collection: 'imports', id, depth: 0 })
    expect(`${done.status} ${done.error ?? ''}`).toBe('done ')
  }

  await step(editor, 'sciatica-result', async () => {
    await editor.goto(`${server.url}/admin/collections/imports/${sciaticaImport}`)
    await editor.waitForSelector('[data-testid="import-counts"]')
    const counts = (await editor.textContent('[data-testid="import-counts"]')) ?? ''
    expect(counts).toContain('conditions')
    expect(counts).toContain('symptoms')
    expect(await editor.textContent('[data-testid="import-changes"]')).toContain('sciatica')
  })
  await shot(editor, 'editor-sciatica-import-result')

  await step(editor, 'shared-record-result', async () => {
    await editor.goto(`${server.url}/admin/collections/imports/${sharedImport}`)
    await editor.waitForSelector('[data-testid="import-notes"]')
    const importNotes = (await editor.textContent('[data-testid="import-notes"]')) ?? ''
    expect(importNotes).toContain('physical-exam')
    expect(importNotes).toContain('Back or spine neuropathy')
    expect(importNotes).toContain('wording proposed by the import')
  })
  await shot(editor, 'editor-shared-record-notes')

  // The shared record's reviewed text is as it was, in its latest draft and in its published copy.
  expect(await readExam()).toEqual(examBefore)

  // Both imported conditions wait for any reviewer (none was picked).
  const reviewer = await signIn('reviewer2@test.careline')
  await step(reviewer, 'reviewer-dashboard', async () => {
    await reviewer.goto(`${server.url}/admin`)
    const dashboard = reviewer.locator('[data-testid="review-dashboard"]')
    await dashboard.waitFor()
    const waiting = dashboard.locator('section', { hasText: 'Waiting for my review' })
    await waiting.getByRole('link', { name: 'Sciatica' }).waitFor()
    await waiting.getByRole('link', { name: /Meralgia paresthetica/i }).waitFor()
  })
  await shot(reviewer, 'reviewer-dashboard-imports')
  await step(reviewer, 'reviewer-opens-import', async () => {
    await reviewer.locator('[data-testid="review-dashboard"]').getByRole('link', { name: 'Sciatica' }).click()
    await expectStage(reviewer, 'In review')
  })
  await checkLater(reviewer, 'reviewer-import-bundle', async () => {
    await reviewer.waitForSelector('[data-testid="review-bundle"]')
    expect(await reviewer.locator('[data-testid="review-bundle-member"]').count()).toBeGreaterThan(0)
  })
  await shot(reviewer, 'reviewer-sciatica-bundle')

  expectNoProblems()
}, 240_000)
