import type { CollectionConfig } from 'payload'

import { isAdmin } from '../access/isAdmin'
import { ROLES, hasRole } from '../access/roles'
import { adminOrSelf } from '../access/self'
import { staffDirectory } from '../access/staffDirectory'
import { isProduction } from '../../src/settings'
import { apiKeyEndpoints, apiKeyFields, logAPIKeyChange } from './apiKeys'
import { firstUserIsAdmin } from './hooks/firstUserIsAdmin'
import { enforcePasswordPolicy, enforcePasswordPolicyOnReset } from './passwordPolicy'
import { answerSignInsAlike, LOCKOUT, sendResetEmail, sendResetEmailLater } from './signIn'

/** Staff accounts, and API keys for front-end applications (role `reader`). */
export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: 'User', plural: 'Users' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'email', 'role'], group: 'Administration' },
  auth: {
    useAPIKey: true,
    // Payload's own 15 s spacing of reset e-mails writes outside the request's transaction,
    // which SQLite (one writer at a time) answers with "database is locked"; the per-account
    // rate limit (src/http/rateLimit.ts) spaces them instead.
    forgotPassword: { minRequestInterval: 0 },
    // Sign-in answers alike for unknown, wrong and locked (./signIn.ts).
    ...LOCKOUT,
    tokenExpiration: 8 * 60 * 60,
    // The session cookie is HttpOnly (always, in Payload), sent only over HTTPS in production,
    // and not sent on cross-site requests other than top-level navigation.
    cookies: { secure: isProduction(), sameSite: 'Lax' },
  },
  access: {
    // Anyone may reach the admin login; what they can do there is decided per collection.
    admin: ({ req }) => hasRole(req.user, 'admin', 'reviewer', 'editor'),
    read: staffDirectory,
    create: isAdmin,
    update: adminOrSelf,
    delete: isAdmin,
    unlock: isAdmin,
  },
  hooks: {
    beforeOperation: [answerSignInsAlike, sendResetEmailLater, enforcePasswordPolicyOnReset],
    beforeValidate: [enforcePasswordPolicy],
    beforeChange: [firstUserIsAdmin],
    afterChange: [logAPIKeyChange],
    afterOperation: [sendResetEmail],
  },
  // API keys are issued here, never taken from a request body (./apiKeys.ts).
  endpoints: apiKeyEndpoints,
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'credentials',
      type: 'text',
      maxLength: 120,
      admin: { description: 'Shown with your name on reviewed content, e.g. "MD, Orthopedic Surgery".' },
    },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'editor',
      saveToJWT: true,
      index: true,
      options: ROLES.map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
      access: {
        // Only admins assign roles, and never to themselves: no one raises their own role.
        create: ({ req }) => hasRole(req.user, 'admin'),
        update: ({ req, id }) => hasRole(req.user, 'admin') && String(id) !== String(req.user?.id),
      },
    },
    {
      // Generate / revoke buttons calling the endpoints, in place of Payload's key block.
      name: 'apiKeyControls',
      type: 'ui',
      admin: { components: { Field: '/admin/APIKeyField#APIKeyField' } },
    },
    ...apiKeyFields,
  ],
}
