/**
 * How long re-publishing a widely shared record takes: one symptom listed by N published
 * conditions (5,000 by default), re-published through review; every condition page that shows
 * it is re-rendered in the publishing transaction (src/publication/snapshots.ts). Prints the
 * publish time beside the time of re-publishing a symptom no condition lists, in the same run.
 *
 *   npx tsx bench/rerender.ts [--conditions 5000] [--database sqlite|postgres]
 *
 * The conditions are written straight into the database (the Local API's review cycle costs
 * about 50 ms each) and their pages backfilled in batches, as the migration does.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { conditions: { type: 'string', default: '5000' }, database: { type: 'string', default: 'sqlite' } } })
const count = Number(values.conditions)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-rerender-'))
const postgresName = `careline_rerender_${process.pid}`
process.env.DATABASE_URI = values.database === 'postgres' ? `postgres://postgres@127.0.0.1:5432/${postgresName}` : `file:${path.join(dir, 'rerender.db')}`
process.env.JOBS_AUTORUN = 'false'

if (values.database === 'postgres') {
  const pg = await import('pg')
  const admin = new pg.default.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
  await admin.connect()
  await admin.query(`create database ${postgresName}`)
  await admin.end()
}

const { openCareline } = await import('../src/runtime')
const { closeDatabase } = await import('../src/database')
const { backfillPageSnapshots } = await import('../src/publication')
const { applyReviewTransition } = await import('../collections/medicalReview')
const { createLocalReq } = await import('payload')
const payload = await openCareline()

const user = (role: string) =>
  payload.create({ collection: 'users', data: { email: `${role}@bench.careline`, password: 'bench-password-long-enough', name: role, credentials: 'MD', role: role as 'editor' } })
const editor = await user('editor')
const reviewer = await user('reviewer')
const asUser = (u: { id: number | string }) => createLocalReq({ user: { ...u, collection: 'users' } as never }, payload)

async function publishSymptom(id: number | string) {
  await applyReviewTransition({ req: await asUser(editor), collection: 'symptoms', id, action: 'submit' })
  await applyReviewTransition({ req: await asUser(reviewer), collection: 'symptoms', id, action: 'approve' })
  const started = performance.now()
  await applyReviewTransition({ req: await asUser(reviewer), collection: 'symptoms', id, action: 'publish' })
  return performance.now() - started
}

const shared = await payload.create({ collection: 'symptoms', draft: true, data: { name: 'Shared symptom', category: 'general' } })
const lonely = await payload.create({ collection: 'symptoms', draft: true, data: { name: 'Lonely symptom', category: 'general' } })
await publishSymptom(shared.id)
await publishSymptom(lonely.id)

let started = performance.now()
for (let i = 0; i < count; i++) {
  await payload.db.create({
    collection: 'conditions',
    data: { name: `Condition ${i}`, slug: `condition-${i}`, summary: `Condition number ${i}.`, _status: 'published', symptoms: [{ id: randomBytes(12).toString('hex'), symptom: shared.id, group: 'other' }] },
  })
}
console.log(`${count} published conditions written in ${((performance.now() - started) / 1000).toFixed(1)} s`)
started = performance.now()
const backfilled = await backfillPageSnapshots(payload)
console.log(`backfilled ${backfilled} pages (x ${payload.config.localization ? payload.config.localization.localeCodes.length : 1} locales) in ${((performance.now() - started) / 1000).toFixed(1)} s`)

for (const [label, id] of [['lonely symptom (no condition lists it)', lonely.id], [`shared symptom (${count} conditions list it)`, shared.id]] as const) {
  await payload.update({ collection: 'symptoms', id, draft: true, data: { summary: `Changed at ${new Date().toISOString()}` } })
  const ms = await publishSymptom(id)
  console.log(`re-publish ${label}: ${(ms / 1000).toFixed(2)} s`)
}
const rerendered = await payload.db.count({ collection: 'page-history', where: { event: { equals: 'rerender' } } })
console.log(`page-history re-render rows: ${rerendered.totalDocs}`)

await closeDatabase(payload)
fs.rmSync(dir, { recursive: true, force: true })
if (values.database === 'postgres') {
  const pg = await import('pg')
  const admin = new pg.default.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
  await admin.connect()
  await admin.query(`drop database if exists ${postgresName} with (force)`)
  await admin.end()
}
process.exit(0)
