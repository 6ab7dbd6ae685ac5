import type { Access } from 'payload'

import { hasRole } from './roles'

/**
 * Clinicians who review content, and admins. Reference data (specialties, references, media) is
 * shown inside reviewed, published pages without a review of its own, so changing what already
 * exists is theirs alone: an editor adds new records, which reach a page only through a review of
 * the page that links them.
 */
export const isReviewerOrAdmin: Access = ({ req }) => hasRole(req.user, 'reviewer', 'admin')
