import type { FieldAccess, SanitizedConfig } from 'payload'

const TIMESTAMPS = new Set(['createdAt', 'updatedAt'])

const serverOnly: FieldAccess = () => false

/**
 * `createdAt` and `updatedAt` are the server's record of when something happened. Payload adds
 * them as ordinary date fields that any caller allowed to write a document may set, so a client
 * could back-date an account (the API-key lookup takes the newest match first), a review record
 * or a document. Closed to REST, GraphQL and the Local API acting for a user: a value sent is
 * dropped and the server's own time is stored. Server code running with `overrideAccess` (backup
 * restore, migrations) still sets them.
 */
export function timestampsAreServerOnly(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    for (const field of collection.fields) {
      if (!('name' in field) || !TIMESTAMPS.has(field.name)) continue
      const dateField = field as { access?: Record<string, FieldAccess> }
      dateField.access = { ...dateField.access, create: serverOnly, update: serverOnly }
    }
  }
  return config
}
