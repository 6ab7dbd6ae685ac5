/**
 * The time of the publish action on a condition like the reference page (10 symptoms, 8
 * treatments, 5 diagnostic tests), through the review workflow as a reviewer presses Publish:
 * a draft edit, submit and approve, then the timed `publish`. Prints p50 and p90 over the runs.
 * Uses only what every version of Careline has, so the same script measures before and after a
 * change (run it in a checkout of the older commit).
 *
 *   npx tsx bench/publish-latency.ts [--runs 30] [--database sqlite|postgres] [--edit summary|prognosis]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, database: { type: 'string', default: 'sqlite' }, edit: { type: 'string', default: 'summary' } } })
// What each run edits: the summary (shown on every page that lists the condition) or the prognosis (its own page only).
const edited = values.edit === 'prognosis' ? 'prognosis' : 'summary'
const runs = Number(values.runs)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-publish-'))
const postgresName = `careline_publish_${process.pid}`
const adminURL = 'postgres://postgres@127.0.0.1:5432/postgres'
process.env.DATABASE_URI = values.database === 'postgres' ? `postgres://postgres@127.0.0.1:5432/${postgresName}` : `file:${path.join(dir, 'publish.db')}`
process.env.JOBS_AUTORUN = 'false'

async function postgres(statement: string) {
  const pg = await import('pg')
  const client = new pg.default.Client({ connectionString: adminURL })
  await client.connect()
  await client.query(statement)
  await client.end()
}
if (values.database === 'postgres') await postgres(`create database ${postgresName}`)

const { openCareline } = await import('../src/runtime')
const { closeDatabase } = await import('../src/database')
const { applyReviewTransition } = await import('../collections/medicalReview')
const { createLocalReq } = await import('payload')
const payload = await openCareline()

const user = (role: string) =>
  payload.create({ collection: 'users', data: { email: `${role}@bench.careline`, password: 'bench-password-long-enough', name: role, credentials: 'MD', role: role as 'editor' } })
const editor = await user('editor')
const reviewer = await user('reviewer')
const asUser = async (u: { id: number | string }) => createLocalReq({ user: { ...u, collection: 'users' } as never }, payload)

const many = async (collection: 'symptoms' | 'treatments' | 'diagnostic-tests', n: number, data: (i: number) => Record<string, unknown>) => {
  const ids: (number | string)[] = []
  for (let i = 0; i < n; i++) ids.push((await payload.create({ collection, draft: true, data: data(i) as never })).id)
  return ids
}
const symptoms = await many('symptoms', 10, (i) => ({ name: `Symptom ${i}`, category: 'general', summary: `Symptom number ${i}.` }))
const treatments = await many('treatments', 8, (i) => ({ name: `Treatment ${i}`, kind: 'medication', invasiveness: 'nonsurgical' }))
const tests = await many('diagnostic-tests', 5, (i) => ({ name: `Test ${i}`, kind: 'other' }))
const condition = await payload.create({
  collection: 'conditions',
  draft: true,
  data: {
    name: 'Reference condition',
    summary: 'A condition with the fan-out of the reference page.',
    symptoms: symptoms.map((symptom) => ({ symptom, group: 'other' })),
    treatments,
    diagnosticTests: tests,
  } as never,
})

async function publishOnce(i: number) {
  const text = `Edit ${i}.`
  const value = edited === 'summary' ? text : { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, children: [{ type: 'text', version: 1, text, format: 0, style: '', mode: 'normal', detail: 0 }] }] } }
  if (i > 0) await payload.update({ collection: 'conditions', id: condition.id, draft: true, data: { [edited]: value } })
  await applyReviewTransition({ req: await asUser(editor), collection: 'conditions', id: condition.id, action: 'submit' })
  await applyReviewTransition({ req: await asUser(reviewer), collection: 'conditions', id: condition.id, action: 'approve' })
  const started = performance.now()
  await applyReviewTransition({ req: await asUser(reviewer), collection: 'conditions', id: condition.id, action: 'publish' })
  return performance.now() - started
}

// The first publish takes the 23 linked drafts along in its bundle; the timed runs re-publish.
await publishOnce(0)
const times: number[] = []
for (let i = 1; i <= runs; i++) times.push(await publishOnce(i))
times.sort((a, b) => a - b)
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
console.log(`publish (re-publish of a condition with 23 linked records after a ${edited} edit), ${values.database}, ${runs} runs: p50 ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms`)

await closeDatabase(payload)
fs.rmSync(dir, { recursive: true, force: true })
if (values.database === 'postgres') await postgres(`drop database if exists ${postgresName} with (force)`)
process.exit(0)
