/**
 * Fills the comparator's database (bench/stock/config.ts) with the shape Careline's benchmark
 * reads: the main condition as Careline answered it (`CONDITION_JSON`, a `docs[0]` of
 * `GET /api/conditions?where[slug][equals]=...&depth=1`: name, slug, summary, description and
 * its 10 symptoms, 8 treatments and 5 diagnostic tests, each with a one-paragraph description),
 * plus `--conditions N` other published conditions, each linking three of those records.
 * Every record is published. `STOCK_DATABASE_URI=... node --import tsx bench/stock/seed.ts
 * CONDITION_JSON --conditions N`; the schema is pushed (Payload's development push) first.
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'

import { getPayload } from 'payload'

import configPromise from './config'

const { positionals, values } = parseArgs({ allowPositionals: true, options: { conditions: { type: 'string', default: '1000' } } })
interface Related {
  name: string
  slug: string
  summary?: string | null
}
interface CarelineCondition extends Related {
  description?: unknown
  symptoms?: { symptom: Related | number }[]
  treatments?: (Related | number)[]
  diagnosticTests?: (Related | number)[]
}
const condition = JSON.parse(fs.readFileSync(positionals[0], 'utf8')) as CarelineCondition
const others = Number(values.conditions)

const paragraph = (text: string) => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr',
    children: [{ type: 'paragraph', format: '', indent: 0, version: 1, direction: 'ltr', textFormat: 0, textStyle: '', children: [{ type: 'text', text, format: 0, style: '', mode: 'normal', detail: 0, version: 1 }] }],
  },
})
const populated = (values: (Related | number)[] | undefined) => (values ?? []).filter((v): v is Related => typeof v === 'object' && v !== null)

// Typed loosely: the generated types (src/payload-types.ts) describe Careline's model, not this one.
const payload = (await getPayload({ config: await configPromise })) as unknown as {
  create(args: { collection: string; data: Record<string, unknown> }): Promise<{ id: number | string }>
}
type Slug = 'symptoms' | 'treatments' | 'diagnostic-tests'
async function createAll(collection: Slug, records: Related[]) {
  const ids: (number | string)[] = []
  for (const record of records) {
    const summary = record.summary ?? `${record.name}: what it is and what it means for you.`
    const doc = await payload.create({ collection, data: { name: record.name, slug: record.slug, summary, description: paragraph(summary), _status: 'published' } })
    ids.push(doc.id)
  }
  return ids
}
const symptoms = await createAll('symptoms', populated((condition.symptoms ?? []).map((row) => row.symptom)))
const treatments = await createAll('treatments', populated(condition.treatments))
const diagnosticTests = await createAll('diagnostic-tests', populated(condition.diagnosticTests))
await payload.create({
  collection: 'conditions',
  data: { name: condition.name, slug: condition.slug, summary: condition.summary, description: condition.description, symptoms, treatments, diagnosticTests, _status: 'published' },
})
for (let i = 0; i < others; i++) {
  const pick = <T>(ids: T[]) => (ids.length ? [ids[i % ids.length]] : [])
  await payload.create({
    collection: 'conditions',
    data: { name: `Condition ${i}`, slug: `stock-condition-${i}`, summary: `Condition ${i}, for scale.`, description: paragraph(`Condition ${i}.`), symptoms: pick(symptoms), treatments: pick(treatments), diagnosticTests: pick(diagnosticTests), _status: 'published' },
  })
}
console.log(`seeded ${symptoms.length} symptoms, ${treatments.length} treatments, ${diagnosticTests.length} diagnostic tests and ${others + 1} conditions`)
process.exit(0)
