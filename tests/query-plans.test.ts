/**
 * The reads that must not slow down as content grows are answered from indexes: search from the
 * database's full-text index (src/search/fullText.ts), and, on SQLite, from query plans made
 * with statistics (refreshQueryPlannerStatistics). The figures at scale are the benchmark's
 * (npm run bench); this checks the mechanisms, on the test database.
 */
import { sql, type SQL } from 'drizzle-orm'
import { createLocalReq, type Payload } from 'payload'

import { refreshQueryPlannerStatistics } from '../src/database'
import { fullTextMatches, fullTextStatement, MAX_FORMS, vocabularyForms } from '../src/search/fullText'
import { searchContent } from '../src/search/query'
import { SEARCHED_COLLECTIONS } from '../src/search/SearchIndex'
import { createStaff, publish, type Staff } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'

let ctx: TestPayload
let payload: Payload
let staff: Staff
const onSqlite = (process.env.TEST_DATABASE ?? 'sqlite') === 'sqlite'

beforeAll(async () => {
  ctx = await startTestPayload('query-plans')
  payload = ctx.payload
  staff = await createStaff(payload)
})
afterAll(async () => {
  await ctx?.stop()
})

const search = async (q: string) => {
  const req = await createLocalReq({}, payload)
  return searchContent(req, { q, types: [...SEARCHED_COLLECTIONS], locale: 'en', page: 1, limit: 10 })
}

async function publishedSymptom(name: string, summary: string) {
  const symptom = await payload.create({ collection: 'symptoms', draft: true, data: { name, summary } })
  await publish(payload, staff, { collection: 'symptoms', id: symptom.id })
  return symptom.id
}

describe('search', () => {
  test('every word must begin a word of the entry; the index follows publication', async () => {
    const id = await publishedSymptom('Paresthesia of the fingertips', 'Tingling that comes and goes with wrist position.')
    expect((await search('pares finger')).docs.map((d) => d.id)).toEqual([String(id)])
    // A word in the body, found as a body match.
    expect((await search('paresthesia wrist')).docs.map((d) => [d.id, d.matchedIn])).toEqual([[String(id), 'body']])
    // Inside a word is not the start of one; and a word missing from the entry excludes it.
    expect((await search('esthesia')).docs).toEqual([])
    expect((await search('paresthesia elbow')).docs).toEqual([])

    await payload.delete({ collection: 'symptoms', id })
    expect((await search('paresthesia')).docs).toEqual([])
  })

  test('a page of matches carries the count of all of them', async () => {
    await publishedSymptom('Burning soles', 'Soles that burn at night.')
    await publishedSymptom('Burning palms', 'Palms that burn after use.')
    const first = await fullTextMatches(payload, { words: ['burning'], locale: 'en', collections: ['symptoms'], field: 'name', limit: 1 })
    expect(first?.ids).toHaveLength(1)
    expect(first?.totalDocs).toBe(2)
    expect(await fullTextMatches(payload, { words: ['burning', 'knees'], locale: 'en', collections: ['symptoms'], field: 'name', limit: 1 })).toEqual({ ids: [], totalDocs: 0 })
  })

  test('a word prefix is spelled out from the vocabulary when it stands for few words, and matches the same', async () => {
    expect((await vocabularyForms(payload, ['radiculo']))?.get('radiculo')).toEqual([])
    await publishedSymptom('Radiculopathy flare', 'Radicular pain along one nerve root.')
    // The vocabulary follows every write to the search index (triggers), words of the body too.
    const forms = await vocabularyForms(payload, ['radicul', 'radiculopathy', 'nerv', 'radiculox'])
    expect(forms?.get('radicul')).toEqual(['radicular', 'radiculopathy'])
    expect(forms?.get('radiculopathy')).toEqual(['radiculopathy'])
    expect(forms?.get('nerv')).toEqual(expect.arrayContaining(['nerve']))
    expect(forms?.get('radiculox')).toEqual([])
    expect((await search('radicul nerv')).docs.map((d) => d.name)).toEqual(['Radiculopathy flare'])
    // A word that begins no word of the index matches nothing, and neither does the query.
    expect(await fullTextMatches(payload, { words: ['radiculox'], locale: 'en', collections: ['symptoms'], field: 'name', limit: 5, forms: forms! })).toEqual({ ids: [], totalDocs: 0 })

    // A prefix of more than MAX_FORMS words is left to the index's own prefix match: same answer.
    const many = Array.from({ length: MAX_FORMS + 1 }, (_, i) => `zygo${String.fromCharCode(97 + (i % 26))}${i}`)
    await publishedSymptom('Zygomatic ache', many.join(' '))
    expect((await vocabularyForms(payload, ['zygo']))?.get('zygo')).toBeNull()
    expect((await search('zygo ache')).docs.map((d) => d.name)).toEqual(['Zygomatic ache'])
  })

  test('the match is answered from the full-text index, not by reading every entry', async () => {
    const statement = fullTextStatement(payload, { words: ['paresthesia', 'wrist'], locale: 'en', collections: ['symptoms'], field: 'text', limit: 10 })!
    const db = payload.db as unknown as { drizzle: any }
    let plan: string
    if (onSqlite) {
      const rows: { detail: string }[] = await db.drizzle.all(sql.join([sql.raw('explain query plan '), statement]))
      plan = rows.map((row) => row.detail).join('\n')
      expect(plan).toMatch(/VIRTUAL TABLE INDEX/)
    } else {
      // A test database is small enough for PostgreSQL to read it all or use any index; give it
      // the shape of real content (many entries, few matching) and fresh statistics.
      const rolledBack = new Error('rolled back: the filler goes with the transaction')
      plan = ''
      await db.drizzle
        .transaction(async (tx: { execute(query: SQL): Promise<{ rows: Record<string, string>[] }> }) => {
          await tx.execute(sql`insert into search_index (document_collection, document_id, locale, name, slug, name_key, text_key, updated_at, created_at)
            select 'symptoms', 'filler-' || n, 'en', 'Filler ' || n, 'filler-' || n, 'filler ' || n, 'filler text number ' || n, now(), now() from generate_series(1, 5000) as n`)
          await tx.execute(sql`analyze search_index`)
          const { rows } = await tx.execute(sql.join([sql.raw('explain '), statement]))
          plan = rows.map((row) => Object.values(row)[0]).join('\n')
          throw rolledBack
        })
        .catch((error: Error) => {
          if (error !== rolledBack) throw error
        })
      expect(plan).toMatch(/search_index_text_words_idx/)
    }
    expect(() => fullTextStatement(payload, { words: ["o'brien"], locale: 'en', collections: ['symptoms'], field: 'name', limit: 1 })).toThrow(/folded words/)
  })
})

if (onSqlite) {
  test('SQLite: a table holding rows without planner statistics is analyzed at start, once', async () => {
    await publishedSymptom('Cold feet', 'Feet that feel cold to the touch.')
    const client = (payload.db as unknown as { client: { execute(sql: string): Promise<{ rows: Record<string, unknown>[] }> } }).client
    await client.execute("delete from sqlite_stat1 where tbl = 'symptoms'")
    expect((await refreshQueryPlannerStatistics(payload)).analyzed).toContain('symptoms')
    const { rows } = await client.execute("select stat from sqlite_stat1 where tbl = 'symptoms' and idx = 'symptoms__status_idx'")
    // Full statistics: the first number is the table's row count, not a sample's.
    expect(Number(String(rows[0]?.stat).split(' ')[0])).toBe((await payload.db.count({ collection: 'symptoms', where: {} })).totalDocs)
    expect((await refreshQueryPlannerStatistics(payload)).analyzed).toEqual([])
  })
}
