import type { Access } from 'payload'

import { hasRole, STAFF_ROLES } from './roles'

/** Editors, reviewers and admins: the people who work on content. */
export const isStaff: Access = ({ req }) => hasRole(req.user, ...STAFF_ROLES)
