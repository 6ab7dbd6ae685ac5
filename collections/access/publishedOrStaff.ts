import type { Access } from 'payload'

import { hasRole, STAFF_ROLES } from './roles'

/**
 * Staff read drafts; everyone else (anonymous visitors, API-key readers) reads published
 * documents only. Payload applies this constraint to lists, by-id reads, relationship
 * population and joins alike.
 */
export const publishedOrStaff: Access = ({ req }) => {
  if (hasRole(req.user, ...STAFF_ROLES)) return true
  return { _status: { equals: 'published' } }
}
