/**
 * Medical review: the workflow every clinical collection goes through before anything reaches
 * the public. A newcomer finds all of it here:
 * - `rules.ts`: stages, actions and who may do what (pure);
 * - `fields.ts`: the review state and the public trust signals on each document;
 * - `reviewState.ts`: a document's review state read from Payload and written back;
 * - `requestNotes.ts`: what the hooks of one request tell each other (through `req.context`);
 * - `refusals.ts`: a refused rule turned into the 4xx every client gets;
 * - `hooks/`: where every write (any channel) is checked, the audit event appended and the
 *   version history pruned, sparing every version the audit names;
 * - `transition.ts`: the one entry point for review actions (REST, GraphQL, Local API);
 * - `endpoints.ts`, `graphql.ts`: those actions over HTTP;
 * - `../ReviewEvents`: the append-only audit trail;
 * - `src/jobs/` (notifications, the daily re-review report) and `src/admin/` (the admin UI).
 */
import type { CollectionConfig } from 'payload'

import { reviewEndpoints } from './endpoints'
import { reviewFields } from './fields'
import { applyReviewWorkflow } from './hooks/applyReviewWorkflow'
import { captureWriteIntent } from './hooks/captureWriteIntent'
import { pruneVersionHistory } from './hooks/pruneVersionHistory'
import { recordReviewEvent } from './hooks/recordReviewEvent'
import { isReviewedCollection } from './transition'

export { hasLiveCopy } from './reviewState'
export { applyReviewTransition, reviewStatus, REVIEWED_COLLECTIONS } from './transition'

/** Adds medical review to a clinical collection: its fields, rules, audit and endpoints. */
export function withMedicalReview(collection: CollectionConfig): CollectionConfig {
  if (!isReviewedCollection(collection.slug)) throw new Error(`${collection.slug} is not a clinical collection under medical review.`)
  const columns = collection.admin?.defaultColumns ?? []
  return {
    ...collection,
    admin: {
      ...collection.admin,
      defaultColumns: [...columns.filter((c) => c !== '_status' && c !== 'updatedAt'), 'reviewStage', 'assignedReviewer', 'nextReviewDue', '_status'],
      components: {
        ...collection.admin?.components,
        edit: {
          ...collection.admin?.components?.edit,
          // Publishing is a review action; the button shows only to those who may take it.
          PublishButton: '/admin/ReviewPublishButton#ReviewPublishButton',
        },
      },
    },
    fields: [...collection.fields, ...reviewFields()],
    hooks: {
      ...collection.hooks,
      beforeOperation: [...(collection.hooks?.beforeOperation ?? []), captureWriteIntent],
      beforeChange: [...(collection.hooks?.beforeChange ?? []), applyReviewWorkflow],
      // The event first, so that pruning sees the version it names.
      afterChange: [...(collection.hooks?.afterChange ?? []), recordReviewEvent, pruneVersionHistory],
    },
    endpoints: [...(collection.endpoints || []), ...reviewEndpoints(collection.slug)],
  }
}
