/**
 * The medical review workflow as pure rules: stages, actions, and who may move a document from
 * one stage to the next. No Payload, no I/O, so every rule is testable on its own and the hooks,
 * endpoints and GraphQL resolvers all ask the same question the same way.
 */

export const REVIEW_STAGES = ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived'] as const
export type ReviewStage = (typeof REVIEW_STAGES)[number]

export const STAGE_LABELS: Record<ReviewStage, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  unpublished: 'Unpublished',
  archived: 'Archived',
}

/** What a person can ask for. A content edit is not an action: it is what voids approvals. */
export const REVIEW_ACTIONS = ['submit', 'approve', 'request_changes', 'publish', 'unpublish', 'archive'] as const
export type ReviewAction = (typeof REVIEW_ACTIONS)[number]

export const ACTION_LABELS: Record<ReviewAction, string> = {
  submit: 'Submit for review',
  approve: 'Approve',
  request_changes: 'Request changes',
  publish: 'Publish',
  unpublish: 'Unpublish',
  archive: 'Archive',
}

/** The name of the rule a refusal cites, so clients can act on it (and tests can assert it). */
export type ReviewRule =
  | 'signed-in'
  | 'reviewer-role'
  | 'stage'
  | 'four-eyes'
  | 'assigned-reviewer'
  | 'approval-bound-to-version'
  | 'comment-required'
  | 'reviewer-credentials'
  | 'reviewer-must-be-reviewer'
  | 'unreviewed-change'
  | 'stale-copy'
  | 'unknown-action'
  | 'bad-request'
  | 'unpublished-links'
  | 'bundle-too-large'

export class WorkflowRefusal extends Error {
  constructor(
    readonly rule: ReviewRule,
    message: string,
    /** 401 not signed in, 403 not allowed for this person, 409 not allowed in this state, 400 bad input. */
    readonly status: 400 | 401 | 403 | 409,
  ) {
    super(message)
    this.name = 'WorkflowRefusal'
  }
}

export type Id = number | string
export const sameId = (a: Id | null | undefined, b: Id | null | undefined) => a != null && b != null && String(a) === String(b)

export interface ReviewActor {
  id: Id
  role?: string
  name?: string | null
  credentials?: string | null
}

export interface Approval {
  by: Id
  at: string
  revision: number
}

/** Where a document stands, read from its latest version (and whether its main copy is live). */
export interface ReviewState {
  stage: ReviewStage
  isLive: boolean
  revision: number
  assignedReviewer: Id | null
  /** Everyone who changed the content since it was last published: none of them may approve it. */
  contributors: Id[]
  approval: Approval | null
}

export interface TransitionInput {
  action: ReviewAction
  comment?: string | null
  /** For `submit`: the reviewer asked to review, or none to leave it to the pool. */
  reviewer?: (ReviewActor & { role?: string }) | null
}

/** What the hooks write back, and what the audit trail records. */
export interface TransitionResult {
  from: ReviewStage
  to: ReviewStage
  state: ReviewState
  /** Set when the document's public copy must change: publish or take it down. */
  liveStatus?: 'published' | 'draft'
}

const REVIEWER_ROLES = ['reviewer', 'admin']
export const canReview = (actor: ReviewActor | null | undefined) => Boolean(actor && REVIEWER_ROLES.includes(actor.role ?? ''))

/** The stages each action may start from. */
const FROM: Record<ReviewAction, readonly ReviewStage[]> = {
  submit: ['draft', 'changes_requested', 'unpublished', 'archived'],
  approve: ['in_review'],
  request_changes: ['in_review', 'approved'],
  publish: ['approved'],
  unpublish: ['published', 'draft', 'in_review', 'changes_requested', 'approved', 'unpublished', 'archived'],
  archive: ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished'],
}

const isReviewAction = (value: unknown): value is ReviewAction => typeof value === 'string' && (REVIEW_ACTIONS as readonly string[]).includes(value)

export function parseAction(value: unknown): ReviewAction {
  if (isReviewAction(value)) return value
  throw new WorkflowRefusal('unknown-action', `Unknown review action ${JSON.stringify(value)}. Use one of: ${REVIEW_ACTIONS.join(', ')}.`, 400)
}

/**
 * Decides one action. `actor` is null for the system (a scheduled publish queued without a
 * user): it may publish or take down, under the same approval rules, and nothing else.
 * Throws WorkflowRefusal naming the rule; returns the next state otherwise.
 */
export function decide(state: ReviewState, actor: ReviewActor | null, input: TransitionInput, now = new Date()): TransitionResult {
  const { action } = input
  const from = state.stage
  const systemMayDo = action === 'publish' || action === 'unpublish'
  if (!actor && !systemMayDo) throw new WorkflowRefusal('signed-in', `Sign in to ${ACTION_LABELS[action].toLowerCase()}.`, 401)

  if (actor && action !== 'submit' && !canReview(actor)) {
    throw new WorkflowRefusal('reviewer-role', `Only a medical reviewer or an admin may ${ACTION_LABELS[action].toLowerCase()}; editors submit content for review.`, 403)
  }
  if (action === 'unpublish' ? !state.isLive : !FROM[action].includes(from)) {
    const expected = action === 'unpublish' ? 'published' : FROM[action].map((s) => STAGE_LABELS[s].toLowerCase()).join(' or ')
    throw new WorkflowRefusal('stage', `Cannot ${ACTION_LABELS[action].toLowerCase()} a document that is ${STAGE_LABELS[from].toLowerCase()}${action === 'unpublish' ? ' and not live' : ''}; it must be ${expected}.`, 409)
  }
  const comment = input.comment?.trim() || null
  const next: ReviewState = { ...state }

  switch (action) {
    case 'submit': {
      const reviewer = input.reviewer ?? null
      if (reviewer && !canReview(reviewer)) {
        throw new WorkflowRefusal('reviewer-must-be-reviewer', `${reviewer.name ?? 'That user'} is not a medical reviewer; choose a reviewer or leave it to the pool.`, 400)
      }
      if (reviewer && state.contributors.some((id) => sameId(id, reviewer.id))) {
        throw new WorkflowRefusal('four-eyes', `${reviewer.name ?? 'That reviewer'} edited this version and cannot review it; choose someone else or leave it to the pool.`, 400)
      }
      next.stage = 'in_review'
      next.assignedReviewer = reviewer?.id ?? null
      next.approval = null
      return { from, to: next.stage, state: next }
    }
    case 'approve': {
      if (state.contributors.some((id) => sameId(id, actor!.id))) {
        throw new WorkflowRefusal('four-eyes', 'You edited this version, so another reviewer must approve it (four-eyes rule).', 403)
      }
      if (state.assignedReviewer != null && !sameId(state.assignedReviewer, actor!.id) && actor!.role !== 'admin') {
        throw new WorkflowRefusal('assigned-reviewer', 'This document is assigned to another reviewer.', 403)
      }
      if (!actor!.name?.trim() || !actor!.credentials?.trim()) {
        throw new WorkflowRefusal('reviewer-credentials', 'Add your name and credentials to your account before approving: they are shown to patients with the content.', 400)
      }
      next.stage = 'approved'
      next.approval = { by: actor!.id, at: now.toISOString(), revision: state.revision }
      return { from, to: next.stage, state: next }
    }
    case 'request_changes': {
      if (!comment) throw new WorkflowRefusal('comment-required', 'Say what needs to change: a comment is required when requesting changes.', 400)
      if (state.assignedReviewer != null && !sameId(state.assignedReviewer, actor!.id) && actor!.role !== 'admin') {
        throw new WorkflowRefusal('assigned-reviewer', 'This document is assigned to another reviewer.', 403)
      }
      next.stage = 'changes_requested'
      next.approval = null
      return { from, to: next.stage, state: next }
    }
    case 'publish': {
      const approval = state.approval
      if (!approval || approval.revision !== state.revision) {
        throw new WorkflowRefusal('approval-bound-to-version', 'The content changed after it was approved; it must be approved again before it is published.', 409)
      }
      if (actor && state.contributors.some((id) => sameId(id, actor.id))) {
        throw new WorkflowRefusal('four-eyes', 'You edited this version, so someone else must publish it (four-eyes rule).', 403)
      }
      if (state.contributors.some((id) => sameId(id, approval.by))) {
        throw new WorkflowRefusal('four-eyes', 'The approval was given by someone who edited this version.', 409)
      }
      next.stage = 'published'
      next.isLive = true
      // A new review cycle starts from what is now public.
      next.contributors = []
      next.assignedReviewer = null
      return { from, to: next.stage, state: next, liveStatus: 'published' }
    }
    case 'unpublish': {
      // A pending draft keeps its own stage; the document just stops being public.
      next.stage = from === 'published' ? 'unpublished' : from
      next.isLive = false
      return { from, to: next.stage, state: next, liveStatus: 'draft' }
    }
    case 'archive': {
      next.stage = 'archived'
      next.isLive = false
      next.approval = null
      next.assignedReviewer = null
      return { from, to: next.stage, state: next, liveStatus: state.isLive ? 'draft' : undefined }
    }
  }
}

/**
 * A change to the content. Any approval is void (it was for other words) and the document goes
 * back for review; the editor joins the contributors who may not approve this version.
 */
export function edit(state: ReviewState, actor: ReviewActor | null): TransitionResult {
  const from = state.stage
  const to: ReviewStage = from === 'in_review' || from === 'approved' ? 'in_review' : from === 'changes_requested' ? 'changes_requested' : 'draft'
  const contributors = actor && !state.contributors.some((id) => sameId(id, actor.id)) ? [...state.contributors, actor.id] : state.contributors
  return { from, to, state: { ...state, stage: to, revision: state.revision + 1, contributors, approval: null } }
}

/** The actions this person could take now; what the admin shows, nothing else. */
export function allowedActions(state: ReviewState, actor: ReviewActor | null): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => {
    try {
      decide(state, actor, { action, comment: action === 'request_changes' ? 'probe' : null })
      return true
    } catch {
      return false
    }
  })
}

/** Next re-review date: the approval date plus the document's interval in months. */
export function nextReviewDate(from: Date, months: number): Date {
  const due = new Date(from)
  due.setUTCMonth(due.getUTCMonth() + months)
  return due
}
