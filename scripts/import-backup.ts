/**
 * `npm run import-backup -- --in FILE`: restores an archive made by `npm run export` into the
 * empty database DATABASE_URI names (migrated first). All of it or nothing. See src/backup.
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { in: { type: 'string' } } })
if (!values.in) {
  console.error('Say which backup to restore: npm run import-backup -- --in backups/careline-....jsonl.gz')
  process.exit(2)
}
if (!fs.existsSync(values.in)) {
  console.error(`No such file: ${values.in}`)
  process.exit(2)
}

const { openCareline } = await import('../src/runtime')
const { closeDatabase } = await import('../src/database')
const { BackupError, restoreContent } = await import('../src/backup')
const payload = await openCareline()
try {
  const counts = await restoreContent(payload, fs.createReadStream(values.in))
  console.table(counts)
  console.log(`Restored ${values.in}.`)
} catch (error) {
  if (error instanceof BackupError) {
    console.error(`Nothing was restored: ${error.message}`)
    process.exitCode = 1
  } else throw error
} finally {
  await closeDatabase(payload)
}
