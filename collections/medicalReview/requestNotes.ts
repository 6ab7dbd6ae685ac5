/**
 * The notes medical review's hooks leave for each other within one request. Payload runs a
 * write's hooks one after the other with nothing shared but the request, so what an earlier step
 * knows and a later one needs travels in `req.context` (which the Local API calls a hook makes
 * share too). Each note is keyed by `docKey(collection, id)`, so a request that writes several
 * documents (a review bundle) keeps them apart.
 */
import type { PayloadRequest } from 'payload'

import type { Id, ReviewStage, TransitionInput } from './rules'

/** What a write intends, noted before Payload merges it (`hooks/captureWriteIntent.ts`). */
export interface WriteIntent {
  draft: boolean
  /** The `revision` the client's copy was based on, when it sent one. */
  baseRevision?: number
}

/** The audit event a write carries, decided before the change and recorded after it. */
export interface PendingEvent {
  action: string
  from: ReviewStage
  to: ReviewStage
  revision: number
  comment: string | null
  actor: Id | null
  assignedReviewer: Id | null
}

export interface ReviewNotes {
  /**
   * Whether each write is a draft save or a write to the live copy, and the revision it was based
   * on. Written by `captureWriteIntent` (before Payload merges the write, the only moment the two
   * can be told apart), read by `applyReviewWorkflow`. A restore, whose id is not known yet, is
   * noted under `docKey(collection, null)`.
   */
  writeIntents: Map<string, WriteIntent>
  /**
   * The review action (submit, approve, ...) the workflow engine asked a write to carry. Set by
   * `runTransition` (transition.ts) around its update, read by `applyReviewWorkflow`; a write with
   * none is a plain edit, publish or take-down.
   */
  requestedTransitions: Map<string, TransitionInput>
  /**
   * The audit event each write will record once it is saved. Set by `applyReviewWorkflow` (which
   * decides it) and taken by `recordReviewEvent` in afterChange (which needs the saved version).
   */
  eventsToRecord: Map<string, PendingEvent>
  /**
   * Records going live in this request's review bundle (`docKey`s): links between them are fine,
   * since all of them are published in this one transaction or none is. Filled by `cascadeToBundle`
   * (bundles.ts), read by `refuseUnpublishedLinks`, cleared once the bundle's root is published.
   */
  goingLiveTogether: Set<string>
  /**
   * True while a document's action is being carried to the members of its bundle: the members'
   * own writes do not cascade further.
   */
  carryingToBundle: boolean
}

/** Where the notes live in `req.context`. */
const REVIEW_NOTES = 'medicalReview'

/** This request's review notes, created on first use. */
export function reviewNotesOf(req: PayloadRequest): ReviewNotes {
  req.context ??= {}
  const existing = req.context[REVIEW_NOTES] as ReviewNotes | undefined
  if (existing) return existing
  const created: ReviewNotes = {
    writeIntents: new Map(),
    requestedTransitions: new Map(),
    eventsToRecord: new Map(),
    goingLiveTogether: new Set(),
    carryingToBundle: false,
  }
  req.context[REVIEW_NOTES] = created
  return created
}

/**
 * The key of one document in the notes. A write whose id is not known when its intent is noted (a
 * restore, an update by `where`) is noted as `collection:*`, which the workflow hook falls back to.
 */
export const docKey = (collection: string, id: Id | null | undefined) => `${collection}:${id ?? '*'}`
