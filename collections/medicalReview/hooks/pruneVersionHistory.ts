import type { CollectionAfterChangeHook } from 'payload'

/** The newest versions kept of each document, besides every version the audit trail names. */
export const VERSIONS_KEPT_PER_DOCUMENT = 100

/**
 * Keeps a document's version history bounded without losing evidence: the oldest versions beyond
 * the newest VERSIONS_KEPT_PER_DOCUMENT are deleted, except those a review event names (what was
 * submitted, approved, sent back or published), so "show me what Dr. X approved" always has an
 * answer. Runs after the audit event of this write is recorded, in the same transaction. Stands in
 * for Payload's `maxPerDoc`, which prunes by age alone (see `versions` in withMedicalReview).
 */
export const pruneVersionHistory: CollectionAfterChangeHook = async ({ collection, doc, req }) => {
  const parent = { parent: { equals: doc.id } }
  const { totalDocs } = await req.payload.db.countVersions({ collection: collection.slug, where: parent, req })
  if (totalDocs <= VERSIONS_KEPT_PER_DOCUMENT) return doc

  const [{ docs: versions }, { docs: events }] = await Promise.all([
    req.payload.db.findVersions({ collection: collection.slug, where: parent, sort: '-updatedAt', pagination: false, req, select: { id: true } }),
    req.payload.db.find({
      collection: 'review-events',
      where: { and: [{ documentCollection: { equals: collection.slug } }, { documentId: { equals: String(doc.id) } }, { version: { exists: true } }] },
      pagination: false,
      select: { version: true },
      req,
    }),
  ])
  const named = new Set(events.map((event) => String((event as { version?: unknown }).version)))
  const prunable = versions
    .slice(VERSIONS_KEPT_PER_DOCUMENT)
    .map((version) => version.id)
    .filter((id) => !named.has(String(id)))
  if (prunable.length > 0) {
    await req.payload.db.deleteVersions({ collection: collection.slug, where: { id: { in: prunable } }, req })
  }
  return doc
}
