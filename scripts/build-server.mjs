#!/usr/bin/env node
// `node scripts/build-server.mjs [--if-stale]`: compiles the server into dist/ (see
// ensureServerBuild in lib.mjs). `npm run build` runs it; `npm start` runs it with --if-stale first.
import { ensureServerBuild } from './lib.mjs'

try {
  await ensureServerBuild({ force: !process.argv.includes('--if-stale') })
} catch (error) {
  console.error(`Compiling the server failed: ${error.message}`)
  process.exit(1)
}
