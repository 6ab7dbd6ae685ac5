/**
 * Which clinical records a document links to, read from the collection's own field config: a
 * relationship (in an array, a group or a block too) to a collection under medical review is a
 * link; so are the records of a join field marked `custom: { reviewedWithParent: true }` (a
 * condition's subtypes), which are parts of the page though they point the other way.
 * Pure: walks fields and data, no I/O.
 */
import type { FlattenedField } from 'payload'

import type { Id } from './rules'

export interface LinkedRecord {
  collection: string
  id: Id
  /** The field it is linked through, as a dotted path without row numbers (`symptoms.symptom`). */
  path?: string
}

const isIdValue = (value: unknown): value is Id => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '')

function idsOf(field: FlattenedField & { relationTo: string | string[] }, value: unknown, reviewed: ReadonlySet<string>, out: LinkedRecord[], path: string) {
  const values = Array.isArray(value) ? value : [value]
  for (const item of values) {
    if (item == null) continue
    if (Array.isArray(field.relationTo)) {
      // Polymorphic: { relationTo, value }.
      const { relationTo, value: target } = item as { relationTo?: string; value?: unknown }
      const id = target && typeof target === 'object' ? (target as { id?: unknown }).id : target
      if (relationTo && reviewed.has(relationTo) && isIdValue(id)) out.push({ collection: relationTo, id, path })
      continue
    }
    const id = typeof item === 'object' ? (item as { id?: unknown }).id : item
    if (reviewed.has(field.relationTo) && isIdValue(id)) out.push({ collection: field.relationTo, id, path })
  }
}

function walk(fields: FlattenedField[], data: Record<string, unknown> | null | undefined, reviewed: ReadonlySet<string>, out: LinkedRecord[], prefix = '') {
  if (!data || typeof data !== 'object') return
  for (const field of fields) {
    const value = data[field.name]
    if (value == null) continue
    const path = `${prefix}${field.name}`
    switch (field.type) {
      case 'relationship':
      case 'upload':
        idsOf(field as FlattenedField & { relationTo: string | string[] }, value, reviewed, out, path)
        break
      case 'array':
        if (Array.isArray(value)) for (const row of value) walk(field.flattenedFields, row as Record<string, unknown>, reviewed, out, `${path}.`)
        break
      case 'group':
      case 'tab':
        walk(field.flattenedFields, value as Record<string, unknown>, reviewed, out, `${path}.`)
        break
      case 'blocks':
        if (Array.isArray(value)) {
          for (const row of value as { blockType?: string }[]) {
            const block = field.blocks.find((b) => typeof b !== 'string' && b.slug === row?.blockType)
            if (block && typeof block !== 'string') walk(block.flattenedFields, row as Record<string, unknown>, reviewed, out, `${path}.`)
          }
        }
        break
    }
  }
}

/** The reviewed records a document's data links to, each once, in field order. */
export function linkedRecords(fields: FlattenedField[], data: Record<string, unknown> | null | undefined, reviewed: ReadonlySet<string>): LinkedRecord[] {
  const found: LinkedRecord[] = []
  walk(fields, data, reviewed, found)
  const seen = new Set<string>()
  return found.filter((link) => {
    const key = `${link.collection}:${link.id}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Join fields whose records are reviewed and published with the document (a condition's subtypes). */
export function partJoins(fields: FlattenedField[], reviewed: ReadonlySet<string>): { collection: string; on: string }[] {
  return fields.flatMap((field) =>
    field.type === 'join' && (field.custom as { reviewedWithParent?: boolean } | undefined)?.reviewedWithParent && typeof field.collection === 'string' && reviewed.has(field.collection)
      ? [{ collection: field.collection, on: field.on }]
      : [],
  )
}
