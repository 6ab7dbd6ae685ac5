/**
 * Backup and restore of all content: documents with every locale, their version history, the
 * review audit trail, accounts (with their password hashes and encrypted API keys, as stored),
 * webhooks and their delivery log, media metadata. The archive is JSON Lines, gzip-compressed:
 * a header, then one record per document or version, read and written through Payload's
 * database adapter (raw, as stored: no hooks, no access rules), so what comes back is exactly
 * what went out, ids included (into a database with the other kind of ids, every id is rewritten
 * consistently: ./ids.ts).
 *
 * Left out on purpose: what each database keeps for itself or is transient (migrations,
 * document locks, admin preferences, queued jobs). Media files live in ./media or S3; copy them
 * with the archive.
 */
import { createGunzip, createGzip } from 'node:zlib'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'

import { sql, type SQL } from 'drizzle-orm'
import { type CollectionSlug, createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { storedReferenceOf } from '../../collections/fields/storedReference'
import { executeInTransaction } from '../database'
import { rerenderEveryPage } from '../publication/snapshots'
import { searchVocabularyBackfill } from '../search/fullText'
import { type DocumentId, type IdKind, idKindOf, IdTranslator, plannedIds } from './ids'

export const BACKUP_FORMAT = 'careline-backup'
export const BACKUP_VERSION = 1

/** Kept by each database for itself, or transient. */
const NOT_BACKED_UP = new Set(['payload-migrations', 'payload-locked-documents', 'payload-preferences', 'payload-jobs', 'payload-kv'])

export class BackupError extends Error {
  override name = 'BackupError'
}

interface Header {
  format: typeof BACKUP_FORMAT
  version: number
  createdAt: string
  database: string
  idType: IdKind
  collections: Record<string, { documents: number; versions: number }>
}

type DocumentRecord = { kind: 'document'; collection: string; data: Record<string, unknown> }
type VersionRecord = { kind: 'version'; collection: string; data: Record<string, any> }

export const backedUpCollections = (payload: Payload) =>
  payload.config.collections.map((c) => c.slug).filter((slug) => !NOT_BACKED_UP.has(slug)) as CollectionSlug[]

const hasVersions = (payload: Payload, slug: string) => Boolean(payload.collections[slug as CollectionSlug]?.config.versions)

/** Writes every backed-up document and version to `out` (gzip JSON Lines); returns the counts. */
export async function exportContent(payload: Payload, out: Writable): Promise<Header['collections']> {
  const gzip = createGzip()
  gzip.pipe(out)
  const write = (record: unknown) =>
    new Promise<void>((resolve, reject) => {
      gzip.write(`${JSON.stringify(record)}\n`, (error) => (error ? reject(error) : resolve()))
    })
  const collections = backedUpCollections(payload)
  const counts: Header['collections'] = {}
  const records: (DocumentRecord | VersionRecord)[] = []
  for (const collection of collections) {
    const { docs } = await payload.db.find({ collection, locale: 'all', pagination: false, sort: 'id' })
    for (const data of docs) records.push({ kind: 'document', collection, data })
    let versions = 0
    if (hasVersions(payload, collection)) {
      const found = await payload.db.findVersions({ collection, locale: 'all', pagination: false, sort: 'createdAt' })
      for (const data of found.docs) records.push({ kind: 'version', collection, data: data as Record<string, any> })
      versions = found.docs.length
    }
    counts[collection] = { documents: docs.length, versions }
  }
  const header: Header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), database: payload.db.name, idType: idKindOf(payload), collections: counts }
  await write(header)
  for (const record of records) await write(record)
  await new Promise<void>((resolve, reject) => {
    out.once('finish', resolve)
    out.once('error', reject)
    gzip.end()
  })
  return counts
}

/** The archive's records; a file cut short or damaged is a BackupError that says where. */
async function* lines(input: Readable) {
  const gunzip = createGunzip()
  let failure: Error | undefined
  const fail = (error: Error) => {
    failure ??= error
  }
  // A read error (no such file) ends the reading with it.
  input.once('error', (error) => {
    fail(error)
    gunzip.destroy(error)
  })
  const reader = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity })
  // Listeners of our own: gzip finds a file cut short while it reads ahead, possibly after the
  // reading stopped (the header pass stops at line one); unheard, that 'error' ends the process.
  gunzip.on('error', fail)
  reader.on('error', fail)
  let number = 0
  try {
    for await (const line of reader) {
      number++
      if (!line.trim()) continue
      let record: Header | DocumentRecord | VersionRecord
      try {
        record = JSON.parse(line) as Header | DocumentRecord | VersionRecord
      } catch {
        throw new BackupError(`The archive is damaged: line ${number} is not JSON.`)
      }
      yield record
    }
    if (failure) throw failure
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError(`The archive cannot be read after line ${number}: ${(error as Error).message}.`)
  } finally {
    reader.close()
    gunzip.destroy()
    input.destroy()
  }
}

async function readHeader(input: Readable): Promise<Header> {
  let header: Header | undefined
  try {
    for await (const first of lines(input)) {
      header = first as Header
      break
    }
  } catch (error) {
    throw new BackupError(`This file is not a Careline backup (${(error as Error).message}).`)
  }
  if (!header || header.format !== BACKUP_FORMAT) throw new BackupError('This file is not a Careline backup (no header).')
  if (header.version !== BACKUP_VERSION) throw new BackupError(`This backup is format version ${header.version}; this Careline reads version ${BACKUP_VERSION}.`)
  return header
}

/** The records after the header. */
async function* records(input: Readable) {
  let first = true
  for await (const line of lines(input)) {
    if (first) first = false
    else yield line as DocumentRecord | VersionRecord
  }
}

/** Runs one SQL statement inside the restore's transaction (the SQL adapters' session for it). */
async function inRestoreTransaction<Row = unknown>(payload: Payload, req: Partial<PayloadRequest>, statement: SQL): Promise<{ rows: Row[] }> {
  return executeInTransaction<Row>(payload, await req.transactionID, statement)
}

/**
 * Foreign keys hold between records written in any order: checked at commit on SQLite,
 * not at all during the restore on PostgreSQL (which needs a superuser for this, as
 * pg_restore --disable-triggers does). MongoDB has none.
 */
async function relaxForeignKeys(payload: Payload, req: Partial<PayloadRequest>) {
  if (payload.db.name === 'mongoose') return
  await inRestoreTransaction(payload, req, payload.db.name === 'sqlite' ? sql`PRAGMA defer_foreign_keys = ON` : sql`SET LOCAL session_replication_role = replica`)
}

/** The search vocabulary, which a trigger keeps for each write: on PostgreSQL, off during the restore. */
async function collectSearchVocabulary(payload: Payload, req: Partial<PayloadRequest>) {
  const statement = searchVocabularyBackfill(payload)
  if (statement) await inRestoreTransaction(payload, req, statement)
}

/** PostgreSQL serial ids do not move when ids are given: set each sequence past the highest id. */
async function advanceSequences(payload: Payload, req: Partial<PayloadRequest>) {
  if (payload.db.name !== 'postgres') return
  const { rows } = await inRestoreTransaction<{ table_name: string; schema: string }>(
    payload,
    req,
    sql`select table_schema as schema, table_name from information_schema.columns where column_name = 'id' and column_default like 'nextval(%' and table_schema = current_schema()`,
  )
  for (const { schema, table_name: table } of rows) {
    const qualified = `"${schema}"."${table}"`
    await inRestoreTransaction(
      payload,
      req,
      sql.raw(`select setval(pg_get_serial_sequence('${qualified}', 'id'), greatest(coalesce((select max(id) from ${qualified}), 0), 1), (select count(*) from ${qualified}) > 0)`),
    )
  }
}

/** Collections with a field naming a version by id: written after every version, whose ids are new. */
const namesVersions = (payload: Payload, collection: string) =>
  payload.collections[collection as CollectionSlug].config.flattenedFields.some(function names(field): boolean {
    if (storedReferenceOf(field)?.kind === 'version') return true
    return 'flattenedFields' in field && (field.flattenedFields as typeof field[]).some(names)
  })

export interface Restored {
  collections: Header['collections']
  /**
   * When the ids were rewritten (a backup from a database with the other kind of ids): old -> new,
   * per collection, of documents and of versions.
   */
  ids?: { documents: Record<string, Record<string, DocumentId>>; versions: Record<string, Record<string, DocumentId>> }
  /** Relationships to documents the backup does not hold (deleted since), left empty. */
  dangling?: string[]
}

/**
 * Restores an archive into an empty database of any adapter. All of it or nothing: one
 * transaction. `open` is called once per pass over the archive (three at most). From a database
 * with the other kind of ids (SQLite or PostgreSQL to MongoDB, or back), every document gets a new
 * id and every reference follows it (./ids.ts); the public pages are then re-rendered with the new
 * ids, and their history records that re-render, with the page bodies the public saw before kept
 * as they were.
 */
export async function restoreContent(payload: Payload, open: () => Readable, options: { beforeCommit?: (restored: Restored) => void | Promise<void> } = {}): Promise<Restored> {
  const header = await readHeader(open())
  const collections = backedUpCollections(payload)
  const unknown = Object.keys(header.collections).filter((slug) => !collections.includes(slug as CollectionSlug))
  if (unknown.length) throw new BackupError(`This backup holds collections this Careline does not have: ${unknown.join(', ')}.`)
  for (const collection of collections) {
    const { totalDocs } = await payload.db.count({ collection, where: {} })
    if (totalDocs) throw new BackupError(`The database is not empty (${collection} has ${totalDocs} documents). Restore into an empty database.`)
  }
  const at = new Date()
  const target = idKindOf(payload)
  const rewriting = header.idType !== target
  // Versions get new ids on every database: what names them is rewritten to match.
  const versionIds = new Map<string, string>()
  let translator: IdTranslator | null = null
  if (rewriting) {
    const oldIds = new Map<string, DocumentId[]>()
    for await (const record of records(open())) {
      if (record.kind !== 'document') continue
      const ids = oldIds.get(record.collection) ?? []
      ids.push(record.data.id as DocumentId)
      oldIds.set(record.collection, ids)
    }
    try {
      translator = new IdTranslator(payload, plannedIds(target, collections, oldIds, at), versionIds, target)
    } catch (error) {
      throw new BackupError(`This backup's ids cannot be rewritten for ${payload.db.name}: ${(error as Error).message}.`)
    }
  }
  const deferred = new Set<string>(collections.filter((collection) => namesVersions(payload, collection)))

  const transactionID = await payload.db.beginTransaction()
  const req = { transactionID: transactionID ?? undefined } as Partial<PayloadRequest>
  const restored: Header['collections'] = {}
  const count = (collection: string) => (restored[collection] ??= { documents: 0, versions: 0 })
  // Same kind of ids: only the version ids change (the translator rewrites them with the rest).
  const versionFields = new Map(
    collections.map((collection) => [
      collection,
      payload.collections[collection].config.flattenedFields.flatMap((field) => {
        const reference = storedReferenceOf(field)
        return reference?.kind === 'version' ? [{ name: field.name, collectionIn: reference.collectionIn }] : []
      }),
    ]),
  )
  const writeDocument = async (collection: string, data: Record<string, unknown>) => {
    let written = translator ? translator.document(collection, data) : data
    if (!translator) {
      for (const { name, collectionIn } of versionFields.get(collection as CollectionSlug) ?? []) {
        if (written[name] != null) written = { ...written, [name]: versionIds.get(`${String(written[collectionIn])}:${String(written[name])}`) ?? written[name] }
      }
    }
    await payload.db.create({ collection: collection as CollectionSlug, data: written, customID: written.id as DocumentId, req, returning: false })
    count(collection).documents++
  }
  try {
    if (transactionID) await relaxForeignKeys(payload, req)
    for await (const record of records(open())) {
      const { collection } = record
      if (!collections.includes(collection as CollectionSlug)) throw new BackupError(`Unknown collection in the backup: ${collection}.`)
      if (record.kind === 'document') {
        if (!deferred.has(collection)) await writeDocument(collection, record.data)
        continue
      }
      const { id, parent, version, createdAt, updatedAt, autosave, publishedLocale } = record.data
      const parentId = typeof parent === 'object' && parent ? parent.id : parent
      const created = await payload.db.createVersion({
        collectionSlug: collection as CollectionSlug,
        parent: translator ? (translator.documentId(collection, parentId) ?? parentId) : parentId,
        versionData: translator ? (translator.document(collection, version) as typeof version) : version,
        createdAt,
        updatedAt,
        autosave: Boolean(autosave),
        publishedLocale: publishedLocale ?? undefined,
        req,
      })
      versionIds.set(`${collection}:${id}`, String(created.id))
      count(collection).versions++
    }
    if (deferred.size) {
      for await (const record of records(open())) {
        if (record.kind === 'document' && deferred.has(record.collection)) await writeDocument(record.collection, record.data)
      }
    }
    if (transactionID) await advanceSequences(payload, req)
    if (transactionID) await collectSearchVocabulary(payload, req)
    const missing = Object.entries(header.collections).filter(
      ([slug, { documents, versions }]) => (restored[slug]?.documents ?? 0) !== documents || (restored[slug]?.versions ?? 0) !== versions,
    )
    if (missing.length) throw new BackupError(`The backup is incomplete: ${missing.map(([slug]) => slug).join(', ')} do not match its header.`)
    if (rewriting) {
      // The stored pages show the old ids: served from now on with the new ones, as a re-render
      // each page's history records (the bodies the public saw before stay as they were).
      const local = await createLocalReq({ req: req as PayloadRequest }, payload)
      await rerenderEveryPage(local, { event: 'restore', from: header.database, backupCreatedAt: header.createdAt }, at.toISOString())
    }
    const result = resultOf(payload, restored, translator, versionIds)
    // What the caller must keep of the restore (the id table) is kept before it commits, or nothing is.
    if (options.beforeCommit) await options.beforeCommit(result)
    if (transactionID) await payload.db.commitTransaction(transactionID)
    return result
  } catch (error) {
    if (transactionID) await payload.db.rollbackTransaction(transactionID)
    throw error
  }
}

function resultOf(payload: Payload, collections: Header['collections'], translator: IdTranslator | null, versionIds: Map<string, string>): Restored {
  if (!translator) return { collections }
  const ids: NonNullable<Restored['ids']> = { documents: {}, versions: {} }
  for (const [collection, planned] of translator.planned) if (planned.size) ids.documents[collection] = Object.fromEntries(planned)
  for (const [key, id] of versionIds) {
    const [collection, old] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
    ;(ids.versions[collection] ??= {})[old] = idKindOf(payload) === 'number' ? Number(id) : id
  }
  return { collections, ids, dangling: [...translator.dangling] }
}
