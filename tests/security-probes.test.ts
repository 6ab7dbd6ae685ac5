/**
 * `npm run security` (scripts/security.ts) against a real server with published and unpublished
 * content, as an outside tester runs it: every probe of issue 20's findings holds, write probes
 * included. The per-IP sign-in budget is raised so that the per-account budget is what the
 * spelling probe spends (the probe signs in as two staff members and tries several spellings).
 */
import { spawn } from 'node:child_process'

import { createContent, createStaff, DEFAULT_TEST_PASSWORD } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { ROOT, type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let server: RunningServer

beforeAll(async () => {
  ctx = await startTestPayload('security-probes')
  const staff = await createStaff(ctx.payload)
  await createContent(ctx.payload, staff)
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false', RATE_LIMIT_LOGIN_PER_IP: '100/1m' })
}, 180_000)
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

test('npm run security: every probe holds against the server', async () => {
  const args = ['--import', 'tsx', 'scripts/security.ts', '--url', server.url, '--editor', `editor@test.careline:${DEFAULT_TEST_PASSWORD}`, '--admin', `admin@test.careline:${DEFAULT_TEST_PASSWORD}`, '--writes']
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  console.log(output)
  expect(output).toMatch(/^(\d+) of \1 probes held/m)
  expect(output).not.toMatch(/^FAIL/m)
  // Only the server-action probe is not tried: this server is API-only (tests/server-actions.test.ts covers it with the admin).
  expect(output.match(/^skip.*/gm) ?? []).toEqual([expect.stringContaining('#3 ')])
  expect(code).toBe(0)
}, 180_000)
