/**
 * Ids across databases. SQLite and PostgreSQL number their documents; MongoDB gives them
 * ObjectIds. A backup restored into a database with the other kind of ids gives every document a
 * new id, chosen up front so the order of ids within a collection is kept (lists sorted by id
 * read the same), and every reference is rewritten to match:
 * - relationship and upload fields, single, hasMany and polymorphic, in every locale, in
 *   arrays, groups, tabs and blocks, in documents and in their versions;
 * - links and uploads inside rich text (any Lexical node `{ relationTo, value }`);
 * - text and JSON fields that name a record by id (collections/fields/storedReference.ts).
 * A reference to a document that is not in the backup (deleted since) cannot be followed: a
 * relationship to it is left empty, as a SQL database's foreign key leaves it; a stored reference
 * (history naming a deleted record) keeps the old id, which then names nothing, as before.
 */
import type { CollectionSlug, FlattenedField, Payload } from 'payload'

import { storedReferenceOf } from '../../collections/fields/storedReference'

export type IdKind = 'number' | 'text'
export type DocumentId = number | string

export const idKindOf = (payload: Payload): IdKind => (payload.db.name === 'mongoose' ? 'text' : 'number')

type Plain = Record<string, unknown>
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * New ids for the documents of each collection (old ids as text -> new id), in the order of the
 * old ones. Numbers become ObjectIds of the restore's time, then the collection's place in the
 * config, then the old number (so within a collection they sort as the numbers did); ObjectIds
 * become 1, 2, 3... in their own order.
 */
export function plannedIds(target: IdKind, collections: string[], oldIds: Map<string, DocumentId[]>, at = new Date()): Map<string, Map<string, DocumentId>> {
  const seconds = Math.floor(at.getTime() / 1000).toString(16).padStart(8, '0')
  const planned = new Map<string, Map<string, DocumentId>>()
  collections.forEach((collection, index) => {
    const ids = oldIds.get(collection) ?? []
    const map = new Map<string, DocumentId>()
    if (target === 'text') {
      for (const id of ids) {
        const n = Number(id)
        if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${collection} has an id that is not a whole number: ${String(id)}`)
        map.set(String(id), `${seconds}${index.toString(16).padStart(2, '0')}${n.toString(16).padStart(14, '0')}`)
      }
    } else {
      const sorted = ids.map(String).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      sorted.forEach((id, rank) => map.set(id, rank + 1))
    }
    planned.set(collection, map)
  })
  return planned
}

/** Rewrites the ids in documents and versions read raw from the backup. */
export class IdTranslator {
  /** Relationships to documents not in the backup, left empty: `collection:id` of each. */
  readonly dangling = new Set<string>()

  constructor(
    private readonly payload: Payload,
    /** Per collection: old id (as text) -> new id. */
    readonly planned: Map<string, Map<string, DocumentId>>,
    /** `collection:old version id` -> new version id, filled as versions are written. */
    private readonly versions: Map<string, string>,
    /**
     * Into MongoDB: a field without a value is left out rather than stored as null, as Payload
     * leaves it out there (the SQL databases cannot tell the two apart). Read back, Payload then
     * answers as it does for content written on MongoDB, and a unique index Payload builds as
     * sparse (which counts nulls) takes every account without an API key.
     */
    private readonly target: IdKind,
  ) {}

  /** The new id of a document, or undefined when the backup does not hold it. */
  documentId(collection: string, id: unknown): DocumentId | undefined {
    return id == null ? undefined : this.planned.get(collection)?.get(String(id))
  }

  /** A document's data, or a version's, as stored (`locale: 'all'`), with its own id and every reference rewritten. */
  document(collection: string, data: Plain): Plain {
    const out = this.fields(this.fieldsOf(collection), data, true)
    if ('id' in data) out.id = this.documentId(collection, data.id) ?? data.id
    return out
  }

  private fieldsOf(collection: string): FlattenedField[] {
    const config = this.payload.collections[collection as CollectionSlug]?.config
    if (!config) throw new Error(`No collection ${collection} in this Careline.`)
    return config.flattenedFields
  }

  private fields(fields: FlattenedField[], data: Plain, perLocale: boolean): Plain {
    const out: Plain = { ...data }
    for (const field of fields) {
      if (!('name' in field) || !(field.name in data)) continue
      const value = data[field.name]
      // Read with every locale, a localized field holds { en: ..., es: ... } (inside a localized
      // parent, the parent holds the locales and its fields do not).
      if (field.type === 'join' || (value === null && this.target === 'text')) delete out[field.name]
      else if (perLocale && field.localized && isPlain(value) && !('relationTo' in value)) {
        const locales = Object.entries(value).filter(([, v]) => !(v === null && this.target === 'text'))
        out[field.name] = Object.fromEntries(locales.map(([locale, v]) => [locale, this.field(field, v, data, false)]))
      } else out[field.name] = this.field(field, value, data, perLocale && !field.localized)
    }
    return out
  }

  private field(field: FlattenedField, value: unknown, siblings: Plain, perLocale: boolean): unknown {
    if (value == null) return value
    switch (field.type) {
      case 'relationship':
      case 'upload': {
        const polymorphic = Array.isArray(field.relationTo)
        const one = (item: unknown): unknown =>
          polymorphic
            ? isPlain(item)
              ? this.polymorphic(item)
              : null
            : this.reference(field.relationTo as string, item)
        if (Array.isArray(value)) return value.map(one).filter((item) => item != null)
        return one(value)
      }
      case 'array':
        return Array.isArray(value) ? value.map((row) => (isPlain(row) ? this.fields(field.flattenedFields, row, perLocale) : row)) : value
      case 'blocks':
        return Array.isArray(value)
          ? value.map((row) => {
              if (!isPlain(row)) return row
              const block = field.blocks.find((b) => b.slug === row.blockType)
              return block ? this.fields(block.flattenedFields, row, perLocale) : row
            })
          : value
      case 'group':
      case 'tab':
        return isPlain(value) && 'flattenedFields' in field ? this.fields(field.flattenedFields, value, perLocale) : value
      case 'richText':
        return this.richText(value)
      case 'text':
      case 'json':
        return this.stored(field, value, siblings)
      default:
        return value
    }
  }

  /** A relationship value: an id, or a populated document. Empty when the document is not in the backup. */
  private reference(collection: string, item: unknown): unknown {
    if (item == null) return item
    const old = isPlain(item) ? item.id : item
    const id = this.documentId(collection, old)
    if (id === undefined) {
      this.dangling.add(`${collection}:${String(old)}`)
      return null
    }
    return isPlain(item) ? { ...item, id } : id
  }

  private polymorphic(item: Plain): Plain | null {
    const value = this.reference(String(item.relationTo), item.value)
    return value == null ? null : { ...item, value }
  }

  /** Lexical JSON: every node that names a record (`{ relationTo, value }`: uploads, relationships, internal links). */
  private richText(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((child) => this.richText(child))
    if (!isPlain(node)) return node
    const out: Plain = {}
    for (const [key, child] of Object.entries(node)) out[key] = this.richText(child)
    if (typeof node.relationTo === 'string' && this.payload.collections[node.relationTo as CollectionSlug] && 'value' in node) {
      out.value = this.reference(node.relationTo, node.value)
    }
    return out
  }

  private stored(field: FlattenedField, value: unknown, siblings: Plain): unknown {
    const reference = storedReferenceOf(field)
    if (!reference) return value
    const keep = (collection: unknown, id: unknown) => this.documentId(String(collection), id) ?? id
    switch (reference.kind) {
      case 'document':
        return String(keep(siblings[reference.collectionIn], value))
      case 'version':
        return this.versions.get(`${String(siblings[reference.collectionIn])}:${String(value)}`) ?? value
      case 'key': {
        const rewrite = (key: unknown) => {
          if (typeof key !== 'string' || !key.includes(':')) return key
          const [collection, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
          return `${collection}:${String(keep(collection, id))}`
        }
        return Array.isArray(value) ? value.map(rewrite) : rewrite(value)
      }
      case 'record':
        return isPlain(value) && typeof value.collection === 'string' && value.id != null ? { ...value, id: String(keep(value.collection, value.id)) } : value
    }
  }
}
