/**
 * `npm run import-backup -- --in FILE [--id-map FILE]`: restores an archive made by `npm run
 * export` into the empty database DATABASE_URI names (migrated first). All of it or nothing. From
 * a database with the other kind of ids (SQLite or PostgreSQL to MongoDB, or back) every record
 * gets a new id; the table of old and new ids is written to --id-map (default: the archive's name
 * with .id-map.json), for systems outside Careline that kept ids. See src/backup.
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { in: { type: 'string' }, 'id-map': { type: 'string' } } })
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
  const archive = values.in
  const idMap = values['id-map'] ?? `${archive.replace(/\.jsonl\.gz$/, '')}.id-map.json`
  const restored = await restoreContent(payload, () => fs.createReadStream(archive), {
    // Written before the restore commits: a table that cannot be kept leaves nothing restored.
    beforeCommit: ({ ids }) => {
      if (!ids) return
      try {
        fs.writeFileSync(idMap, `${JSON.stringify(ids, null, 1)}\n`)
      } catch (error) {
        throw new BackupError(`Every record would get a new id, and the table of old and new ids cannot be written to ${idMap} (${(error as Error).message}); say where with --id-map FILE.`)
      }
    },
  })
  console.table(restored.collections)
  console.log(`Restored ${archive}.`)
  if (restored.ids) console.log(`Every record has a new id (this database keeps another kind): old -> new per collection in ${idMap}.`)
  if (restored.dangling?.length) {
    console.log(`${restored.dangling.length} relationships named records the backup does not hold (deleted before it was made) and were left empty: ${restored.dangling.slice(0, 20).join(', ')}`)
  }
} catch (error) {
  if (error instanceof BackupError) {
    console.error(`Nothing was restored: ${error.message}`)
    process.exitCode = 1
  } else throw error
} finally {
  await closeDatabase(payload)
}
