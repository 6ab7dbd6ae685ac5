import type { CollectionConfig } from 'payload'

import { draftsForStaffOnly } from './draftsForStaffOnly'
import { isAdmin } from './isAdmin'
import { isStaff } from './isStaff'
import { publishedOrStaff } from './publishedOrStaff'

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

export const clinicalContentHooks: CollectionConfig['hooks'] = {
  beforeOperation: [draftsForStaffOnly],
}

/**
 * Drafts and a bounded version history for every clinical collection. Scheduled publishing runs
 * as a job that publishes through the same review rules when it fires.
 */
export const clinicalVersions: CollectionConfig['versions'] = {
  drafts: { schedulePublish: true },
  maxPerDoc: 100,
}
