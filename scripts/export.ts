/**
 * `npm run export -- [--out FILE]`: writes all content of the database DATABASE_URI names to a
 * portable archive (default ./backups/careline-<time>.jsonl.gz). See src/backup.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { out: { type: 'string' } } })
const out = path.resolve(values.out ?? `backups/careline-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`)
fs.mkdirSync(path.dirname(out), { recursive: true })

const { openCareline } = await import('../src/runtime')
const { closeDatabase } = await import('../src/database')
const { exportContent } = await import('../src/backup')
const payload = await openCareline()
try {
  const counts = await exportContent(payload, fs.createWriteStream(out))
  console.table(counts)
  console.log(`Backup written to ${out} (${fs.statSync(out).size} bytes).`)
} finally {
  await closeDatabase(payload)
}
