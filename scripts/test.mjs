#!/usr/bin/env node
// `npm test`: the whole suite. Installs from the lockfile if needed, makes sure PostgreSQL runs
// and the admin is built, then runs Jest. TEST_DATABASE=postgres runs it on PostgreSQL.
import { ensureAdminBuild, ensureDependencies, ensurePostgres, run } from './lib.mjs'

try {
  ensureDependencies()
  await ensurePostgres()
  ensureAdminBuild()
  const database = process.env.TEST_DATABASE ?? 'sqlite'
  console.log(`Running the test suite on ${database} ...`)
  run('npx', ['jest', ...process.argv.slice(2)], {
    env: {
      ...process.env,
      TEST_DATABASE: database,
      NODE_OPTIONS: '--experimental-vm-modules --conditions=production --no-warnings=ExperimentalWarning',
    },
  })
} catch (error) {
  console.error(error.message)
  process.exit(1)
}
