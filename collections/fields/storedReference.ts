/**
 * Text and JSON fields that name another record by its id, where a relationship field cannot be
 * used (the collection varies per row, the record may since have been deleted, or the field is a
 * record of the past). Payload knows a relationship's target; these say theirs in the field's
 * `custom`, so anything that must follow ids (a restore into a database with the other kind of
 * ids, src/backup) finds every one of them from the config, not from a list kept elsewhere.
 */
import type { Field } from 'payload'

export type StoredReference =
  /** The id of a document of the collection the sibling field `collectionIn` names. */
  | { kind: 'document'; collectionIn: string }
  /** The id of a version of a document of the collection the sibling field `collectionIn` names. */
  | { kind: 'version'; collectionIn: string }
  /** "collection:id" (one value, or each value of a hasMany text field). */
  | { kind: 'key' }
  /** A JSON object `{ collection, id }`, or null. */
  | { kind: 'record' }

const KEY = 'storedReference'

export const storedReference = (reference: StoredReference): { custom: Record<string, unknown> } => ({ custom: { [KEY]: reference } })

export const storedReferenceOf = (field: Pick<Field, 'custom'> | { custom?: Record<string, unknown> }): StoredReference | undefined =>
  (field.custom as Record<string, StoredReference> | undefined)?.[KEY]
