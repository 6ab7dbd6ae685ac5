/**
 * Reading what the public is served: a page by slug (one row), the page as it was at a given time
 * and its publication history (staff), and the delivery list (published pages in name order,
 * cursor-paged, no count, so its cost does not grow with the collection). Every read goes through
 * Payload with the caller's access (`published-pages` is public, `page-history` staff-only),
 * except the anonymous page read's stored text (`servedPageTextReader`), which asks that access
 * itself and reads the row only when it is `true` for everyone.
 */
import { createLocalReq, type Payload, type PayloadRequest, type TypedLocale, type Where } from 'payload'

import { keepsJsonTextCopy, storedJsonReader } from '../database'
import { BadQuery } from '../errors'
import { siteURLOf } from '../frontendApi/conditionPage'
import { type Page, type PageCollection, SITE_URL_MARK, withReadTimeFields } from './pages'
import { PAGE_HISTORY, PUBLISHED_PAGES } from './PublishedPages'

type Row = Record<string, any>

const pageWhere = (collection: PageCollection, slug: string, locale: TypedLocale): Where => ({
  and: [{ pageCollection: { equals: collection } }, { slug: { equals: slug } }, { locale: { equals: locale } }],
})

/**
 * The page the public is served now, or null when there is none. Parsed from the page's text copy
 * where the database keeps one (keepsJsonTextCopy), as the anonymous read sends it: the same
 * object key order on every path (PostgreSQL's jsonb has an order of its own).
 */
export async function servedPage(req: PayloadRequest, collection: PageCollection, slug: string, locale: TypedLocale): Promise<Page | null> {
  const find = (select: { page: true } | { pageText: true }) =>
    req.payload.find({
      collection: PUBLISHED_PAGES,
      where: pageWhere(collection, slug, locale),
      select,
      depth: 0,
      limit: 1,
      pagination: false,
      // `pageText` is hidden from the API's answers, not from this read.
      showHiddenFields: true,
      req,
      overrideAccess: false,
    })
  let page: Page | undefined
  if (keepsJsonTextCopy(req.payload)) {
    const row = (await find({ pageText: true })).docs[0] as Row | undefined
    if (!row) return null
    if (typeof row.pageText === 'string') page = JSON.parse(row.pageText) as Page
  }
  page ??= ((await find({ page: true })).docs[0] as Row | undefined)?.page as Page | undefined
  return page ? withReadTimeFields(page, { siteURL: siteURLOf(req) }) : null
}

/**
 * The page the public is served now as the UTF-8 bytes of its JSON text, for an anonymous read
 * (null when there is none): the stored text itself whenever it already reads as `servedPage`
 * would give it, so the common read decodes, parses and serialises nothing. That holds while no
 * review date in the page has passed (`reviewOverdue` is derived at read time) and no copy in it
 * is marked overdue; otherwise the page goes through `withReadTimeFields` like any other read.
 * Site links are stored against a mark (SITE_URL_MARK) that only ever starts a string, so they are
 * swapped in the bytes (`withSiteLinksInBytes`; left as stored when `siteURL` is the mark itself).
 *
 * The row is read through the database's stored-JSON reader, not `payload.find`: the snapshot's
 * read access is asked on every read, and only when it lets everyone read every row (`true`, as
 * PublishedPages grants) is the row read; anything else answers undefined, and the caller takes
 * the general path.
 */
export function servedPageTextReader(payload: Payload) {
  const access = payload.collections[PUBLISHED_PAGES].config.access.read
  const read = storedJsonReader(payload, PUBLISHED_PAGES, 'page', ['pageCollection', 'slug', 'locale'], 'pageText')
  let anonymous: Promise<PayloadRequest> | undefined
  return async (collection: PageCollection, slug: string, locale: TypedLocale, siteURL: string, now = new Date()): Promise<Buffer | null | undefined> => {
    anonymous ??= createLocalReq({}, payload)
    if ((await access({ req: await anonymous })) !== true) return undefined
    const stored = await read({ pageCollection: collection, slug, locale })
    if (stored === null) return null
    const rederived = (text: string) => Buffer.from(JSON.stringify(withReadTimeFields(JSON.parse(text) as Page, { now, siteURL })))
    // The driver's string (PostgreSQL, MongoDB): swapped as text and encoded once.
    if (typeof stored === 'string') return readsAsStored(stored, now) ? Buffer.from(withSiteLinks(stored, siteURL)) : rederived(stored)
    return readsAsStored(stored, now) ? withSiteLinksInBytes(stored, siteURL) : rederived(stored.toString('utf8'))
  }
}

const MARK = `"${SITE_URL_MARK}`

/** `withSiteLinksInBytes` for a page's text that is a string (PostgreSQL's and MongoDB's drivers give one). */
export function withSiteLinks(text: string, siteURL: string): string {
  return siteURL !== SITE_URL_MARK && text.includes(MARK) ? text.replaceAll(MARK, markReplacement(siteURL)) : text
}

const markReplacement = (siteURL: string) => `"${JSON.stringify(siteURL).slice(1, -1)}`
const MARK_BYTES = Buffer.from(MARK)

/**
 * Site links swapped in JSON text (UTF-8 bytes) printed from stored pages: every string that
 * starts with the mark. The page reader does it for the page's bytes; a reader that prints only
 * part of a page (the GraphQL page queries) passes SITE_URL_MARK as the site, which leaves the
 * links as stored, and swaps them in its shorter answer instead (its strings are the page's, and
 * its keys are the page's or GraphQL names, which cannot start with the mark). A byte search and
 * one copy: the mark is ASCII, and no ASCII byte occurs inside another character's UTF-8 encoding.
 */
export function withSiteLinksInBytes(bytes: Buffer, siteURL: string): Buffer {
  if (siteURL === SITE_URL_MARK) return bytes
  let at = bytes.indexOf(MARK_BYTES)
  if (at === -1) return bytes
  const replacement = Buffer.from(markReplacement(siteURL))
  const parts: Buffer[] = []
  let from = 0
  for (; at !== -1; at = bytes.indexOf(MARK_BYTES, from)) {
    parts.push(bytes.subarray(from, at), replacement)
    from = at + MARK_BYTES.length
  }
  parts.push(bytes.subarray(from))
  return Buffer.concat(parts)
}

/** Compact, or as PostgreSQL prints jsonb (a space after the colon). */
const REVIEW_FIELDS = /"(?:reviewOverdue|nextReviewDue)": ?(true|"[^"]*")/g
const REVIEW_KEYS = ['"reviewOverdue":', '"nextReviewDue":'].map((key) => Buffer.from(key))
const SPACE = 0x20
const QUOTE = 0x22

/**
 * Whether `withReadTimeFields` would change no `reviewOverdue` in this page's bytes: none is
 * true, and no review date has passed. Compact, or as PostgreSQL prints jsonb (a space after the
 * colon). A look-alike inside a string (where quotes are escaped) can only send a page the long
 * way. Bytes are searched as bytes: a string of them was a 20 KB allocation per read.
 */
function readsAsStored(stored: Buffer | string, now: Date) {
  if (typeof stored === 'string') {
    for (const [, value] of stored.matchAll(REVIEW_FIELDS)) {
      if (value === 'true' || !(new Date(value.slice(1, -1)) > now)) return false
    }
    return true
  }
  const bytes = stored
  for (const key of REVIEW_KEYS) {
    for (let at = bytes.indexOf(key); at !== -1; at = bytes.indexOf(key, at + key.length)) {
      let value = at + key.length
      if (bytes[value] === SPACE) value++
      if (bytes[value] === QUOTE) {
        const end = bytes.indexOf(QUOTE, value + 1)
        if (end === -1 || !(new Date(bytes.toString('latin1', value + 1, end)) > now)) return false
      } else if (bytes[value] === 0x74 /* t, of true */) return false
    }
  }
  return true
}

/** The page as the public was served it at `asOf` (null if nothing was served then). Staff only, through page-history's access. */
export async function pageAsOf(req: PayloadRequest, collection: PageCollection, slug: string, locale: TypedLocale, asOf: Date): Promise<Page | null> {
  const { docs } = await req.payload.find({
    collection: PAGE_HISTORY,
    where: { and: [pageWhere(collection, slug, locale), { createdAt: { less_than_equal: asOf.toISOString() } }] },
    select: { page: true },
    // Entries written in one transaction can share a millisecond: the later row wins.
    sort: ['-createdAt', '-id'],
    depth: 0,
    limit: 1,
    pagination: false,
    req,
    overrideAccess: false,
  })
  const page = (docs[0] as Row | undefined)?.page as Page | null | undefined
  return page ? withReadTimeFields(page, { now: asOf, siteURL: siteURLOf(req) }) : null
}

export interface HistoryEntry {
  at: string
  event: string
  version: string | null
  approval: { reviewer: string | null; credentials: string | null; approvedAt: string | null } | null
  cause: Record<string, unknown> | null
}

export const MAX_HISTORY = 200

/** A page's publication history, newest first: when, why, from which version and approval. Staff only. */
export async function pageHistory(req: PayloadRequest, collection: PageCollection, slug: string, locale: TypedLocale, limit = 50): Promise<HistoryEntry[]> {
  const { docs } = await req.payload.find({
    collection: PAGE_HISTORY,
    where: pageWhere(collection, slug, locale),
    select: { event: true, version: true, approval: true, cause: true, createdAt: true },
    sort: ['-createdAt', '-id'],
    depth: 0,
    limit,
    pagination: false,
    req,
    overrideAccess: false,
  })
  return (docs as Row[]).map((doc) => ({ at: doc.createdAt, event: doc.event, version: doc.version ?? null, approval: doc.approval ?? null, cause: doc.cause ?? null }))
}

export interface DeliveryListQuery {
  collection: PageCollection
  locale: TypedLocale
  limit: number
  cursor?: string
  /** A specialty's slug. */
  specialty?: string
  /** One letter: names that start with it (accents and case folded). */
  letter?: string
}

export interface DeliveryList {
  docs: { id: string; name: string; slug: string; summary: string | null; specialties?: { name: string; slug: string }[] }[]
  limit: number
  hasMore: boolean
  nextCursor: string | null
}

export const MAX_LIST_LIMIT = 100

const encodeCursor = (sortKey: string, slug: string) => Buffer.from(JSON.stringify([sortKey, slug])).toString('base64url')

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) return value as [string, string]
  } catch {
    // answered below
  }
  throw new BadQuery('`cursor` is not one this API gave out: pass the `nextCursor` of the previous page unchanged.')
}

/** Published pages of one collection in name order, from a cursor: one indexed range read per page of results. */
export async function deliveryList(req: PayloadRequest, query: DeliveryListQuery): Promise<DeliveryList> {
  const and: Where[] = [{ pageCollection: { equals: query.collection } }, { locale: { equals: query.locale } }]
  if (query.specialty) and.push({ specialties: { equals: query.specialty } })
  if (query.letter) {
    const from = query.letter
    and.push({ sortKey: { greater_than_equal: from } }, { sortKey: { less_than: String.fromCodePoint(from.codePointAt(0)! + 1) } })
  }
  if (query.cursor) {
    const [sortKey, slug] = decodeCursor(query.cursor)
    // The lower bound, said on its own, is where the index scan starts; with only the OR below,
    // PostgreSQL scanned the list from its first name and filtered (128 ms at 100k conditions).
    and.push({ sortKey: { greater_than_equal: sortKey } })
    and.push({ or: [{ sortKey: { greater_than: sortKey } }, { and: [{ sortKey: { equals: sortKey } }, { slug: { greater_than: slug } }] }] })
  }
  const { docs } = await req.payload.find({
    collection: PUBLISHED_PAGES,
    where: { and },
    select: { card: true, sortKey: true, slug: true },
    sort: ['sortKey', 'slug'],
    depth: 0,
    limit: query.limit + 1,
    pagination: false,
    req,
    overrideAccess: false,
  })
  const rows = docs as Row[]
  const hasMore = rows.length > query.limit
  const shown = rows.slice(0, query.limit)
  const last = shown.at(-1)
  return { docs: shown.map((row) => row.card), limit: query.limit, hasMore, nextCursor: hasMore && last ? encodeCursor(last.sortKey, last.slug) : null }
}
