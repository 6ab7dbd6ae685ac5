import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { draftsForStaffOnly } from './draftsForStaffOnly'
import { isAdmin } from './isAdmin'
import { joinFiltersByReadAccess } from './joinFiltersByReadAccess'
import { isStaff } from './isStaff'
import { publishedOrStaff } from './publishedOrStaff'
import { unreadableLinksRemoved } from './unreadableLinksRemoved'

/**
 * Access shared by every clinical collection. The public reads published content only; version
 * history (which holds unreviewed text) is for staff. Within staff, the medical review workflow
 * (`collections/workflow`) decides who may approve and publish.
 */
export const clinicalContentAccess: CollectionConfig['access'] = {
  read: publishedOrStaff,
  readVersions: isStaff,
  create: isStaff,
  update: isStaff,
  delete: isAdmin,
}

/**
 * Payload writes the live document, not a draft, when an update asks for `draft` but sends
 * `_status: 'published'`. Say so before the medical review hooks read the write's intent, so that
 * such a request is held to the publishing rules instead of passing as a draft save.
 */
export const publishIsNotADraft: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation === 'update' && args.draft && (args.data as { _status?: unknown } | undefined)?._status === 'published') {
    return { ...args, draft: false }
  }
  return args
}

export const clinicalContentHooks: CollectionConfig['hooks'] = {
  beforeOperation: [draftsForStaffOnly, publishIsNotADraft, joinFiltersByReadAccess],
  afterRead: [unreadableLinksRemoved],
}

/**
 * Drafts and the version history of every clinical collection. Scheduled publishing runs as a job
 * that publishes through the same review rules when it fires. Payload's own pruning (`maxPerDoc`)
 * is off: it deletes the oldest versions whatever they are, including the ones the review audit
 * trail names as submitted, approved or published. The medical review workflow prunes instead,
 * sparing those (collections/workflow/hooks/pruneVersionHistory.ts).
 */
export const clinicalVersions: CollectionConfig['versions'] = {
  drafts: { schedulePublish: true },
  maxPerDoc: 0,
}
