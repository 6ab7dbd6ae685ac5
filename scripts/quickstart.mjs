#!/usr/bin/env node
// `npm run quickstart`: from a fresh clone to a running platform on the embedded SQLite database.
// Installs from the lockfile when needed, imports the bundled patient-education document
// (published, so the public API shows it) with demo accounts and sample locations, then starts
// the development server on PORT (3000). Running it again changes no content.
import { spawn } from 'node:child_process'

import { ensureDependencies, ROOT, run } from './lib.mjs'

try {
  ensureDependencies()
  run('npm', ['run', 'seed', '--', '--publish'])
} catch (error) {
  console.error(error.message)
  process.exit(1)
}
console.log('Starting Careline at http://localhost:' + (process.env.PORT ?? 3000) + '/admin (first page load compiles the admin) ...')
const child = spawn('npm', ['run', 'dev'], { cwd: ROOT, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
