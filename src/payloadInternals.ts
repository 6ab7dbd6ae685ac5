/**
 * Careline's access rules for the collections and globals Payload adds by itself. Payload gives
 * them "any signed-in user" access and builds them after plugins run, so they are set here, on
 * the built config:
 * - document locks (`payload-locked-documents`): staff only. A front-end API key (role `reader`)
 *   could otherwise lock any document and block its editors.
 * - job statistics (`payload-jobs-stats`): admins read it; only the scheduler (Local API) writes it.
 */
import type { SanitizedConfig } from 'payload'

import { isAdmin } from '../collections/access/isAdmin'
import { isStaff } from '../collections/access/isStaff'

const nobody = () => false

export function restrictPayloadInternals(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((c) => c.slug === 'payload-locked-documents')
  if (locks) Object.assign(locks.access, { read: isStaff, create: isStaff, update: isStaff, delete: isStaff })
  const jobStats = config.globals.find((g) => g.slug === 'payload-jobs-stats')
  if (jobStats) Object.assign(jobStats.access, { read: isAdmin, update: nobody, readVersions: nobody })
  return config
}
