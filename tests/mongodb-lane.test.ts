/**
 * The MongoDB lane's list of what it leaves out (tests/mongodbLane.mjs) stays true: every entry
 * names a test file and test that exist, gives a reason and, for a gap of the test server, the
 * failing command; and README.md's table is generated from it. Runs on every lane (no database).
 */
import fs from 'node:fs'
import path from 'node:path'

import { MONGODB_LANE_LEFT_OUT } from './mongodbLane.mjs'
import { readmeWithLaneTable } from '../scripts/mongodb-lane-table.mjs'

const root = path.resolve(import.meta.dirname, '..')

interface LeftOut {
  file: string
  test?: string
  reason: string
  why: string
  command?: string
}

test('every test left out of the MongoDB lane exists and says why', () => {
  const problems: string[] = []
  for (const entry of MONGODB_LANE_LEFT_OUT as LeftOut[]) {
    const file = path.join(root, entry.file)
    if (!fs.existsSync(file)) {
      problems.push(`${entry.file}: no such file`)
      continue
    }
    // The test is declared with this exact title (a string literal in the file).
    if (entry.test && !fs.readFileSync(file, 'utf8').includes(JSON.stringify(entry.test).slice(1, -1))) problems.push(`${entry.file}: no test "${entry.test}"`)
    if (!['sql-only', 'server-gap', 'open-bug', 'unexplained'].includes(entry.reason)) problems.push(`${entry.file}: unknown reason ${entry.reason}`)
    if (!entry.why) problems.push(`${entry.file}: no why`)
    if (entry.reason !== 'sql-only' && !entry.command) problems.push(`${entry.file}: a ${entry.reason} needs the failing command`)
  }
  expect(problems).toEqual([])
})

test("README.md's table of what the MongoDB lane leaves out is generated from the list", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  expect(readmeWithLaneTable(readme) === readme ? 'current' : 'stale: run `node scripts/mongodb-lane-table.mjs`').toBe('current')
})
