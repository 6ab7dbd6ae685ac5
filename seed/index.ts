/**
 * `npm run seed [-- --file PATH ...] [--publish] [--no-demo] [--as EMAIL] [--reviewer EMAIL]`
 *
 * Imports patient-education documents (the bundled one by default) into linked records, then
 * makes sure the demo accounts and sample locations exist. Runs without the HTTP server.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { closeDatabase } from '../src/database'
import { type ImportReport, importDocument, ImportInputError, submitImportForReview } from '../src/importer'
import { demoReviewTeam, ensureDemoAccounts, ensureSampleLocations } from './demo'
import { publishThroughReview } from './review'

const DEFAULT_SOURCE = path.join(import.meta.dirname, 'source/back-spine-neuropathy.txt')

function printSummary(reports: ImportReport[]) {
  const rows = new Map<string, { created: number; updated: number; unchanged: number; kept: number }>()
  for (const report of reports) {
    for (const [collection, counts] of Object.entries(report.counts)) {
      const row = rows.get(collection) ?? { created: 0, updated: 0, unchanged: 0, kept: 0 }
      row.created += counts.created
      row.updated += counts.updated
      row.unchanged += counts.unchanged
      row.kept += counts.kept
      rows.set(collection, row)
    }
  }
  console.table(Object.fromEntries(rows))
  for (const report of reports) {
    for (const change of report.changes.filter((c) => c.outcome === 'updated')) {
      console.log(`  updated ${change.collection}/${change.slug}: ${change.fields.join(', ') || 'import details'}`)
    }
    for (const change of report.changes.filter((c) => c.outcome === 'kept')) {
      console.log(`  kept ${change.collection}/${change.slug} as it is (also used by ${change.sharedWith?.join(', ')}); the document's wording differs in ${change.fields.join(', ')}`)
    }
  }
}

async function main() {
  let args
  try {
    args = parseArgs({
      options: {
        file: { type: 'string', multiple: true },
        publish: { type: 'boolean', default: false },
        'no-demo': { type: 'boolean', default: false },
        as: { type: 'string' },
        reviewer: { type: 'string' },
      },
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new ImportInputError(`${(error as Error).message}. Usage: npm run seed -- [--file PATH ...] [--publish] [--no-demo] [--as EMAIL] [--reviewer EMAIL]`)
  }
  const files = args.file?.length ? args.file : [DEFAULT_SOURCE]
  const inputs = files.map((file) => {
    const resolved = path.resolve(process.cwd(), file)
    if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) throw new ImportInputError(`No such file: ${file}`)
    return { fileName: resolved, bytes: fs.readFileSync(resolved) }
  })

  if (args.publish && args['no-demo']) {
    throw new ImportInputError('--publish signs the import off as the demo reviewer, so it needs the demo accounts: drop --no-demo, or publish through review in the admin')
  }

  const { openCareline } = await import('../src/runtime')
  const payload = await openCareline()
  try {
    // Accounts first: publishing goes through medical review, as the demo editor and reviewer.
    const accounts = args['no-demo'] ? undefined : await ensureDemoAccounts(payload)
    const team = args.publish ? await demoReviewTeam(payload) : undefined
    if (args.publish && !team) {
      throw new ImportInputError(`--publish needs the demo editor and reviewer accounts (${accounts?.reason ?? 'not found'}); set DEMO_PASSWORD, or publish through review in the admin`)
    }
    // Without --publish, the import is submitted for review as one bundle per document, written
    // and submitted as the importing editor (--as, or the demo editor) to --reviewer or the pool.
    const userByEmail = async (email: string, flag: string) => {
      const found = (await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 })).docs[0]
      if (!found) throw new ImportInputError(`${flag} ${email}: there is no account with that e-mail.`)
      return found
    }
    const importer = args.as ? await userByEmail(args.as, '--as') : (team?.editor ?? (await demoReviewTeam(payload))?.editor)
    const reviewer = args.reviewer ? await userByEmail(args.reviewer, '--reviewer') : undefined
    const reports: ImportReport[] = []
    for (const input of inputs) {
      const started = Date.now()
      const report = await importDocument(payload, {
        ...input,
        // The importing editor's work (four-eyes and the audit trail name them).
        user: (team?.editor ?? importer) as (Record<string, unknown> & { id: number }) | undefined,
        onProgress: (done, total) => {
          if (process.stdout.isTTY) process.stdout.write(`\r  ${path.basename(input.fileName)}: ${done}/${total} records`)
        },
      })
      if (process.stdout.isTTY) process.stdout.write('\n')
      // The condition first: its review bundle takes the records it links to along.
      const published = team ? await publishThroughReview(payload, team, [{ collection: 'conditions', id: report.condition.id }, ...report.records]) : 0
      const notSubmitted = team || !importer ? null : await submitImportForReview(payload, importer as never, report, reviewer?.id)
      const outcome = team
        ? `reviewed and published by ${team.reviewer.name}: ${published} records went live`
        : !importer
          ? 'drafts, not submitted for review: name the importing editor with --as EMAIL'
          : (notSubmitted ?? `submitted for review by ${importer.name} as one bundle, to ${reviewer?.name ?? 'the reviewer pool'}`)
      console.log(`Imported "${report.condition.name}" from ${report.source} in ${Date.now() - started} ms (${outcome})`)
      reports.push(report)
    }
    printSummary(reports)
    if (accounts) {
      const locations = await ensureSampleLocations(payload, { team })
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
