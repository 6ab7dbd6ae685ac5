/**
 * `npm run bench:import [-- --count 1000] [--database-uri URI]`: generates documents of the
 * bundled document's shape (each a different condition, sharing some symptoms and treatments as
 * real content does) and imports them, printing documents per second. A figure, not a test.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, 'database-uri': { type: 'string' } } })
const count = Number(values.count)
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive whole number')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-bench-import-'))
process.env.DATABASE_URI = values['database-uri'] ?? `file:${path.join(tmp, 'bench.db')}`

const source = fs.readFileSync(path.join(import.meta.dirname, '../seed/source/back-spine-neuropathy.txt'), 'utf8')
const REGIONS = ['neck', 'shoulder', 'hip', 'knee', 'wrist', 'ankle', 'elbow', 'jaw', 'chest', 'pelvis']

/** The same shape with another subject; a third of the symptoms and treatments are its own. */
function generated(i: number): Buffer {
  const subject = `${REGIONS[i % REGIONS.length]} neuropathy variant ${i}`
  let text = source.replaceAll('back or spine neuropathies', `${subject}s`).replaceAll('back or spine neuropathy', subject)
  text = text.replace('Cervical radiculopathy', `Cervical radiculopathy type ${i}`).replace('Lumbar radiculopathy', `Lumbar radiculopathy type ${i}`)
  text = text.replace('Failed back surgery syndrome', `Post-surgical pain syndrome ${i}`)
  if (i % 3 === 0) text = text.replace('Swelling', `Swelling pattern ${i}`).replace('Plasma exchange', `Plasma exchange protocol ${i}`)
  return Buffer.from(text)
}

const { openCareline } = await import('../src/runtime')
const { closeDatabase } = await import('../src/database')
const { importDocument } = await import('../src/importer')
const payload = await openCareline()
try {
  const documents = Array.from({ length: count }, (_, i) => generated(i))
  const started = performance.now()
  for (const [i, bytes] of documents.entries()) {
    await importDocument(payload, { fileName: `generated-${i}.txt`, bytes })
    if ((i + 1) % 100 === 0) process.stdout.write(`  ${i + 1}/${count}\n`)
  }
  const seconds = (performance.now() - started) / 1000
  const counts = Object.fromEntries(
    await Promise.all((['conditions', 'symptoms', 'treatments', 'diagnostic-tests'] as const).map(async (c) => [c, (await payload.count({ collection: c })).totalDocs])),
  )
  console.log(`database: ${payload.db.name}`)
  console.log(`imported ${count} documents in ${seconds.toFixed(1)} s: ${(count / seconds).toFixed(1)} documents/s, ${((seconds * 1000) / count).toFixed(1)} ms each`)
  console.log('records:', counts)
} finally {
  await closeDatabase(payload)
  fs.rmSync(tmp, { recursive: true, force: true })
}
