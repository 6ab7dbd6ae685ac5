/**
 * The workflow's entry point for every channel: the REST endpoint, the GraphQL mutation and
 * server code on the Local API all call `applyReviewTransition` with the request (and so the
 * user) they act for. It never overrides access: the user's own permissions apply, and the
 * rules in `applyReviewWorkflow` decide.
 */
import type { CollectionSlug, PayloadRequest } from 'payload'

import { type Id, type ReviewAction, type ReviewActor, type TransitionInput, allowedActions, parseAction } from './rules'
import { bundleStatus } from './bundles'
import { actorOf, docKey, enforcing, hasLiveCopy, latestStateOf, refuse, reviewStateOf, scratchOf } from './state'

export const REVIEWED_COLLECTIONS = ['conditions', 'symptoms', 'treatments', 'diagnostic-tests', 'locations'] as const
export type ReviewedCollection = (typeof REVIEWED_COLLECTIONS)[number]

export const isReviewedCollection = (value: unknown): value is ReviewedCollection =>
  typeof value === 'string' && (REVIEWED_COLLECTIONS as readonly string[]).includes(value)

/** Actions that change the public copy are writes to the live document; the rest save drafts. */
const LIVE_ACTIONS: ReadonlySet<ReviewAction> = new Set(['publish', 'unpublish', 'archive'])

export interface TransitionRequest {
  req: PayloadRequest
  collection: ReviewedCollection
  id: number | string
  action: unknown
  comment?: unknown
  /** For `submit`: the id of the reviewer asked to review; empty leaves it to the pool. */
  reviewer?: unknown
}

export async function applyReviewTransition({ req, collection, id, action: rawAction, comment, reviewer }: TransitionRequest) {
  const { payload } = req
  const action = await enforcing(() => parseAction(rawAction))
  if (comment != null && typeof comment !== 'string') refuse('bad-request', '`comment` must be text.', 400)
  let reviewerActor: ReviewActor | null = null
  if (reviewer != null && reviewer !== '') {
    if (action !== 'submit') refuse('reviewer-must-be-reviewer', 'A reviewer is chosen when submitting for review.', 400)
    if (typeof reviewer !== 'string' && typeof reviewer !== 'number') refuse('reviewer-must-be-reviewer', '`reviewer` must be a user id.', 400)
    const found = await payload
      .findByID({ collection: 'users', id: reviewer, req, overrideAccess: false, depth: 0, disableErrors: true })
      .catch(() => null)
    if (!found) refuse('reviewer-must-be-reviewer', `There is no reviewer with id ${JSON.stringify(reviewer)}.`, 400)
    reviewerActor = actorOf({ ...found, collection: 'users' } as PayloadRequest['user'])
  }

  await runTransition(req, collection, id, { action, comment: (comment as string | undefined) ?? null, reviewer: reviewerActor })
  return reviewStatus({ req, collection, id })
}

/**
 * Asks the workflow hook for one action on one document: notes the action for the hook, then
 * writes the document with the caller's own access (a draft save, or the live copy for publish,
 * unpublish and archive). Review bundles (`bundles.ts`) run their members' actions through here.
 */
export async function runTransition(req: PayloadRequest, collection: string, id: Id, input: TransitionInput) {
  const scratch = scratchOf(req)
  const key = docKey(collection, id)
  scratch.transitions.set(key, input)
  try {
    const live = LIVE_ACTIONS.has(input.action)
    await req.payload.update({
      collection: collection as CollectionSlug,
      id,
      data: live ? { _status: input.action === 'publish' ? 'published' : 'draft' } : {},
      draft: !live,
      req,
      overrideAccess: false,
      depth: 0,
    })
  } finally {
    scratch.transitions.delete(key)
  }
}

/** Where a document stands, what this user may do next, and its review history. */
export async function reviewStatus({ req, collection, id }: { req: PayloadRequest; collection: ReviewedCollection; id: number | string }) {
  const { payload } = req
  const latest = (await payload.findByID({ collection, id, draft: true, req, overrideAccess: false, depth: 0 })) as Record<string, any>
  // Read with the caller's access above. The stage comes from where the workflow hook reads it
  // (the version Payload flags as latest), so what this says and what the hook enforces agree;
  // whether it is live is a fact about that same document.
  const state = reviewStateOf((await latestStateOf(req, collection, latest.id)) ?? latest, await hasLiveCopy(req, collection, latest.id))
  const history = await payload.find({
    collection: 'review-events',
    where: { and: [{ documentCollection: { equals: collection } }, { documentId: { equals: String(id) } }] },
    sort: '-createdAt',
    limit: 100,
    depth: 1,
    req,
    overrideAccess: false,
  })
  const bundle = await bundleStatus(req, { collection, id: latest.id, doc: latest, stage: state.stage }, REVIEWED_COLLECTIONS)
  return {
    collection,
    id: latest.id as number | string,
    stage: state.stage,
    isLive: state.isLive,
    revision: state.revision,
    assignedReviewer: state.assignedReviewer,
    approval: state.approval,
    reviewedBy: latest.reviewedBy ?? null,
    lastReviewedAt: latest.lastReviewedAt ?? null,
    nextReviewDue: latest.nextReviewDue ?? null,
    reviewOverdue: Boolean(latest.reviewOverdue),
    allowedActions: allowedActions(state, actorOf(req.user)),
    /** The linked records reviewed and published with this document (see bundles.ts). */
    bundle,
    history: history.docs.map((event) => ({
      id: event.id,
      at: event.createdAt,
      action: event.action,
      from: event.fromStage,
      to: event.toStage,
      revision: event.revision,
      version: event.version ?? null,
      comment: event.comment ?? null,
      actor: typeof event.actor === 'object' && event.actor ? { id: event.actor.id, name: event.actor.name } : null,
    })),
  }
}

export type ReviewStatus = Awaited<ReturnType<typeof reviewStatus>>
