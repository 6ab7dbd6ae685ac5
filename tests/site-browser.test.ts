/**
 * The public site in a real browser (Debian's Chromium, driven by Playwright) against the
 * production server, on content taken through medical review: each page type, links from a
 * condition to a symptom and back, search, care near given coordinates, Spanish, the JSON-LD in
 * the head, axe (no serious or critical violation), a page read without JavaScript, 404 and
 * API-outage pages, an editor's draft preview, and a published change showing on the page.
 * Screenshots (desktop and phone) go to test-artifacts/site-browser/.
 */
import fs from 'node:fs'
import { request as httpRequest } from 'node:http'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'

import AxeBuilder from '@axe-core/playwright'
import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { ensureSampleLocations } from '../seed/demo'
import { createStaff, DEFAULT_TEST_PASSWORD, publish, publishBundledDocument, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { launchChromium, startProductionServer } from './helpers/browser'
import { ROOT, type RunningServer } from './helpers/server'

const ARTIFACTS = path.join(ROOT, 'test-artifacts/site-browser')
const SLUG = 'back-or-spine-neuropathy'
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let browser: Browser
let staff: Staff
let conditionId: number | string
const screenshots: string[] = []
const axeResults: string[] = []
const contexts: BrowserContext[] = []

beforeAll(async () => {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true })
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  ctx = await startTestPayload('site-browser')
  payload = ctx.payload
  staff = await createStaff(payload)
  const report = await publishBundledDocument(payload, staff)
  await ensureSampleLocations(payload, { team: staff })
  conditionId = report.condition.id
  server = await startProductionServer(ctx.database.uri)
  browser = await launchChromium()
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await ctx?.stop()
  if (screenshots.length) console.log(`Screenshots:\n${screenshots.map((s) => `  ${path.relative(ROOT, s)}`).join('\n')}`)
  if (axeResults.length) console.log(`axe (serious or critical / all violations):\n${axeResults.map((r) => `  ${r}`).join('\n')}`)
})

async function open(viewport: keyof typeof VIEWPORTS = 'desktop', options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], ...options })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  return page
}

async function visit(page: Page, pathname: string, expectedStatus = 200) {
  const response = await page.goto(`${server.url}${pathname}`)
  expect({ pathname, status: response?.status() }).toEqual({ pathname, status: expectedStatus })
  return response!
}

/** axe on the page as it stands: no serious or critical violation. */
async function checkAccessibility(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  axeResults.push(`${name}: ${severe.length} / ${violations.length}${violations.length ? ` (${violations.map((v) => `${v.id}:${v.impact}`).join(', ')})` : ''}`)
  expect({ page: name, severe: severe.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`) }).toEqual({ page: name, severe: [] })
}

/** Screenshots at desktop and phone widths, and axe at both. */
async function capture(name: string, pathname: string, expectedStatus = 200) {
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await open(viewport)
    await visit(page, pathname, expectedStatus)
    const file = path.join(ARTIFACTS, `${name}-${viewport}.png`)
    await page.screenshot({ path: file, fullPage: true })
    screenshots.push(file)
    await checkAccessibility(page, `${name} (${viewport})`)
    // Nothing wider than the screen: readable on a phone without sideways scrolling.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect({ name, viewport, overflow: overflow > 1 }).toEqual({ name, viewport, overflow: false })
    await page.context().close()
  }
}

test('every page type renders, is accessible and fits desktop and phone screens', async () => {
  await capture('home', '/')
  await capture('condition', `/conditions/${SLUG}`)
  await capture('symptom', '/symptoms/swelling')
  await capture('treatment', '/treatments/tens-therapy')
  await capture('diagnostic-test', '/tests/blood-tests')
  await capture('search', '/search?q=numbness')
  await capture('care', '/care?lat=39.1&lng=-84.5')
  await capture('condition-es', `/es/conditions/${SLUG}`)
  await capture('not-found', '/conditions/no-such-condition', 404)
  // Eighteen full-page screenshots with an axe run each: minutes on a busy 2-core machine.
}, 300_000)

test('the condition page: trust line, grouped sections, JSON-LD in the head, readable without JavaScript', async () => {
  const page = await open('desktop', { javaScriptEnabled: false })
  await visit(page, `/conditions/${SLUG}`)
  expect(await page.textContent('h1')).toBe('Back or spine neuropathy')
  expect(await page.textContent('[data-testid="trust-line"]')).toMatch(/^Medically reviewed by Dr\. Rita Reviewer, MD, Neurology on [A-Z][a-z]+ \d{1,2}, \d{4}$/)
  const headings = await page.locator('h2').allTextContents()
  expect(headings).toEqual(expect.arrayContaining(['Types', 'Symptoms', 'How it is diagnosed', 'Treatments', 'Causes', 'Risk factors', 'Prognosis and recovery']))
  expect(await page.locator('section[aria-labelledby="symptoms"] h3').allTextContents()).toEqual(['Pain', 'Other symptoms'])
  expect(await page.locator('section[aria-labelledby="treatments"] h3').allTextContents()).toEqual(['Nonsurgical', 'Surgical'])
  expect(await page.locator('section[aria-labelledby="types"] a').allTextContents()).toEqual(
    expect.arrayContaining(['Cervical radiculopathy', 'Lumbar radiculopathy', 'Failed back surgery syndrome']),
  )

  const jsonLd = JSON.parse((await page.locator('head script[type="application/ld+json"]').textContent())!)
  expect(jsonLd['@type']).toBe('MedicalWebPage')
  expect(jsonLd.about['@type']).toBe('MedicalCondition')
  expect(jsonLd.about.signOrSymptom.length).toBeGreaterThan(5)
  expect(jsonLd.about.possibleTreatment.map((t: { name: string }) => t.name)).toContain('TENS therapy')
  expect(jsonLd.reviewedBy.name).toBe('Dr. Rita Reviewer')

  // Weight and time to first byte of the condition page: the HTML as sent (gzip), timed from the
  // request to its first byte, and everything a browser with JavaScript loads with it.
  const html = await new Promise<{ ttfbMs: number; bytes: number; decoded: number }>((resolve, reject) => {
    const started = performance.now()
    const req = httpRequest(`${server.url}/conditions/${SLUG}`, { headers: { 'accept-encoding': 'gzip' }, agent: false }, (res) => {
      const ttfbMs = performance.now() - started
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        resolve({ ttfbMs, bytes: body.length, decoded: res.headers['content-encoding'] === 'gzip' ? gunzipSync(body).length : body.length })
      })
    })
    req.on('error', reject)
    req.end()
  })
  const loaded = await open('desktop')
  let loadedBytes = 0
  let scripts = 0
  loaded.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts++
    loadedBytes += Number(response.headers()['content-length'] ?? 0) || (await response.body().catch(() => Buffer.alloc(0))).length
  })
  await visit(loaded, `/conditions/${SLUG}`)
  await loaded.waitForLoadState('networkidle')
  console.log(`condition page: TTFB ${Math.round(html.ttfbMs)} ms; HTML ${html.bytes} B sent (gzip), ${html.decoded} B uncompressed; ${loadedBytes} B loaded by the browser in all, ${scripts} scripts`)
  expect(html.bytes).toBeGreaterThan(1000)
  expect(html.bytes).toBeLessThan(html.decoded)
})

test('links from a condition to a symptom and back; search finds a symptom', async () => {
  const page = await open()
  await visit(page, `/conditions/${SLUG}`)
  await page.click('section[aria-labelledby="symptoms"] a >> text=Swelling')
  await page.waitForURL(/\/symptoms\/swelling$/)
  expect(await page.textContent('h1')).toBe('Swelling')
  await page.click('section[aria-labelledby="listed"] a >> text=Back or spine neuropathy')
  await page.waitForURL(new RegExp(`/conditions/${SLUG}$`))
  expect(await page.textContent('h1')).toBe('Back or spine neuropathy')

  // Home has the search box.
  await page.click('header nav a >> text=Conditions')
  await page.waitForURL(`${server.url}/`)
  await page.fill('#q', 'numbnes')
  await page.click('form[role="search"] button[type="submit"]')
  await page.waitForURL(/\/search\?q=numbnes/)
  const results = page.locator('.results a')
  expect(await results.allTextContents()).toContain('Persistent tingling, weakness and numbness')
  await results.filter({ hasText: 'Persistent tingling' }).click()
  await page.waitForURL(/\/symptoms\//)
  expect(await page.locator('section[aria-labelledby="listed"] a').allTextContents()).toContain('Back or spine neuropathy')

  // A question the API cannot take (no letters) is "nothing matched", not an outage page.
  await visit(page, '/search?q=%21%21%21')
  expect(await page.textContent('main')).toContain('Nothing matched')
})

test('care near you: typed coordinates, then a place from the list', async () => {
  const page = await open()
  await visit(page, '/care')
  await page.fill('#lat', '39.1')
  await page.fill('#lng', '-84.5')
  await page.click('#care-form button[type="submit"]')
  await page.waitForURL(/lat=39\.1/)
  const names = await page.locator('.care-results h2').allTextContents()
  expect(names[0]).toBe('Sample Spine Center Downtown')
  expect(names).not.toContain('Sample Physical Therapy East') // Columbus is ~150 km away
  const first = page.locator('.care-results li').first()
  expect(await first.textContent()).toMatch(/1\.\d km \(0\.\d mi\) away/)
  expect(await first.textContent()).toContain('+1 555 010 0100')
  expect(await first.textContent()).toMatch(/Mon, Tue, Wed, Thu, Fri 08:00–18:30/)

  await page.fill('#lat', '')
  await page.fill('#lng', '')
  await page.selectOption('#place', { label: 'Sample Physical Therapy East, Columbus' })
  await page.click('#care-form button[type="submit"]')
  await page.waitForURL(/place=/)
  expect((await page.locator('.care-results h2').allTextContents())[0]).toBe('Sample Physical Therapy East')
  expect(await page.locator('.care-results li').first().textContent()).toContain('0.0 km')
})

test('Spanish under /es, with English content where there is no translation', async () => {
  const page = await open()
  await visit(page, `/es/conditions/${SLUG}`)
  expect(await page.getAttribute('html', 'lang')).toBe('es')
  expect(await page.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Síntomas', 'Tratamientos', 'Cómo se diagnostica']))
  expect(await page.textContent('h1')).toBe('Back or spine neuropathy')
  expect(await page.textContent('[data-testid="trust-line"]')).toMatch(/^Revisado médicamente por Dr\. Rita Reviewer/)
  const symptomLink = await page.locator('section[aria-labelledby="symptoms"] a').first().getAttribute('href')
  expect(symptomLink).toMatch(/^\/es\/symptoms\//)
})

test('an editor previews a draft; visitors never see it; once published, the page shows it', async () => {
  const draftText = 'Nerve pain from the spine: a clearer summary, waiting for review.'
  await payload.update({ collection: 'conditions', id: conditionId, data: { summary: draftText }, draft: true })

  const editor = await open()
  const login = await editor.context().request.post(`${server.url}/api/users/login`, {
    data: { email: 'editor@test.careline', password: DEFAULT_TEST_PASSWORD },
  })
  expect(login.status()).toBe(200)
  const preview = await visit(editor, `/conditions/${SLUG}?preview=true`)
  expect(preview.headers()['cache-control']).toBe('private, no-store')
  expect(await editor.textContent('.lead')).toBe(draftText)
  expect(await editor.textContent('.preview')).toMatch(/unpublished draft/)
  await editor.screenshot({ path: path.join(ARTIFACTS, 'preview-editor-desktop.png'), fullPage: true })
  screenshots.push(path.join(ARTIFACTS, 'preview-editor-desktop.png'))

  const visitor = await open()
  const anonymous = await visit(visitor, `/conditions/${SLUG}?preview=true`)
  expect(await visitor.textContent('.lead')).not.toBe(draftText)
  expect(await visitor.locator('.preview').count()).toBe(0)
  expect(anonymous.headers()['cache-control']).toBe('private, no-store')
  const published = await visit(visitor, `/conditions/${SLUG}`)
  expect(published.headers()['cache-control']).toMatch(/^public/)
  expect(await visitor.content()).not.toContain(draftText)

  // Through the workflow: submitted by the editor, approved and published by the reviewer.
  await publish(payload, staff, { collection: 'conditions', id: conditionId })
  // This server learns of the change from the publication log (checked every second).
  let shown: string | null = null
  for (let i = 0; i < 40 && shown !== draftText; i++) {
    await new Promise((r) => setTimeout(r, 250))
    await visitor.reload()
    shown = await visitor.textContent('.lead')
  }
  expect(shown).toBe(draftText)
})

test('an API outage gets a friendly page, not a stack trace', async () => {
  const broken = await startProductionServer(ctx.database.uri, { SITE_API_URL: 'http://127.0.0.1:9' })
  try {
    const page = await open()
    const response = await page.goto(`${broken.url}/conditions/${SLUG}`)
    expect(response?.status()).toBe(500)
    expect(await page.textContent('h1')).toBe('This page is not available right now')
    const html = await page.content()
    expect(html).not.toMatch(/ECONNREFUSED|at \w+ \(|node_modules|\.tsx?:\d+/)
    await checkAccessibility(page, 'API outage')
    await page.screenshot({ path: path.join(ARTIFACTS, 'api-outage-desktop.png'), fullPage: true })
    screenshots.push(path.join(ARTIFACTS, 'api-outage-desktop.png'))
  } finally {
    await broken.stop()
  }
})
