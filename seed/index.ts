/**
 * `npm run seed [-- --file PATH ...] [--publish] [--no-demo]`
 *
 * Imports patient-education documents (the bundled one by default) into linked records, then
 * makes sure the demo accounts and sample locations exist. Runs without the HTTP server.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { closeDatabase } from '../src/database'
import { ensureDemoAccounts, ensureSampleLocations } from './demo'
import { type ImportReport, importDocument } from './importer/importDocument'
import { ImportInputError } from './importer/readDocument'

const DEFAULT_SOURCE = path.join(import.meta.dirname, 'source/back-spine-neuropathy.txt')

function printSummary(reports: ImportReport[]) {
  const rows = new Map<string, { created: number; updated: number; unchanged: number }>()
  for (const report of reports) {
    for (const [collection, counts] of Object.entries(report.counts)) {
      const row = rows.get(collection) ?? { created: 0, updated: 0, unchanged: 0 }
      row.created += counts.created
      row.updated += counts.updated
      row.unchanged += counts.unchanged
      rows.set(collection, row)
    }
  }
  console.table(Object.fromEntries(rows))
  for (const report of reports) {
    for (const change of report.changes.filter((c) => c.outcome === 'updated')) {
      console.log(`  updated ${change.collection}/${change.slug}: ${change.fields.join(', ') || 'import details'}`)
    }
  }
}

async function main() {
  let args
  try {
    args = parseArgs({
      options: { file: { type: 'string', multiple: true }, publish: { type: 'boolean', default: false }, 'no-demo': { type: 'boolean', default: false } },
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new ImportInputError(`${(error as Error).message}. Usage: npm run seed -- [--file PATH ...] [--publish] [--no-demo]`)
  }
  const files = args.file?.length ? args.file : [DEFAULT_SOURCE]
  const inputs = files.map((file) => {
    const resolved = path.resolve(process.cwd(), file)
    if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) throw new ImportInputError(`No such file: ${file}`)
    return { fileName: resolved, bytes: fs.readFileSync(resolved) }
  })

  const { openCareline } = await import('../src/runtime')
  const payload = await openCareline()
  try {
    const reports: ImportReport[] = []
    for (const input of inputs) {
      const started = Date.now()
      const report = await importDocument(payload, {
        ...input,
        publish: args.publish,
        onProgress: (done, total) => {
          if (process.stdout.isTTY) process.stdout.write(`\r  ${path.basename(input.fileName)}: ${done}/${total} records`)
        },
      })
      if (process.stdout.isTTY) process.stdout.write('\n')
      console.log(`Imported "${report.condition.name}" from ${report.source} in ${Date.now() - started} ms${args.publish ? ' (published)' : ' (drafts awaiting review)'}`)
      reports.push(report)
    }
    printSummary(reports)
    if (!args['no-demo']) {
      const accounts = await ensureDemoAccounts(payload)
      const locations = await ensureSampleLocations(payload, { publish: args.publish })
      console.log(
        accounts.reason
          ? `Demo accounts not created: ${accounts.reason}.`
          : `Demo accounts: ${accounts.created} created, ${accounts.skipped} already there. Sample locations: ${locations.created} created.`,
      )
    }
  } finally {
    await closeDatabase(payload)
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const known = error instanceof ImportInputError
    console.error(`Import failed: ${error instanceof Error ? error.message : String(error)}`)
    if (!known && error instanceof Error) console.error(error.stack)
    process.exit(known ? 2 : 1)
  },
)
