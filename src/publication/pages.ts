/**
 * What a public page is, for each kind of page: the record as the public reads it (published
 * only, anonymous access, depth 1, one language with Payload's fallback) and what the page adds
 * around it. The snapshot writer stores exactly this; the property test compares the stored copy
 * with this computed live, so the two can never drift apart in meaning.
 */
import { createLocalReq, type FlattenedField, type PayloadRequest, type TypedLocale, type Where } from 'payload'

import { idOf } from '../../collections/fields/relationships'
import { joinsExactInMultiDocumentReads } from '../database'
import { isReviewOverdue } from '../../collections/medicalReview'
import { conditionPageOf, reviewMetadataOf, siteURLOf } from '../frontendApi/conditionPage'
import { normalize } from '../search/text'

/** Collections with a public page, and the name the page gives its record. */
export const PAGE_COLLECTIONS = {
  conditions: 'condition',
  symptoms: 'symptom',
  treatments: 'treatment',
  'diagnostic-tests': 'diagnosticTest',
  locations: 'location',
} as const
export type PageCollection = keyof typeof PAGE_COLLECTIONS

export const isPageCollection = (slug: string): slug is PageCollection => Object.hasOwn(PAGE_COLLECTIONS, slug)

export type Doc = Record<string, any>
export type Page = Record<string, unknown>

export interface RenderedPage {
  id: string
  slug: string
  name: string
  page: Page
  /** "collection:id" of every record the page shows or lists. */
  embeds: string[]
  specialties: string[]
  card: { id: string; name: string; slug: string; summary: string | null; specialties?: { name: string; slug: string }[] }
  approval: { reviewer: string | null; credentials: string | null; approvedAt: string | null } | null
}

/**
 * A request for the public inside the same transaction: no user, its own data loader (Payload's
 * loader caches documents by query, not by who asked, so a staff read earlier in the request must
 * not be reused), context and locale, and Payload's Local API behaviour whatever channel the write
 * came through (over GraphQL, Payload's reads leave join fields out). A fresh object, never one
 * derived from the caller's: Payload's reads write onto the request they are given.
 */
export async function asThePublic(req: PayloadRequest): Promise<PayloadRequest> {
  return createLocalReq({ req: { transactionID: req.transactionID, i18n: req.i18n, payloadAPI: 'local' } as Partial<PayloadRequest>, context: {} }, req.payload)
}

export const localesOf = (req: PayloadRequest) =>
  (req.payload.config.localization ? req.payload.config.localization.localeCodes : ['en']) as TypedLocale[]

/** Every record a document shows: relationship and upload values, and the documents its joins list. */
export function embedsOf(fields: FlattenedField[], doc: Doc | null | undefined, into = new Set<string>()): Set<string> {
  if (!doc || typeof doc !== 'object') return into
  for (const field of fields) {
    const value = doc[field.name]
    if (value == null) continue
    if (field.type === 'relationship' || field.type === 'upload') {
      for (const item of Array.isArray(value) ? value : [value]) {
        const polymorphic = Array.isArray(field.relationTo)
        const collection = polymorphic ? item?.relationTo : field.relationTo
        const id = idOf(polymorphic ? item?.value : item)
        if (collection && id != null) into.add(`${collection}:${id}`)
      }
    } else if (field.type === 'join') {
      for (const item of (value as { docs?: unknown[] }).docs ?? []) {
        const id = idOf(item as never)
        if (id != null) into.add(`${field.collection}:${id}`)
      }
    } else if (field.type === 'array') {
      for (const row of value as Doc[]) embedsOf(field.flattenedFields, row, into)
    } else if (field.type === 'group' && 'flattenedFields' in field) {
      embedsOf(field.flattenedFields, value as Doc, into)
    }
  }
  return into
}

const specialtiesOf = (doc: Doc) =>
  (Array.isArray(doc.specialties) ? doc.specialties : []).filter((s: unknown): s is Doc => typeof s === 'object' && s !== null && typeof (s as Doc).slug === 'string')

const approvalOf = (doc: Doc): RenderedPage['approval'] =>
  doc.reviewedBy?.name || doc.lastReviewedAt
    ? { reviewer: doc.reviewedBy?.name ?? null, credentials: doc.reviewedBy?.credentials ?? null, approvedAt: doc.lastReviewedAt ?? null }
    : null

/** The page of one record already read as the public. */
async function pageOf(req: PayloadRequest, collection: PageCollection, doc: Doc, locale: TypedLocale): Promise<Page> {
  if (collection === 'conditions') return { ...(await conditionPageOf(req, doc as never, { locale, depth: 1, siteURL: SITE_URL_MARK })) }
  if (collection === 'locations') return { location: doc }
  return { [PAGE_COLLECTIONS[collection]]: doc, review: reviewMetadataOf(doc) }
}

/**
 * The public pages of the records `where` selects, in one language, read through Payload as the
 * public reads them. A record the public cannot read (a draft, a withdrawn one) has no page.
 */
export async function renderPages(req: PayloadRequest, collection: PageCollection, where: Where, locale: TypedLocale): Promise<RenderedPage[]> {
  const publicReq = await asThePublic(req)
  const read = async (where: Where) =>
    (await req.payload.find({ collection, where, depth: 1, locale, draft: false, pagination: false, req: publicReq, overrideAccess: false })).docs
  let docs = await read(where)
  // Where Payload's joins are wrong in a read of several documents (src/database/mongodbJoins.ts),
  // each page is read again on its own.
  if (docs.length > 1 && !joinsExactInMultiDocumentReads(req.payload)) {
    // One at a time: the reads share the transaction's session.
    const one: typeof docs = []
    for (const doc of docs) one.push(...(await read({ id: { equals: doc.id } })))
    docs = one
  }
  const fields = req.payload.collections[collection].config.flattenedFields
  // What the page links to, readable or not yet: a draft the page links to is left out of the
  // page, but publishing it later must re-render the page (read raw, without access or drafts).
  const linked = new Map<string, Set<string>>()
  if (docs.length) {
    const { docs: raw } = await req.payload.db.find({ collection, where: { id: { in: docs.map((doc) => doc.id) } }, pagination: false, limit: 0, req })
    for (const doc of raw as Doc[]) linked.set(String(doc.id), embedsOf(fields, doc))
  }
  const pages: RenderedPage[] = []
  for (const doc of docs as Doc[]) {
    if (typeof doc.slug !== 'string' || (doc._status && doc._status !== 'published')) continue
    const specialties = specialtiesOf(doc)
    const name = String(doc.name ?? doc.slug)
    pages.push({
      id: String(doc.id),
      slug: doc.slug,
      name,
      page: await pageOf(publicReq, collection, doc, locale),
      embeds: [...embedsOf(fields, doc, linked.get(String(doc.id)) ?? new Set())],
      specialties: specialties.map((s: Doc) => s.slug),
      card: {
        id: String(doc.id),
        name,
        slug: doc.slug,
        summary: typeof doc.summary === 'string' ? doc.summary : null,
        ...(specialties.length ? { specialties: specialties.map((s: Doc) => ({ name: String(s.name ?? s.slug), slug: s.slug })) } : {}),
      },
      approval: approvalOf(doc),
    })
  }
  return pages
}

/** The page computed now, as the public would get it without snapshots (the property test's reference). */
export async function livePage(req: PayloadRequest, collection: PageCollection, slug: string, locale: TypedLocale): Promise<Page | null> {
  const [rendered] = await renderPages(req, collection, { slug: { equals: slug } }, locale)
  return rendered ? withReadTimeFields(rendered.page, { siteURL: siteURLOf(req) }) : null
}

/**
 * Links to the public site (JSON-LD) are stored against this mark and read against the site's
 * address of the reading server (PUBLIC_SITE_URL, else its own URL), so a page published by the
 * CLI or another replica links where this server says the site is.
 */
export const SITE_URL_MARK = 'https://public-site.careline.invalid'

/** The name folded for ordering and first-letter filters. */
export const sortKeyOf = (name: string) => normalize(name) || name.toLowerCase()

/**
 * What is derived when a page is read, not when it was written: `reviewOverdue` from
 * `nextReviewDue` wherever the stored page has both (so it never goes stale), and links to the
 * public site against the reading server's address.
 */
export function withReadTimeFields<T>(value: T, { now = new Date(), siteURL }: { now?: Date; siteURL: string }): T {
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return item.startsWith(SITE_URL_MARK) ? siteURL + item.slice(SITE_URL_MARK.length) : item
    if (Array.isArray(item)) return item.map(walk)
    if (!item || typeof item !== 'object') return item
    const out: Doc = {}
    for (const [key, child] of Object.entries(item)) out[key] = walk(child)
    if ('reviewOverdue' in out && 'nextReviewDue' in out) out.reviewOverdue = isReviewOverdue(out.nextReviewDue, now)
    return out
  }
  return walk(value) as T
}
