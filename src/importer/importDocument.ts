/**
 * Imports one patient-education document into linked records, in one transaction: either the
 * whole condition (with its subtypes, symptoms, tests, treatments and specialties) is written,
 * or nothing is. Records are matched by slug, so importing twice changes nothing, and a changed
 * document updates its records as new drafts (published content stays as it was). Nothing is
 * ever published here: that takes medical review (`collections/medicalReview`, `seed/review.ts`).
 *
 * Runs on the Local API as a system task (no request, no user): callers decide who may import.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'

import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type CollectionSlug,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { slugify } from '../../collections/fields/slugify'
import { decodeDocument, readBlocks } from './readDocument'
import { lexicalFromBlocks } from './richText'
import { structureCondition, type StructuredCondition } from './structure'

/** `kept`: the document's text differs from a record other conditions share; the record was left as it is. */
export type Outcome = 'created' | 'updated' | 'unchanged' | 'kept'
type ImportedCollection = 'conditions' | 'symptoms' | 'treatments' | 'diagnostic-tests' | 'specialties'

export interface ImportReport {
  source: string
  checksum: string
  condition: { id: number | string; name: string; slug: string }
  counts: Record<ImportedCollection, Record<Outcome, number>>
  /**
   * Records that changed, with the fields that differ. A `kept` record carries the document's
   * text for the fields that differ (`proposed`), for an editor to act on.
   */
  changes: { collection: ImportedCollection; slug: string; outcome: Outcome; fields: string[]; proposed?: Record<string, unknown>; sharedWith?: string[] }[]
  /** Every clinical record the document maps to, changed or not: what a review covers. */
  records: { collection: Exclude<ImportedCollection, 'specialties'>; id: number | string; slug: string }[]
  structure: StructuredCondition
}

export interface ImportOptions {
  /** The person importing: the records' changes are theirs (four-eyes, audit). Omit for a system import. */
  user?: Record<string, unknown> & { id: number | string }
  /** File name (for the type and the provenance record) and its bytes. */
  fileName: string
  bytes: Uint8Array
  onProgress?: (done: number, total: number, label: string) => void
  /** Called before each write; lets tests inject a failure half-way. */
  beforeWrite?: (collection: ImportedCollection, slug: string) => void | Promise<void>
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex')

/** JSON with sorted keys, so the same content always hashes the same. */
const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  )

/** Drops the row ids Payload adds to array items, so stored and imported values compare. */
const withoutRowIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutRowIds)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id').map(([key, v]) => [key, withoutRowIds(v)]))
  }
  return value
}

const paragraphsOf = (text?: string) => (text ? lexicalFromBlocks([{ type: 'paragraph', text }]) : undefined)

const emptyCounts = () => ({ created: 0, updated: 0, unchanged: 0, kept: 0 })

/** Where a condition links each shared kind of record: who else uses a record is read there. */
const LINKED_FROM_CONDITIONS: Partial<Record<ImportedCollection, string>> = {
  symptoms: 'symptoms.symptom',
  'diagnostic-tests': 'diagnosticTests',
  treatments: 'treatments',
}

/** Plain text of a value for an editor's note: Lexical JSON as its words, the rest as it is. */
const readable = (value: unknown): unknown => {
  const root = (value as { root?: unknown } | null)?.root
  if (!root) return value
  const words: string[] = []
  const visit = (node: any) => {
    if (typeof node?.text === 'string') words.push(node.text)
    for (const child of node?.children ?? []) visit(child)
    if (node?.type === 'paragraph' || node?.type === 'listitem') words.push('\n')
  }
  visit(root)
  return words.join('').replace(/\n+/g, '\n').trim()
}

export async function importDocument(payload: Payload, options: ImportOptions): Promise<ImportReport> {
  const source = path.basename(options.fileName)
  const { text, format } = decodeDocument(options.bytes, options.fileName)
  const structure = structureCondition(readBlocks(text, format))
  const checksum = sha256(options.bytes)
  const importedAt = new Date().toISOString()

  const report: ImportReport = {
    source,
    checksum,
    condition: { id: '', name: structure.name, slug: structure.slug },
    counts: {
      conditions: emptyCounts(),
      symptoms: emptyCounts(),
      treatments: emptyCounts(),
      'diagnostic-tests': emptyCounts(),
      specialties: emptyCounts(),
    },
    changes: [],
    records: [],
    structure,
  }
  const total =
    structure.specialties.length + structure.symptoms.length + structure.diagnosticTests.length + structure.treatments.length + 1 + structure.types.length
  let done = 0

  const req: PayloadRequest = await createLocalReq(options.user ? { user: { ...options.user, collection: 'users' } as never } : {}, payload)
  const ownTransaction = await initTransaction(req)

  /**
   * What each collection holds for this document's slugs, read once per collection before any
   * write (five queries, not one or two per record). Only the slug and provenance are read: the
   * content hash decides whether a record changed, and the rare changed record is read in full.
   * Writes below keep these maps current, so a slug that occurs twice in a document behaves as it
   * would if each occurrence were looked up on its own.
   */
  type Known = { id: number | string; slug: string; provenance?: { contentHash?: string | null } | null }
  const known = {} as Record<ImportedCollection, Map<string, Known>>
  const slugsOf = (names: string[]) => [...new Set(names.map(slugify))]
  const wanted: Record<ImportedCollection, string[]> = {
    specialties: slugsOf(structure.specialties),
    symptoms: slugsOf(structure.symptoms.map((s) => s.name)),
    'diagnostic-tests': slugsOf(structure.diagnosticTests.map((t) => t.name)),
    treatments: slugsOf(structure.treatments.map((t) => t.name)),
    conditions: [...new Set([structure.slug, ...slugsOf(structure.types.map((t) => t.name)), ...slugsOf(structure.causes.map((c) => c.name))])],
  }
  const drafted = (collection: ImportedCollection) => collection !== 'specialties'

  /** Creates or updates the record with this slug; returns its id. */
  const upsert = async (collection: ImportedCollection, slug: string, data: Record<string, unknown>, section: string) => {
    await options.beforeWrite?.(collection, slug)
    const contentHash = sha256(stable(data))
    const drafts = drafted(collection)
    const existing = known[collection].get(slug)
    const provenance = { sourceName: source, checksum, section, importedAt, contentHash }
    const record = { ...data, slug, provenance }
    let outcome: Outcome
    let id: number | string
    let fields: string[] = []
    const differing = (doc: Record<string, any>) =>
      Object.keys(data).filter((key) => stable(withoutRowIds(doc[key] ?? null)) !== stable(withoutRowIds(data[key] ?? null)))
    if (!existing) {
      const created = await payload.create({ collection: collection as CollectionSlug, data: record as never, draft: drafts, req, depth: 0 })
      outcome = 'created'
      id = created.id
    } else if (existing.provenance?.contentHash === contentHash || !drafts) {
      // Same source content: nothing to write, and an editor's later draft is never overwritten.
      // A specialty that exists is linked as it is: it has no drafts, so rewriting it (a name's
      // capitalisation) would change reviewed pages at once; that is for a reviewer.
      outcome = 'unchanged'
      id = existing.id
    } else {
      const current = await payload.findByID({ collection: collection as CollectionSlug, id: existing.id, depth: 0, draft: drafts, req })
      fields = differing(current as Record<string, any>)
      const sharedWith = await otherConditionsUsing(collection, existing.id, current as Record<string, any>)
      if (sharedWith.length) {
        // Another condition's page shows this record: its reviewed text is not this document's
        // to rewrite. Link it as it is and leave the document's wording for an editor.
        outcome = 'kept'
        id = existing.id
        report.counts[collection][outcome]++
        report.records.push({ collection: collection as Exclude<ImportedCollection, 'specialties'>, id, slug })
        report.changes.push({ collection, slug, outcome, fields, sharedWith, proposed: Object.fromEntries(fields.map((f) => [f, readable(data[f])])) })
        options.onProgress?.(++done, total, `${collection}/${slug}`)
        return id
      }
      await payload.update({ collection: collection as CollectionSlug, id: existing.id, data: record as never, draft: drafts, req, depth: 0 })
      outcome = 'updated'
      id = existing.id
    }
    known[collection].set(slug, { id, slug, provenance: { contentHash } })
    report.counts[collection][outcome]++
    if (collection !== 'specialties') report.records.push({ collection, id, slug })
    if (outcome !== 'unchanged') report.changes.push({ collection, slug, outcome, fields })
    options.onProgress?.(++done, total, `${collection}/${slug}`)
    return id
  }

  /**
   * The other conditions (by name) whose page shows this record: conditions linking a shared
   * record, or, for a type, a parent other than this document's condition.
   */
  const otherConditionsUsing = async (collection: ImportedCollection, id: number | string, current: Record<string, any>): Promise<string[]> => {
    if (collection === 'conditions') {
      const parent = current.parent && typeof current.parent === 'object' ? current.parent.id : current.parent
      const own = known.conditions.get(structure.slug)?.id
      if (current.slug === structure.slug || parent == null || (own != null && String(parent) === String(own))) return []
      const other = await payload.findByID({ collection: 'conditions', id: parent, depth: 0, draft: true, req, disableErrors: true })
      return [other?.name ?? `#${parent}`]
    }
    const path = LINKED_FROM_CONDITIONS[collection]
    if (!path) return []
    const { docs } = await payload.find({
      collection: 'conditions',
      where: { and: [{ [path]: { equals: id } }, { slug: { not_equals: structure.slug } }] },
      select: { name: true },
      draft: true,
      depth: 0,
      limit: 5,
      req,
    })
    return docs.map((doc) => String(doc.name))
  }

  try {
    for (const collection of Object.keys(wanted) as ImportedCollection[]) {
      known[collection] = new Map()
      if (!wanted[collection].length) continue
      const { docs } = await payload.find({
        collection: collection as CollectionSlug,
        where: { slug: { in: wanted[collection] } },
        select: { slug: true, provenance: true },
        pagination: false,
        depth: 0,
        draft: drafted(collection),
        req,
      })
      for (const doc of docs as unknown as Known[]) known[collection].set(doc.slug, doc)
    }
    const specialtyIds = []
    for (const name of structure.specialties) {
      specialtyIds.push(await upsert('specialties', slugify(name), { name }, 'call to action'))
    }
    /** Shared records (symptoms, tests, treatments): name, the explanation as summary and body. */
    const upsertShared = async <T extends { name: string; description?: string; section: string }>(
      collection: ImportedCollection,
      items: T[],
      own: (item: T) => Record<string, unknown>,
    ) => {
      const ids: (number | string)[] = []
      for (const item of items) {
        const data = { name: item.name, ...own(item), summary: item.description ?? null, description: paragraphsOf(item.description) ?? null }
        ids.push(await upsert(collection, slugify(item.name), data, item.section))
      }
      return ids
    }
    const symptomIds = await upsertShared('symptoms', structure.symptoms, (s) => ({ category: s.category }))
    const testIds = await upsertShared('diagnostic-tests', structure.diagnosticTests, (t) => ({ kind: t.kind, detects: t.detects ?? null }))
    const treatmentIds = await upsertShared('treatments', structure.treatments, (t) => ({ kind: t.kind, invasiveness: t.invasiveness }))

    // Causes that are conditions in their own right (diabetes, cancer) link to them.
    const causes = []
    for (const cause of structure.causes) {
      causes.push({ name: cause.name, description: cause.description ?? null, condition: known.conditions.get(slugify(cause.name))?.id ?? null })
    }
    const conditionId = await upsert(
      'conditions',
      structure.slug,
      {
        name: structure.name,
        summary: structure.summary || null,
        description: lexicalFromBlocks(structure.description) ?? null,
        prognosis: lexicalFromBlocks(structure.prognosis) ?? null,
        causes,
        riskFactors: structure.riskFactors.map(({ name, description, modifiable }) => ({ name, description: description ?? null, modifiable })),
        symptoms: structure.symptoms.map((s, i) => ({ symptom: symptomIds[i], group: s.group })),
        diagnosticTests: testIds,
        treatments: treatmentIds,
        specialties: specialtyIds,
      },
      structure.sections.find((s) => s.kind === 'overview')?.heading ?? 'overview',
    )
    report.condition.id = conditionId

    for (const type of structure.types) {
      await upsert(
        'conditions',
        slugify(type.name),
        { name: type.name, summary: type.explanation ?? null, description: paragraphsOf(type.explanation) ?? null, parent: conditionId },
        type.section,
      )
    }
    if (ownTransaction) await commitTransaction(req)
  } catch (error) {
    if (ownTransaction) await killTransaction(req)
    throw error
  }
  return report
}
