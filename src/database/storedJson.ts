/**
 * One row's JSON field as the text the database keeps, found by equality on the columns of a
 * unique index: the read a stored, already public answer needs (src/publication's page bodies),
 * without turning the JSON into objects and back. The statement is built from the adapter's own
 * schema (its Drizzle tables and column names, or its Mongoose model) and prepared once per
 * reader: on PostgreSQL through Drizzle, on SQLite on a read-only connection of its own (below),
 * on MongoDB as a lean `findOne`. It reads what is stored, and nothing else: no access, hooks,
 * drafts or locales, so its callers use it only for collections whose read access lets everyone
 * read every row.
 *
 * On SQLite it answers the text's UTF-8 bytes as stored (decoding 20 KB of text with one
 * character beyond Latin-1, a dash, into a JavaScript string took 30 us of a 35 us read, and
 * encoding it again to send it about as much); elsewhere the driver's string. node-postgres 8.20
 * cannot give the bytes: its protocol parser decodes every field into a string, and a field in
 * binary result format is then encoded back (pg/lib/result.js). Encoding the string here instead
 * of where it is sent cost more in the server than it saved (REST page, one connection: 0.37-0.39
 * -> 0.71-0.76 ms of CPU per request, four times the mark-compacts; cause not found).
 */
import { and, eq, sql } from 'drizzle-orm'
import type { Payload } from 'payload'

import { libsqlDatabase, mongooseAdapterInternals, sqliteFileOf, tableNameOf } from './internals'
import { countQuerySentDirectly, databaseQueryCountEnabled } from './queryCount'

type KeyValues = Record<string, string>
/** The JSON text (SQLite: its UTF-8 bytes, see below), or null when there is no such row (or its field is null). */
export type StoredJsonReader = (key: KeyValues) => Promise<Buffer | string | null>

interface MongooseModels {
  collections: Record<string, { findOne(filter: KeyValues, projection: Record<string, 1 | 0>): { lean(): Promise<Record<string, unknown> | null> } }>
}

/**
 * Whether a JSON field read back as text gains from a copy of that text kept beside it (see
 * `storedJsonReader`'s `textCopy`): PostgreSQL prints a 20 KB jsonb value in about 0.3 ms of its
 * own CPU on every read (0.1 ms for the same text from a text column), and MongoDB's documents
 * are serialized in the process; SQLite keeps JSON as text already.
 */
export const keepsJsonTextCopy = (payload: Payload): boolean => payload.db.name !== 'sqlite'

/**
 * A reader of `field` in `collection`'s rows, keyed by `keyFields` (top-level, unlocalized text
 * fields). With `textCopy`, a text field holding the same JSON as text (written where
 * `keepsJsonTextCopy`), that text is read when the row has it, and the JSON field otherwise.
 */
export function storedJsonReader(payload: Payload, collection: string, field: string, keyFields: string[], textCopy?: string): StoredJsonReader {
  const mongoose = mongooseAdapterInternals<MongooseModels>(payload)
  if (mongoose) {
    const model = mongoose.collections[collection]
    const projection = { [field]: 1 as const, _id: 0 as const }
    const copyProjection = textCopy ? { [textCopy]: 1 as const, _id: 0 as const } : undefined
    return async (key) => {
      if (copyProjection) {
        const copy = await model.findOne(key, copyProjection).lean()
        if (!copy) return null
        if (typeof copy[textCopy!] === 'string') return copy[textCopy!] as string
      }
      const row = await model.findOne(key, projection).lean()
      return row?.[field] == null ? null : JSON.stringify(row[field])
    }
  }
  const db = payload.db as unknown as { drizzle: any; tables: Record<string, Record<string, any>>; name: string }
  const tableName = tableNameOf(payload, collection)
  const table = tableName ? db.tables[tableName] : undefined
  if (!table || !table[field] || keyFields.some((name) => !table[name]) || (textCopy && !table[textCopy])) {
    throw new Error(`storedJsonReader: ${collection} has no column for ${[field, ...keyFields, ...(textCopy ? [textCopy] : [])].join(', ')} in ${db.name}'s schema`)
  }
  const file = sqliteFileOf(payload)
  if (file) return sqliteReader(payload, file, tableName!, table, field, keyFields)
  // PostgreSQL (and an SQLite database that is not a file): the text copy, or jsonb printed back as text.
  const printed = sql`cast(${table[field]} as text)`
  const query = db.drizzle
    .select({ text: textCopy ? sql<string | null>`coalesce(${table[textCopy]}, ${printed})` : sql<string | null>`${printed}` })
    .from(table)
    .where(and(...keyFields.map((name) => eq(table[name], sql.placeholder(name)))))
    .limit(1)
  const statement = query.prepare(`careline_stored_json_${tableName}_${field}`)
  return async (key) => ((await statement.execute(key)) as { text: string | null }[])[0]?.text ?? null
}

interface LibsqlStatement {
  raw(on: boolean): LibsqlStatement
  get(...values: string[]): [Buffer | null] | undefined
}
interface ReadConnection {
  prepare(sql: string): LibsqlStatement
  close(): void
}

/** SQLite read connections opened by readers, closed with the database (closeDatabase). */
const readConnections = new WeakMap<Payload, ReadConnection>()

export function closeStoredJsonReaders(payload: Payload) {
  readConnections.get(payload)?.close()
  readConnections.delete(payload)
}

/**
 * On SQLite, a read-only connection of the reader's own with the statement prepared once: the
 * adapter's client prepares every statement again on each call, and that, with Drizzle's row
 * mapping, is most of a one-row read (about 125 us against 40 us for a 20 KB page). Read as a blob:
 * libSQL copies the bytes rather than decoding them (35 -> 6 us for a condition page). WAL lets it
 * read beside the adapter's writer, and it sees committed rows only, as a public read should.
 */
function sqliteReader(payload: Payload, file: string, tableName: string, table: Record<string, any>, field: string, keyFields: string[]): StoredJsonReader {
  const column = (name: string) => `"${String(table[name].name).replace(/"/g, '""')}"`
  const statementText = `select cast(${column(field)} as blob) from "${tableName.replace(/"/g, '""')}" where ${keyFields.map((name) => `${column(name)} = ?`).join(' and ')} limit 1`
  let statement: LibsqlStatement | undefined
  const counted = databaseQueryCountEnabled()
  return async (key) => {
    if (counted) countQuerySentDirectly()
    if (!statement) {
      let connection = readConnections.get(payload)
      if (!connection) {
        const Database = libsqlDatabase() as unknown as new (file: string, options: { readonly: boolean; timeout: number }) => ReadConnection
        connection = new Database(file, { readonly: true, timeout: 5000 })
        readConnections.set(payload, connection)
      }
      statement = connection.prepare(statementText).raw(true)
    }
    return statement.get(...keyFields.map((name) => key[name]))?.[0] ?? null
  }
}
