/**
 * Publication and delivery: the one place that notices when what the public can read changes (a
 * document published or re-published, unpublished, or deleted) and tells the parts that care:
 * the page snapshots (`snapshots.ts`, what the public is served and the record of what it was
 * served), the search index, the response cache (src/cache) and outgoing webhooks (src/webhooks).
 * - `pages.ts`: what a public page is, per kind of page;
 * - `PublishedPages.ts`: the current public copy of each page and its append-only history;
 * - `snapshots.ts`: writes them in the publishing transaction;
 * - `delivery.ts`: reads them (page by slug, as of a time, history, the delivery list).
 *
 * A Payload plugin adds the hooks to every publicly readable collection, so the content model
 * itself knows nothing of caches or HTTP. Every change is also appended to `publication-log` in
 * the same transaction: other API replicas read it to drop their caches (src/cache/sync.ts).
 */
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionConfig,
  CollectionSlug,
  Config,
  PayloadRequest,
  Plugin,
} from 'payload'

import { hasLiveCopy } from '../../collections/medicalReview'
import { PUBLICATION_LOG, PublicationLog } from './PublicationLog'
import { PageHistory, PublishedPages } from './PublishedPages'

export type PublicationEvent = 'publish' | 'unpublish' | 'delete'

export interface PublicationChange {
  event: PublicationEvent
  collection: CollectionSlug
  id: number | string
  slug: string | null
  /** ISO time of the change. */
  at: string
}

/** Runs inside the write's transaction: throw to refuse the write, use `runAfterCommit` for after. */
export type PublicationSubscriber = (change: PublicationChange, req: PayloadRequest) => void | Promise<void>

export interface PublicationEventsOptions {
  /** Collections the public reads. Those with drafts change publicly only when published. */
  collections: CollectionSlug[]
  subscribers: PublicationSubscriber[]
}

export { PUBLICATION_LOG }
export { PAGE_HISTORY, PUBLISHED_PAGES } from './PublishedPages'
export { isPageCollection, PAGE_COLLECTIONS, type PageCollection, SITE_URL_MARK } from './pages'
export { backfillPageSnapshots, pageSnapshotsMissing, writePageSnapshots } from './snapshots'
export * from './delivery'

/** req.context key: whether each document being written had a public copy before the write. */
const WAS_LIVE = 'publication:wasLive'

const hasDrafts = (collection: CollectionConfig) =>
  typeof collection.versions === 'object' && Boolean(collection.versions?.drafts)

async function announce(req: PayloadRequest, subscribers: PublicationSubscriber[], change: PublicationChange) {
  await req.payload.db.create({
    collection: PUBLICATION_LOG,
    data: {
      event: change.event,
      documentCollection: change.collection,
      documentId: String(change.id),
      slug: change.slug,
      createdAt: change.at,
      updatedAt: change.at,
    },
    req,
  })
  for (const subscriber of subscribers) await subscriber(change, req)
}

const changeOf = (event: PublicationEvent, collection: CollectionSlug, doc: Record<string, any>): PublicationChange => ({
  event,
  collection,
  id: doc.id,
  slug: typeof doc.slug === 'string' ? doc.slug : null,
  at: new Date().toISOString(),
})

function hooksFor(collection: CollectionConfig, subscribers: PublicationSubscriber[]) {
  const slug = collection.slug as CollectionSlug
  const drafts = hasDrafts(collection)

  // A draft save leaves the public copy alone; an unpublish turns it into a draft. The hooks
  // alone cannot tell them apart (with a newer draft on top, `previousDoc` is that draft, not the
  // public copy), so ask the table before and after the write.
  const wasLive = (req: PayloadRequest) => ((req.context[WAS_LIVE] ??= {}) as Record<string, boolean>)
  const beforeChange: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
    if (drafts && operation === 'update' && data?._status !== 'published' && originalDoc?.id != null) {
      wasLive(req)[`${slug}:${originalDoc.id}`] = await hasLiveCopy(req, slug, originalDoc.id)
    }
    return data
  }
  const afterChange: CollectionAfterChangeHook = async ({ doc, req }) => {
    if (!drafts || doc._status === 'published') {
      await announce(req, subscribers, changeOf('publish', slug, doc))
    } else if (wasLive(req)[`${slug}:${doc.id}`] && !(await hasLiveCopy(req, slug, doc.id))) {
      await announce(req, subscribers, changeOf('unpublish', slug, doc))
    }
    delete wasLive(req)[`${slug}:${doc.id}`]
    return doc
  }
  const afterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
    if (!drafts || doc._status === 'published') await announce(req, subscribers, changeOf('delete', slug, doc))
    return doc
  }
  return { beforeChange, afterChange, afterDelete }
}

export const publicationEvents =
  ({ collections, subscribers }: PublicationEventsOptions): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((collection) => {
        if (!collections.includes(collection.slug as CollectionSlug)) return collection
        const { beforeChange, afterChange, afterDelete } = hooksFor(collection, subscribers)
        return {
          ...collection,
          hooks: {
            ...collection.hooks,
            beforeChange: [...(collection.hooks?.beforeChange ?? []), beforeChange],
            afterChange: [...(collection.hooks?.afterChange ?? []), afterChange],
            afterDelete: [...(collection.hooks?.afterDelete ?? []), afterDelete],
          },
        }
      }),
      PublicationLog,
      PublishedPages,
      PageHistory,
    ],
  })
