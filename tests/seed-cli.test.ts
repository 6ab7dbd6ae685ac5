/**
 * `npm run seed` as a newcomer runs it, then the platform's public API: the seeded condition is
 * reachable over GraphQL with its subtypes, symptoms, tests and treatments.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { createTestDatabase, type TestDatabase } from './helpers/database'
import { ROOT, type RunningServer, startServer } from './helpers/server'

let database: TestDatabase
let server: RunningServer | undefined
/** The demo accounts' password, set here: the last test signs in with it, whatever the environment says. */
const DEMO_PASSWORD = 'seed-cli-demo-password'

const seed = (args: string[]) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['seed/index.ts', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '--conditions=production',
        NODE_ENV: 'development',
        DATABASE_URI: database.uri,
        DEMO_PASSWORD,
      },
    })
    let output = ''
    child.stdout.on('data', (c) => (output += c))
    child.stderr.on('data', (c) => (output += c))
    child.on('exit', (code) => resolve({ code, output }))
  })

beforeAll(async () => {
  database = await createTestDatabase('seed_cli')
})
afterAll(async () => {
  await server?.stop()
  await database?.drop()
})

test('seed --publish imports the bundled document, demo accounts and sample locations', async () => {
  const { code, output } = await seed(['--publish'])
  expect(output).toMatch(/Imported "Back or spine neuropathy" from back-spine-neuropathy.txt in \d+ ms \(reviewed and published by Dr\. Demo Reviewer: \d+ records went live\)/)
  expect(output).toMatch(/conditions\s*│\s*4\s*│\s*0\s*│\s*0/)
  expect(output).toMatch(/symptoms\s*│\s*10\s*│/)
  expect(output).toContain('Demo accounts: 3 created')
  expect(output).toContain('Sample locations: 4 created')
  expect(code).toBe(0)
})

test('seeding again changes nothing', async () => {
  const { code, output } = await seed(['--publish'])
  expect(code).toBe(0)
  expect(output).toMatch(/conditions\s*│\s*0\s*│\s*0\s*│\s*4/)
  expect(output).toContain('Demo accounts: 0 created, 3 already there')
})

test('a plain import is submitted for review as one bundle, by the editor named, to the reviewer named', async () => {
  const fixture = path.join(ROOT, 'tests/fixtures/documents/carpal-tunnel-syndrome.md')
  const { code, output } = await seed(['--file', fixture, '--as', 'editor@example.com', '--reviewer', 'reviewer@example.com'])
  expect(output).toMatch(/Imported "[^"]+" from carpal-tunnel-syndrome.md in \d+ ms \(submitted for review by Demo Editor as one bundle, to Dr\. Demo Reviewer\)/)
  expect(code).toBe(0)
  const unknown = await seed(['--file', fixture, '--as', 'nobody@example.com'])
  expect(unknown.code).toBe(2)
  expect(unknown.output).toContain('--as nobody@example.com: there is no account with that e-mail.')
})

test('bad input: a clear message, exit code 2', async () => {
  const missing = await seed(['--file', 'no/such/file.txt'])
  expect(missing.code).toBe(2)
  expect(missing.output).toContain('Import failed: No such file: no/such/file.txt')
  const unknown = await seed(['--frobnicate'])
  expect(unknown.code).toBe(2)
  expect(unknown.output).toMatch(/Import failed: .*Usage: npm run seed/)
})

test('the published condition answers over GraphQL with its linked records; demo logins work', async () => {
  server = await startServer({ API_ONLY: 'true', DATABASE_URI: database.uri })
  const query = `{
    Conditions(where: { slug: { equals: "back-or-spine-neuropathy" } }) { docs {
      name
      subtypes { docs { name } }
      symptoms { group symptom { name category } }
      diagnosticTests { name kind detects }
      treatments { name kind invasiveness }
      specialties { name }
    } }
    Locations { totalDocs docs { name isSampleData } }
  }`
  const res = await fetch(`${server.url}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
  const { data, errors } = (await res.json()) as { data: any; errors?: unknown }
  expect(errors).toBeUndefined()
  const condition = data.Conditions.docs[0]
  expect(condition.name).toBe('Back or spine neuropathy')
  expect(condition.subtypes.docs.map((d: { name: string }) => d.name).sort()).toEqual(['Cervical radiculopathy', 'Failed back surgery syndrome', 'Lumbar radiculopathy'])
  expect(condition.symptoms).toHaveLength(10)
  expect(condition.symptoms.filter((s: { group: string }) => s.group === 'pain')).toHaveLength(4)
  expect(condition.diagnosticTests).toHaveLength(5)
  expect(condition.treatments.find((t: { name: string }) => t.name === 'Decompression surgery')).toEqual({ name: 'Decompression surgery', kind: 'surgery', invasiveness: 'surgical' })
  expect(condition.specialties).toEqual([{ name: 'Orthopedics' }])
  expect(data.Locations.totalDocs).toBe(4)
  expect(data.Locations.docs.every((l: { isSampleData: boolean; name: string }) => l.isSampleData && l.name.startsWith('Sample'))).toBe(true)

  const login = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'reviewer@example.com', password: DEMO_PASSWORD }),
  })
  expect(login.status).toBe(200)
  expect(((await login.json()) as { user: { role: string } }).user.role).toBe('reviewer')
})
