/**
 * A crawl of the admin in a real browser (Debian's Chromium, driven by Playwright) against the
 * production server with the built admin. As each staff role it opens the dashboard, the account
 * page, the list view of every collection the role can read and an edit view in each (the create
 * view where there is no document and the role may create), and in every edit view it opens every
 * relationship picker (so its options load) and every "add new" drawer next to one.
 *
 * What it visits is generated: the collections come from the Payload config (those hidden from
 * the admin left out) and what a role may read or create comes from Payload itself
 * (`/api/access` as that user, cross-checked against the admin's navigation), so a new
 * collection or field is crawled without editing this file.
 *
 * Every problem is collected and the test fails once, listing them all: a visible error (toast,
 * "An error has occurred", a field error, a relationship that could not load), "undefined" or
 * "[object Object]" rendered as text, a browser console error or uncaught exception, a failed
 * response (status >= 400, unless listed in DELIBERATE_REFUSALS), a request that failed at the
 * network level, and a request to any host other than the server itself.
 * Screenshots are saved in test-artifacts/admin-crawl/.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core'

import { STAFF_ROLES, type Role } from '../collections/access/roles'
import { createStaff, DEFAULT_TEST_PASSWORD, publishBundledDocument, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { launchChromium, startProductionServer } from './helpers/browser'
import { ROOT, type RunningServer } from './helpers/server'

/**
 * Answers >= 400 the admin asks for and the server refuses on purpose. Each entry names the
 * request and why refusing it is right; anything else >= 400 is a problem.
 */
const DELIBERATE_REFUSALS: { method: string; path: RegExp; status: number; reason: string }[] = []

/**
 * Problems the crawl finds in files another change owns, still present when this test was
 * written: reported in the test's output but not failed on. Remove an entry once it is fixed
 * (the test then reports it as unused, so a stale entry does not linger).
 */
const KNOWN_ELSEWHERE: { problem: RegExp; reason: string }[] = []

const ARTIFACTS = path.join(ROOT, 'test-artifacts/admin-crawl')
/** Selectors of Payload's visible error states. */
const ERROR_SELECTORS = [
  '.toast-error',
  '[data-sonner-toast][data-type="error"]',
  '.field-error',
  '.relationship__error-loading',
  '.field-type.error',
]
const ERROR_TEXTS = [/An error has occurred/i, /Something went wrong/i]
/** Text that only shows when a value is missing or of the wrong type. */
const BROKEN_TEXT = /(^|[\s:(])(undefined|\[object Object\]|NaN)($|[\s,.)])/m

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let browser: Browser
let staff: Staff
let conditionId: number | string

interface Problem {
  role: string
  url: string
  what: string
}
const problems: Problem[] = []
const screenshots: string[] = []
const tally = { views: 0, pickers: 0, readOnlyPickers: 0, drawers: 0, options: 0 }
const perRole: Record<string, { views: number; pickers: number; drawers: number }> = {}

beforeAll(async () => {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true })
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  ctx = await startTestPayload('admin-crawl')
  payload = ctx.payload
  staff = await createStaff(payload)
  conditionId = (await publishBundledDocument(payload, staff)).condition.id
  // An import record, so the imports collection has a document whose edit view gets crawled.
  const source = path.join(ROOT, 'seed/source/back-spine-neuropathy.txt')
  const data = fs.readFileSync(source)
  await payload.create({
    collection: 'imports',
    data: {},
    file: { data, name: path.basename(source), mimetype: 'text/plain', size: data.length },
    user: staff.editor as never,
    overrideAccess: false,
  })
  await payload.jobs.run({ where: { taskSlug: { equals: 'importDocument' } } })
  server = await startProductionServer(ctx.database.uri)
  browser = await launchChromium()
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await ctx?.stop()
  if (screenshots.length) console.log(`Screenshots:\n${screenshots.map((s) => `  ${path.relative(ROOT, s)}`).join('\n')}`)
})

/** What the crawl is currently looking at, for attributing events to it. */
interface Step {
  role: Role
  url: string
}

function watch(context: BrowserContext, page: Page, step: Step) {
  const host = new URL(server.url).host
  const report = (what: string, url = step.url) => problems.push({ role: step.role, url, what })
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:') return
    if (url.host !== host) report(`request to another host: ${request.method()} ${request.url()}`, step.url)
  })
  context.on('response', async (response) => {
    const status = response.status()
    if (status < 400) return
    const url = new URL(response.url())
    if (url.host !== host) return // reported as a request to another host
    const method = response.request().method()
    if (DELIBERATE_REFUSALS.some((r) => r.method === method && r.status === status && r.path.test(url.pathname))) return
    let body = ''
    try {
      body = (await response.text()).replace(/\s+/g, ' ').slice(0, 200)
    } catch {
      // the body is gone (navigation): the status says enough
    }
    report(`${status} from ${method} ${url.pathname}${url.search}${body ? `: ${body}` : ''}`)
  })
  context.on('requestfailed', (request) => {
    const url = new URL(request.url())
    if (url.host !== host) return // reported as a request to another host
    const failure = request.failure()?.errorText ?? 'failed'
    // A request the browser dropped because the page moved on is not a failure of the server.
    if (failure === 'net::ERR_ABORTED') return
    report(`request failed (${failure}): ${request.method()} ${url.pathname}${url.search}`)
  })
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    // "Failed to load resource": the response or the request itself is reported (or is a
    // deliberate refusal), with its URL.
    if (/^Failed to load resource/.test(message.text()) && message.location()?.url) return
    report(`console error: ${message.text().replace(/\s+/g, ' ').slice(0, 300)}`)
  })
  page.on('pageerror', (error) => report(`uncaught exception: ${error.message.slice(0, 300)}`))
}

/** Requests each page has in flight, so a step can wait for them to end. */
const inFlight = new WeakMap<Page, { requests: Set<Request>; idle: (() => void)[] }>()

function trackRequests(page: Page) {
  const state = { requests: new Set<Request>(), idle: [] as (() => void)[] }
  inFlight.set(page, state)
  const done = (request: Request) => {
    state.requests.delete(request)
    if (state.requests.size === 0) for (const resolve of state.idle.splice(0)) resolve()
  }
  page.on('request', (request) => state.requests.add(request))
  page.on('requestfinished', done)
  page.on('requestfailed', done)
}

/**
 * Resolves once the page has no request in flight: on the event that ends the last one, with
 * no quiet period to sit out. (A view's first load waits for Playwright's networkidle instead,
 * as the admin starts requests of its own after it first renders.)
 */
async function settle(page: Page, step: Step) {
  const state = inFlight.get(page)!
  if (state.requests.size === 0) return
  const idle = new Promise<void>((resolve) => state.idle.push(resolve))
  let timer: NodeJS.Timeout | undefined
  const stuck = new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), 30_000)))
  if ((await Promise.race([idle, stuck])) === 'stuck') {
    const urls = [...state.requests].map((r) => `${r.method()} ${new URL(r.url()).pathname}`)
    problems.push({ role: step.role, url: step.url, what: `requests still in flight after 30 s: ${urls.join(', ')}` })
  }
  clearTimeout(timer)
}

/** Looks for visible error states and broken text in what is on screen now. */
async function inspect(page: Page, step: Step, where: string) {
  const found = await page.evaluate(
    ({ selectors, texts, broken }) => {
      const visible = (el: Element) => {
        const box = (el as HTMLElement).getBoundingClientRect()
        const style = getComputedStyle(el)
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
      }
      const out: string[] = []
      for (const selector of selectors) {
        for (const el of Array.from(document.querySelectorAll(selector))) {
          if (visible(el)) out.push(`visible error (${selector}): ${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200) || (el as HTMLElement).id || el.className}`)
        }
      }
      // Help text that does not fit its box is cut off.
      for (const el of Array.from(document.querySelectorAll('.field-description'))) {
        const box = el as HTMLElement
        if (visible(el) && (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1)) {
          out.push(`help text cut off: "${(el.textContent ?? '').trim().slice(0, 120)}"`)
        }
      }
      const text = document.body.innerText
      for (const source of texts) {
        const match = text.match(new RegExp(source, 'i'))
        if (match) out.push(`visible error text: "${match[0]}"`)
      }
      for (const line of text.split('\n')) {
        if (new RegExp(broken, 'm').test(line)) out.push(`broken text on screen: "${line.trim().slice(0, 120)}"`)
      }
      // Broken text that showed for a moment since the last look (see watchTransientText).
      const w = window as unknown as { __crawlBrokenText?: string[] }
      for (const line of w.__crawlBrokenText?.splice(0) ?? []) out.push(`broken text on screen for a moment: "${line}"`)
      return out
    },
    { selectors: ERROR_SELECTORS, texts: ERROR_TEXTS.map((t) => t.source), broken: BROKEN_TEXT.source },
  )
  for (const what of new Set(found)) problems.push({ role: step.role, url: step.url, what: `${what} [${where}]` })
}

async function shot(page: Page, name: string, fullPage = false) {
  // The number is taken before waiting: the roles take screenshots side by side.
  const index = screenshots.push('') - 1
  const file = path.join(ARTIFACTS, `${String(index + 1).padStart(2, '0')}-${name}.png`)
  screenshots[index] = file
  await page.screenshot({ path: file, fullPage })
}

/** Opens a view and waits for it: its navigation, its own element, and the network at rest. */
async function visit(page: Page, step: Step, pathname: string, ready: string) {
  step.url = pathname
  tally.views++
  perRole[step.role].views++
  const response = await page.goto(`${server.url}${pathname}`)
  if (!response || response.status() >= 400) return false
  try {
    await page.waitForSelector(ready, { timeout: 30_000 })
  } catch {
    problems.push({ role: step.role, url: pathname, what: `the view did not show ${ready}` })
    return false
  }
  await page.waitForLoadState('networkidle')
  await inspect(page, step, 'view')
  return true
}

/** The relationship fields of the document itself (not of an open drawer). */
const relationshipFields = (page: Page) => page.locator('.field-type.relationship:not(.drawer .field-type.relationship)')

async function describeField(field: Locator) {
  return field.evaluate((el) => el.id || el.querySelector('label')?.textContent?.trim() || 'relationship')
}

/** Opens a relationship picker, waits for its options (or "no options"), and closes it. */
async function openPicker(page: Page, step: Step, field: Locator, name: string, screenshot?: string) {
  const control = field.locator('.rs__control').first()
  await control.scrollIntoViewIfNeeded()
  // The dropdown indicator opens the menu wherever the value chips are.
  const indicator = control.locator('.dropdown-indicator, .rs__dropdown-indicator').first()
  await ((await indicator.count()) ? indicator : control).click()
  const menu = page.locator('.rs__menu')
  try {
    await menu.waitFor({ timeout: 15_000 })
    await page.waitForFunction(() => {
      const m = document.querySelector('.rs__menu')
      return m && !m.querySelector('.rs__menu-notice--loading') && m.querySelector('.rs__option, .rs__menu-notice')
    })
  } catch {
    problems.push({ role: step.role, url: step.url, what: `picker ${name}: its menu did not open with options or a notice` })
    await page.keyboard.press('Escape')
    return
  }
  await settle(page, step)
  tally.options += await menu.locator('.rs__option').count()
  await inspect(page, step, `picker ${name}`)
  if (screenshot) await shot(page, screenshot)
  await page.keyboard.press('Escape')
  await menu.waitFor({ state: 'detached' })
}

/** Opens the "add new" document drawer of a relationship field, waits for its form, closes it. */
async function openAddNew(page: Page, step: Step, field: Locator, name: string, screenshot?: string) {
  const button = field.locator('.relationship-add-new__add-button').first()
  await button.scrollIntoViewIfNeeded()
  await button.click()
  const drawer = page.locator('.doc-drawer.drawer--is-open').last()
  try {
    await drawer.locator('.document-fields').waitFor({ timeout: 30_000 })
  } catch {
    problems.push({ role: step.role, url: step.url, what: `add-new drawer of ${name}: its form did not load` })
  }
  await settle(page, step)
  await inspect(page, step, `add-new drawer of ${name}`)
  if (screenshot) await shot(page, screenshot)
  await drawer.locator('.doc-drawer__header-close').click()
  await page.locator('.doc-drawer.drawer--is-open').waitFor({ state: 'detached' })
}

/**
 * Help text in the sidebar must be readable whole: scrolled into view, no part of it may lie
 * outside the window or outside an ancestor that clips its content.
 */
async function checkSidebarHelp(page: Page, step: Step) {
  const cut = await page.$$eval('.document-fields__sidebar .field-description:not(.drawer *)', (descriptions) =>
    descriptions.flatMap((el) => {
      if (!el.checkVisibility() || !el.textContent?.trim()) return []
      el.scrollIntoView({ block: 'nearest' })
      const box = el.getBoundingClientRect()
      let visible = { top: 0, left: 0, bottom: innerHeight, right: innerWidth }
      // The body's overflow belongs to the window (CSS overflow propagation): the window is the clip.
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent)
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue
        const clip = parent.getBoundingClientRect()
        visible = {
          top: Math.max(visible.top, clip.top),
          left: Math.max(visible.left, clip.left),
          bottom: Math.min(visible.bottom, clip.bottom),
          right: Math.min(visible.right, clip.right),
        }
      }
      const whole = box.top >= visible.top - 1 && box.bottom <= visible.bottom + 1 && box.left >= visible.left - 1 && box.right <= visible.right + 1
      return whole ? [] : [`sidebar help text cut off: "${el.textContent.trim().slice(0, 100)}"`]
    }),
  )
  for (const what of cut) problems.push({ role: step.role, url: step.url, what })
}

async function crawlDocument(page: Page, step: Step, first: { picker: boolean; drawer: boolean }) {
  await checkSidebarHelp(page, step)
  const fields = relationshipFields(page)
  const count = await fields.count()
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i)
    if (!(await field.isVisible())) continue
    const name = await describeField(field)
    const readOnly = await field.evaluate((el) => el.classList.contains('relationship--read-only') || Boolean(el.querySelector('.rs--is-disabled')))
    if (readOnly) {
      tally.readOnlyPickers++
      continue
    }
    tally.pickers++
    perRole[step.role].pickers++
    await openPicker(page, step, field, name, first.picker ? undefined : `${step.role}-picker-open`)
    first.picker = true
    if (await field.locator('.relationship-add-new__add-button').count()) {
      tally.drawers++
      perRole[step.role].drawers++
      await openAddNew(page, step, field, name, first.drawer ? undefined : `${step.role}-add-new-drawer`)
      first.drawer = true
    }
  }
}

async function signIn(page: Page, email: string) {
  await page.goto(`${server.url}/admin/login`)
  await page.fill('#field-email', email)
  await page.fill('#field-password', DEFAULT_TEST_PASSWORD)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
  // The first dashboard, reached from the login form without a reload: the admin renders it from
  // what it knew while signed out, then catches up.
  try {
    await page.waitForSelector('.dashboard')
  } catch (error) {
    const heading = await page.locator('h1').first().textContent({ timeout: 1000 }).catch(() => null)
    throw new Error(`${email}: no dashboard after signing in; the page is ${page.url()} (h1: ${heading})\n${(error as Error).message}\nThe server's last lines:\n${server.output().slice(-4000)}`)
  }
  await page.waitForLoadState('networkidle')
}

/**
 * Records visible text that reads "undefined" (or "[object Object]", "NaN") whenever it appears
 * in any document of the context, however briefly: a value the admin renders before it has
 * loaded it shows only until the load completes, and a look after the page settles misses it.
 */
async function watchTransientText(context: BrowserContext) {
  await context.addInitScript((broken) => {
    const pattern = new RegExp(broken, 'm')
    // A subtree's textContent runs its texts together, so only a loose first look there.
    const anywhere = /undefined|\[object Object\]|NaN/
    const w = window as unknown as { __crawlBrokenText: string[] }
    w.__crawlBrokenText = []
    const checkText = (text: Text) => {
      const el = text.parentElement
      if (!pattern.test(text.data) || !el?.isConnected) return
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return
      // With the text around it, e.g. "Locale: undefined".
      const context = ((el.parentElement?.parentElement ?? el) as HTMLElement).innerText.replace(/\s+/g, ' ').trim().slice(0, 100)
      if (!w.__crawlBrokenText.includes(context)) w.__crawlBrokenText.push(context)
    }
    const check = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) return checkText(node as Text)
      if (node.nodeType !== Node.ELEMENT_NODE || !anywhere.test(node.textContent ?? '')) return
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT)
      for (let text = walker.nextNode(); text; text = walker.nextNode()) checkText(text as Text)
    }
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'childList') record.addedNodes.forEach(check)
        else check(record.target)
      }
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'style', 'data-locale'] })
  }, BROKEN_TEXT.source)
}

/**
 * A GET from inside the signed-in page, sent exactly as the admin's own requests are. (Through
 * Playwright's request API the server answered /api/access as for an anonymous visitor: no
 * imports, users or review events, so the crawl would have skipped them without a word.)
 */
const getJSON = (page: Page, url: string) =>
  page.evaluate(async (u) => {
    const response = await fetch(u, { credentials: 'include' })
    if (!response.ok) throw new Error(`GET ${u} answered ${response.status}: ${await response.text()}`)
    return response.json() as Promise<unknown>
  }, url)

type Permissions = { collections?: Record<string, Record<string, unknown>> }
const can = (p: unknown) => p === true || (typeof p === 'object' && p !== null && (p as { permission?: unknown }).permission === true)

/** Collections the admin shows at all, from the config: those hidden from the admin left out. */
function adminCollections(user: unknown) {
  return payload.config.collections.filter((collection) => {
    const hidden = collection.admin?.hidden
    return !(typeof hidden === 'function' ? hidden({ user: user as never }) : hidden)
  })
}

async function crawlAs(role: Role) {
  const user = staff[role as keyof Staff]
  const step: Step = { role, url: '/admin/login' }
  perRole[role] = { views: 0, pickers: 0, drawers: 0 }
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  await watchTransientText(context)
  const page = await context.newPage()
  page.setDefaultTimeout(60_000)
  watch(context, page, step)
  trackRequests(page)
  try {
    await signIn(page, user.email)
    step.url = '/admin (the first dashboard, right after signing in)'
    await inspect(page, step, 'first dashboard')

    // What this role may do, as Payload says.
    const access = (await getJSON(page, '/api/access')) as Permissions
    const permissions = (slug: string) => access.collections?.[slug] ?? {}
    const collections = adminCollections(user)
    const readable = collections.filter((c) => can(permissions(c.slug).read))

    if (await visit(page, step, '/admin', '.dashboard')) {
      // The navigation must offer exactly the collections the crawl visits (less any that asks to
      // stay out of the navigation with \`admin.group: false\`).
      const nav = await page.$$eval('nav a[href*="/admin/collections/"]', (links) =>
        links.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/')[3]).filter(Boolean),
      )
      const expected = readable.filter((c) => c.admin?.group !== false).map((c) => c.slug).sort()
      const shown = [...new Set(nav)].sort()
      if (expected.join() !== shown.join()) {
        problems.push({ role, url: step.url, what: `the navigation shows [${shown}] but /api/access lets this role read [${expected}]` })
      }
      await shot(page, `${role}-dashboard`, true)
    }
    await visit(page, step, '/admin/account', '.collection-edit .document-fields')

    const first = { picker: false, drawer: false }
    for (const collection of readable) {
      const { slug } = collection
      await visit(page, step, `/admin/collections/${slug}`, '.collection-list')
      // A document this role can open, as the admin itself would list it.
      const query = collection.versions?.drafts ? '&draft=true' : ''
      const list = (await getJSON(page, `/api/${slug}?limit=1&depth=0${query}`)) as { docs?: { id: string | number }[] }
      const id = list.docs?.[0]?.id
      let opened = false
      if (id !== undefined) opened = await visit(page, step, `/admin/collections/${slug}/${id}`, '.collection-edit .document-fields')
      else if (can(permissions(slug).create)) opened = await visit(page, step, `/admin/collections/${slug}/create`, '.collection-edit .document-fields')
      if (opened) await crawlDocument(page, step, first)
    }
  } finally {
    await context.close()
  }
}

test('every admin view, relationship picker and add-new drawer opens cleanly for every staff role', async () => {
  const started = Date.now()
  // The roles side by side, each in its own browser context: the server and the browser each
  // get a core, instead of waiting on each other.
  await Promise.all(STAFF_ROLES.map((role) => crawlAs(role)))
  const seconds = Math.round((Date.now() - started) / 1000)

  const rows = Object.entries(perRole).map(([role, n]) => `  ${role}: ${n.views} views, ${n.pickers} pickers, ${n.drawers} add-new drawers`)
  console.log(
    `Admin crawl in ${seconds} s: ${STAFF_ROLES.length} roles, ${tally.views} views, ${tally.pickers} relationship pickers opened ` +
      `(${tally.options} options loaded; ${tally.readOnlyPickers} read-only ones skipped), ${tally.drawers} add-new drawers\n${rows.join('\n')}`,
  )

  const format = (p: Problem) => `${p.role} ${p.url}: ${p.what}`
  // One role's problems together, in the order the crawl met them.
  problems.sort((a, b) => STAFF_ROLES.indexOf(a.role as Role) - STAFF_ROLES.indexOf(b.role as Role))
  const known = problems.filter((p) => KNOWN_ELSEWHERE.some((k) => k.problem.test(format(p))))
  if (known.length) console.log(`Known problems owned elsewhere (not failed on):\n${[...new Set(known.map(format))].map((l) => `  ${l}`).join('\n')}`)
  const unused = KNOWN_ELSEWHERE.filter((k) => !problems.some((p) => k.problem.test(format(p)))).map((k) => `KNOWN_ELSEWHERE entry no longer seen, remove it: ${k.problem}`)
  const remaining = [...new Set(problems.filter((p) => !known.includes(p)).map(format)), ...unused]

  expect(tally.pickers).toBeGreaterThan(0)
  expect(tally.drawers).toBeGreaterThan(0)
  expect(remaining).toEqual([])
}, 600_000)

test('toasts stay clear of the document sidebar, where the review panel has its buttons', async () => {
  const overlaps: string[] = []
  for (const viewport of [
    { width: 1400, height: 1000 },
    { width: 1100, height: 760 },
  ]) {
    const context = await browser.newContext({ viewport })
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)
    await signIn(page, staff.editor.email)
    await page.goto(`${server.url}/admin/collections/conditions/${conditionId}`)
    await page.waitForSelector('#review-action-submit, [data-testid="review-stage"]')
    await page.waitForLoadState('networkidle')
    // A save shows Payload's success toast.
    await page.fill('#field-summary', `Edited at ${viewport.width} px to show a toast.`)
    const saved = page.waitForResponse((r) => r.url().includes(`/api/conditions/${conditionId}`) && r.request().method() === 'PATCH')
    await page.click('#action-save-draft')
    expect((await saved).status()).toBe(200)
    await page.waitForSelector('#review-action-submit:not([disabled])')
    const toast = page.locator('[data-sonner-toast]').first()
    await toast.waitFor()
    // The panel's buttons scrolled to the bottom of the window, where the report saw them covered.
    await page.locator('#review-action-submit').evaluate((el) => el.scrollIntoView({ block: 'end' }))
    const [toastBox, sidebarBox, submitBox] = await Promise.all([
      toast.boundingBox(),
      page.locator('.document-fields__sidebar-wrap').boundingBox(),
      page.locator('#review-action-submit').boundingBox(),
    ])
    await shot(page, `toast-${viewport.width}px`)
    const intersects = (a: typeof toastBox, b: typeof toastBox) =>
      Boolean(a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
    if (intersects(toastBox, submitBox)) overlaps.push(`${viewport.width}x${viewport.height}: the toast covers the Submit button`)
    if (intersects(toastBox, sidebarBox)) overlaps.push(`${viewport.width}x${viewport.height}: the toast covers the sidebar (${JSON.stringify(toastBox)} over ${JSON.stringify(sidebarBox)})`)
    await context.close()
  }
  expect(overlaps).toEqual([])
}, 180_000)
