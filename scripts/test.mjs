#!/usr/bin/env node
// `npm test`: the whole suite. Installs from the lockfile if needed, makes sure PostgreSQL and
// Redis run, the admin is built and Chromium is there for the browser tests, then runs Jest.
// TEST_DATABASE=postgres runs it on PostgreSQL; TEST_DATABASE=mongodb on a MongoDB-wire test
// server per test file (tests/helpers/mongodbServer.ts), leaving out what tests/mongodbLane.mjs
// lists, with its reasons printed first.
import { ensureAdminBuild, ensureChromium, ensureDependencies, ensureMongoWireServer, ensurePostgres, ensureRedis, run } from './lib.mjs'

try {
  ensureDependencies()
  await ensurePostgres()
  await ensureRedis()
  ensureChromium()
  ensureAdminBuild()
  const database = process.env.TEST_DATABASE ?? 'sqlite'
  const laneArguments = []
  if (database === 'mongodb') {
    ensureMongoWireServer()
    const { MONGODB_LANE_LEFT_OUT, filesLeftOut } = await import('../tests/mongodbLane.mjs')
    console.log(`Left out of the MongoDB lane (${MONGODB_LANE_LEFT_OUT.length}, tests/mongodbLane.mjs):`)
    for (const entry of MONGODB_LANE_LEFT_OUT) {
      console.log(`  ${entry.file}${entry.test ? ` > ${entry.test}` : ''}: ${entry.reason}, ${entry.why}`)
    }
    // Jest takes the ignore patterns as regular expressions.
    for (const file of filesLeftOut()) laneArguments.push('--testPathIgnorePatterns', file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  }
  console.log(`Running the test suite on ${database} ...`)
  // Jest's own binary under this Node, with ES modules on (Payload is ESM-only). Not through
  // npx: npm would replace NODE_OPTIONS with the `node-options` of .npmrc.
  run(
    process.execPath,
    // The lane's ignore patterns last: Jest would take the file names after them as more patterns.
    ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', ...process.argv.slice(2), ...laneArguments],
    { env: { ...process.env, TEST_DATABASE: database, NODE_OPTIONS: '--conditions=production' } },
  )
} catch (error) {
  console.error(error.message)
  process.exit(1)
}
