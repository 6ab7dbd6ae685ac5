// Jest global setup: compile the server from the current sources before any test starts one
// (tests/helpers/server.ts runs dist/server.js, as `npm start` does).
import { ensureServerBuild } from '../../scripts/lib.mjs'

export default async function globalSetup() {
  await ensureServerBuild({ quiet: true })
}
