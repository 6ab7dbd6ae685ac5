/**
 * Backup and restore of all content: documents with every locale, their version history, the
 * review audit trail, accounts (with their password hashes and encrypted API keys, as stored),
 * webhooks and their delivery log, media metadata. The archive is JSON Lines, gzip-compressed:
 * a header, then one record per document or version, read and written through Payload's
 * database adapter (raw, as stored: no hooks, no access rules), so what comes back is exactly
 * what went out, ids included.
 *
 * Left out on purpose: what each database keeps for itself or is transient (migrations,
 * document locks, admin preferences, queued jobs). Media files live in ./media or S3; copy them
 * with the archive.
 */
import { createGunzip, createGzip } from 'node:zlib'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'

import { sql, type SQL } from 'drizzle-orm'
import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { executeInTransaction } from '../database'
import { searchVocabularyBackfill } from '../search/fullText'

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
  idType: 'number' | 'text'
  collections: Record<string, { documents: number; versions: number }>
}

type DocumentRecord = { kind: 'document'; collection: string; data: Record<string, unknown> }
type VersionRecord = { kind: 'version'; collection: string; data: Record<string, any> }

export const backedUpCollections = (payload: Payload) =>
  payload.config.collections.map((c) => c.slug).filter((slug) => !NOT_BACKED_UP.has(slug)) as CollectionSlug[]

const hasVersions = (payload: Payload, slug: string) => Boolean(payload.collections[slug as CollectionSlug]?.config.versions)

const idTypeOf = (payload: Payload): Header['idType'] => (payload.db.name === 'mongoose' ? 'text' : 'number')

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
  const header: Header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), database: payload.db.name, idType: idTypeOf(payload), collections: counts }
  await write(header)
  for (const record of records) await write(record)
  await new Promise<void>((resolve, reject) => {
    out.once('finish', resolve)
    out.once('error', reject)
    gzip.end()
  })
  return counts
}

async function* readRecords(input: Readable) {
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity })
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as Header | DocumentRecord | VersionRecord
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

/**
 * Restores an archive into an empty database of any adapter with the same kind of ids (SQLite
 * and PostgreSQL use numbers, MongoDB object ids). All of it or nothing: one transaction.
 */
export async function restoreContent(payload: Payload, input: Readable): Promise<Header['collections']> {
  const records = readRecords(input)
  const first = await records.next()
  const header = first.value as Header | undefined
  if (!header || header.format !== BACKUP_FORMAT) throw new BackupError('This file is not a Careline backup (no header).')
  if (header.version !== BACKUP_VERSION) throw new BackupError(`This backup is format version ${header.version}; this Careline reads version ${BACKUP_VERSION}.`)
  if (header.idType !== idTypeOf(payload)) {
    throw new BackupError(`This backup comes from ${header.database} (${header.idType} ids) and cannot be restored into ${payload.db.name} (${idTypeOf(payload)} ids): ids would have to be rewritten in every relation.`)
  }
  const collections = backedUpCollections(payload)
  const unknown = Object.keys(header.collections).filter((slug) => !collections.includes(slug as CollectionSlug))
  if (unknown.length) throw new BackupError(`This backup holds collections this Careline does not have: ${unknown.join(', ')}.`)
  for (const collection of collections) {
    const { totalDocs } = await payload.db.count({ collection, where: {} })
    if (totalDocs) throw new BackupError(`The database is not empty (${collection} has ${totalDocs} documents). Restore into an empty database.`)
  }

  const transactionID = await payload.db.beginTransaction()
  const req = { transactionID: transactionID ?? undefined } as Partial<PayloadRequest>
  const restored: Header['collections'] = {}
  // Versions get new ids; the audit trail names versions by id, so it is rewritten to match.
  const versionIds = new Map<string, string>()
  const reviewEvents: Record<string, unknown>[] = []
  try {
    if (transactionID) await relaxForeignKeys(payload, req)
    for await (const line of records) {
      const record = line as DocumentRecord | VersionRecord
      const { collection, data } = record
      if (!collections.includes(collection as CollectionSlug)) throw new BackupError(`Unknown collection in the backup: ${collection}.`)
      const counts = (restored[collection] ??= { documents: 0, versions: 0 })
      if (record.kind === 'document') {
        if (collection === 'review-events') {
          reviewEvents.push(data)
          continue
        }
        await payload.db.create({ collection: collection as CollectionSlug, data, customID: data.id as number | string, req, returning: false })
        counts.documents++
      } else {
        const { id, parent, version, createdAt, updatedAt, autosave, publishedLocale } = record.data
        const created = await payload.db.createVersion({
          collectionSlug: collection as CollectionSlug,
          parent: typeof parent === 'object' && parent ? parent.id : parent,
          versionData: version,
          createdAt,
          updatedAt,
          autosave: Boolean(autosave),
          publishedLocale: publishedLocale ?? undefined,
          req,
        })
        versionIds.set(`${collection}:${id}`, String(created.id))
        counts.versions++
      }
    }
    for (const event of reviewEvents) {
      const version = event.version ? versionIds.get(`${event.documentCollection}:${event.version}`) ?? event.version : event.version
      await payload.db.create({ collection: 'review-events', data: { ...event, version }, customID: event.id as number | string, req, returning: false })
      ;(restored['review-events'] ??= { documents: 0, versions: 0 }).documents++
    }
    if (transactionID) await advanceSequences(payload, req)
    if (transactionID) await collectSearchVocabulary(payload, req)
    const missing = Object.entries(header.collections).filter(
      ([slug, { documents, versions }]) => (restored[slug]?.documents ?? 0) !== documents || (restored[slug]?.versions ?? 0) !== versions,
    )
    if (missing.length) throw new BackupError(`The backup is incomplete: ${missing.map(([slug]) => slug).join(', ')} do not match its header.`)
    if (transactionID) await payload.db.commitTransaction(transactionID)
  } catch (error) {
    if (transactionID) await payload.db.rollbackTransaction(transactionID)
    throw error
  }
  return restored
}
