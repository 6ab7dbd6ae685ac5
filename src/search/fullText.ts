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
 *
 * A word prefix (`neuro*`) is spelled out into the words it stands for (`neuropathic OR
 * neuropathy`) from the index's vocabulary, `search_terms` (migrations `*_search_terms`), when
 * there are few. Both databases answer a prefix by first collecting every entry of every word it
 * stands for: for a common word at 100k conditions, 150,000 entries (3-4 ms per field on SQLite),
 * where the spelled-out words are read lazily and intersected with the rarer words (0.1 ms).
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
  /**
   * Each word's spelled-out forms (`vocabularyForms`): the vocabulary words it begins, or null
   * where there are too many to list (then the index's own prefix match). Without them, every
   * word is a prefix match.
   */
  forms?: WordForms | null
}

/** Word -> the vocabulary words it is a prefix of, or null: more than MAX_FORMS of them. */
export type WordForms = ReadonlyMap<string, readonly string[] | null>

/** More forms than this and the prefix match is left to the index (it is then a broad prefix anyway). */
export const MAX_FORMS = 32

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

function matchCondition(db: SqlAdapter, { words, field, forms }: FullTextQuery): SQL {
  const spelled = (word: string) => forms?.get(word) ?? null
  if (db.name === 'sqlite') {
    const column = field === 'name' ? 'name_key' : 'text_key'
    const term = (word: string) => {
      const list = spelled(word)
      return list ? `(${list.map((form) => `"${form}"`).join(' OR ')})` : `"${word}"*`
    }
    const expression = `{${column}}: (${words.map(term).join(' AND ')})`
    return sql`search_index.id in (select rowid from search_index_fts where search_index_fts match ${expression})`
  }
  const column = field === 'name' ? sql.raw('search_index.name_key') : sql.raw('search_index.text_key')
  const term = (word: string) => {
    const list = spelled(word)
    return list ? `(${list.join(' | ')})` : `${word}:*`
  }
  const expression = words.map(term).join(' & ')
  return sql`to_tsvector('simple', ${column}) @@ to_tsquery('simple', ${expression})`
}

const isSqlAdapter = (db: { name: string }): db is SqlAdapter & { name: 'sqlite' | 'postgres' } => db.name === 'sqlite' || db.name === 'postgres'

/**
 * The vocabulary words each word begins (itself included, when it is one), in one query: at most
 * MAX_FORMS + 1 per word are read, and a word with more gets null. Null for the whole answer
 * where there is no vocabulary (MongoDB).
 */
export async function vocabularyForms(payload: Payload, words: readonly string[]): Promise<WordForms | null> {
  const db = payload.db as unknown as SqlAdapter
  if (!isSqlAdapter(db) || !words.length) return null
  if (!words.every((word) => WORD.test(word))) throw new TypeError('vocabularyForms takes folded words (a-z, 0-9)')
  // Words are a-z and 0-9, all before '{': the words beginning with `w` are those in [w, w + '{').
  const selects = words.map(
    (word, i) => sql`select * from (select distinct term, ${sql.raw(String(i))} as word from search_terms where term >= ${word} and term < ${word + '{'} order by term limit ${MAX_FORMS + 1}) as w${sql.raw(String(i))}`,
  )
  const rows = await rowsOf<{ term: string; word: number | string }>(db, sql.join(selects, sql` union all `))
  const forms = new Map<string, string[] | null>(words.map((word) => [word, []]))
  for (const row of rows) forms.get(words[Number(row.word)])?.push(row.term)
  for (const [word, list] of forms) if (list && list.length > MAX_FORMS) forms.set(word, null)
  return forms
}

/**
 * The statement that adds every word of the search index to the vocabulary, for a bulk write made
 * with triggers off: a restore on PostgreSQL runs as a replica (src/backup), which skips the
 * trigger that does this for each write. Null where nothing is needed (SQLite's triggers always
 * run; MongoDB has no vocabulary).
 */
export function searchVocabularyBackfill(payload: Payload): SQL | null {
  if (payload.db.name !== 'postgres') return null
  return sql`insert into search_terms (term)
    select distinct w.lexeme from search_index s, unnest(to_tsvector('simple', coalesce(s.name_key, '') || ' ' || coalesce(s.text_key, ''))) as w
    where not exists (select 1 from search_terms t where t.term = w.lexeme)`
}

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
  // A word that begins no word of the index matches nothing, and neither does the query.
  if (query.words.some((word) => query.forms?.get(word)?.length === 0)) return { ids: [], totalDocs: 0 }
  const rows = await rowsOf<{ id: number | string; total: number | string }>(db, fullTextStatement(payload, query)!)
  return { ids: rows.map((row) => row.id), totalDocs: Number(rows[0]?.total ?? 0) }
}
