/**
 * The database's own full-text index over the search index, for what Payload's query language
 * cannot say: "every word, as a word prefix, answered from an index". Payload's `contains` is a
 * `LIKE '%word%'` that reads every row; at 100k conditions (1.35M search entries) a search took
 * two seconds.
 *
 *   SQLite      an FTS5 table over `search_index` (name_key, text_key), kept by triggers
 *   PostgreSQL  GIN indexes on to_tsvector('simple', name_key | text_key)
 *   MongoDB     none here: the caller falls back to Payload's `contains` (a scan)
 *
 * Both indexes are created by the migrations `*_search_full_text`. The stored keys are already
 * folded to `[a-z0-9 ]` words (src/search/text.ts), so the tokenizers have nothing left to
 * interpret and a word is safe to put in a match expression as it is.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { Payload } from 'payload'

export interface FullTextQuery {
  /** Folded words, every one of which must start a word of the entry. */
  words: string[]
  locale: string
  collections: readonly string[]
  /** `name`: the names only; `text`: names, summary and body. */
  field: 'name' | 'text'
  limit: number
}

export interface FullTextMatches {
  /** Search-index ids of the first `limit` matches by name. */
  ids: (number | string)[]
  totalDocs: number
}

type SqlAdapter = { name: string; drizzle: { all?: (query: SQL) => Promise<unknown[]>; execute?: (query: SQL) => Promise<{ rows: unknown[] }> } }

const WORD = /^[a-z0-9]+$/

/** Rows of a read-only query, on whichever SQL adapter this is. */
async function rowsOf<T>(db: SqlAdapter, query: SQL): Promise<T[]> {
  if (db.name === 'sqlite') return (await db.drizzle.all!(query)) as T[]
  return (await db.drizzle.execute!(query)).rows as T[]
}

function matchCondition(db: SqlAdapter, { words, field }: FullTextQuery): SQL {
  if (db.name === 'sqlite') {
    const column = field === 'name' ? 'name_key' : 'text_key'
    const expression = `{${column}}: (${words.map((word) => `"${word}"*`).join(' AND ')})`
    return sql`search_index.id in (select rowid from search_index_fts where search_index_fts match ${expression})`
  }
  const column = field === 'name' ? sql.raw('search_index.name_key') : sql.raw('search_index.text_key')
  const expression = words.map((word) => `${word}:*`).join(' & ')
  return sql`to_tsvector('simple', ${column}) @@ to_tsquery('simple', ${expression})`
}

const isSqlAdapter = (db: { name: string }): db is SqlAdapter & { name: 'sqlite' | 'postgres' } => db.name === 'sqlite' || db.name === 'postgres'

/**
 * The statement `fullTextMatches` runs: the first `limit` ids by name, each row carrying the count
 * of all matches (a window over the same match, so the index is searched once, not twice: a
 * common word's prefix expands to a long list of entries, which was most of a search's cost).
 */
export function fullTextStatement(payload: Payload, query: FullTextQuery): SQL | null {
  const db = payload.db as unknown as SqlAdapter
  if (!isSqlAdapter(db)) return null
  if (!query.words.length || !query.words.every((word) => WORD.test(word))) throw new TypeError('fullTextStatement takes one or more folded words (a-z, 0-9)')
  const where = sql.join(
    [
      matchCondition(db, query),
      sql`search_index.locale = ${query.locale}`,
      sql`search_index.document_collection in (${sql.join(
        query.collections.map((collection) => sql`${collection}`),
        sql`, `,
      )})`,
    ],
    sql` and `,
  )
  return sql`select search_index.id as id, count(*) over () as total from search_index where ${where} order by search_index.name, search_index.id limit ${query.limit}`
}

/**
 * The matching entries, or null where this database has no full-text index (MongoDB), in which
 * case the caller asks Payload instead.
 */
export async function fullTextMatches(payload: Payload, query: FullTextQuery): Promise<FullTextMatches | null> {
  const db = payload.db as unknown as SqlAdapter
  if (!isSqlAdapter(db)) return null
  if (!query.words.length || !query.collections.length) return { ids: [], totalDocs: 0 }
  const rows = await rowsOf<{ id: number | string; total: number | string }>(db, fullTextStatement(payload, query)!)
  return { ids: rows.map((row) => row.id), totalDocs: Number(rows[0]?.total ?? 0) }
}
