/**
 * The committed contracts (TypeScript types, GraphQL SDL, the admin import map) must match what
 * the config produces now. If this fails, run `npm run generate` and commit the result.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { configToSchema } from '@payloadcms/graphql'
import { printSchema } from 'graphql'
import { generateImportMap, type SanitizedConfig } from 'payload'
import { generateTypes } from 'payload/node'

const root = path.resolve(import.meta.dirname, '..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-generated-'))
let config: SanitizedConfig

beforeAll(async () => {
  config = await (await import('../src/payload.config')).default
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const read = (file: string) => fs.readFileSync(file, 'utf8')
const STALE = 'is stale: run `npm run generate` and commit the result'

test(`src/payload-types.ts matches the config`, async () => {
  const out = path.join(tmp, 'payload-types.ts')
  process.env.PAYLOAD_TS_OUTPUT_PATH = out
  try {
    await generateTypes(config, { log: false })
  } finally {
    delete process.env.PAYLOAD_TS_OUTPUT_PATH
  }
  expect({ file: 'src/payload-types.ts', upToDate: read(out) === read(path.join(root, 'src/payload-types.ts')) }).toEqual({
    file: 'src/payload-types.ts',
    upToDate: true,
  })
})

test('schema.graphql matches the config and declares the clinical types', () => {
  const sdl = printSchema(configToSchema(config).schema)
  const committed = read(path.join(root, 'schema.graphql'))
  expect(sdl === committed ? 'up to date' : `schema.graphql ${STALE}`).toBe('up to date')
  for (const type of ['Condition', 'Symptom', 'Treatment', 'DiagnosticTest', 'Location']) {
    expect(committed).toMatch(new RegExp(`^type ${type} \\{`, 'm'))
  }
})

test('the admin import map matches the config', async () => {
  // Beside the real one: the map imports local components by paths relative to itself.
  const out = path.join(root, 'src/app/(payload)/admin/importMap.check.tmp.js')
  const withTempMap = { ...config, admin: { ...config.admin, importMap: { ...config.admin.importMap, importMapFile: out } } }
  await generateImportMap(withTempMap as SanitizedConfig, { force: true, log: false })
  const committed = read(path.join(root, 'src/app/(payload)/admin/importMap.js'))
  const generated = read(out)
  fs.rmSync(out, { force: true })
  expect(generated === committed ? 'up to date' : `importMap.js ${STALE}`).toBe('up to date')
})
