/**
 * Links in rich text (Lexical link and autolink nodes in every richText field): a link that could
 * run script or carry content of its own (`javascript:`, `data:`, `vbscript:`, in any spelling)
 * is refused on save over REST and GraphQL, drafts included, with a 400 naming the field; every
 * link Payload's link drawer makes for an ordinary address is taken as sent; and the public site,
 * served by the production server, writes no dangerous href even for such a link stored before
 * the guard (written here with the database adapter, around every hook).
 */
import type { Payload } from 'payload'

import { createStaff, DEFAULT_TEST_PASSWORD, publish, type Staff } from './helpers/fixtures'
import { startProductionServer } from './helpers/browser'
import { startTestPayload, type TestPayload } from './helpers/payload'
import type { RunningServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let staff: Staff
let editorToken = ''

beforeAll(async () => {
  ctx = await startTestPayload('rich-text-links')
  payload = ctx.payload
  staff = await createStaff(payload)
  server = await startProductionServer(ctx.database.uri)
  const res = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'editor@test.careline', password: DEFAULT_TEST_PASSWORD }),
  })
  expect(res.status).toBe(200)
  editorToken = ((await res.json()) as { token: string }).token
}, 240_000)
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

// Lexical's JSON, as the admin's editor sends it.
const text = (value: string) => ({ type: 'text', text: value, format: 0, detail: 0, mode: 'normal', style: '', version: 1 })
const element = { format: '', indent: 0, version: 1, direction: 'ltr' }
/** A link as Payload's link drawer makes it (`id` included); `autolink` is a pasted address. */
const link = (fields: Record<string, unknown>, label: string, type: 'link' | 'autolink' = 'link') => ({
  type,
  ...element,
  version: type === 'link' ? 3 : 2,
  ...(type === 'link' ? { id: '6752f0c1a1b2c3d4e5f60718' } : {}),
  fields: { linkType: 'custom', newTab: false, ...fields },
  children: [text(label)],
})
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', ...element, textFormat: 0, children })
const richText = (...children: unknown[]) => ({ root: { type: 'root', ...element, children } })
const withLink = (url: string, label = 'more about it', type: 'link' | 'autolink' = 'link') => richText(paragraph(text('Read '), link({ url }, label, type), text('.')))

const auth = () => ({ 'content-type': 'application/json', authorization: `JWT ${editorToken}` })
async function rest(method: string, path: string, body: unknown) {
  const res = await fetch(`${server.url}${path}`, { method, headers: auth(), body: JSON.stringify(body) })
  return { status: res.status, json: (await res.json()) as Record<string, any> }
}
async function graphql(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${server.url}/api/graphql`, { method: 'POST', headers: auth(), body: JSON.stringify({ query, variables }) })
  return (await res.json()) as { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[] }
}
const fieldErrors = (json: Record<string, any>) => (json.errors?.[0]?.data?.errors ?? []) as { path: string; message: string }[]
const countNamed = async (collection: 'conditions' | 'symptoms', name: string) => (await payload.count({ collection, where: { name: { equals: name } } })).totalDocs

const DANGEROUS = [
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  '  javascript:alert(1)',
  '\tjava\nscript:alert(1)',
  '\u0001javascript:alert(1)',
  'java\u200bscript:alert(1)',
  'javascript&colon;alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
]

let drafts = 0
const draftName = () => `Link test condition ${++drafts}`

describe('saving', () => {
  test.each(DANGEROUS)('a link to %j is refused over REST, as a draft too, with a 400 naming the field and the link', async (url) => {
    const name = draftName()
    const res = await rest('POST', '/api/conditions?draft=true', { name, description: withLink(url, 'click here') })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.json)).toEqual([{ path: 'description', message: expect.stringMatching(/^The link "click here" goes to .* which is not allowed: a link starts with https:\/\//) }])
    expect(res.json.errors[0].message).toMatch(/Change the link's URL or remove the link/)
    expect(await countNamed('conditions', name)).toBe(0)
  })

  test('wherever the link is: an autolink, deep in a list, another field, another collection, an update', async () => {
    const autolink = await rest('POST', '/api/conditions?draft=true', { name: draftName(), description: withLink('javascript:alert(1)', 'javascript:alert(1)', 'autolink') })
    expect(fieldErrors(autolink.json).map((e) => e.path)).toEqual(['description'])

    const listItem = (...children: unknown[]) => ({ type: 'listitem', ...element, value: 1, children })
    const list = { type: 'list', ...element, listType: 'bullet', start: 1, tag: 'ul', children: [listItem(text('fine')), listItem(paragraph(link({ url: 'data:text/html,<script>alert(1)</script>' }, 'deep')))] }
    const prognosis = await rest('POST', '/api/conditions?draft=true', { name: draftName(), description: withLink('https://example.org/ok'), prognosis: richText(list) })
    expect(prognosis.status).toBe(400)
    expect(fieldErrors(prognosis.json)).toEqual([{ path: 'prognosis', message: expect.stringMatching(/^The link "deep" goes to "data:text\/html/) }])

    const symptom = await rest('POST', '/api/symptoms?draft=true', { name: 'Link test symptom', category: 'general', description: withLink('vbscript:msgbox(1)') })
    expect(symptom.status).toBe(400)
    expect(fieldErrors(symptom.json).map((e) => e.path)).toEqual(['description'])
    expect(await countNamed('symptoms', 'Link test symptom')).toBe(0)

    const name = draftName()
    const created = await rest('POST', '/api/conditions?draft=true', { name, description: withLink('https://example.org/first') })
    expect(created.status).toBe(201)
    const id = created.json.doc.id
    for (const locale of ['en', 'es']) {
      const update = await rest('PATCH', `/api/conditions/${id}?draft=true&locale=${locale}`, { description: withLink('javascript:alert(1)') })
      expect({ locale, status: update.status, paths: fieldErrors(update.json).map((e) => e.path) }).toEqual({ locale, status: 400, paths: ['description'] })
    }
    const stored = await payload.findByID({ collection: 'conditions', id, draft: true, locale: 'en' })
    expect(JSON.stringify(stored.description)).toContain('https://example.org/first')
    expect(JSON.stringify(stored.description)).not.toContain('javascript')
  })

  test('over GraphQL, create and update are refused the same way', async () => {
    const name = draftName()
    const create = await graphql('mutation ($d: JSON) { createCondition(draft: true, data: { name: "' + name + '", description: $d }) { id } }', { d: withLink('JAVASCRIPT:alert(1)') })
    expect(create.data?.createCondition ?? null).toBeNull()
    expect(create.errors?.[0]?.message).toMatch(/is not allowed: a link starts with https:\/\//)
    expect(JSON.stringify(create.errors)).toContain('description')
    expect(await countNamed('conditions', name)).toBe(0)

    const ok = await graphql('mutation ($d: JSON) { createCondition(draft: true, data: { name: "' + name + '", description: $d }) { id } }', { d: withLink('https://example.org/gql') })
    expect(ok.errors).toBeUndefined()
    const id = ok.data?.createCondition.id
    const update = await graphql(`mutation ($d: JSON) { updateCondition(id: "${id}", draft: true, data: { prognosis: $d }) { id } }`, { d: withLink('data:text/html,hi') })
    expect(update.errors?.[0]?.message).toMatch(/is not allowed/)
    expect(JSON.stringify(update.errors)).toContain('prognosis')
    expect((await payload.findByID({ collection: 'conditions', id, draft: true })).prognosis ?? null).toBeNull()
  })

  test("every link Payload's link drawer makes for an ordinary address is taken as sent", async () => {
    const symptom = await payload.create({ collection: 'symptoms', data: { name: 'Linked symptom', category: 'general' }, draft: true })
    const urls = [
      'https://example.org/hooks?x=1#y',
      'http://example.org',
      'https://', // the drawer's starting value
      'mailto:care@example.org',
      'tel:+15551234567',
      '/conditions/asthma',
      '#overview',
      '?q=back+pain',
      'www.example.org',
      '//cdn.example.org/leaflet.pdf',
    ]
    const description = richText(
      paragraph(...urls.map((url, i) => link({ url, newTab: i % 2 === 0 }, `link ${i}`))),
      paragraph(link({ url: 'https://example.org/pasted' }, 'https://example.org/pasted', 'autolink'), link({ linkType: 'internal', doc: { relationTo: 'symptoms', value: symptom.id } }, 'the symptom')),
    )
    const res = await rest('POST', '/api/conditions?draft=true', { name: draftName(), description })
    expect(res.status).toBe(201)
    const stored = JSON.stringify((await payload.findByID({ collection: 'conditions', id: res.json.doc.id, draft: true, depth: 0 })).description)
    for (const url of urls) expect(stored).toContain(JSON.stringify(url))
    expect(stored).toContain('"linkType":"internal"')
  })
})

describe('the public site', () => {
  /**
   * Every link's href, as a browser reads it (character references decoded). Links only: the
   * page's own icon is rightly a data: URL, in a <link> no one clicks.
   */
  const hrefsOf = (html: string) =>
    [...html.matchAll(/<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) =>
      (m[1] ?? m[2] ?? m[3])
        .replace(/&#x([\da-f]+);?/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
        .replace(/&colon;/gi, ':')
        .replace(/&(?:tab|newline);/gi, '')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"'),
    )
  /** The scheme, read as leniently as any browser would. */
  const isDangerous = (href: string) => /^(?:javascript|data|vbscript):/i.test(href.replace(/[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2028-\u202f\ufeff]/g, ''))

  /**
   * Sets English values of localized fields with the database adapter alone. The adapter rewrites
   * a document's localized row as a whole, keyed by locale, so the others are carried over.
   */
  async function writeEnglishAroundHooks(collection: 'conditions' | 'symptoms', id: number | string, english: Record<string, unknown>) {
    const stored = (await payload.db.findOne({ collection, where: { id: { equals: id } }, locale: 'all' })) as Record<string, any>
    const localized = payload.collections[collection].config.flattenedFields.filter((field) => 'localized' in field && field.localized)
    const data: Record<string, Record<string, unknown>> = {}
    for (const { name } of localized) {
      const value = stored[name]
      if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).every((key) => key === 'en' || key === 'es')) data[name] = { ...value }
    }
    for (const [name, value] of Object.entries(english)) data[name] = { ...data[name], en: value }
    await payload.db.updateOne({ collection, id, data })
  }

  const badParagraph = () => paragraph(...DANGEROUS.map((url, i) => link({ url, newTab: i % 2 === 1 }, `bad link ${i}`)), link({ url: 'javascript:alert(2)' }, 'bad autolink', 'autolink'))

  test('a page with links stored before the guard has no dangerous href; its good links and all the text stay', async () => {
    const team = { editor: staff.editor, reviewer: staff.reviewer }
    const condition = await payload.create({ collection: 'conditions', data: { name: 'Old content condition', summary: 'Stored before the guard.', description: withLink('https://example.org/good', 'good link') as never }, draft: true })
    const symptom = await payload.create({ collection: 'symptoms', data: { name: 'Old content symptom', category: 'general', description: withLink('https://example.org/good-symptom', 'good symptom link') as never }, draft: true })
    await publish(payload, team, { collection: 'conditions', id: condition.id }, { collection: 'symptoms', id: symptom.id })

    // Old content: written with the database adapter, so no hook sees it.
    const description = richText(paragraph(link({ url: 'https://example.org/good' }, 'good link')), badParagraph())
    await writeEnglishAroundHooks('conditions', condition.id, { description, prognosis: richText(badParagraph()) })
    await writeEnglishAroundHooks('symptoms', symptom.id, { description: richText(badParagraph()) })
    // Old content predates page snapshots too: the migration that adds them renders its pages from what is stored.
    await payload.db.deleteMany({ collection: 'published-pages', where: { documentId: { in: [String(condition.id), String(symptom.id)] } } })
    await (await import('../src/publication')).backfillPageSnapshots(payload)
    // It is there, as the public API serves it.
    const api = await (await fetch(`${server.url}/api/conditions/${condition.id}?locale=en`)).text()
    expect(api).toContain('javascript:alert(document.cookie)')
    expect(api).toContain('data:text/html;base64')

    for (const [path, good] of [
      [`/conditions/${condition.slug}`, 'https://example.org/good'],
      [`/symptoms/${symptom.slug}`, undefined],
    ] as const) {
      const res = await fetch(`${server.url}${path}`)
      expect({ path, status: res.status }).toEqual({ path, status: 200 })
      const html = await res.text()
      const hrefs = hrefsOf(html)
      expect({ path, dangerous: hrefs.filter(isDangerous) }).toEqual({ path, dangerous: [] })
      expect(html).not.toMatch(/javascript:|vbscript:|data:text/i)
      // The text of every refused link is still there, only not a link.
      for (let i = 0; i < DANGEROUS.length; i++) expect(html).toContain(`bad link ${i}`)
      expect(html).toContain('bad autolink')
      if (good) expect(hrefs).toContain(good)
    }
  })
})
