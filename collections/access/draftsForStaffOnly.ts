import type { CollectionBeforeOperationHook } from 'payload'

import { hasRole, STAFF_ROLES } from './roles'

/**
 * `?draft=true` (REST) or `draft: true` (GraphQL, Local API with a user) from someone who is not
 * staff reads the published version instead. Access control already hides unpublished text; this
 * keeps the public from losing a published page just because a newer draft sits on top of it.
 */
export const draftsForStaffOnly: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'read' && args.draft && !hasRole(req.user, ...STAFF_ROLES) && args.overrideAccess !== true) {
    return { ...args, draft: false }
  }
  return args
}
