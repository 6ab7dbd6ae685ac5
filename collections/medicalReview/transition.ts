/**
 * The workflow's entry point for every channel: the REST endpoint, the GraphQL mutation and
 * server code on the Local API all call `applyReviewTransition` with the request (and so the
 * user) they act for. It never overrides access: the user's own permissions apply, and the
 * rules in `applyReviewWorkflow` decide.
 */
import type { CollectionSlug, PayloadRequest } from 'payload'

import { type Id, type ReviewAction, type ReviewActor, type TransitionInput, allowedActions, decide, parseAction } from './rules'
import { bundleStatus } from './bundles'
import { enforcing, refuse } from './refusals'
import { docKey, reviewNotesOf } from './requestNotes'
import { actorOf, hasLiveCopy, latestStateOf, reviewStateOf } from './reviewState'

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
  /** For `publish`: publish then instead of now (Payload's scheduled publish job). */
  publishAt?: unknown
}

/** How far ahead a publish may be scheduled. */
const MAX_SCHEDULE_DAYS = 366

export async function applyReviewTransition({ req, collection, id, action: rawAction, comment, reviewer, publishAt }: TransitionRequest) {
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

  if (publishAt != null && publishAt !== '') {
    await schedulePublish(req, collection, id, action, publishAt)
    return reviewStatus({ req, collection, id })
  }
  await runTransition(req, collection, id, { action, comment: (comment as string | undefined) ?? null, reviewer: reviewerActor })
  return reviewStatus({ req, collection, id })
}

/**
 * Queues Payload's scheduled publish for later, as this user. The rules are checked now, so a
 * schedule that could not go through is refused at once, and again when it fires (the job
 * publishes through the same hook), so an edit made in between keeps it from going live.
 */
async function schedulePublish(req: PayloadRequest, collection: ReviewedCollection, id: Id, action: ReviewAction, publishAt: unknown) {
  if (action !== 'publish') refuse('bad-request', '`publishAt` schedules a publish: send it with "action": "publish".', 400)
  const when = typeof publishAt === 'string' ? new Date(publishAt) : new Date(NaN)
  if (Number.isNaN(when.getTime())) refuse('bad-request', '`publishAt` must be a date and time, e.g. "2027-01-15T09:00:00Z".', 400)
  const days = (when.getTime() - Date.now()) / 86_400_000
  if (days <= 0) refuse('bad-request', '`publishAt` must be in the future; to publish now, leave it out.', 400)
  if (days > MAX_SCHEDULE_DAYS) refuse('bad-request', `\`publishAt\` may be at most ${MAX_SCHEDULE_DAYS} days ahead.`, 400)
  // Read with the caller's access: a document they cannot see is a 404, as for any action.
  await req.payload.findByID({ collection, id, draft: true, depth: 0, req, overrideAccess: false, select: { id: true } as never })
  const state = reviewStateOf(await latestStateOf(req, collection, id), await hasLiveCopy(req, collection, id))
  await enforcing(() => decide(state, actorOf(req.user), { action: 'publish' }))
  await req.payload.jobs.queue({
    task: 'schedulePublish',
    input: { type: 'publish', doc: { relationTo: collection, value: String(id) }, user: { relationTo: 'users', value: req.user!.id } } as never,
    waitUntil: when,
    req,
  })
}

/**
 * Asks the workflow hook for one action on one document: notes the action for the hook, then
 * writes the document with the caller's own access (a draft save, or the live copy for publish,
 * unpublish and archive). Review bundles (`bundles.ts`) run their members' actions through here.
 */
export async function runTransition(req: PayloadRequest, collection: string, id: Id, input: TransitionInput) {
  const notes = reviewNotesOf(req)
  const key = docKey(collection, id)
  notes.requestedTransitions.set(key, input)
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
    notes.requestedTransitions.delete(key)
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
