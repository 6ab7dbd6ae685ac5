/**
 * The snapshot writer: a publication subscriber that keeps `published-pages` (what the public is
 * served) and `page-history` (what it was served, append-only) in step with what is published,
 * in the same transaction as the change. A change to one record re-renders:
 * - its own page (or withdraws it);
 * - every page that embeds it (a condition showing a symptom that was re-published, unpublished
 *   or deleted: a withdrawal is never served once its transaction has committed);
 * - the pages that list it through a join (a symptom's "conditions that list this"), both the
 *   ones it linked before and after the change.
 */
import { createLocalReq, type Payload, type PayloadRequest, type TypedLocale } from 'payload'

import { keepsJsonTextCopy } from '../database'
import type { PublicationChange, PublicationSubscriber } from '.'
import { isPageCollection, localesOf, PAGE_COLLECTIONS, type PageCollection, type RenderedPage, renderPages, sortKeyOf } from './pages'
import { PAGE_HISTORY, PUBLISHED_PAGES } from './PublishedPages'

type Row = { id: number | string; pageCollection: string; documentId: string; slug: string; locale: string; page: unknown; embeds?: string[] | null; version?: string | null; approval?: unknown }
type HistoryEvent = 'publish' | 'unpublish' | 'delete' | 'rerender'
type Cause =
  | { collection: string; id: string; slug: string | null; event: string }
  // A restore into a database with the other kind of ids (src/backup): the pages show the new ids.
  | { event: 'restore'; from: string; backupCreatedAt: string }

/** Rows of the given pages (all languages), read inside the transaction. */
async function currentRows(req: PayloadRequest, collection: string, documentIds: string[]): Promise<Row[]> {
  if (!documentIds.length) return []
  const { docs } = await req.payload.db.find({
    collection: PUBLISHED_PAGES,
    where: { and: [{ pageCollection: { equals: collection } }, { documentId: { in: documentIds } }] },
    pagination: false,
    limit: 0,
    req,
  })
  return docs as unknown as Row[]
}

/** The published version each page comes from: the newest published version row of each document. */
async function publishedVersionsOf(req: PayloadRequest, collection: PageCollection, ids: string[]): Promise<Map<string, string>> {
  const { docs } = await req.payload.db.findVersions({
    collection,
    where: { and: [{ parent: { in: ids } }, { 'version._status': { equals: 'published' } }] },
    sort: '-updatedAt',
    limit: 0,
    pagination: false,
    req,
  })
  const versions = new Map<string, string>()
  for (const doc of docs) if (!versions.has(String(doc.parent))) versions.set(String(doc.parent), String(doc.id))
  return versions
}

async function appendHistory(req: PayloadRequest, entry: { pageCollection: string; documentId: string; slug: string; locale: string; event: HistoryEvent; page: unknown; version?: string | null; approval?: unknown; cause?: Cause | { movedTo: string } | null }, at: string) {
  await req.payload.db.create({ collection: PAGE_HISTORY, data: { ...entry, createdAt: at, updatedAt: at }, req })
}

/** JSON with object keys in one order: PostgreSQL's jsonb gives stored pages back with its own key order. */
const stableJSON = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  )
const sameJSON = (a: unknown, b: unknown) => stableJSON(a) === stableJSON(b)

/** Pages rendered together: one read of the records per language for this many pages. */
const RENDER_BATCH = 100

/**
 * Renders pages in every language and writes what changed. `event` says why: the record's own
 * publication (always recorded: a new version or approval) or a re-render (recorded only when
 * the public copy actually changes).
 */
async function writePages(req: PayloadRequest, collection: PageCollection, documentIds: string[], event: HistoryEvent, cause: Cause | null, at: string) {
  for (let start = 0; start < documentIds.length; start += RENDER_BATCH) {
    const batch = documentIds.slice(start, start + RENDER_BATCH)
    const before = await currentRows(req, collection, batch)
    const versions = event === 'rerender' ? new Map<string, string>() : await publishedVersionsOf(req, collection, batch)
    for (const locale of localesOf(req)) {
      const rendered = new Map((await renderPages(req, collection, { id: { in: batch } }, locale)).map((page) => [page.id, page]))
      for (const documentId of batch) {
        const page = rendered.get(documentId)
        const row = before.find((r) => r.locale === locale && r.documentId === documentId)
        if (!page) {
          if (row) await withdraw(req, row, event === 'rerender' ? 'unpublish' : event, cause, at)
          continue
        }
        if (event === 'rerender' && row && sameJSON(row.page, page.page)) continue
        await upsert(req, collection, locale, page, row, { event: row ? event : 'publish', cause, version: versions.get(documentId) ?? row?.version ?? null }, at)
      }
    }
  }
}

async function upsert(req: PayloadRequest, collection: PageCollection, locale: TypedLocale, rendered: RenderedPage, row: Row | undefined, why: { event: HistoryEvent; cause: Cause | null; version: string | null }, at: string) {
  const data = {
    pageCollection: collection,
    documentId: rendered.id,
    slug: rendered.slug,
    locale,
    name: rendered.name,
    sortKey: sortKeyOf(rendered.name),
    specialties: rendered.specialties,
    embeds: rendered.embeds,
    card: rendered.card,
    page: rendered.page,
    pageText: keepsJsonTextCopy(req.payload) ? JSON.stringify(rendered.page) : null,
    version: why.version,
    approval: rendered.approval,
    updatedAt: at,
  }
  if (row) {
    if (row.slug !== rendered.slug) {
      // A new slug: the old address serves nothing from now on.
      await appendHistory(req, { pageCollection: collection, documentId: rendered.id, slug: row.slug, locale, event: 'unpublish', page: null, cause: { movedTo: rendered.slug } }, at)
    }
    await req.payload.db.updateOne({ collection: PUBLISHED_PAGES, id: row.id, data, req })
  } else {
    await req.payload.db.create({ collection: PUBLISHED_PAGES, data: { ...data, createdAt: at }, req })
  }
  await appendHistory(req, { pageCollection: collection, documentId: rendered.id, slug: rendered.slug, locale, event: why.event, page: rendered.page, version: why.version, approval: rendered.approval, cause: why.cause }, at)
}

async function withdraw(req: PayloadRequest, row: Row, event: HistoryEvent, cause: Cause | null, at: string) {
  await req.payload.db.deleteOne({ collection: PUBLISHED_PAGES, where: { id: { equals: row.id } }, req, returning: false })
  await appendHistory(req, { pageCollection: row.pageCollection, documentId: row.documentId, slug: row.slug, locale: row.locale, event, page: null, version: row.version ?? null, approval: row.approval ?? null, cause }, at)
}

/** Pages (collection, id) that embed `key`, from the stored rows' `embeds`. */
async function pagesEmbedding(req: PayloadRequest, key: string): Promise<[PageCollection, string][]> {
  const { docs } = await req.payload.db.find({
    collection: PUBLISHED_PAGES,
    where: { embeds: { equals: key } },
    select: { pageCollection: true, documentId: true },
    pagination: false,
    limit: 0,
    req,
  })
  const unique = new Map<string, [PageCollection, string]>()
  for (const doc of docs as unknown as Row[]) unique.set(`${doc.pageCollection}:${doc.documentId}`, [doc.pageCollection as PageCollection, doc.documentId])
  return [...unique.values()]
}

/**
 * What other pages show of a record, per language: Payload populates a record on another page
 * (a relationship at depth 1, a join's documents) with its collection's `defaultPopulate`
 * fields. When a re-publish leaves them and the record's links as they were, no other page
 * changes and none is re-rendered (a condition's text edit touches only its own page). Null when
 * the collection has no `defaultPopulate`: other pages then show the whole record.
 */
function shownElsewhere(req: PayloadRequest, collection: PageCollection, rows: Row[]): string | null {
  const select = req.payload.collections[collection].config.defaultPopulate as Record<string, unknown> | undefined
  if (!select || !Object.keys(select).length || Object.values(select).some((value) => value !== true)) return null
  const fields = ['id', ...Object.keys(select)]
  const key = PAGE_COLLECTIONS[collection]
  return stableJSON(
    rows
      .map((row) => [row.locale, Object.fromEntries(fields.map((field) => [field, ((row.page as Record<string, any>)?.[key] ?? {})[field] ?? null]))] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  )
}

/** Whether pages of `collection` list records of `changed` through a join field. */
function listsThroughJoin(req: PayloadRequest, collection: string, changed: string) {
  return req.payload.collections[collection as PageCollection]?.config.flattenedFields.some((field) => field.type === 'join' && field.collection === changed) ?? false
}

/** Re-renders every page a change touches, in the change's transaction. */
export async function writeSnapshotsFor(req: PayloadRequest, change: Pick<PublicationChange, 'collection' | 'id' | 'slug' | 'event'>, at = new Date().toISOString()) {
  const id = String(change.id)
  const cause: Cause = { collection: change.collection, id, slug: change.slug, event: change.event }
  const touched = new Map<string, [PageCollection, string]>()
  const touch = (key: string) => {
    const [collection, documentId] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
    if (isPageCollection(collection) && !(collection === change.collection && documentId === id)) touched.set(key, [collection, documentId])
  }
  let shownElsewhereUnchanged = false
  if (isPageCollection(change.collection)) {
    const before = await currentRows(req, change.collection, [id])
    await writePages(req, change.collection, [id], change.event === 'publish' ? 'publish' : change.event, null, at)
    const after = await currentRows(req, change.collection, [id])
    const linkedBefore = before.flatMap((row) => row.embeds ?? [])
    const linkedAfter = after.flatMap((row) => row.embeds ?? [])
    const shownBefore = shownElsewhere(req, change.collection, before)
    shownElsewhereUnchanged =
      change.event === 'publish' && shownBefore !== null && shownBefore === shownElsewhere(req, change.collection, after) && sameJSON([...new Set(linkedBefore)].sort(), [...new Set(linkedAfter)].sort())
    // Pages that list this record through a join, before and after the change.
    if (!shownElsewhereUnchanged) {
      for (const key of new Set([...linkedBefore, ...linkedAfter])) {
        if (listsThroughJoin(req, key.slice(0, key.indexOf(':')), change.collection)) touch(key)
      }
    }
  }
  if (!shownElsewhereUnchanged) {
    for (const [collection, documentId] of await pagesEmbedding(req, `${change.collection}:${id}`)) touch(`${collection}:${documentId}`)
  }
  const byCollection = new Map<PageCollection, string[]>()
  for (const [collection, documentId] of touched.values()) byCollection.set(collection, [...(byCollection.get(collection) ?? []), documentId])
  for (const [collection, documentIds] of byCollection) await writePages(req, collection, documentIds, 'rerender', cause, at)
}

export const writePageSnapshots: PublicationSubscriber = (change, req) => writeSnapshotsFor(req, change, change.at)

/**
 * Snapshots for everything published now that has none: content published before snapshots
 * existed (run by the migration that adds them), or after a restore of an older backup. Returns
 * the number of pages written.
 */
export async function backfillPageSnapshots(payload: Payload, given?: PayloadRequest): Promise<number> {
  const req = given ?? (await createLocalReq({}, payload))
  const at = new Date().toISOString()
  let written = 0
  for (const collection of Object.keys(PAGE_COLLECTIONS) as PageCollection[]) {
    const { docs } = await payload.db.find({ collection, where: { _status: { equals: 'published' } }, select: { _status: true }, pagination: false, limit: 0, req })
    const ids = docs.map((doc) => String(doc.id))
    for (let start = 0; start < ids.length; start += RENDER_BATCH) {
      const batch = ids.slice(start, start + RENDER_BATCH)
      const have = new Set((await currentRows(req, collection, batch)).map((row) => row.documentId))
      const missing = batch.filter((id) => !have.has(id))
      await writePages(req, collection, missing, 'publish', null, at)
      written += missing.length
    }
  }
  return written
}

/**
 * Every page re-rendered, in the caller's transaction: after a restore has given every document a
 * new id (src/backup), the stored pages still show the old ones. Each page's history records the
 * re-render and its cause; the pages the public saw before stay in the history as they were.
 */
export async function rerenderEveryPage(req: PayloadRequest, cause: Extract<Cause, { event: 'restore' }>, at: string): Promise<void> {
  for (const collection of Object.keys(PAGE_COLLECTIONS) as PageCollection[]) {
    const { docs: published } = await req.payload.db.find({ collection, where: { _status: { equals: 'published' } }, select: { _status: true }, pagination: false, limit: 0, req })
    const { docs: stored } = await req.payload.db.find({ collection: PUBLISHED_PAGES, where: { pageCollection: { equals: collection } }, select: { documentId: true }, pagination: false, limit: 0, req })
    const ids = new Set([...published.map((doc) => String(doc.id)), ...stored.map((row) => String((row as { documentId?: unknown }).documentId))])
    await writePages(req, collection, [...ids], 'rerender', cause, at)
  }
}

/** Whether content is published but no page has a snapshot (two counts, cheap at start-up). */
export async function pageSnapshotsMissing(payload: Payload): Promise<boolean> {
  if ((await payload.db.count({ collection: PUBLISHED_PAGES, where: {} })).totalDocs > 0) return false
  for (const collection of Object.keys(PAGE_COLLECTIONS) as PageCollection[]) {
    if ((await payload.db.count({ collection, where: { _status: { equals: 'published' } } })).totalDocs > 0) return true
  }
  return false
}
