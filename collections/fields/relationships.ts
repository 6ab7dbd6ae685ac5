/**
 * Reading relationship values. Payload hands a relationship over as an id, or as the populated
 * document when read at depth 1 or more; code that needs the id reads it here, in collections/
 * and src/ alike.
 */

/** A document id: a whole number on the SQL databases, text on others. */
export type DocumentId = number | string

/** The id a relationship value names (an id, or a populated document's `id`); null when empty. */
export function idOf(value: unknown): DocumentId | null {
  if (value == null) return null
  if (typeof value === 'object') return ((value as { id?: DocumentId }).id ?? null)
  return value as DocumentId
}
