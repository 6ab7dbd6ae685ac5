/**
 * Medical review: the workflow every clinical collection goes through before anything reaches
 * the public. A clinical collection's config states only its medical content; `withMedicalReview`
 * (below) adds the rest, in one place: access, hooks and their order, drafts and versions,
 * review fields and endpoints. A newcomer finds all of it here:
 * - `rules.ts`: stages, actions and who may do what (pure);
 * - `fields.ts`: the review state and the public trust signals on each document;
 * - `reviewState.ts`: a document's review state read from Payload and written back;
 * - `requestNotes.ts`: what the hooks of one request tell each other (through `req.context`);
 * - `refusals.ts`: a refused rule turned into the 4xx every client gets;
 * - `hooks/`: where every write (any channel) is checked, the audit event appended and the
 *   version history pruned, sparing every version the audit names; the generic read guards come
 *   from `../access/`;
 * - `transition.ts`: the one entry point for review actions (REST, GraphQL, Local API);
 * - `endpoints.ts`, `graphql.ts`: those actions over HTTP;
 * - `../ReviewEvents`: the append-only audit trail;
 * - `src/jobs/` (notifications, the daily re-review report) and `src/admin/` (the admin UI).
 */
import type { CollectionConfig } from 'payload'

import { draftsForStaffOnly } from '../access/draftsForStaffOnly'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { joinFiltersByReadAccess } from '../access/joinFiltersByReadAccess'
import { derivedFieldsReadTheirSources } from '../fields/derived'
import { joinsWhenAsked } from '../fields/joinsWhenAsked'
import { publishedOrStaff } from '../access/publishedOrStaff'
import { rowLinksReadWithTheirRows, unreadableLinksRemoved } from '../access/unreadableLinksRemoved'
import { reviewEndpoints } from './endpoints'
import { reviewFields } from './fields'
import { applyReviewWorkflow } from './hooks/applyReviewWorkflow'
import { captureWriteIntent } from './hooks/captureWriteIntent'
import { pruneVersionHistory } from './hooks/pruneVersionHistory'
import { publishIsNotADraft } from './hooks/publishIsNotADraft'
import { recordReviewEvent } from './hooks/recordReviewEvent'
import { isReviewedCollection } from './transition'

export { isReviewOverdue } from './fields'
export { hasLiveCopy } from './reviewState'
export { applyReviewTransition, reviewStatus, REVIEWED_COLLECTIONS } from './transition'

/** What medical review sets on a clinical collection; the collection's own config leaves these out. */
const OWNED_BY_MEDICAL_REVIEW = ['access', 'hooks', 'versions'] as const

/**
 * Puts a clinical collection under medical review: who may read and write it, the hooks that hold
 * every write to the review rules (in the order below), drafts and version history, the review
 * fields and the review endpoints.
 */
export function withMedicalReview(collection: CollectionConfig): CollectionConfig {
  if (!isReviewedCollection(collection.slug)) throw new Error(`${collection.slug} is not a clinical collection under medical review.`)
  const stated = OWNED_BY_MEDICAL_REVIEW.filter((key) => collection[key] !== undefined)
  if (stated.length) {
    throw new Error(`${collection.slug} sets ${stated.join(', ')}: medical review owns these (collections/medicalReview/index.ts), so that the hook order is set in one place.`)
  }
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
    // The public reads published content only; version history (which holds unreviewed text) is
    // for staff. Within staff, the review rules (`hooks/applyReviewWorkflow.ts`) decide who may
    // approve and publish.
    access: {
      read: publishedOrStaff,
      readVersions: isStaff,
      create: isStaff,
      update: isStaff,
      delete: isAdmin,
    },
    // Payload runs each list in order, each beforeOperation hook receiving the arguments the
    // previous one returned; a write then goes through beforeChange and afterChange, and every read
    // (the write's answer included) through afterRead. The order matters where one hook reads what
    // another decided:
    hooks: {
      beforeOperation: [
        // Reads: someone who is not staff asking for drafts reads the published version.
        draftsForStaffOnly,
        // Before captureWriteIntent: an update asking for a draft while sending
        // `_status: 'published'` is a write to the live copy, and must be noted as one.
        publishIsNotADraft,
        // Reads: filters through join fields are for those who may read the joined collection.
        joinFiltersByReadAccess,
        // Reads: Payload's own REST reads compute join fields only when the caller asks (`joins`).
        joinsWhenAsked,
        // Reads: a select naming a field computed on read (HTML, reviewOverdue) also reads its sources.
        derivedFieldsReadTheirSources,
        // Reads: a GraphQL select of an array's rows reads their links, for unreadableLinksRemoved.
        rowLinksReadWithTheirRows,
        // Last: notes what the write intends (draft or live, the revision it was based on) from the
        // arguments as the hooks above left them, before Payload merges the write.
        captureWriteIntent,
      ],
      // Decides the review state from the intent noted above, and notes the audit event.
      beforeChange: [applyReviewWorkflow],
      // The event first, so that pruning sees the version it names and spares it.
      afterChange: [recordReviewEvent, pruneVersionHistory],
      // What the public reads loses its links to records it may not read.
      afterRead: [unreadableLinksRemoved],
    },
    // Drafts, and scheduled publishing as a job that publishes through the same review rules when
    // it fires. Payload's own pruning (`maxPerDoc`) is off: it deletes the oldest versions whatever
    // they are, including the ones the audit trail names as submitted, approved or published;
    // `hooks/pruneVersionHistory.ts` prunes instead, sparing those.
    versions: {
      drafts: { schedulePublish: true },
      maxPerDoc: 0,
    },
    fields: [...collection.fields, ...reviewFields()],
    endpoints: [...(collection.endpoints || []), ...reviewEndpoints(collection.slug)],
  }
}
