/**
 * A document's review state, between Payload and the pure rules (`rules.ts`): read from the
 * document's newest version (and whether its public copy is live), written back in the shape its
 * review fields store, and the person acting, as the rules see them.
 */
import type { CollectionSlug, PayloadRequest } from 'payload'

import { idOf } from '../fields/relationships'
import { type Approval, type Id, type ReviewActor, type ReviewStage, type ReviewState, REVIEW_STAGES } from './rules'

type Doc = Record<string, any>

export function reviewStateOf(doc: Doc | undefined, isLive: boolean): ReviewState {
  const stage = REVIEW_STAGES.includes(doc?.reviewStage) ? (doc!.reviewStage as ReviewStage) : isLive ? 'published' : 'draft'
  const approval = doc?.approval
  const approvedBy = idOf(approval?.approvedBy)
  return {
    stage,
    isLive,
    revision: typeof doc?.revision === 'number' ? doc.revision : Number(doc?.revision) || 1,
    assignedReviewer: idOf(doc?.assignedReviewer),
    contributors: Array.isArray(doc?.contributors) ? doc!.contributors.map(idOf).filter((id: Id | null): id is Id => id != null) : [],
    approval:
      approvedBy != null && approval?.revision != null
        ? ({ by: approvedBy, at: approval.approvedAt ?? '', revision: Number(approval.revision) } satisfies Approval)
        : null,
  }
}

/** Whether the document's main copy (what the public reads) is published. */
export async function hasLiveCopy(req: PayloadRequest, collection: CollectionSlug, id: Id): Promise<boolean> {
  const { totalDocs } = await req.payload.db.count({
    collection,
    where: { and: [{ id: { equals: id } }, { _status: { equals: 'published' } }] },
    req,
  })
  return totalDocs > 0
}

/**
 * The document's newest version row (a draft or the live copy), read inside the write's
 * transaction. Found by Payload's `latest` flag, as Payload's own draft reads do: two saves in
 * the same millisecond share an `updatedAt`, so ordering by time alone can pick the older one.
 */
export async function latestVersionOf(req: PayloadRequest, collection: CollectionSlug, id: Id) {
  const { docs } = await req.payload.db.findVersions({
    collection,
    where: { and: [{ parent: { equals: id } }, { latest: { equals: true } }] },
    sort: '-updatedAt',
    limit: 1,
    pagination: false,
    req,
  })
  return docs[0]
}

/** The review fields of the document's newest copy; undefined when it has no version yet. */
export async function latestStateOf(req: PayloadRequest, collection: CollectionSlug, id: Id): Promise<Doc | undefined> {
  const version = (await latestVersionOf(req, collection, id))?.version as Doc | undefined
  return version ? { ...version, id } : undefined
}

/** The stored shape of a review state. */
export const reviewFieldsOf = (state: ReviewState) => ({
  reviewStage: state.stage,
  assignedReviewer: state.assignedReviewer,
  revision: state.revision,
  contributors: state.contributors,
  approval: state.approval
    ? { approvedBy: state.approval.by, approvedAt: state.approval.at, revision: state.approval.revision }
    : { approvedBy: null, approvedAt: null, revision: null },
})

export function actorOf(user: PayloadRequest['user']): ReviewActor | null {
  if (!user || user.collection !== 'users') return null
  const { id, role, name, credentials } = user as unknown as { id: Id; role?: string; name?: string; credentials?: string }
  return { id, role, name, credentials }
}
