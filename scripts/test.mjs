#!/usr/bin/env node
// `npm test`: the whole suite. Installs from the lockfile if needed, makes sure PostgreSQL and
// Redis run, the admin is built and Chromium is there for the browser tests, then runs Jest.
// TEST_DATABASE=postgres runs it on PostgreSQL.
import { ensureAdminBuild, ensureChromium, ensureDependencies, ensurePostgres, ensureRedis, run } from './lib.mjs'

try {
  ensureDependencies()
  await ensurePostgres()
  await ensureRedis()
  ensureChromium()
  ensureAdminBuild()
  const database = process.env.TEST_DATABASE ?? 'sqlite'
  console.log(`Running the test suite on ${database} ...`)
  // Jest's own binary under this Node, with ES modules on (Payload is ESM-only). Not through
  // npx: npm would replace NODE_OPTIONS with the `node-options` of .npmrc.
  run(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', ...process.argv.slice(2)],
    { env: { ...process.env, TEST_DATABASE: database, NODE_OPTIONS: '--conditions=production' } },
  )
} catch (error) {
  console.error(error.message)
  process.exit(1)
}
