import type { CollectionAfterChangeHook } from 'payload'

import { REVIEW_EVENT_WRITE } from '../../ReviewEvents'
import { latestVersionOf } from '../reviewState'
import { docKey, reviewNotesOf } from '../requestNotes'

/** Actions people are told about by e-mail; the daily job tells them about overdue reviews. */
const NOTIFIED_ACTIONS = new Set(['submit', 'approve', 'request_changes'])

/**
 * Appends the audit event for the action this write carried, in the same transaction: if the
 * write rolls back, so does its event (and its notification, which is queued as a job).
 */
export const recordReviewEvent: CollectionAfterChangeHook = async ({ collection, doc, operation, req }) => {
  if (operation !== 'update') return doc
  const notes = reviewNotesOf(req)
  const key = docKey(collection.slug, doc.id)
  const pending = notes.eventsToRecord.get(key)
  if (!pending) return doc
  notes.eventsToRecord.delete(key)

  // The version this write created: the audit names exactly what was approved or published.
  const version = await latestVersionOf(req, collection.slug, doc.id)
  // Events are written by the system, never on behalf of the request's permissions: the
  // collection is closed to every API, and only this flag opens it to this hook.
  let event
  try {
    event = await req.payload.create({
      collection: 'review-events',
      data: {
        documentCollection: collection.slug as 'conditions',
        documentId: String(doc.id),
        documentTitle: String(doc[collection.admin?.useAsTitle ?? 'id'] ?? doc.id),
        action: pending.action as 'submit',
        fromStage: pending.from,
        toStage: pending.to,
        revision: pending.revision,
        version: version ? String(version.id) : null,
        comment: pending.comment,
        actor: pending.actor as number | null,
        assignedReviewer: pending.assignedReviewer as number | null,
      },
      req,
      overrideAccess: true,
      context: { [REVIEW_EVENT_WRITE]: true },
      depth: 0,
    })
  } finally {
    // The Local API merged the flag into this request's context; close the door behind us.
    delete req.context[REVIEW_EVENT_WRITE]
  }
  if (NOTIFIED_ACTIONS.has(pending.action)) {
    await req.payload.jobs.queue({ task: 'notifyReviewEvent', input: { eventId: String(event.id) }, req })
  }
  return doc
}
