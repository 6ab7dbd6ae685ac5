/**
 * Which content fields a write changes. A save of unchanged content (the admin sends the whole
 * form) keeps an approval; any real change voids it. Values are compared as the API returns them
 * at depth 0: relationship ids, ISO dates, array rows without their ids.
 */
import type { FlattenedField } from 'payload'

import { idOf } from '../fields/relationships'
import { WORKFLOW_FIELD_NAMES } from './fields'

const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt', '_status', 'deletedAt', ...WORKFLOW_FIELD_NAMES])

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export function sameContent(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true
  if (isEmpty(a) !== isEmpty(b)) return false
  // A relationship may arrive populated (the document) where the stored copy has its id: compare
  // the ids. Two objects are compared by content: array rows and blocks also carry an `id`, and
  // a row whose values changed under the same row id is a change.
  if (isRecord(a) && !isRecord(b)) a = idOf(a)
  if (isRecord(b) && !isRecord(a)) b = idOf(b)
  if (a instanceof Date) a = a.toISOString()
  if (b instanceof Date) b = b.toISOString()
  if (!isRecord(a) && !Array.isArray(a) && !isRecord(b) && !Array.isArray(b)) return String(a) === String(b)
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, i) => sameContent(item, b[i]))
  }
  if (!isRecord(a) || !isRecord(b)) return false
  // Row ids are bookkeeping; Lexical's empty formatting keys are treated like missing ones.
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => key !== 'id'))
  for (const key of keys) if (!sameContent(a[key], b[key])) return false
  return true
}

/** Names of the top-level content fields whose value in `data` differs from `original`. */
export function changedContentFields(
  fields: readonly FlattenedField[],
  data: Record<string, unknown>,
  original: Record<string, unknown> | undefined,
): string[] {
  const contentFields = new Set(fields.flatMap((field) => (field.type !== 'join' && !('virtual' in field && field.virtual) ? [field.name] : [])))
  return Object.keys(data).filter((key) => contentFields.has(key) && !SYSTEM_FIELDS.has(key) && !sameContent(data[key], original?.[key]))
}
