#!/usr/bin/env node
// Writes README.md's "Left out of the MongoDB lane" table from tests/mongodbLane.mjs, the one list
// (`node scripts/mongodb-lane-table.mjs`; with --check it only says whether the README is
// current). tests/mongodb-lane.test.ts runs the check.
import fs from 'node:fs'
import path from 'node:path'

import { MONGODB_LANE_LEFT_OUT } from '../tests/mongodbLane.mjs'

const README = path.resolve(import.meta.dirname, '../README.md')
const START = '<!-- mongodb-lane:start (generated from tests/mongodbLane.mjs by scripts/mongodb-lane-table.mjs) -->'
const END = '<!-- mongodb-lane:end -->'

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function laneTable(entries = MONGODB_LANE_LEFT_OUT) {
  const rows = entries.map((entry) =>
    `| \`${entry.file}\`${entry.test ? ` > ${cell(entry.test)}` : ' (whole file)'} | ${entry.reason} | ${cell(entry.why)} | ${entry.command ? `\`${cell(entry.command)}\`` : ''} |`,
  )
  return [START, '| Test | Reason | Why | What fails on the test server |', '| --- | --- | --- | --- |', ...rows, END].join('\n')
}

export function readmeWithLaneTable(readme) {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} section`)
  return readme.slice(0, start) + laneTable() + readme.slice(end + END.length)
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const readme = fs.readFileSync(README, 'utf8')
  const updated = readmeWithLaneTable(readme)
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error('README.md\'s MongoDB lane table is stale: run `node scripts/mongodb-lane-table.mjs`.')
      process.exit(1)
    }
  } else {
    fs.writeFileSync(README, updated)
    console.log(`README.md: ${MONGODB_LANE_LEFT_OUT.length} entries left out of the MongoDB lane`)
  }
}
