/**
 * Keeps the search index in step with what is published: a publication subscriber (see
 * src/publication) that rewrites a document's rows when it is published and removes them when
 * it is unpublished or deleted, in the same transaction as the change.
 */
import { createLocalReq, type Payload, type PayloadRequest, type TypedLocale } from 'payload'

import type { PublicationSubscriber } from '../publication'
import { SEARCH_INDEX, SEARCHED_COLLECTIONS, type SearchedCollection } from './SearchIndex'
import { normalize, plainText } from './text'

type Doc = Record<string, any>

const isSearched = (slug: string): slug is SearchedCollection => (SEARCHED_COLLECTIONS as readonly string[]).includes(slug)

/** The text of a document that search matches, by collection. */
function textOf(collection: SearchedCollection, doc: Doc) {
  const alternates = Array.isArray(doc.alternateNames) ? doc.alternateNames.map((a: Doc) => a?.name).filter(Boolean) : []
  const names = [doc.name, ...alternates].filter(Boolean).join(' ')
  const body = [doc.summary, plainText(doc.description), collection === 'diagnostic-tests' ? doc.detects : null]
  if (collection === 'conditions') {
    for (const row of [...(doc.causes ?? []), ...(doc.riskFactors ?? [])]) body.push(row?.name, row?.description)
    body.push(plainText(doc.prognosis))
  }
  return { nameKey: normalize(names), textKey: normalize([names, ...body.filter(Boolean)].join(' ')) }
}

const localesOf = (payload: Payload) => (payload.config.localization ? payload.config.localization.localeCodes : ['en']) as TypedLocale[]

async function removeEntries(req: PayloadRequest, collection: SearchedCollection, id: number | string) {
  await req.payload.db.deleteMany({
    collection: SEARCH_INDEX,
    where: { and: [{ documentCollection: { equals: collection } }, { documentId: { equals: String(id) } }] },
    req,
  })
}

/** Writes the rows of one published document (one per locale, with Payload's locale fallback). */
export async function indexDocument(req: PayloadRequest, collection: SearchedCollection, id: number | string) {
  await removeEntries(req, collection, id)
  const now = new Date().toISOString()
  // The Local API sets the locale it is given on the request it shares; put it back after, so
  // later writes in this request (a review bundle's other members) keep the caller's locale.
  const { locale: callerLocale, fallbackLocale } = req
  try {
    await indexLocales(req, collection, id, now)
  } finally {
    req.locale = callerLocale
    req.fallbackLocale = fallbackLocale
  }
}

async function indexLocales(req: PayloadRequest, collection: SearchedCollection, id: number | string, now: string) {
  for (const locale of localesOf(req.payload)) {
    // The published copy, read with the caller's access (the public sees exactly this).
    const { docs } = await req.payload.find({
      collection,
      where: { id: { equals: id } },
      locale,
      depth: 0,
      draft: false,
      limit: 1,
      pagination: false,
      req,
      overrideAccess: false,
    })
    const doc = docs[0] as Doc | undefined
    if (!doc || doc._status !== 'published' || !doc.name) continue
    await req.payload.db.create({
      collection: SEARCH_INDEX,
      data: {
        documentCollection: collection,
        documentId: String(id),
        locale,
        name: String(doc.name),
        slug: String(doc.slug ?? ''),
        summary: doc.summary ?? null,
        ...textOf(collection, doc),
        createdAt: now,
        updatedAt: now,
      },
      req,
    })
  }
}

export const indexForSearch: PublicationSubscriber = async (change, req) => {
  if (!isSearched(change.collection)) return
  if (change.event === 'publish') await indexDocument(req, change.collection, change.id)
  else await removeEntries(req, change.collection, change.id)
}

/**
 * Fills the index from what is published now: for a database that had content before search
 * existed, or after a restore. Run at start-up when the index is empty (src/runtime.ts).
 */
export async function rebuildSearchIndex(payload: Payload): Promise<number> {
  let indexed = 0
  for (const collection of SEARCHED_COLLECTIONS) {
    const { docs } = await payload.find({
      collection,
      where: { _status: { equals: 'published' } },
      select: {},
      depth: 0,
      pagination: false,
      overrideAccess: false,
    })
    const req = await createLocalReq({}, payload)
    for (const doc of docs) {
      await indexDocument(req, collection, doc.id)
      indexed++
    }
  }
  return indexed
}

export async function searchIndexIsEmpty(payload: Payload): Promise<boolean> {
  const [{ totalDocs: entries }, ...published] = await Promise.all([
    payload.db.count({ collection: SEARCH_INDEX, where: {} }),
    ...SEARCHED_COLLECTIONS.map((collection) => payload.db.count({ collection, where: { _status: { equals: 'published' } } })),
  ])
  return entries === 0 && published.some((count) => count.totalDocs > 0)
}
