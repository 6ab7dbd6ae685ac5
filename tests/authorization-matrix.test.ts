/**
 * The authorization matrix, generated from the loaded config: every role (anonymous, the `reader`
 * API key, editor, reviewer, admin) x every collection in `payload.config.collections` (Payload's
 * own `payload-*` collections and plugin-added ones included) x every operation (find, findByID,
 * create, update, delete, versions, restore) x channel (REST, GraphQL), against the real server.
 *
 * EXPECTED below is written by hand: a collection in the config that is missing from it (or an
 * entry for one that no longer exists) fails the suite. A refused cell must answer with the exact
 * status encoded here AND leave the database as it was (read back with the Local API). Then mass
 * assignment (workflow and role fields typed in) and object-level checks (other people's accounts,
 * secrets, preferences, imports).
 */
import type { CollectionSlug, Payload, SanitizedCollectionConfig } from 'payload'
import { formatNames } from 'payload'
import sharp from 'sharp'

import { REVIEWED_COLLECTIONS } from '../collections/medicalReview'
import type { User } from '../src/payload-types'
import { createStaff, DEFAULT_TEST_PASSWORD, publish, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

const previousAutorun = process.env.JOBS_AUTORUN
process.env.JOBS_AUTORUN = 'false'

type Who = 'anonymous' | 'reader' | 'editor' | 'reviewer' | 'admin'
type Op = 'find' | 'findByID' | 'create' | 'update' | 'delete' | 'versions' | 'restore'
type Channel = 'rest' | 'graphql'
const WHO: Who[] = ['anonymous', 'reader', 'editor', 'reviewer', 'admin']
const OPS: Op[] = ['find', 'findByID', 'create', 'update', 'delete', 'versions', 'restore']
const CHANNELS: Channel[] = ['rest', 'graphql']

/**
 * - `allow`: the operation succeeds and does what was asked.
 * - `published`: reads succeed but hold published documents only (a draft-only document is not found).
 * - `own`: only the caller's own records: lists hold nothing else; another's record is not found
 *   (reads) or refused (writes), and stays as it was.
 * - `directory`: users read by editors and reviewers: their own account and staff colleagues', never
 *   API-key accounts.
 * - `draft`: a write to a reviewed collection saves a draft (the public copy stays); the same write
 *   asking to publish is refused by medical review and changes nothing.
 * - `deny`: refused (status in STATUS below) and nothing changed.
 * - `absent`: the operation does not exist for this collection on this channel.
 */
type Expect = 'allow' | 'published' | 'own' | 'directory' | 'draft' | 'deny' | 'absent'
type Row = Record<Op, Expect>

const row = (find: Expect, findByID: Expect, create: Expect, update: Expect, del: Expect, versions: Expect, restore: Expect): Row => ({
  find,
  findByID,
  create,
  update,
  delete: del,
  versions,
  restore,
})
const same = (r: Row): Record<Who, Row> => ({ anonymous: r, reader: r, editor: r, reviewer: r, admin: r })
const DENY_ALL = row('deny', 'deny', 'deny', 'deny', 'deny', 'absent', 'absent')

const reviewed: Record<Who, Row> = {
  anonymous: row('published', 'published', 'deny', 'deny', 'deny', 'deny', 'deny'),
  reader: row('published', 'published', 'deny', 'deny', 'deny', 'deny', 'deny'),
  editor: row('allow', 'allow', 'draft', 'draft', 'deny', 'allow', 'draft'),
  reviewer: row('allow', 'allow', 'draft', 'draft', 'deny', 'allow', 'draft'),
  admin: row('allow', 'allow', 'draft', 'draft', 'allow', 'allow', 'draft'),
}
/**
 * Public reference data, shown inside reviewed pages: anyone reads, staff add, reviewers and
 * admins change (an editor's change would reach published pages unreviewed), admins delete.
 */
const referenceData: Record<Who, Row> = {
  anonymous: row('allow', 'allow', 'deny', 'deny', 'deny', 'absent', 'absent'),
  reader: row('allow', 'allow', 'deny', 'deny', 'deny', 'absent', 'absent'),
  editor: row('allow', 'allow', 'allow', 'deny', 'deny', 'absent', 'absent'),
  reviewer: row('allow', 'allow', 'allow', 'allow', 'deny', 'absent', 'absent'),
  admin: row('allow', 'allow', 'allow', 'allow', 'allow', 'absent', 'absent'),
}
const adminReadOnly = row('allow', 'allow', 'deny', 'deny', 'deny', 'absent', 'absent')
const anyoneReads = row('allow', 'allow', 'deny', 'deny', 'deny', 'absent', 'absent')

/** What each role may do, per collection. Every collection in the config must be here. */
const EXPECTED: Record<string, Record<Who, Row>> = {
  conditions: reviewed,
  symptoms: reviewed,
  treatments: reviewed,
  'diagnostic-tests': reviewed,
  locations: reviewed,
  // The audit trail: staff read it; nobody writes it over any API, admins included.
  'review-events': { ...same(DENY_ALL), editor: adminReadOnly, reviewer: adminReadOnly, admin: adminReadOnly },
  // Review bundles: staff read them; only the workflow writes them, on submission.
  'review-bundles': { ...same(DENY_ALL), editor: adminReadOnly, reviewer: adminReadOnly, admin: adminReadOnly },
  specialties: referenceData,
  references: referenceData,
  media: referenceData,
  // Staff upload and read imports; the outcome is written by the job alone; admins delete.
  imports: {
    anonymous: DENY_ALL,
    reader: DENY_ALL,
    editor: row('allow', 'allow', 'allow', 'deny', 'deny', 'absent', 'absent'),
    reviewer: row('allow', 'allow', 'allow', 'deny', 'deny', 'absent', 'absent'),
    admin: row('allow', 'allow', 'allow', 'deny', 'allow', 'absent', 'absent'),
  },
  // Accounts: admins manage them; staff read the staff directory and change only themselves
  // (checked in the object-level tests; the matrix's target is someone else's account).
  users: {
    anonymous: DENY_ALL,
    reader: row('own', 'own', 'deny', 'deny', 'deny', 'absent', 'absent'),
    editor: row('directory', 'directory', 'deny', 'deny', 'deny', 'absent', 'absent'),
    reviewer: row('directory', 'directory', 'deny', 'deny', 'deny', 'absent', 'absent'),
    admin: row('allow', 'allow', 'allow', 'allow', 'allow', 'absent', 'absent'),
  },
  // Derived from published text only: anyone reads, nobody writes (the publication hook does).
  'search-index': same(anyoneReads),
  // Closed to every API; the system writes it.
  'publication-log': same(DENY_ALL),
  // What the public is served: public by definition, written by the publication hooks only.
  'published-pages': same(anyoneReads),
  // The record of what the public saw: staff read it; nobody writes, changes or deletes it.
  'page-history': { ...same(DENY_ALL), editor: adminReadOnly, reviewer: adminReadOnly, admin: adminReadOnly },
  webhooks: { ...same(DENY_ALL), admin: row('allow', 'allow', 'allow', 'allow', 'allow', 'absent', 'absent') },
  'webhook-deliveries': { ...same(DENY_ALL), admin: adminReadOnly },
  // Payload's own collections.
  'payload-kv': same(DENY_ALL),
  'payload-jobs': same(DENY_ALL),
  // Document locks: any staff member (the admin takes over a colleague's lock by design).
  'payload-locked-documents': {
    anonymous: DENY_ALL,
    reader: DENY_ALL,
    editor: row('allow', 'allow', 'allow', 'allow', 'allow', 'absent', 'absent'),
    reviewer: row('allow', 'allow', 'allow', 'allow', 'allow', 'absent', 'absent'),
    admin: row('allow', 'allow', 'allow', 'allow', 'allow', 'absent', 'absent'),
  },
  // Admin-panel preferences: each signed-in user their own, nobody else's.
  'payload-preferences': {
    anonymous: DENY_ALL,
    reader: row('own', 'own', 'own', 'own', 'own', 'absent', 'absent'),
    editor: row('own', 'own', 'own', 'own', 'own', 'absent', 'absent'),
    reviewer: row('own', 'own', 'own', 'own', 'own', 'absent', 'absent'),
    admin: row('own', 'own', 'own', 'own', 'own', 'absent', 'absent'),
  },
  // No REST endpoints and no GraphQL: migrations are not reachable over the API at all.
  'payload-migrations': same(row('absent', 'absent', 'absent', 'absent', 'absent', 'absent', 'absent')),
}

/**
 * Known gaps: cells where the server does not yet do what EXPECTED says. Each is asserted to
 * still behave as `actual`, so a fix makes the suite say "remove it here". None today: Payload's
 * own collections and globals get Careline's rules in src/payloadInternals.ts.
 */
const KNOWN_GAPS: Record<string, { actual: Expect; why: string }> = {}

const cellKey = (slug: string, who: Who, op: Op, channel: Channel) => `${slug} ${who} ${op} ${channel}`

// ---------------------------------------------------------------------------------------------

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let staff: Staff
const READER_KEY = 'matrix-reader-api-key-0123456789abcdef'
const tokens: Record<string, string> = {}
const idOf = (who: Exclude<Who, 'anonymous'>) => staff[who].id
let png: Buffer
const DOCUMENT = 'Sciatica\n\nOverview\nSciatica is pain along the sciatic nerve.\n\nSymptoms\n- Burning pain\n- Numbness\n'

beforeAll(async () => {
  ctx = await startTestPayload('authz_matrix')
  payload = ctx.payload
  staff = await createStaff(payload)
  await payload.update({ collection: 'users', id: staff.reader.id, data: { enableAPIKey: true, apiKey: READER_KEY } })
  png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#ffffff' } }).png().toBuffer()
  await createFixtures()
  // Rate limits off: the matrix sends over a thousand GraphQL requests from one address.
  server = await startServer({
    API_ONLY: 'true',
    DATABASE_URI: ctx.database.uri,
    JOBS_AUTORUN: 'false',
    CACHE_MAX_MB: '0',
    RATE_LIMIT_GRAPHQL_PER_IP: '0',
    RATE_LIMIT_LOGIN_PER_IP: '0',
    RATE_LIMIT_LOGIN_PER_ACCOUNT: '0',
  })
  for (const role of ['admin', 'editor', 'reviewer'] as const) {
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
  if (previousAutorun === undefined) delete process.env.JOBS_AUTORUN
  else process.env.JOBS_AUTORUN = previousAutorun
})

// --- HTTP ------------------------------------------------------------------------------------

const authHeaders = (who: Who): Record<string, string> => {
  if (who === 'anonymous') return {}
  if (who === 'reader') return { authorization: `users API-Key ${READER_KEY}` }
  return { authorization: `JWT ${tokens[who]}` }
}
interface Answer {
  status: number
  body: any
}
async function rest(method: string, path: string, who: Who, body?: unknown): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...authHeaders(who) } }
  if (body instanceof FormData) init.body = body
  else if (body !== undefined) {
    init.body = JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  const res = await fetch(`${server.url}${path}`, init).catch((error: Error) => {
    throw new Error(`${method} ${path}: ${error.message}; the server's last output:\n${server.output().slice(-3000)}`)
  })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // not JSON (a 404 page, say)
  }
  return { status: res.status, body: parsed }
}
async function graphql(query: string, who: Who, variables?: Record<string, unknown>): Promise<Answer & { data?: any; error?: string }> {
  const { status, body } = await rest('POST', '/api/graphql', who, { query, variables })
  const error = body?.errors?.[0]
  const code = error?.extensions?.statusCode ?? status
  return { status: code, body, data: body?.data, error: error?.message }
}

// --- Collections, as the config has them --------------------------------------------------------

const configured = () => payload.config.collections as SanitizedCollectionConfig[]
const hasVersions = (c: SanitizedCollectionConfig) => Boolean(c.versions)
const hasDrafts = (c: SanitizedCollectionConfig) => Boolean(c.versions && c.versions.drafts)
const restEnabled = (c: SanitizedCollectionConfig) => c.endpoints !== false
const graphQLEnabled = (c: SanitizedCollectionConfig) => c.graphQL !== false
const mutationsDisabled = (c: SanitizedCollectionConfig) => graphQLEnabled(c) && Boolean(((c.graphQL || {}) as { disableMutations?: boolean }).disableMutations)

/** Payload's generated GraphQL names: from the slug unless the config names them. */
function graphQLNames(c: SanitizedCollectionConfig) {
  const fromSlug = formatNames(c.slug)
  const gql = (c.graphQL || {}) as { singularName?: string; pluralName?: string }
  const singular = gql.singularName ?? fromSlug.singular
  let plural = gql.pluralName ?? fromSlug.plural
  if (plural === singular) plural = `all${singular}`
  return { singular, plural }
}

const isReviewed = (slug: string) => (REVIEWED_COLLECTIONS as readonly string[]).includes(slug)
let unique = 0
const next = (label: string) => `${label} ${++unique} ${Math.random().toString(36).slice(2, 7)}`

/** What a client sends to create one record of each collection (the file travels separately). */
function sampleData(slug: string, who: Who): Record<string, unknown> {
  const name = next('Matrix')
  switch (slug) {
    case 'conditions':
      return { name }
    case 'symptoms':
      return { name, category: 'pain' }
    case 'treatments':
      return { name, kind: 'therapy', invasiveness: 'nonsurgical' }
    case 'diagnostic-tests':
      return { name, kind: 'imaging' }
    case 'locations':
      return { name, latitude: 40.7, longitude: -74, address: { street: '1 Main St', city: 'New York', country: 'US' } }
    case 'review-events':
      return { documentCollection: 'conditions', documentId: '1', action: 'approve', fromStage: 'in_review', toStage: 'approved', revision: 1 }
    case 'review-bundles':
      return { rootKey: `conditions:${900000 + ++unique}`, rootCollection: 'conditions', rootId: '1', rootTitle: name, members: [] }
    case 'specialties':
      return { name }
    case 'references':
      return { title: name }
    case 'media':
      return { alt: name }
    case 'imports':
      return {}
    case 'users':
      return { email: `m${++unique}@test.careline`, password: DEFAULT_TEST_PASSWORD, name, role: 'editor' }
    case 'search-index':
      return { documentCollection: 'conditions', documentId: String(900000 + unique), locale: 'en', name, slug: `m-${unique}`, nameKey: 'm', textKey: 'm' }
    case 'publication-log':
      return { event: 'publish', documentCollection: 'conditions', documentId: '1' }
    case 'published-pages':
      return { pageCollection: 'conditions', documentId: String(900000 + ++unique), slug: `m-${unique}`, locale: 'en', name, sortKey: 'm', card: {}, page: {} }
    case 'page-history':
      return { pageCollection: 'conditions', documentId: '1', slug: `m-${++unique}`, locale: 'en', event: 'publish', page: {} }
    case 'webhooks':
      return { name, url: 'https://example.org/hooks/matrix', events: ['publish'] }
    case 'webhook-deliveries':
      return { deliveryId: name, event: 'publish', documentCollection: 'conditions', documentId: '1', attempt: 1, outcome: 'delivered', deliveredAt: new Date().toISOString() }
    case 'payload-kv':
      return { key: name, data: { a: 1 } }
    case 'payload-jobs':
      return { taskSlug: 'notifyReviewEvent', queue: 'matrix-never-runs', input: {} }
    case 'payload-locked-documents':
      return { document: { relationTo: 'specialties', value: fx.specialty }, user: { relationTo: 'users', value: who === 'anonymous' ? idOf('editor') : idOf(who) } }
    case 'payload-preferences':
      return { key: name, value: { a: 1 } }
    default:
      throw new Error(`No sample data for "${slug}": add it to sampleData() in the authorization matrix.`)
  }
}

/** One field each update changes, and the value sent. */
function updateData(slug: string): Record<string, unknown> {
  const value = next('Changed')
  // GraphQL's update input requires the (required) address group to be sent whole.
  if (slug === 'locations') return { name: value, address: { street: '2 Main St', city: 'New York', country: 'US' } }
  if (isReviewed(slug) || slug === 'specialties' || slug === 'users' || slug === 'webhooks' || slug === 'search-index') return { name: value }
  switch (slug) {
    case 'references':
      return { title: value }
    case 'media':
      return { credit: value }
    case 'imports':
    case 'webhook-deliveries':
      return { error: value }
    case 'review-events':
      return { comment: value }
    case 'review-bundles':
      return { rootTitle: value }
    case 'publication-log':
    case 'published-pages':
    case 'page-history':
      return { slug: value }
    case 'payload-kv':
      return { data: { changed: value } }
    case 'payload-jobs':
      return { queue: value }
    case 'payload-locked-documents':
      return { globalSlug: value }
    case 'payload-preferences':
      return { value: { changed: value } }
    default:
      throw new Error(`No update data for "${slug}".`)
  }
}

const fileFor = (slug: string) =>
  slug === 'media'
    ? { data: png, mimetype: 'image/png', name: `m${++unique}.png`, size: png.length }
    : { data: Buffer.from(DOCUMENT), mimetype: 'text/plain', name: `import-${++unique}.txt`, size: DOCUMENT.length }

/** Creates a record with the Local API (no access checks), as `owner` where ownership matters. */
async function makeRecord(slug: string, owner: User = staff.editor2): Promise<number | string> {
  const data = slug === 'payload-locked-documents' ? { ...sampleData(slug, 'editor'), user: { relationTo: 'users', value: owner.id } } : sampleData(slug, 'admin')
  const args: Record<string, unknown> = { collection: slug, data, depth: 0 }
  if (isReviewed(slug)) args.draft = true
  if (slug === 'media' || slug === 'imports') args.file = fileFor(slug)
  if (slug === 'imports' || slug === 'payload-preferences') args.user = owner
  if (slug === 'review-events') args.context = { writingReviewEvent: true }
  if (slug === 'review-bundles') args.context = { writingReviewBundle: true }
  const doc = await payload.create(args as never)
  return (doc as { id: number | string }).id
}

/** The stored record, whatever access says: what "changed nothing" is checked against. */
const stored = (slug: string, id: number | string) =>
  payload
    .findByID({ collection: slug as CollectionSlug, id, depth: 0, draft: true, overrideAccess: true, showHiddenFields: true, disableErrors: true } as never)
    .then((doc) => (doc ? JSON.parse(JSON.stringify(doc)) : null)) as Promise<Record<string, any> | null>
const countOf = (slug: string) => payload.count({ collection: slug as CollectionSlug, overrideAccess: true }).then((r) => r.totalDocs)
const versionCount = (slug: string) =>
  payload.countVersions({ collection: slug as CollectionSlug, overrideAccess: true } as never).then((r: { totalDocs: number }) => r.totalDocs)
/** What an anonymous visitor reads of a document (null when not public). */
const publicView = (slug: string, id: number | string) =>
  payload
    .find({ collection: slug as CollectionSlug, where: { id: { equals: id } }, overrideAccess: false, depth: 0 })
    .then((r) => (r.docs[0] ? JSON.parse(JSON.stringify(r.docs[0])) : null))

// --- Fixtures ------------------------------------------------------------------------------------

const fx = {
  /** Per collection: a record belonging to someone else (editor2) or to nobody in particular. */
  target: {} as Record<string, number | string>,
  /** Reviewed collections: a draft that was never published. */
  draftOnly: {} as Record<string, number | string>,
  /** Reviewed collections: an earlier version of the published target. */
  version: {} as Record<string, number | string>,
  specialty: 0 as number | string,
}

async function createFixtures() {
  fx.specialty = await makeRecord('specialties')
  for (const slug of REVIEWED_COLLECTIONS) {
    const id = await makeRecord(slug)
    await publish(payload, staff, { collection: slug, id })
    fx.target[slug] = id
    fx.draftOnly[slug] = await makeRecord(slug)
    const versions = await payload.findVersions({ collection: slug, where: { parent: { equals: id } }, sort: 'createdAt', limit: 1, depth: 0 })
    fx.version[slug] = versions.docs[0].id
  }
  for (const c of configured()) {
    const slug = c.slug
    if (isReviewed(slug) || slug === 'payload-migrations') continue
    if (slug === 'users') fx.target.users = staff.editor2.id
    else if (slug === 'search-index' || slug === 'payload-jobs' || slug === 'published-pages' || slug === 'page-history') {
      // Written by the system when content was published above.
      fx.target[slug] = (await payload.find({ collection: slug as CollectionSlug, limit: 1, depth: 0 })).docs[0]?.id ?? (await makeRecord(slug))
    } else fx.target[slug] = await makeRecord(slug)
  }
  fx.target['publication-log'] = (await payload.find({ collection: 'publication-log', limit: 1, depth: 0 })).docs[0]!.id
  // Preferences of the matrix's own roles too, to see that each lists only its own.
  for (const who of ['reader', 'editor', 'reviewer', 'admin'] as const) await makeRecord('payload-preferences', staff[who])
}

// --- Executing one cell --------------------------------------------------------------------------

interface Cell {
  slug: string
  who: Who
  op: Op
  channel: Channel
  expected: Expect
}
interface Result {
  cell: Cell
  status: number
  problems: string[]
}

/**
 * What Payload answers over REST for an operation the collection does not have: no route at all
 * (collections with `endpoints: false`) is 501; `/versions` of a collection without versions is
 * refused (403) before sign-in and fails (500, nothing read) after; restoring a version of one
 * fails (500, nothing written). Preferences route `/:key`, so `/versions` reads the caller's own
 * preference called "versions": none (200, value null).
 */
function absentRestStatus({ slug, who, op }: Cell): number | number[] {
  // Payload answers 501 for a route it does not have; the server may answer 404 before it.
  if (slug === 'payload-migrations') return [404, 501]
  if (op === 'versions' && slug === 'payload-preferences') return [200, 404]
  // A server that refuses unknown ids before Payload answers 404 instead; either way nothing is read or written.
  if (op === 'versions') return who === 'anonymous' ? [403, 404] : [500, 404]
  if (op === 'restore') return [500, 404]
  return 404
}

/** The status a refusal must answer with. */
function refusal(cell: Cell, c: SanitizedCollectionConfig): number {
  if (cell.expected === 'absent') return cell.channel === 'graphql' ? 400 : 404
  return 403
}

const listIds = (answer: Answer, channel: Channel, plural: string) =>
  ((channel === 'rest' ? answer.body?.docs : answer.body?.data?.[plural]?.docs) ?? []).map((d: { id: unknown }) => String(d.id))

async function runCell(cell: Cell): Promise<Result> {
  const { slug, who, op, channel, expected } = cell
  const c = configured().find((x) => x.slug === slug)!
  const { singular, plural } = graphQLNames(c)
  const problems: string[] = []
  const fail = (message: string) => problems.push(message)
  const target = fx.target[slug]
  const isAllowed = expected !== 'deny' && expected !== 'absent'
  const gqlAbsent = channel === 'graphql' && !graphQLEnabled(c)
  const restAbsent = channel === 'rest' && !restEnabled(c)
  let status = 0

  const expectRefused = (answer: Answer, code: number | number[] = refusal(cell, c)) => {
    status = answer.status
    if (!([] as number[]).concat(code).includes(answer.status)) fail(`expected ${code}, got ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`)
  }
  const expectOk = (answer: Answer) => {
    status = answer.status
    if (answer.status < 200 || answer.status >= 300) fail(`expected success, got ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`)
  }

  if (expected === 'absent' || gqlAbsent || restAbsent) {
    if (expected !== 'absent' && !gqlAbsent && !restAbsent) fail('expected absent')
    const answer = await callAbsent(cell, c, singular, plural)
    // GraphQL: a validation error (no such field), answered 200 for application/json as graphql-http allows.
    expectRefused(answer, channel === 'graphql' ? [200, 400] : absentRestStatus(cell))
    if (JSON.stringify(answer.body).includes('Matrix')) fail('the answer shows content')
    if (channel === 'graphql' && !/Cannot query field|Unknown/.test(String(answer.body?.errors?.[0]?.message))) fail(`expected no such GraphQL field, got ${JSON.stringify(answer.body).slice(0, 200)}`)
    return { cell, status, problems }
  }

  switch (op) {
    case 'find': {
      const answer =
        channel === 'rest'
          ? await rest('GET', `/api/${slug}?limit=1000&depth=0${hasDrafts(c) ? '&draft=true' : ''}`, who)
          : await graphql(`{ ${plural}(limit: 1000${hasDrafts(c) ? ', draft: true' : ''}) { docs { id } } }`, who)
      if (!isAllowed) {
        expectRefused(answer)
        break
      }
      expectOk(answer)
      const ids = listIds(answer, channel, plural)
      await checkList(cell, ids, fail)
      break
    }
    case 'findByID': {
      // Reviewed: the draft that was never published; users and preferences: someone else's.
      const id = isReviewed(slug) ? fx.draftOnly[slug] : target
      if (slug === 'payload-preferences' && channel === 'rest') {
        // REST reads preferences by key, always the caller's own: another's key finds nothing.
        const other = await stored(slug, target)
        // (Payload answers 200 with value null; a server that checks ids first answers 404.)
        const answer = await rest('GET', `/api/${slug}/${encodeURIComponent(other!.key)}`, who)
        expectRefused(answer, [200, 404])
        if (answer.status === 200 && answer.body?.value !== null) fail(`another user's preference was read: ${JSON.stringify(answer.body)}`)
        if (JSON.stringify(answer.body).includes('"a":1')) fail('the answer shows the preference')
        break
      }
      const answer =
        channel === 'rest'
          ? await rest('GET', `/api/${slug}/${id}?depth=0${hasDrafts(c) ? '&draft=true' : ''}`, who)
          : await graphql(`{ ${singular}(id: ${JSON.stringify(String(id))}${hasDrafts(c) ? ', draft: true' : ''}) { id } }`, who)
      if (!isAllowed) {
        expectRefused(answer)
        break
      }
      if (expected === 'published' || expected === 'own' || (expected === 'directory' && slug !== 'users')) {
        // Not visible to this caller: not found, and nothing of it in the answer.
        expectRefused(answer, 404)
        if (JSON.stringify(answer.body).includes('Matrix')) fail('the answer shows the hidden record')
        if (expected === 'published') {
          const published = channel === 'rest' ? await rest('GET', `/api/${slug}/${target}?draft=true`, who) : await graphql(`{ ${singular}(id: ${JSON.stringify(String(target))}, draft: true) { id } }`, who)
          if (published.status !== 200) fail(`the published document is not readable: ${published.status}`)
        }
        break
      }
      expectOk(answer)
      const got = channel === 'rest' ? answer.body?.id : answer.body?.data?.[singular]?.id
      if (String(got) !== String(id)) fail(`expected document ${id}, got ${JSON.stringify(answer.body).slice(0, 200)}`)
      break
    }
    case 'create':
      await createCell(cell, c, singular, (a) => expectOk(a), (a, code) => expectRefused(a, code), fail)
      status = status || 0
      break
    case 'update':
      await updateCell(cell, c, singular, (a) => expectOk(a), (a, code) => expectRefused(a, code), fail)
      break
    case 'delete': {
      const id = slug === 'payload-preferences' || slug === 'payload-locked-documents' ? await makeRecord(slug, staff.editor2) : await makeRecord(slug)
      const before = await stored(slug, id)
      // REST deletes preferences by key, the caller's own only: another's key matches nothing (401 signed out,
      // and Payload's delete of nothing fails with 500 on SQLite or 404 elsewhere).
      const prefByKey = slug === 'payload-preferences' && channel === 'rest'
      const answer = prefByKey
        ? await rest('DELETE', `/api/${slug}/${encodeURIComponent(before!.key)}`, who)
        : channel === 'rest'
          ? await rest('DELETE', `/api/${slug}/${id}`, who) : await graphql(`mutation { delete${singular}(id: ${JSON.stringify(String(id))}) { id } }`, who)
      const after = await stored(slug, id)
      if (expected === 'allow') {
        expectOk(answer)
        if (after) fail('the record is still there')
      } else {
        expectRefused(answer, prefByKey ? (who === 'anonymous' ? [401, 404] : [404, 500]) : refusal(cell, c))
        if (JSON.stringify(after) !== JSON.stringify(before)) fail('a refused delete changed the record')
      }
      break
    }
    case 'versions': {
      const answer = channel === 'rest' ? await rest('GET', `/api/${slug}/versions?limit=1000&depth=0`, who) : await graphql(`{ versions${plural}(limit: 1000) { docs { id parent { id } } } }`, who)
      if (!isAllowed) {
        expectRefused(answer)
        if (JSON.stringify(answer.body).includes('Matrix')) fail('a refused version list shows content')
        break
      }
      expectOk(answer)
      const ids = (channel === 'rest' ? answer.body?.docs : answer.body?.data?.[`versions${plural}`]?.docs)?.map((d: { id: unknown }) => String(d.id)) ?? []
      if (!ids.includes(String(fx.version[slug]))) fail('the version list misses the earlier version')
      break
    }
    case 'restore':
      await restoreCell(cell, singular, (a) => expectOk(a), (a, code) => expectRefused(a, code), fail)
      break
  }
  return { cell, status, problems }
}

/** Calls an operation that must not exist: a REST route that is not there, a GraphQL field not in the schema. */
function callAbsent(cell: Cell, c: SanitizedCollectionConfig, singular: string, plural: string): Promise<Answer> {
  const { slug, who, op, channel } = cell
  const id = fx.target[slug] ?? 1
  if (channel === 'rest') {
    const path = {
      find: `/api/${slug}`,
      findByID: `/api/${slug}/${id}`,
      create: `/api/${slug}`,
      update: `/api/${slug}/${id}`,
      delete: `/api/${slug}/${id}`,
      versions: `/api/${slug}/versions`,
      restore: `/api/${slug}/versions/${id}?draft=true`,
    }[op]
    const method = { find: 'GET', findByID: 'GET', create: 'POST', update: 'PATCH', delete: 'DELETE', versions: 'GET', restore: 'POST' }[op]
    return rest(method, path, who, method === 'GET' || method === 'DELETE' ? undefined : {})
  }
  const query = {
    find: `{ ${plural} { docs { id } } }`,
    findByID: `{ ${singular}(id: ${JSON.stringify(String(id))}) { id } }`,
    create: `mutation { create${singular}(data: {}) { id } }`,
    update: `mutation { update${singular}(id: ${JSON.stringify(String(id))}, data: {}) { id } }`,
    delete: `mutation { delete${singular}(id: ${JSON.stringify(String(id))}) { id } }`,
    versions: `{ versions${plural} { docs { id } } }`,
    restore: `mutation { restoreVersion${singular}(id: ${JSON.stringify(String(id))}) { id } }`,
  }[op]
  return graphql(query, who)
}

/** A list answer holds what this caller may see, and nothing else. */
async function checkList(cell: Cell, ids: string[], fail: (m: string) => void) {
  const { slug, who, expected } = cell
  const all = await payload.find({ collection: slug as CollectionSlug, limit: 0, pagination: false, depth: 0, overrideAccess: true, draft: false } as never)
  const docs = all.docs as Record<string, any>[]
  let visible: Record<string, any>[]
  if (expected === 'published') visible = docs.filter((d) => d._status === 'published')
  else if (expected === 'own' && slug === 'users') visible = docs.filter((d) => String(d.id) === String(idOf(who as Exclude<Who, 'anonymous'>)))
  else if (expected === 'own' && slug === 'payload-preferences') visible = docs.filter((d) => String(d.user?.value ?? d.user) === String(idOf(who as Exclude<Who, 'anonymous'>)))
  else if (expected === 'directory') visible = docs.filter((d) => d.role !== 'reader' || String(d.id) === String(idOf(who as Exclude<Who, 'anonymous'>)))
  else visible = docs
  const want = visible.map((d) => String(d.id)).sort()
  const got = [...ids].sort()
  if (JSON.stringify(want) !== JSON.stringify(got)) fail(`list holds ${JSON.stringify(got)}, expected exactly ${JSON.stringify(want)}`)
  if (expected === 'published' && !ids.includes(String(fx.target[slug]))) fail('the published document is missing')
  if (expected === 'published' && ids.includes(String(fx.draftOnly[slug]))) fail('an unpublished document is listed')
}

type Ok = (a: Answer) => void
type Refused = (a: Answer, code?: number | number[]) => void

async function createCell(cell: Cell, c: SanitizedCollectionConfig, singular: string, ok: Ok, refused: Refused, fail: (m: string) => void) {
  const { slug, who, channel, expected } = cell
  const data = sampleData(slug, who)
  const before = await countOf(slug)
  const isUpload = Boolean(c.upload)
  let answer: Answer
  if (channel === 'rest') {
    const query = expected === 'draft' || (isReviewed(slug) && expected === 'deny') ? '?draft=true' : ''
    if (isUpload) {
      const form = new FormData()
      const file = fileFor(slug)
      form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimetype }), file.name)
      form.append('_payload', JSON.stringify(data))
      answer = await rest('POST', `/api/${slug}${query}`, who, form)
    } else answer = await rest('POST', `/api/${slug}${query}`, who, data)
  } else {
    answer = await graphql(`mutation($data: mutation${singular}Input!) { create${singular}(data: $data${isReviewed(slug) ? ', draft: true' : ''}) { id } }`, who, { data })
  }
  const after = await countOf(slug)
  if (expected === 'deny') {
    refused(answer)
    if (after !== before) fail(`a refused create changed the number of records (${before} -> ${after})`)
    return
  }
  if (isUpload && channel === 'graphql') {
    // GraphQL carries no files: allowed callers get past access and are stopped for the missing file.
    refused(answer, 400)
    if (!/file/i.test(String((answer as { error?: string }).error))) fail(`expected a missing-file refusal, got ${JSON.stringify(answer.body).slice(0, 200)}`)
    if (after !== before) fail('a create without a file stored a record')
    return
  }
  ok(answer)
  if (after !== before + 1) fail(`expected one new record (${before} -> ${after})`)
  const id = channel === 'rest' ? answer.body?.doc?.id : answer.body?.data?.[`create${singular}`]?.id
  if (expected === 'draft') {
    const doc = id == null ? null : await stored(slug, id)
    if (doc?._status !== 'draft') fail(`a new document must start as a draft, got ${doc?._status}`)
    // Asking to publish straight away is refused by medical review, and stores nothing.
    const count = await countOf(slug)
    const direct =
      channel === 'rest'
        ? await rest('POST', `/api/${slug}`, who, { ...sampleData(slug, who), _status: 'published' })
        : await graphql(`mutation($data: mutation${singular}Input!) { create${singular}(data: $data) { id } }`, who, { data: { ...sampleData(slug, who), _status: 'published' } })
    if (direct.status !== 403) fail(`creating as published: expected 403, got ${direct.status}`)
    if ((await countOf(slug)) !== count) fail('a refused publish-on-create stored a record')
  }
  if (expected === 'own' && id != null) {
    const doc = await stored(slug, id)
    if (String(doc?.user?.value ?? doc?.user) !== String(idOf(who as Exclude<Who, 'anonymous'>))) fail('the new preference does not belong to its creator')
  }
}

async function updateCell(cell: Cell, c: SanitizedCollectionConfig, singular: string, ok: Ok, refused: Refused, fail: (m: string) => void) {
  const { slug, who, channel, expected } = cell
  const id = fx.target[slug]
  const data = updateData(slug)
  const [field] = Object.keys(data)
  const before = await stored(slug, id)
  const publicBefore = isReviewed(slug) ? await publicView(slug, id) : null
  const draft = expected === 'draft' || (isReviewed(slug) && expected === 'deny')
  const answer =
    channel === 'rest'
      ? await rest('PATCH', `/api/${slug}/${id}?depth=0${draft ? '&draft=true' : ''}`, who, data)
      : await graphql(`mutation($data: mutation${singular}UpdateInput!) { update${singular}(id: ${JSON.stringify(String(id))}, data: $data${draft ? ', draft: true' : ''}) { id } }`, who, { data })
  const after = await stored(slug, id)
  if (expected === 'deny' || expected === 'own') {
    refused(answer, 403)
    if (JSON.stringify(after) !== JSON.stringify(before)) fail('a refused update changed the record')
    if (isReviewed(slug) && JSON.stringify(await publicView(slug, id)) !== JSON.stringify(publicBefore)) fail('a refused update changed the public copy')
    return
  }
  ok(answer)
  if (JSON.stringify(after?.[field]) !== JSON.stringify(data[field])) fail(`${field} was not saved: ${JSON.stringify(after?.[field])}`)
  if (expected === 'draft') {
    if (JSON.stringify(await publicView(slug, id)) !== JSON.stringify(publicBefore)) fail('a draft save changed the public copy')
    // The same change asking to go live is refused (unreviewed change), and changes nothing.
    const latest = await stored(slug, id)
    const direct =
      channel === 'rest'
        ? await rest('PATCH', `/api/${slug}/${id}`, who, { ...updateData(slug), _status: 'published' })
        : await graphql(`mutation($data: mutation${singular}UpdateInput!) { update${singular}(id: ${JSON.stringify(String(id))}, data: $data) { id } }`, who, { data: { ...updateData(slug), _status: 'published' } })
    if (direct.status !== 403) fail(`publishing an unreviewed change: expected 403, got ${direct.status}`)
    if (JSON.stringify(await stored(slug, id)) !== JSON.stringify(latest)) fail('a refused publish changed the record')
    if (JSON.stringify(await publicView(slug, id)) !== JSON.stringify(publicBefore)) fail('a refused publish changed the public copy')
  }
}

async function restoreCell(cell: Cell, singular: string, ok: Ok, refused: Refused, fail: (m: string) => void) {
  const { slug, who, channel, expected } = cell
  const id = fx.target[slug]
  const versionId = fx.version[slug]
  const before = await stored(slug, id)
  const publicBefore = await publicView(slug, id)
  const versionsBefore = await versionCount(slug)
  const answer =
    channel === 'rest'
      ? await rest('POST', `/api/${slug}/versions/${versionId}?draft=true&depth=0`, who)
      : await graphql(`mutation { restoreVersion${singular}(id: ${JSON.stringify(String(versionId))}, draft: true) { id } }`, who)
  if (expected === 'deny') {
    refused(answer)
    if (JSON.stringify(await stored(slug, id)) !== JSON.stringify(before)) fail('a refused restore changed the record')
    if ((await versionCount(slug)) !== versionsBefore) fail('a refused restore saved a version')
  } else {
    ok(answer)
    if ((await versionCount(slug)) !== versionsBefore + 1) fail('a draft restore saved no version')
    // Restoring straight to the live copy (no draft) is refused for everyone.
    const latest = await stored(slug, id)
    const direct = channel === 'rest' ? await rest('POST', `/api/${slug}/versions/${versionId}`, who) : await graphql(`mutation { restoreVersion${singular}(id: ${JSON.stringify(String(versionId))}) { id } }`, who)
    if (direct.status !== 403) fail(`restoring to the live copy: expected 403, got ${direct.status}`)
    if (JSON.stringify(await stored(slug, id)) !== JSON.stringify(latest)) fail('a refused live restore changed the record')
  }
  if (JSON.stringify(await publicView(slug, id)) !== JSON.stringify(publicBefore)) fail('a restore changed the public copy')
}

// --- The matrix ------------------------------------------------------------------------------------

const executed: Record<Channel, number> = { rest: 0, graphql: 0 }

describe('the matrix covers the config', () => {
  test('every collection in the config has expected access in the matrix, and every entry a collection', () => {
    const slugs: string[] = configured().map((c) => c.slug)
    const missing = slugs.filter((slug) => !(slug in EXPECTED))
    const stale = Object.keys(EXPECTED).filter((slug) => !slugs.includes(slug))
    expect(missing.map((slug) => `collection "${slug}" is in the config but not in the authorization matrix: add its expected access to the matrix`)).toEqual([])
    expect(stale.map((slug) => `the authorization matrix lists "${slug}", which is no longer in the config: remove it`)).toEqual([])
    for (const slug of slugs) {
      for (const who of WHO) for (const op of OPS) expect(EXPECTED[slug]?.[who]?.[op]).toBeDefined()
    }
  })

  test('versions and restore are expected exactly where the config keeps versions', () => {
    for (const c of configured()) {
      for (const who of WHO) {
        for (const op of ['versions', 'restore'] as const) {
          const expected = EXPECTED[c.slug][who][op]
          if (!hasVersions(c)) expect(`${c.slug} ${who} ${op}: ${expected}`).toBe(`${c.slug} ${who} ${op}: absent`)
          else expect(`${c.slug} ${who} ${op}: ${expected === 'absent' ? 'absent' : 'present'}`).toBe(`${c.slug} ${who} ${op}: present`)
        }
      }
    }
  })

  test('the GraphQL schema has exactly the generated names of the collections that have GraphQL', async () => {
    const { data } = await graphql('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }', 'admin')
    const queries = new Set<string>(data.__schema.queryType.fields.map((f: { name: string }) => f.name))
    const mutations = new Set<string>(data.__schema.mutationType.fields.map((f: { name: string }) => f.name))
    const problems: string[] = []
    for (const c of configured()) {
      const { singular, plural } = graphQLNames(c)
      const q = [singular, plural, ...(hasVersions(c) ? [`versions${plural}`] : [])]
      const disableMutations = mutationsDisabled(c)
      const m = [`create${singular}`, `update${singular}`, `delete${singular}`, ...(hasVersions(c) ? [`restoreVersion${singular}`] : [])]
      if (graphQLEnabled(c)) {
        for (const name of q) if (!queries.has(name)) problems.push(`${c.slug}: query ${name} is missing`)
        for (const name of m) if (mutations.has(name) === disableMutations) problems.push(`${c.slug}: mutation ${name} ${disableMutations ? 'exists though mutations are disabled' : 'is missing'}`)
      } else {
        for (const name of [...q, `count${plural}`]) if (queries.has(name)) problems.push(`${c.slug} has graphQL: false but query ${name} exists`)
        for (const name of m) if (mutations.has(name)) problems.push(`${c.slug} has graphQL: false but mutation ${name} exists`)
      }
    }
    // Permissions are read over REST; the schema has no per-field permission types (src/http/graphQLSurface.ts).
    for (const name of queries) if (name === 'Access' || name.startsWith('docAccess')) problems.push(`permission query ${name} is in the schema`)
    expect(problems).toEqual([])
  })
})

describe.each(CHANNELS)('every role x collection x operation over %s', (channel) => {
  // Generated at run time from the config (the collection list is only known once Payload is up),
  // one test per collection: its cells run one after another.
  test('all cells', async () => {
    const failures: string[] = []
    const gaps: string[] = []
    for (const c of configured()) {
      const expectations = EXPECTED[c.slug]
      if (!expectations) {
        failures.push(`${c.slug}: not in the matrix: add its expected access to the matrix`)
        continue
      }
      for (const who of WHO) {
        for (const op of OPS) {
          let expected = expectations[who][op]
          // GraphQL disabled for the collection, or mutations disabled: the operation is absent there.
          const mutation = op === 'create' || op === 'update' || op === 'delete' || op === 'restore'
          if (channel === 'graphql' && (!graphQLEnabled(c) || (mutation && mutationsDisabled(c)))) expected = 'absent'
          const key = cellKey(c.slug, who, op, channel)
          const gap = KNOWN_GAPS[key]
          const result = await runCell({ slug: c.slug, who, op, channel, expected: gap ? gap.actual : expected })
          executed[channel]++
          if (gap) {
            if (result.problems.length) failures.push(`${key}: known gap (${gap.why}) no longer behaves as "${gap.actual}": if fixed, remove it from KNOWN_GAPS. ${result.problems.join('; ')}`)
            else gaps.push(`${key}: expected ${expected}, still ${gap.actual} (${gap.why})`)
            continue
          }
          for (const problem of result.problems) failures.push(`${key} (expected ${expected}): ${problem}`)
        }
      }
    }
    console.log(`authorization matrix over ${channel}: ${executed[channel]} cells executed (${WHO.length} roles x ${configured().length} collections x ${OPS.length} operations)${gaps.length ? `; known gaps:\n  ${gaps.join('\n  ')}` : ''}`)
    expect(failures).toEqual([])
  }, 600_000)
})

// --- Mass assignment ---------------------------------------------------------------------------------

const CLINICAL = 'conditions' as const
/** Workflow-owned fields an editor might type in, each sent on its own so one refusal hides no other. */
const WORKFLOW_FIELDS = (): Record<string, unknown>[] => [
  { reviewedBy: { name: 'Dr. Nobody', credentials: 'MD (forged)' } },
  { lastReviewedAt: '2020-01-01T00:00:00.000Z' },
  { nextReviewDue: '2099-01-01T00:00:00.000Z' },
  { reviewStage: 'approved' },
  // Ids as text: GraphQL types every id String (REST takes either).
  { approval: { approvedBy: String(staff.editor.id), approvedAt: new Date().toISOString(), revision: 1 } },
  { revision: 99 },
  { contributors: [String(staff.admin.id)] },
  { assignedReviewer: String(staff.editor.id) },
  { reviewIntervalMonths: 36 },
]
const WORKFLOW_KEYS = ['reviewStage', 'assignedReviewer', 'revision', 'contributors', 'approval', 'reviewedBy', 'lastReviewedAt', 'nextReviewDue', 'reviewIntervalMonths', '_status']
const workflowState = (doc: Record<string, any> | null) => JSON.stringify(Object.fromEntries(WORKFLOW_KEYS.map((k) => [k, doc?.[k]])))

/** Sends one update over a channel; answers with the status (GraphQL: the error's). */
async function patch(channel: Channel, who: Who, slug: string, id: number | string, data: Record<string, unknown>, draft: boolean): Promise<Answer> {
  if (channel === 'rest') return rest('PATCH', `/api/${slug}/${id}?depth=0${draft ? '&draft=true' : ''}`, who, data)
  const c = configured().find((x) => x.slug === slug)!
  const { singular } = graphQLNames(c)
  return graphql(`mutation($data: mutation${singular}UpdateInput!) { update${singular}(id: ${JSON.stringify(String(id))}, data: $data${draft ? ', draft: true' : ''}) { id } }`, who, { data })
}

describe.each(CHANNELS)('mass assignment over %s', (channel) => {
  test('nobody changes their own role: editor, reviewer and admin alike', async () => {
    for (const who of ['editor', 'reviewer', 'admin'] as const) {
      const before = await stored('users', idOf(who))
      const answer = await patch(channel, who, 'users', idOf(who), { role: who === 'admin' ? 'reader' : 'admin' }, false)
      expect(answer.status).toBeLessThan(500)
      expect((await stored('users', idOf(who)))?.role).toBe(before?.role)
    }
  })

  test('an editor types workflow fields into a published clinical document: none is stored, the public copy is unchanged', async () => {
    const id = fx.target[CLINICAL]
    for (const draft of [true, false]) {
      for (const data of WORKFLOW_FIELDS()) {
        const before = await stored(CLINICAL, id)
        const publicBefore = await publicView(CLINICAL, id)
        const answer = await patch(channel, 'editor', CLINICAL, id, data, draft)
        expect(`${JSON.stringify(data)}: ${answer.status}`).not.toMatch(/: 5\d\d$/)
        expect(`${JSON.stringify(data)}: ${workflowState(await stored(CLINICAL, id))}`).toBe(`${JSON.stringify(data)}: ${workflowState(before)}`)
        expect(await publicView(CLINICAL, id)).toEqual(publicBefore)
      }
    }
  })

  test("an editor's `_status: 'published'` publishes nothing: not a draft-only document, not a change on a published one", async () => {
    const draftOnly = await makeRecord(CLINICAL, staff.editor)
    const answer = await patch(channel, 'editor', CLINICAL, draftOnly, { _status: 'published' }, false)
    expect(answer.status).toBe(403)
    expect((await stored(CLINICAL, draftOnly))?._status).toBe('draft')
    expect(await publicView(CLINICAL, draftOnly)).toBeNull()

    const id = fx.target[CLINICAL]
    const publicBefore = await publicView(CLINICAL, id)
    const before = await stored(CLINICAL, id)
    const change = await patch(channel, 'editor', CLINICAL, id, { name: next('Unreviewed'), _status: 'published' }, false)
    expect(change.status).toBe(403)
    expect(await stored(CLINICAL, id)).toEqual(before)
    expect(await publicView(CLINICAL, id)).toEqual(publicBefore)
    // With `draft`, `_status: 'published'` still makes Payload write the live copy: it is held to
    // the publishing rules like any publish (this once passed as a draft save and went live).
    const draft = await patch(channel, 'editor', CLINICAL, id, { name: next('Draft'), _status: 'published' }, true)
    expect(draft.status).toBe(403)
    expect(await stored(CLINICAL, id)).toEqual(before)
    expect(await publicView(CLINICAL, id)).toEqual(publicBefore)
  })

  test('a reviewer sets no role, and a reader sets nothing: not its own account, not content', async () => {
    const before = await stored('users', idOf('reviewer'))
    await patch(channel, 'reviewer', 'users', idOf('reviewer'), { role: 'admin' }, false)
    expect((await stored('users', idOf('reviewer')))?.role).toBe(before?.role)

    const reader = await stored('users', idOf('reader'))
    for (const data of [{ name: 'Renamed kiosk' }, { role: 'admin' }, { email: 'kiosk@evil.example' }, { enableAPIKey: false }, { apiKey: 'chosen-by-the-reader-0123456789' }, { password: 'a-new-password-123456' }]) {
      const answer = await patch(channel, 'reader', 'users', idOf('reader'), data, false)
      expect(`${JSON.stringify(data)}: ${answer.status}`).toBe(`${JSON.stringify(data)}: 403`)
      expect(await stored('users', idOf('reader'))).toEqual(reader)
    }
    const id = fx.target[CLINICAL]
    const clinical = await stored(CLINICAL, id)
    for (const data of [{ name: 'Reader was here' }, ...WORKFLOW_FIELDS(), { _status: 'draft' }]) {
      const answer = await patch(channel, 'reader', CLINICAL, id, data, false)
      expect(answer.status).toBe(403)
    }
    expect(await stored(CLINICAL, id)).toEqual(clinical)
  })
})

// --- Object level ---------------------------------------------------------------------------------------

describe('object level: other people’s records', () => {
  test('an editor (or reviewer) changes and deletes no one else’s account, over REST and GraphQL', async () => {
    for (const channel of CHANNELS) {
      for (const [who, other] of [
        ['editor', staff.editor2],
        ['editor', staff.admin],
        ['editor', staff.reviewer],
        ['reviewer', staff.editor],
        ['reviewer', staff.admin],
      ] as const) {
        const before = await stored('users', other.id)
        const update = await patch(channel, who, 'users', other.id, { name: 'Taken over', email: `takeover-${++unique}@evil.example` }, false)
        expect(`${who} -> ${other.email} update: ${update.status}`).toBe(`${who} -> ${other.email} update: 403`)
        const del = channel === 'rest' ? await rest('DELETE', `/api/users/${other.id}`, who) : await graphql(`mutation { deleteUser(id: ${JSON.stringify(String(other.id))}) { id } }`, who)
        expect(`${who} -> ${other.email} delete: ${del.status}`).toBe(`${who} -> ${other.email} delete: 403`)
        expect(await stored('users', other.id)).toEqual(before)
      }
    }
    // Their own account they may change (name, credentials), not its role.
    const own = await patch('rest', 'editor', 'users', idOf('editor'), { credentials: 'RN' }, false)
    expect(own.status).toBe(200)
    expect((await stored('users', idOf('editor')))?.credentials).toBe('RN')
  })

  test('nobody reads password hashes, salts or API keys over the API; staff do not see API-key accounts at all', async () => {
    await payload.update({ collection: 'users', id: staff.editor2.id, data: { enableAPIKey: true, apiKey: 'editor2-private-key-0123456789abcdef' } })
    for (const who of ['editor', 'reviewer', 'admin', 'reader'] as const) {
      const list = await rest('GET', '/api/users?limit=100&depth=0', who)
      expect(list.status).toBe(200)
      const text = JSON.stringify(list.body)
      for (const secret of ['"hash"', '"salt"', 'editor2-private-key', READER_KEY, 'resetPasswordToken', '"apiKeyIndex"']) expect(`${who}: ${text.includes(secret) ? secret : ''}`).toBe(`${who}: `)
      // Sessions: each user sees their own only.
      const withSessions = list.body.docs.filter((d: { sessions?: unknown[] }) => Array.isArray(d.sessions) && d.sessions.length > 0).map((d: { id: unknown }) => String(d.id))
      expect(withSessions.filter((id: string) => id !== String(idOf(who)))).toEqual([])
      const one = await rest('GET', `/api/users/${staff.editor2.id}?depth=0`, who)
      expect(JSON.stringify(one.body)).not.toContain('editor2-private-key')
    }
    expect((await rest('GET', `/api/users/${staff.reader.id}`, 'editor')).status).toBe(404)
    const gql = await graphql('{ Users(limit: 100) { docs { id email role apiKey } } }', 'editor')
    expect(JSON.stringify(gql.body)).not.toContain('editor2-private-key')
    expect(gql.data?.Users?.docs?.map((u: { role: string }) => u.role)).not.toContain('reader')
    // The generated User type lists hash, salt, reset token and API key index; they always resolve to null.
    for (const who of ['editor', 'admin'] as const) {
      const secrets = await graphql('{ Users(limit: 100) { docs { id hash salt resetPasswordToken apiKeyIndex apiKey } } }', who)
      expect(secrets.error).toBeUndefined()
      for (const doc of secrets.data.Users.docs) {
        expect({ hash: doc.hash, salt: doc.salt, resetPasswordToken: doc.resetPasswordToken, apiKeyIndex: doc.apiKeyIndex }).toEqual({ hash: null, salt: null, resetPasswordToken: null, apiKeyIndex: null })
        expect(String(doc.apiKey)).not.toContain('private-key')
      }
    }
  })

  test('webhook secrets are write-only, deliveries and jobs closed to all but admins (deliveries) and nobody (jobs)', async () => {
    const hook = await stored('webhooks', fx.target.webhooks)
    expect(hook?.signingSecret).toEqual(expect.any(String))
    for (const channel of CHANNELS) {
      const answer = channel === 'rest' ? await rest('GET', `/api/webhooks/${fx.target.webhooks}`, 'admin') : await graphql(`{ Webhook(id: ${JSON.stringify(String(fx.target.webhooks))}) { id secret secretHint } }`, 'admin')
      expect(answer.status).toBe(200)
      expect(JSON.stringify(answer.body)).not.toContain(hook!.signingSecret)
    }
    for (const who of ['anonymous', 'reader', 'editor', 'reviewer'] as const) {
      expect((await rest('GET', `/api/webhooks/${fx.target.webhooks}`, who)).status).toBe(403)
      expect((await rest('GET', '/api/webhook-deliveries', who)).status).toBe(403)
    }
    for (const who of WHO) {
      expect((await rest('GET', '/api/payload-jobs', who)).status).toBe(403)
      if (who !== 'admin') expect((await rest('GET', '/api/payload-jobs/run', who)).status).toBeGreaterThanOrEqual(400)
    }
  })

  test('review events are staff-only and append-only; imports are staff-only, their text admin-only', async () => {
    for (const who of ['anonymous', 'reader'] as const) expect((await rest('GET', '/api/review-events', who)).status).toBe(403)
    const events = await rest('GET', '/api/review-events?limit=1', 'editor')
    expect(events.status).toBe(200)
    const event = events.body.docs[0]
    for (const who of ['editor', 'reviewer', 'admin'] as const) {
      expect((await rest('PATCH', `/api/review-events/${event.id}`, who, { comment: 'rewritten' })).status).toBe(403)
      expect((await rest('DELETE', `/api/review-events/${event.id}`, who)).status).toBe(403)
    }
    // Still there, unchanged (an absent comment is null on SQL and missing on MongoDB).
    const kept = (await stored('review-events', event.id)) as { id?: unknown; comment?: unknown } | null
    expect(kept?.id).toBe(event.id)
    expect(kept?.comment ?? null).toBe(event.comment ?? null)

    // editor2's import: colleagues see that it happened and its outcome, not the uploaded text.
    const imported = await stored('imports', fx.target.imports)
    expect(imported?.importedBy).toBe(staff.editor2.id)
    const seen = await rest('GET', `/api/imports/${fx.target.imports}?depth=0`, 'editor')
    expect(seen.status).toBe(200)
    expect(seen.body.content).toBeUndefined()
    expect(JSON.stringify(seen.body)).not.toContain('sciatic nerve')
    const admin = await rest('GET', `/api/imports/${fx.target.imports}?depth=0`, 'admin')
    expect(admin.body.content).toContain('sciatic nerve')
    for (const who of ['anonymous', 'reader'] as const) expect((await rest('GET', `/api/imports/${fx.target.imports}`, who)).status).toBe(403)
  })

  test("preferences: each user reads and changes only their own", async () => {
    const others = (await payload.find({ collection: 'payload-preferences', where: { 'user.value': { equals: staff.editor2.id } }, depth: 0 })).docs
    expect(others.length).toBeGreaterThan(0)
    for (const who of ['reader', 'editor', 'reviewer', 'admin'] as const) {
      const list = await rest('GET', '/api/payload-preferences?limit=100&depth=0', who)
      expect(list.status).toBe(200)
      expect(list.body.docs.every((d: { user: { value: unknown } | number }) => String(typeof d.user === 'object' ? d.user.value : d.user) === String(idOf(who)))).toBe(true)
      for (const pref of others) {
        // By key (Payload's /:key routes, always the caller's own; 404 if the server checks ids first).
        const read = await rest('GET', `/api/payload-preferences/${encodeURIComponent(pref.key as string)}`, who)
        expect(read.status === 404 || (read.status === 200 && read.body.value === null)).toBe(true)
        const write = await rest('POST', `/api/payload-preferences/${encodeURIComponent(pref.key as string)}`, who, { value: { hijacked: true } })
        expect([200, 404]).toContain(write.status)
        // By id, through Payload's collection routes.
        expect((await rest('PATCH', `/api/payload-preferences/${pref.id}`, who, { value: { hijacked: true } })).status).toBe(403)
        expect((await rest('DELETE', `/api/payload-preferences/${pref.id}`, who)).status).toBeGreaterThanOrEqual(400)
        // Any write went to the caller's own preference of the same name; editor2's is untouched.
        expect((await stored('payload-preferences', pref.id))?.value).toEqual(pref.value)
      }
    }
  })
})

// --- Globals ---------------------------------------------------------------------------------------------

/** Globals in the config: read and update per role, like the collections above. */
const EXPECTED_GLOBALS: Record<string, Record<Who, { read: Expect; update: Expect }>> = {
  // Payload's job schedule bookkeeping: written by the scheduler (Local API); nobody needs it over the API.
  'payload-jobs-stats': {
    anonymous: { read: 'deny', update: 'deny' },
    reader: { read: 'deny', update: 'deny' },
    editor: { read: 'deny', update: 'deny' },
    reviewer: { read: 'deny', update: 'deny' },
    admin: { read: 'allow', update: 'deny' },
  },
}
/** Global cells known not to behave as expected (as KNOWN_GAPS above); none today. */
const GLOBAL_GAPS: Record<string, Expect> = {}

describe('globals', () => {
  test('every global in the config has expected access, and each cell behaves as expected (or as its recorded gap) over REST and GraphQL', async () => {
    const globals = (payload.config.globals ?? []) as { slug: string; graphQL?: false | { name?: string } }[]
    expect(globals.map((g) => g.slug).filter((slug) => !(slug in EXPECTED_GLOBALS)).map((slug) => `global "${slug}": add its expected access to the matrix`)).toEqual([])
    expect(Object.keys(EXPECTED_GLOBALS).filter((slug) => !globals.some((g) => g.slug === slug))).toEqual([])
    const problems: string[] = []
    const gaps: string[] = []
    const initial = await Promise.all(globals.map((g) => payload.findGlobal({ slug: g.slug as never, depth: 0 })))
    for (const g of globals) {
      const name = formatNames(g.slug).singular
      for (const who of WHO) {
        for (const op of ['read', 'update'] as const) {
          for (const channel of CHANNELS) {
            const key = `${g.slug} ${who} ${op}`
            const expected = GLOBAL_GAPS[key] ?? EXPECTED_GLOBALS[g.slug][who][op]
            // Payload's scheduler writes its own bookkeeping into payload-jobs-stats at any time, so a refused
            // write is detected by its marker (stats.matrix = the caller), not by comparing the whole global.
            const carriesMarker = async () => ((await payload.findGlobal({ slug: g.slug as never, depth: 0 })) as { stats?: { matrix?: unknown } | null }).stats?.matrix === who
            if (channel === 'graphql' && g.graphQL === false) {
              // Not served over GraphQL (src/http/graphQLSurface.ts): no such field, for anyone; REST is checked above.
              const absent = await graphql(op === 'read' ? `{ ${name} { updatedAt } }` : `mutation { update${name}(data: {}) { updatedAt } }`, who)
              if (!/Cannot query field/.test(absent.error ?? '')) problems.push(`${key} graphql: expected no such field (graphQL: false), got ${absent.status} ${absent.error ?? ''}`)
              executed[channel]++
              continue
            }
            const markedBefore = await carriesMarker()
            const answer =
              op === 'read'
                ? channel === 'rest'
                  ? await rest('GET', `/api/globals/${g.slug}?depth=0`, who)
                  : await graphql(`{ ${name} { updatedAt } }`, who)
                : channel === 'rest'
                  ? await rest('POST', `/api/globals/${g.slug}`, who, { stats: { matrix: who } })
                  : await graphql(`mutation { update${name}(data: { stats: { matrix: ${JSON.stringify(who)} } }) { updatedAt } }`, who)
            const markedAfter = await carriesMarker()
            const ok = answer.status === 200
            if (expected === 'allow' && !ok) problems.push(`${key} ${channel}: expected success, got ${answer.status}${GLOBAL_GAPS[key] ? ' (a known gap no longer holds: if fixed, remove it from GLOBAL_GAPS)' : ''}`)
            if (expected === 'deny' && answer.status !== 403) problems.push(`${key} ${channel}: expected 403, got ${answer.status}`)
            if (expected === 'deny' && op === 'update' && markedAfter && !markedBefore) problems.push(`${key} ${channel}: a refused write changed the global`)
            if (GLOBAL_GAPS[key]) gaps.push(`${key} ${channel}: expected ${EXPECTED_GLOBALS[g.slug][who][op]}, still ${GLOBAL_GAPS[key]}`)
            executed[channel]++
          }
        }
      }
    }
    // Put back what the known gaps let through.
    for (const [i, g] of globals.entries()) await payload.updateGlobal({ slug: g.slug as never, data: { stats: (initial[i] as { stats?: unknown }).stats ?? null } as never })
    console.log(`globals: ${globals.length * WHO.length * 2} cells per channel (REST, GraphQL)${gaps.length ? `; known gaps:\n  ${gaps.join('\n  ')}` : ''}`)
    expect(problems).toEqual([])
  })
})
