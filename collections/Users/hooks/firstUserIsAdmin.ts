import type { CollectionBeforeChangeHook } from 'payload'

/**
 * The account created on a fresh install (the admin's "create first user" screen) becomes an
 * admin; otherwise nobody could manage accounts.
 */
export const firstUserIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req, overrideAccess: true })
  if (totalDocs === 0) return { ...data, role: 'admin' }
  return data
}
