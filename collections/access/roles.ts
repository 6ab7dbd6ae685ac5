import type { PayloadRequest } from 'payload'

/**
 * Who does what:
 * - `admin`: manages accounts and everything else.
 * - `reviewer`: a clinician who reviews, approves and publishes medical content.
 * - `editor`: writes and updates content; cannot approve or publish.
 * - `reader`: a front-end application authenticating with an API key; sees what the public sees.
 */
export const ROLES = ['admin', 'reviewer', 'editor', 'reader'] as const
export type Role = (typeof ROLES)[number]

/** Roles that work on content and may see drafts. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'reviewer', 'editor']

type MaybeUser = PayloadRequest['user'] | null | undefined

export const roleOf = (user: MaybeUser): Role | undefined => {
  const role = (user as { role?: unknown } | null | undefined)?.role
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined
}

export const hasRole = (user: MaybeUser, ...roles: readonly Role[]): boolean => {
  const role = roleOf(user)
  return role !== undefined && roles.includes(role)
}
