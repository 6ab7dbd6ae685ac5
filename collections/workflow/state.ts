/**
 * Between Payload documents and the pure rules: reading a document's review state, writing it
 * back, and the per-request notes the hooks leave for each other (what a write intends, which
 * action the engine asked for, which event to record).
 */
import { APIError, type CollectionSlug, type PayloadRequest } from 'payload'

import { type Approval, type Id, type ReviewActor, type ReviewStage, type ReviewState, type TransitionInput, REVIEW_STAGES, WorkflowRefusal } from './rules'

type Doc = Record<string, any>

const idOf = (value: unknown): Id | null =>
  value == null ? null : typeof value === 'object' ? ((value as { id?: Id }).id ?? null) : (value as Id)

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

/** How a refused rule reaches any client: a 4xx with the rule's name and a sentence to act on. */
export function refusalToAPIError(error: unknown): unknown {
  if (error instanceof WorkflowRefusal) {
    return new APIError(`${error.message} [rule: ${error.rule}]`, error.status, { rule: error.rule }, true)
  }
  return error
}

export function refuse(rule: ConstructorParameters<typeof WorkflowRefusal>[0], message: string, status: 400 | 401 | 403 | 409): never {
  throw refusalToAPIError(new WorkflowRefusal(rule, message, status))
}

export async function enforcing<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw refusalToAPIError(error)
  }
}

export interface WriteIntent {
  draft: boolean
  /** The `revision` the client's copy was based on, when it sent one. */
  baseRevision?: number
}

export interface PendingEvent {
  action: string
  from: ReviewStage
  to: ReviewStage
  revision: number
  comment: string | null
  actor: Id | null
  assignedReviewer: Id | null
}

interface Scratch {
  intents: Map<string, WriteIntent>
  transitions: Map<string, TransitionInput>
  events: Map<string, PendingEvent>
  /** Records going live in this request's review bundle (`doc key`s): links between them are fine. */
  publishing: Set<string>
  /** Set while a document's action is carried to its bundle: members do not cascade further. */
  cascading: boolean
}

const SCRATCH = 'medicalReview'

/** Per-request notes, shared by the hooks of one request (and the Local API calls it makes). */
export function scratchOf(req: PayloadRequest): Scratch {
  req.context ??= {}
  const existing = req.context[SCRATCH] as Scratch | undefined
  if (existing) return existing
  const created: Scratch = { intents: new Map(), transitions: new Map(), events: new Map(), publishing: new Set(), cascading: false }
  req.context[SCRATCH] = created
  return created
}

export const docKey = (collection: string, id: Id | null | undefined) => `${collection}:${id ?? '*'}`
