import type { Access, Where } from 'payload'

import { hasRole, STAFF_ROLES } from './roles'

/**
 * Admins read every account. Editors and reviewers read their own and their colleagues' (to pick
 * a reviewer and see who did what in a review history), never the front-end API-key accounts.
 */
export const staffDirectory: Access = ({ req }) => {
  if (!req.user) return false
  if (hasRole(req.user, 'admin')) return true
  const self: Where = { id: { equals: req.user.id } }
  if (hasRole(req.user, ...STAFF_ROLES)) return { or: [self, { role: { in: [...STAFF_ROLES] } }] }
  return self
}
