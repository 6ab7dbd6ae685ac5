import type { CollectionBeforeChangeHook } from 'payload'

import { changedContentFields } from '../contentChanges'
import { DEFAULT_REVIEW_INTERVAL_MONTHS } from '../fields'
import { type TransitionResult, decide, edit, nextReviewDate, WorkflowRefusal } from '../rules'
import { lockDocumentRow } from '../../../src/database'
import { cascadeToBundle, refuseUnpublishedLinks } from '../bundles'
import { REVIEWED_COLLECTIONS, runTransition } from '../transition'
import { enforcing } from '../refusals'
import { docKey, reviewNotesOf } from '../requestNotes'
import { actorOf, hasLiveCopy, latestStateOf, reviewFieldsOf, reviewStateOf } from '../reviewState'

/**
 * The one place a clinical document's review state changes. Whatever the channel (admin, REST,
 * GraphQL, Local API, a scheduled publish), a write is one of:
 * - a review action the workflow engine asked for (submit, approve, request changes, ...);
 * - a publish or take-down of the live copy, held to the same rules as the Publish action;
 * - a change to the content, which voids any approval and sends the document back for review;
 * - none of these (a save of unchanged content), which changes nothing.
 * Workflow fields sent by a client are ignored: the state is always derived here.
 */
export const applyReviewWorkflow: CollectionBeforeChangeHook = ({ collection, data, operation, originalDoc, req }) =>
  enforcing(async () => {
    const actor = actorOf(req.user)
    const slug = collection.slug
    const notes = reviewNotesOf(req)

    if (operation === 'create') {
      if (data._status === 'published') {
        throw new WorkflowRefusal('unreviewed-change', 'New content starts as a draft: save it, then submit it for review before it is published.', 403)
      }
      return {
        ...data,
        ...reviewFieldsOf({ stage: 'draft', isLive: false, revision: 1, assignedReviewer: null, contributors: actor ? [actor.id] : [], approval: null }),
        reviewedBy: { name: null, credentials: null },
        lastReviewedAt: null,
        nextReviewDue: null,
      }
    }

    const id = originalDoc?.id
    const key = docKey(slug, id)
    const intent = notes.writeIntents.get(key) ?? notes.writeIntents.get(docKey(slug, null)) ?? { draft: false }
    const transition = notes.requestedTransitions.get(key)
    // Concurrent writes to one document decide one after the other, each from the state the
    // previous one left: two saves from the same copy, or two publishes, cannot both pass.
    const current = (await lockDocumentRow(req, slug, id)) ? ((await latestStateOf(req, slug, id)) ?? originalDoc) : originalDoc
    // A plain draft save never touches the public copy, so it need not look it up.
    const isLive = transition || !intent.draft ? await hasLiveCopy(req, slug, id) : false
    const state = reviewStateOf(current, isLive)
    const changed = changedContentFields(collection.flattenedFields, data, originalDoc)

    if (intent.baseRevision !== undefined && intent.baseRevision !== state.revision && changed.length) {
      throw new WorkflowRefusal(
        'stale-copy',
        `Someone else saved this document after you opened it (your copy is revision ${intent.baseRevision}, the latest is ${state.revision}). Reload it and make your change again; nothing was saved.`,
        409,
      )
    }

    let result: TransitionResult | undefined
    let action: string | undefined
    if (transition) {
      if (changed.length) throw new WorkflowRefusal('unreviewed-change', 'A review action cannot change the content; save the change first.', 400)
      result = decide(state, actor, transition)
      action = transition.action
    } else if (!intent.draft) {
      const resultingStatus = data._status ?? originalDoc?._status
      const alreadyLive = state.isLive && state.stage === 'published'
      if (resultingStatus === 'published' && !(alreadyLive && !changed.length)) {
        if (changed.length) {
          throw new WorkflowRefusal(
            'unreviewed-change',
            `This would publish changes nobody has reviewed (${changed.join(', ')}). Save them as a draft and submit it for review.`,
            403,
          )
        }
        result = decide(state, actor, { action: 'publish' })
        action = 'publish'
      } else if (state.isLive && resultingStatus !== 'published') {
        result = decide(state, actor, { action: 'unpublish' })
        action = 'unpublish'
        if (changed.length) result = { ...edit(result.state, actor), from: result.from, liveStatus: result.liveStatus }
      } else if (changed.length) {
        result = edit(state, actor)
        action = 'edit'
      }
    } else if (changed.length) {
      result = edit(state, actor)
      action = 'edit'
    }

    // Review bundles: the document's action is carried to the drafts it links to, in this same
    // write; and nothing goes live while it links to a record the public cannot see.
    const bundleAction = transition ?? (action === 'publish' ? { action: 'publish' as const } : undefined)
    if (result && bundleAction && ['submit', 'approve', 'request_changes', 'publish'].includes(bundleAction.action)) {
      const content = { ...current, ...data }
      const title = String(content[collection.admin?.useAsTitle ?? 'id'] ?? id)
      await cascadeToBundle(req, { collection: slug, id, title, doc: content }, bundleAction, actor, REVIEWED_COLLECTIONS, runTransition)
    }
    if (result?.liveStatus === 'published') {
      await refuseUnpublishedLinks(req, collection, { ...current, ...data }, REVIEWED_COLLECTIONS)
      if (!notes.carryingToBundle) notes.goingLiveTogether.clear()
    }

    const next = result?.state ?? state
    const reviewMetadata: Record<string, unknown> = {
      reviewedBy: originalDoc?.reviewedBy ?? { name: null, credentials: null },
      lastReviewedAt: originalDoc?.lastReviewedAt ?? null,
      nextReviewDue: originalDoc?.nextReviewDue ?? null,
    }
    if (action === 'approve' && actor) {
      const now = new Date()
      const months = Number(data.reviewIntervalMonths ?? originalDoc?.reviewIntervalMonths) || DEFAULT_REVIEW_INTERVAL_MONTHS
      reviewMetadata.reviewedBy = { name: actor.name ?? null, credentials: actor.credentials ?? null }
      reviewMetadata.lastReviewedAt = now.toISOString()
      reviewMetadata.nextReviewDue = nextReviewDate(now, months).toISOString()
    }

    // Audit: every action, and every edit that moved the stage or voided an approval.
    const recordable = result && action && (action !== 'edit' || result.from !== result.to || state.approval)
    if (recordable) {
      notes.eventsToRecord.set(key, {
        action: action!,
        from: result!.from,
        to: result!.to,
        revision: next.revision,
        comment: transition?.comment?.trim() || null,
        actor: actor?.id ?? null,
        assignedReviewer: next.assignedReviewer,
      })
    } else {
      notes.eventsToRecord.delete(key)
    }

    return {
      ...data,
      ...(result?.liveStatus ? { _status: result.liveStatus } : {}),
      ...reviewFieldsOf(next),
      ...reviewMetadata,
    }
  })
