/**
 * A condition page costs a fixed number of database queries: one batch per kind of related
 * record, however many records it embeds (no N+1). Counted from the adapter itself
 * (DATABASE_QUERY_COUNT, src/database/queryCount.ts), on the test database.
 */
import fs from 'node:fs'
import path from 'node:path'

import { jest } from '@jest/globals'
import { graphql, type GraphQLSchema } from 'graphql'
import { createLocalReq, type Payload } from 'payload'

import { importDocument } from '../src/importer'
import { countDatabaseQueries } from '../src/database'
import { loadConditionPage } from '../src/frontendApi/conditionPage'
import { graphQLSchema } from '../src/http/graphql'
import { createStaff, publish, type Staff } from './helpers/fixtures'
import { testDatabaseKind } from './helpers/database'
import { startTestPayload, type TestPayload } from './helpers/payload'

/**
 * The most queries each read may send. On MongoDB a query is one collection operation: with
 * join aggregations off (the lane runs MONGODB_COMPATIBILITY=documentdb) a join is a find and a
 * count, and the transaction's own commands are counted too, so its numbers are larger; what
 * both hold to is that the count does not grow with the records.
 */
const BUDGET = testDatabaseKind() === 'mongodb' ? { page: 13, reimport: 13, graphQL: 6 } : { page: 6, reimport: 10, graphQL: 6 }

let ctx: TestPayload
let payload: Payload
let staff: Staff

beforeAll(async () => {
  process.env.DATABASE_QUERY_COUNT = 'true'
  ctx = await startTestPayload('query-budget')
  payload = ctx.payload
  staff = await createStaff(payload)
})
afterAll(async () => {
  delete process.env.DATABASE_QUERY_COUNT
  await ctx?.stop()
})

/** A published condition with `n` symptoms, treatments and diagnostic tests of its own. */
async function conditionWith(n: number) {
  const made = { symptoms: [] as (number | string)[], treatments: [] as (number | string)[], tests: [] as (number | string)[] }
  for (let i = 0; i < n; i++) {
    made.symptoms.push((await payload.create({ collection: 'symptoms', draft: true, data: { name: `Symptom ${n}-${i}` } })).id)
    made.treatments.push((await payload.create({ collection: 'treatments', draft: true, data: { name: `Treatment ${n}-${i}`, kind: 'medication', invasiveness: 'nonsurgical' } })).id)
    made.tests.push((await payload.create({ collection: 'diagnostic-tests', draft: true, data: { name: `Test ${n}-${i}`, kind: 'imaging' } })).id)
  }
  const specialty = await payload.create({ collection: 'specialties', data: { name: `Specialty ${n}` } })
  const condition = await payload.create({
    collection: 'conditions',
    draft: true,
    data: {
      name: `Condition with ${n} of each`,
      summary: 'A condition made for counting queries.',
      symptoms: made.symptoms.map((symptom, i) => ({ symptom, group: i % 2 ? ('pain' as const) : ('other' as const) })),
      treatments: made.treatments,
      diagnosticTests: made.tests,
      specialties: [specialty.id],
    },
  })
  await publish(
    payload,
    staff,
    ...made.symptoms.map((id) => ({ collection: 'symptoms' as const, id })),
    ...made.treatments.map((id) => ({ collection: 'treatments' as const, id })),
    ...made.tests.map((id) => ({ collection: 'diagnostic-tests' as const, id })),
    { collection: 'conditions', id: condition.id },
  )
  return (await payload.findByID({ collection: 'conditions', id: condition.id, depth: 0 })).slug!
}

/** Queries for one anonymous condition page, on a fresh request (no data loader cache). */
async function queriesFor(slug: string) {
  const req = await createLocalReq({}, payload)
  const { result, queries } = await countDatabaseQueries(() => loadConditionPage(req, { slug }))
  return { page: result!, queries }
}

test('the condition page costs the same number of queries with 1 or 12 related records of each kind', async () => {
  const small = await queriesFor(await conditionWith(1))
  const large = await queriesFor(await conditionWith(12))
  console.log(`condition page queries: ${small.queries} with 1 related record of each kind, ${large.queries} with 12 of each`)
  // The pages really embed what they were given (so the count covers the population).
  expect(large.page.symptomGroups!.flatMap((g) => g.symptoms)).toHaveLength(12)
  expect(large.page.treatmentGroups!.flatMap((g) => g.kinds.flatMap((k) => k.treatments))).toHaveLength(12)
  expect(large.page.condition.diagnosticTests).toHaveLength(12)
  expect(small.queries).toBeGreaterThan(0)
  expect(large.queries).toBe(small.queries)
  // The condition, then one batch each for symptoms, treatments, tests and specialties, and the
  // subtypes join: sorting lists by slug (collections/fields/slug.ts) keeps each to one query.
  expect(large.queries).toBeLessThanOrEqual(BUDGET.page)
})

test('a GraphQL read of a condition and its related records reads each related collection once, and checks only the links Payload\'s resolvers cannot', async () => {
  // Payload's resolvers load each linked record with the caller's access; the check that hides
  // links the caller may not read (collections/access/unreadableLinksRemoved.ts) is left only the
  // links whose row goes with them (the condition's symptom rows): one query, not one per collection.
  const { schema } = await graphQLSchema(payload.config)
  const read = async (slug: string) => {
    const req = await createLocalReq({}, payload)
    req.payloadAPI = 'GraphQL' // as Payload marks a request to its GraphQL endpoint
    const source = `{ Conditions(where: { slug: { equals: "${slug}" } }, limit: 1) { docs { name symptoms { group symptom { name } } treatments { name } diagnosticTests { name } } } }`
    const { result, queries } = await countDatabaseQueries(() => graphql({ schema: schema as GraphQLSchema, source, contextValue: { req, headers: {} } }))
    expect(result.errors).toBeUndefined()
    const [doc] = (result.data as { Conditions: { docs: { symptoms: { symptom: { name: string } | null }[]; treatments: unknown[]; diagnosticTests: unknown[] }[] } }).Conditions.docs
    return { doc, queries }
  }
  const small = await read(await conditionWith(2))
  const large = await read(await conditionWith(9))
  console.log(`GraphQL condition read: ${small.queries} queries with 2 related records of each kind, ${large.queries} with 9 of each`)
  expect(large.doc.symptoms.map((row) => row.symptom?.name)).toEqual(Array.from({ length: 9 }, (_, i) => `Symptom 9-${i}`))
  expect(large.doc.treatments).toHaveLength(9)
  expect(large.doc.diagnosticTests).toHaveLength(9)
  expect(large.queries).toBe(small.queries)
  expect(large.queries).toBeLessThanOrEqual(BUDGET.graphQL)
})

test('a GraphQL read of content reads only the fields its query names, in linked records too, and answers as a whole read does', async () => {
  // `select` defaults to true on content queries (src/http/graphQLSurface.ts), and reaches the
  // records linked from array rows (the condition's symptoms), which Payload 3.90 left out.
  const { schema } = await graphQLSchema(payload.config)
  const slug = await conditionWith(3)
  const symptomsRead: string[][] = []
  const seeSymptom = ({ doc }: { doc: Record<string, unknown> }) => {
    symptomsRead.push(Object.keys(doc))
    return doc
  }
  const hooks = payload.collections.symptoms.config.hooks.afterRead
  hooks.push(seeSymptom)
  const read = async (selectArgument: string) => {
    symptomsRead.length = 0
    const req = await createLocalReq({}, payload)
    req.payloadAPI = 'GraphQL'
    const source = `{ Conditions(where: { slug: { equals: "${slug}" } }, limit: 1${selectArgument}) { docs { name summary descriptionHTML reviewOverdue nextReviewDue symptoms { group symptom { name slug reviewOverdue } } treatments { name } diagnosticTests { name slug } } } }`
    const result = await graphql({ schema: schema as GraphQLSchema, source, contextValue: { req, headers: {} } })
    expect(result.errors).toBeUndefined()
    return { data: result.data, symptomsRead: [...symptomsRead] }
  }
  try {
    const lean = await read('')
    const whole = await read(', select: false')
    expect(lean.data).toEqual(whole.data)
    expect(JSON.stringify(lean.data)).toContain('Symptom 3-2')
    expect(whole.symptomsRead.length).toBeGreaterThan(0)
    // The symptoms as the resolvers read them (the link check's own read asks for id and updatedAt).
    const resolved = (reads: string[][]) => reads.filter((keys) => keys.includes('name'))
    expect(resolved(whole.symptomsRead)).toHaveLength(3)
    // A whole read: every field stored (MongoDB leaves out the empty ones), timestamps and status too.
    expect(resolved(whole.symptomsRead).every((keys) => ['createdAt', '_status'].every((key) => keys.includes(key)))).toBe(true)
    expect(resolved(lean.symptomsRead)).toHaveLength(3)
    for (const keys of resolved(lean.symptomsRead)) {
      expect(keys).toEqual(expect.arrayContaining(['name', 'slug', 'reviewOverdue']))
      for (const unasked of ['createdAt', '_status', 'description', 'provenance', 'conditions']) expect(keys).not.toContain(unasked)
    }
  } finally {
    hooks.splice(hooks.indexOf(seeSymptom), 1)
  }
})

test('re-importing an unchanged document reads each collection once, not each record', async () => {
  const fileName = path.join(import.meta.dirname, '../seed/source/back-spine-neuropathy.txt')
  const bytes = fs.readFileSync(fileName)
  const first = await importDocument(payload, { fileName, bytes })
  const { result: again, queries } = await countDatabaseQueries(() => importDocument(payload, { fileName, bytes }))
  console.log(`import queries: ${first.records.length} records; re-import of the unchanged document: ${queries} queries`)
  expect(first.records.length).toBeGreaterThan(20)
  expect(again.changes).toEqual([])
  // One lookup per collection (specialties, symptoms, tests, treatments, conditions) plus the
  // transaction's own statements; one lookup per record was over sixty.
  expect(queries).toBeLessThanOrEqual(BUDGET.reimport)
})

// Drizzle built the SQL of every read anew; src/database/relationalQueryMemo.ts builds each shape
// of read once. Reads of a shape already built must each get their own answer: other ids, other
// slugs, another locale, another number of related records.
if (testDatabaseKind() !== 'mongodb') test('SQL: a read of a shape already built takes its statement, with its own values', async () => {
  type Build = (...args: unknown[]) => unknown
  const { dialect } = (payload.db as unknown as { drizzle: { dialect: { buildRelationalQuery: Build; buildRelationalQueryWithoutPK: Build } } }).drizzle
  // What Drizzle builds a relational read's SQL with: PostgreSQL's dialect, SQLite's.
  const builder = jest.spyOn(dialect, payload.db.name === 'postgres' ? 'buildRelationalQueryWithoutPK' : 'buildRelationalQuery')
  try {
    const one = await payload.create({ collection: 'specialties', data: { name: 'Memo one' } })
    const two = await payload.create({ collection: 'specialties', data: { name: 'Memo two' } })
    await payload.update({ collection: 'specialties', id: one.id, locale: 'es', data: { name: 'Memo uno' } })
    await payload.update({ collection: 'specialties', id: two.id, locale: 'es', data: { name: 'Memo dos' } })
    const nameOf = async (id: number | string, locale: 'en' | 'es') => (await payload.find({ collection: 'specialties', where: { id: { equals: id } }, locale, depth: 0 })).docs.map((doc) => doc.name)

    // A shape is kept when it is read a second time.
    expect(await nameOf(one.id, 'en')).toEqual(['Memo one'])
    expect(await nameOf(two.id, 'en')).toEqual(['Memo two'])
    builder.mockClear()
    expect(await nameOf(one.id, 'es')).toEqual(['Memo uno'])
    expect(await nameOf(two.id, 'es')).toEqual(['Memo dos'])
    expect(await nameOf(one.id, 'en')).toEqual(['Memo one'])
    expect(await nameOf(two.id, 'en')).toEqual(['Memo two'])
    expect(builder).not.toHaveBeenCalled()

    // A condition by slug at depth 1, as the generic REST read sends it (joins only when asked,
    // collections/fields/joinsWhenAsked.ts): each its own related records.
    const [small, large] = [await conditionWith(5), await conditionWith(7)]
    const bySlug = async (slug: string) => {
      const [doc] = (await payload.find({ collection: 'conditions', where: { slug: { equals: slug } }, depth: 1, joins: false, overrideAccess: false })).docs
      return { slug: doc.slug, symptoms: (doc.symptoms ?? []).map((row) => (row.symptom as { name: string }).name) }
    }
    const symptomsOf = (n: number) => Array.from({ length: n }, (_, i) => `Symptom ${n}-${i}`)
    expect(await bySlug(small)).toEqual({ slug: small, symptoms: symptomsOf(5) })
    expect(await bySlug(large)).toEqual({ slug: large, symptoms: symptomsOf(7) })
    builder.mockClear()
    expect(await bySlug(small)).toEqual({ slug: small, symptoms: symptomsOf(5) })
    expect(await bySlug(large)).toEqual({ slug: large, symptoms: symptomsOf(7) })
    expect(builder).not.toHaveBeenCalled()
  } finally {
    builder.mockRestore()
  }
})
