import type { Access } from 'payload'

import { hasRole, STAFF_ROLES } from './roles'

/**
 * Admins reach every account; editors and reviewers only their own. Front-end API-key accounts
 * (`reader`) write nothing, their own account included: an admin manages them.
 */
export const adminOrSelf: Access = ({ req }) => {
  if (!req.user) return false
  if (hasRole(req.user, 'admin')) return true
  if (!hasRole(req.user, ...STAFF_ROLES)) return false
  return { id: { equals: req.user.id } }
}
